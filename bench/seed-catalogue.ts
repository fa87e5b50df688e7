// A big catalogue for the benches, written fast: raw inserts on the server's own connection in one
// transaction, rows as the product import writes a new product (the product, its first price
// history entry, its barcodes) plus the opening stock the demo seed gives every product, the
// name-search index kept by its trigger. With the sparse cases a real catalogue has and the product
// list's filters look for: archived goods, minimum levels (some below), goods without a barcode or
// a cost, products with variants, and one small supplier among the big ones.
import { normaliseBarcode, withCheckDigit } from '../shared/barcodes.ts';
import { newId } from '../shared/ids.ts';
import { generateProducts, seedDemoData } from '../prisma/seed/demo.ts';
import { DEMO_SUPPLIERS } from '../prisma/seed/suppliers.ts';
import { openOutletDatabase, sqliteOf, type Db } from '../server/db/client.ts';
import { sqliteTimestamp, statement } from '../server/db/statements.ts';

/** Products the demo seed writes itself (the weighed and labelled goods with PLUs among them). */
const DEMO_PRODUCTS = 520;

/**
 * A new outlet database in `file`: the demo shop (outlet, users, tax rates, categories, rules,
 * customers and its first products) through the product's own seed, then the rest of `products`.
 */
export async function seedCatalogue(file: string, products: number): Promise<void> {
  const db = await openOutletDatabase(`file:${file}`);
  try {
    const { outletId } = await seedDemoData(db, { productCount: Math.min(products, DEMO_PRODUCTS), customerCount: 50 });
    if (products <= DEMO_PRODUCTS) return;
    // One big transaction into new pages: a rollback journal holds next to nothing, where WAL would
    // write every page twice. A benchmark's throw-away file needs no durability while it is filled.
    await db.$queryRawUnsafe('PRAGMA journal_mode = DELETE');
    await db.$executeRawUnsafe('PRAGMA synchronous = OFF');
    await db.$executeRawUnsafe('PRAGMA cache_size = -262144');
    await seedProducts(db, outletId, products);
    await db.$queryRawUnsafe('PRAGMA optimize');
    await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  } finally {
    await db.$disconnect();
  }
}

/** The supplier of a few hundred products spread over the catalogue, the hard case of the supplier filter. */
export const SMALL_SUPPLIER = { code: 'FERMA', name: 'Ūkininko ferma', every: 5_000 };

/** How often the sparse cases occur: one product in `n`. */
export const SPARSE = { archived: 97, minimum: 20, belowMinimum: 10, noBarcode: 499, noCost: 997, family: 211 };

/**
 * Tops the outlet's catalogue up to `total` products with the demo seed's generator (the ones
 * after those already there), in one transaction. Answers the small supplier's id.
 */
export async function seedProducts(db: Db, outletId: string, total: number): Promise<{ smallSupplierId: string; added: number }> {
  const sql = sqliteOf(db);
  const existing = (statement(sql, `SELECT COUNT(*) AS n FROM "Product" WHERE "kind" NOT IN ('gift-card', 'deposit') AND "parentId" IS NULL`).get() as { n: number }).n;
  const categories = new Map((statement(sql, `SELECT "code", "id" FROM "Category"`).all() as { code: string; id: string }[]).map((c) => [c.code, c.id]));
  const taxes = new Map((statement(sql, `SELECT "code", "id" FROM "TaxRate"`).all() as { code: string; id: string }[]).map((t) => [t.code, t.id]));
  const suppliers = new Map((statement(sql, `SELECT "code", "id" FROM "Supplier"`).all() as { code: string; id: string }[]).map((s) => [s.code, s.id]));
  const ownerId = (statement(sql, `SELECT "id" FROM "User" WHERE "role" = 'owner'`).get() as { id: string }).id;
  // The secondary indexes of the tables filled are made again after the rows are in: sorting a
  // million keys once is far faster than a million inserts at random places (the same indexes, as
  // the migrations define them).
  const filled = ['Product', 'PriceChange', 'Barcode', 'StockMovement', 'StockBalance', 'StockLevel', 'SupplierProduct', '_SupplierListing'];
  // Not the barcodes' product index: the no-barcode trigger looks a new product's barcodes up in it,
  // and without it read every barcode written so far for each product (29 minutes for 200,000).
  const kept = ['Barcode_productId_idx'];
  const indexes = (statement(sql, `SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "tbl_name" IN (${filled.map(() => '?').join(',')})`).all(...filled) as { name: string; sql: string }[]).filter((index) => !kept.includes(index.name));
  let added = 0;
  // A catalogue seeded before (a cached file) keeps its small supplier and needs no more rows.
  const small = statement(sql, `SELECT "id" FROM "Supplier" WHERE "code" = ?`).get(SMALL_SUPPLIER.code) as { id: string } | undefined;
  const smallSupplierId = small?.id ?? newId();
  if (small && existing >= total) return { smallSupplierId, added };
  await db.$transaction(
    async () => {
      for (const index of indexes) sql.exec(`DROP INDEX "${index.name}"`);
      const now = sqliteTimestamp();
      if (!small) statement(sql, `INSERT INTO "Supplier" ("id","code","name","leadTimeDays","createdAt") VALUES (?,?,?,1,?)`).run(smallSupplierId, SMALL_SUPPLIER.code, SMALL_SUPPLIER.name, now);
      // A thousand products a statement: FTS5 writes the name index's pending entries at every
      // statement that touches it, once per product otherwise.
      const COLUMNS = ['id', 'sku', 'name', 'searchName', 'unit', 'categoryId', 'taxRateId', 'price', 'cost', 'discountable', 'priceLabelled', 'kind', 'active', 'plu', 'parentId', 'options', 'optionValues'] as const;
      const insertProducts = sql.prepare(
        `INSERT INTO "Product" (${COLUMNS.map((c) => `"${c}"`).join(',')},"createdAt","updatedAt") SELECT ${COLUMNS.map((_, i) => `value ->> ${i}`).join(', ')}, @now, @now FROM json_each(@rows)`,
      );
      // A batch's barcodes, prices, stock and suppliers are written after its products: a row whose
      // product is not there yet would make every later product's insert look through the tables
      // that point at products, which have no indexes while they are filled.
      let rows: unknown[][] = [];
      let dependents: (() => void)[] = [];
      const product = (row: Record<(typeof COLUMNS)[number], unknown>) => rows.push(COLUMNS.map((c) => row[c]));
      const flush = () => {
        if (rows.length) insertProducts.run({ rows: JSON.stringify(rows), now });
        for (const write of dependents) write();
        rows = [];
        dependents = [];
      };
      const price = sql.prepare(`INSERT INTO "PriceChange" ("id","productId","price","previousPrice","effectiveAt","appliedAt","createdById","createdAt") VALUES (?,?,?,NULL,@now,@now,?,@now)`);
      const barcode = sql.prepare(`INSERT INTO "Barcode" ("code","productId") VALUES (?, ?)`);
      const movement = sql.prepare(`INSERT INTO "StockMovement" ("id","outletId","productId","kind","quantityMilli","documentId","createdAt") VALUES (?,?,?,'delivery',?,?,?)`);
      const balance = sql.prepare(`INSERT INTO "StockBalance" ("outletId","productId","quantityMilli") VALUES (?,?,?)`);
      const level = sql.prepare(`INSERT INTO "StockLevel" ("outletId","productId","minMilli") VALUES (?,?,?)`);
      const supplied = sql.prepare(`INSERT INTO "SupplierProduct" ("supplierId","productId","supplierSku","unitCost","packMilli") VALUES (?,?,?,?,?)`);
      const openingStock = newId();
      let n = -1;
      for (const p of generateProducts(total)) {
        if (++n < existing) continue;
        added++;
        const id = newId();
        const family = n % SPARSE.family === 0 && p.plu === null;
        const noCost = n % SPARSE.noCost === 0;
        const row = {
          id, sku: p.sku, name: p.name, searchName: p.name.toLowerCase(), unit: p.unit, categoryId: categories.get(p.categoryCode)!, taxRateId: taxes.get(p.tax)!,
          price: p.price, cost: noCost ? 0 : p.cost, discountable: p.discountable ? 1 : 0, priceLabelled: p.plu !== null ? 1 : 0,
          kind: family ? 'family' : 'goods', active: n % SPARSE.archived === 0 ? 0 : 1, plu: family ? null : p.plu, parentId: null,
          options: family ? JSON.stringify([{ name: 'Size', values: ['S', 'M', 'L'] }]) : null, optionValues: null,
        };
        product(row);
        const sellable = family
          ? ['S', 'M', 'L'].map((size, v) => {
              const variant = { ...row, id: newId(), sku: `${p.sku}-${size}`, name: `${p.name} ${size}`, searchName: `${p.name} ${size}`.toLowerCase(), kind: 'goods', parentId: id, options: null, optionValues: JSON.stringify([size]) };
              product(variant);
              return { id: variant.id, codes: [withCheckDigit(`478${String(n * 3 + v).padStart(9, '0')}`)] };
            })
          : [{ id, codes: n % SPARSE.noBarcode === 0 ? [] : p.barcodes }];
        // The writes below run at the batch's flush, when n has moved on: they take this product's number.
        const at = n;
        for (const s of sellable) dependents.push(() => {
          price.run(newId(), s.id, p.price, ownerId, { now });
          for (const code of s.codes) barcode.run(normaliseBarcode(code).code, s.id);
          movement.run(newId(), outletId, s.id, p.stockMilli, openingStock, now);
          balance.run(outletId, s.id, p.stockMilli);
          if (at % SPARSE.minimum === 0) level.run(outletId, s.id, at % (SPARSE.minimum * SPARSE.belowMinimum) === 0 ? p.stockMilli + 1000 : Math.floor(p.stockMilli / 2));
          const demo = DEMO_SUPPLIERS.find((d) => d.category === p.categoryCode);
          if (demo && p.unit === 'piece' && p.plu === null) supplied.run(suppliers.get(demo.code)!, s.id, `${demo.code}-${p.sku.slice(-4)}`, p.cost, demo.packMilli);
          if (at % SMALL_SUPPLIER.every === 0) supplied.run(smallSupplierId, s.id, `${SMALL_SUPPLIER.code}-${at}`, p.cost, 1000);
        });
        if (rows.length >= 1_000) flush();
      }
      flush();
      for (const index of indexes) sql.exec(index.sql);
    },
    { timeout: 3_600_000 },
  );
  return { smallSupplierId, added };
}
