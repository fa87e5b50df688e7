// A big catalogue, fast: the demo shop (outlet, users, tax rates, categories, rules, customers and
// its first products) through the product's own seed, then the rest of `products` written with raw
// better-sqlite3 in one transaction, row for row as the product import writes a new product
// (server/importexport/product-import.ts: the product, its first price history entry, its barcodes)
// plus the opening stock the demo seed gives every product (a delivery movement and its balance).
// The name search index (ProductNameSearch, FTS5) is filled by the database's own trigger.
import Database from 'better-sqlite3';
import { openOutletDatabase } from '../server/db/client.ts';
import { sqliteTimestamp } from '../server/db/statements.ts';
import { generateProducts, seedDemoData } from '../prisma/seed/demo.ts';
import { normaliseBarcode } from '../shared/barcodes.ts';
import { newId } from '../shared/ids.ts';

/** Products the demo seed writes itself (the weighed and labelled goods with PLUs among them). */
const DEMO_PRODUCTS = 520;

export async function seedCatalogue(file: string, products: number): Promise<void> {
  const db = await openOutletDatabase(`file:${file}`);
  await seedDemoData(db, { productCount: Math.min(products, DEMO_PRODUCTS), customerCount: 50 });
  await db.$disconnect();
  if (products <= DEMO_PRODUCTS) return;

  // One big transaction into new pages: a rollback journal holds next to nothing, where WAL would
  // write every page twice. A benchmark's throw-away file needs no durability while it is filled.
  const sql = new Database(file);
  sql.pragma('journal_mode = DELETE');
  sql.pragma('synchronous = OFF');
  sql.pragma('cache_size = -262144');
  const outletId = (sql.prepare(`SELECT "id" FROM "Outlet"`).get() as { id: string }).id;
  const ownerId = (sql.prepare(`SELECT "id" FROM "User" WHERE "role" = 'owner'`).get() as { id: string }).id;
  const taxes = new Map((sql.prepare(`SELECT "code", "id" FROM "TaxRate"`).all() as { code: string; id: string }[]).map((r) => [r.code, r.id]));
  const categories = new Map((sql.prepare(`SELECT "code", "id" FROM "Category"`).all() as { code: string; id: string }[]).map((r) => [r.code, r.id]));
  const insertProduct = sql.prepare(
    `INSERT INTO "Product" ("id","sku","name","searchName","unit","categoryId","taxRateId","price","cost","discountable","priceLabelled","plu","kind","active","createdAt","updatedAt")
     VALUES (@id,@sku,@name,@searchName,@unit,@categoryId,@taxRateId,@price,@cost,@discountable,@priceLabelled,@plu,'goods',1,@now,@now)`,
  );
  const insertPrice = sql.prepare(`INSERT INTO "PriceChange" ("id","productId","price","previousPrice","effectiveAt","appliedAt","createdById","createdAt") VALUES (?,?,?,NULL,@now,@now,?,@now)`);
  const insertBarcode = sql.prepare(`INSERT INTO "Barcode" ("code","productId") VALUES (?,?)`);
  const insertMovement = sql.prepare(`INSERT INTO "StockMovement" ("id","outletId","productId","kind","quantityMilli","documentId","createdAt") VALUES (?,?,?,'delivery',?,?,@now)`);
  const insertBalance = sql.prepare(`INSERT INTO "StockBalance" ("outletId","productId","quantityMilli") VALUES (?,?,?)`);
  // The secondary indexes of the tables filled are made again after the rows are in: sorting a
  // million keys once is far faster than a million inserts at random places (the same indexes, as
  // the migrations define them).
  const filled = ['Product', 'PriceChange', 'Barcode', 'StockMovement', 'StockBalance'];
  const indexes = sql.prepare(`SELECT "name", "sql" FROM sqlite_master WHERE "type" = 'index' AND "sql" IS NOT NULL AND "tbl_name" IN (${filled.map(() => '?').join(',')})`).all(...filled) as { name: string; sql: string }[];
  const openingStockId = newId();
  const now = sqliteTimestamp();
  sql.transaction(() => {
    for (const index of indexes) sql.exec(`DROP INDEX "${index.name}"`);
    let n = 0;
    for (const p of generateProducts(products)) {
      if (++n <= DEMO_PRODUCTS) continue;
      const id = newId();
      insertProduct.run({
        id, sku: p.sku, name: p.name, searchName: p.name.toLowerCase(), unit: p.unit, categoryId: categories.get(p.categoryCode) ?? null, taxRateId: taxes.get(p.tax),
        price: p.price, cost: p.cost, discountable: p.discountable ? 1 : 0, priceLabelled: p.plu !== null ? 1 : 0, plu: p.plu, now,
      });
      insertPrice.run(newId(), id, p.price, ownerId, { now });
      for (const code of p.barcodes) insertBarcode.run(normaliseBarcode(code).code, id);
      insertMovement.run(newId(), outletId, id, p.stockMilli, openingStockId, { now });
      insertBalance.run(outletId, id, p.stockMilli);
    }
    for (const index of indexes) sql.exec(index.sql);
  })();
  sql.pragma('optimize');
  sql.pragma('journal_mode = WAL');
  sql.close();
}
