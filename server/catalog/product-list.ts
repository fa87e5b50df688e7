import type Database from 'better-sqlite3';
import { normaliseBarcode } from '../../shared/barcodes.ts';
import { priceInForce } from '../../shared/pricing/price-changes.ts';
import type { ProductListQuery, ProductPage, ProductRow } from '../../shared/schemas/products.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { badRequest } from '../http/errors.ts';
import { pendingPriceChanges } from './repository.ts';
import { nameCondition } from './name-search.ts';

/** The columns a page is sorted by; each has an index ending in the id, for keyset paging. */
const SORT_COLUMN: Record<ProductListQuery['sort'], string> = { name: 'p."searchName"', sku: 'p."sku"', price: 'p."price"', updated: 'p."updatedAt"' };

/** The same sort keys in the supplier's list rows (migration 0050), whose indexes hold them per supplier. */
const LISTING_SORT_COLUMN: Record<ProductListQuery['sort'], string> = { name: 's."searchName"', sku: 's."sku"', price: 's."price"', updated: 's."updatedAt"' };

/** The column naming each sort's index of the archived products (Product_archived_<column>_idx, derived-data.ts). */
const ARCHIVED_INDEX: Record<ProductListQuery['sort'], string> = { name: 'searchName', sku: 'sku', price: 'price', updated: 'updatedAt' };

/** The product row or, for a product with variants, any of its variants. */
const MEMBER = `(v."id" = p."id" AND p."kind" <> 'family' OR v."parentId" = p."id")`;

/**
 * Above this many rows a filter's matches are dense enough for a walk along the sort's index to
 * find a page soon (one row in a hundred of a million), and sorting them all would cost more.
 */
const NARROW_CAP = 10_000;

/**
 * A filter's rows as the ids of the list's rows they show under, with the statement's parameters;
 * `rows` counts the same rows more cheaply where the ids need a join.
 */
interface Narrowing {
  ids: string;
  rows?: string;
  params: Record<string, unknown>;
  /** The filter's condition on the list's rows, left out when these ids drive: they are exactly its rows. */
  condition?: string;
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: ProductListQuery['sort']): [string | number, string] {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const valueOk = sort === 'price' ? Number.isSafeInteger(value) : typeof value === 'string';
    if (valueOk && typeof id === 'string') return [value as string | number, id];
  } catch {
    // Falls through to the refusal.
  }
  throw badRequest('invalid-cursor', 'The page cursor is not one this list gave', [{ path: 'after', message: 'unknown cursor' }]);
}

/**
 * The back office's product list: one row per product (a product with variants with its variants
 * under it), filtered, searched and sorted, a page at a time by keyset on indexed columns, so the
 * first page and the next one cost the same with a million products as with a hundred.
 */
export class ProductList {
  readonly #sql: Database.Database;

  constructor(
    db: Db,
    private readonly outletId: string,
    private readonly chain: boolean,
  ) {
    this.#sql = sqliteOf(db);
  }

  page(q: ProductListQuery): ProductPage {
    const { sql, params } = this.query(q);
    const rows = statement(this.#sql, sql).all(params) as RawRow[];
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const sortValue = (r: RawRow) => (q.sort === 'name' ? r.searchName : q.sort === 'sku' ? r.sku : q.sort === 'price' ? r.price : r.updatedAt);
    return {
      items: this.#rows(page),
      next: more && last ? encodeCursor(sortValue(last), last.id) : null,
      editable: !this.chain,
      owner: this.chain ? 'head-office' : 'outlet',
    };
  }

  /**
   * The statement a page runs. A filter that matches few rows (under NARROW_CAP, counted in the
   * index or table that holds only its rows) drives the query from those rows, which are then
   * sorted; with none, or only filters that match many, the sort's index is read in order and the
   * filters checked on its rows, which find a page after a short walk. A supplier's rows have an
   * index of their own in each sort (however many or few, and wherever they stand in the
   * catalogue's order), which is read instead unless another filter matches fewer; so have the
   * archived products.
   */
  query(q: ProductListQuery): { sql: string; params: Record<string, unknown> } {
    // The unary + keeps SQLite off the parentId index, where every product but the variants is
    // NULL: walking it reads the whole catalogue and sorts it, instead of reading the sort's index.
    const where: string[] = [`+p."parentId" IS NULL`];
    const params: Record<string, unknown> = { outletId: this.outletId };
    const narrowings: Narrowing[] = [];
    if (q.status !== 'all') where.push(`p."active" = ${q.status === 'active' ? 1 : 0}`);
    // Archived rows are read in the sort's order from an index of theirs (Product_archived_<sort>_idx);
    // with a supplier's rows, which have their own, the fewer drive the page.
    if (q.status === 'archived' && q.supplierId) narrowings.push({ ids: `SELECT x."id" FROM "Product" x WHERE x."active" = 0 AND +x."parentId" IS NULL`, params: {} });
    if (q.categoryId) {
      const tree = statement(this.#sql, `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT c."id" FROM "Category" c JOIN tree ON c."parentId" = tree.id) SELECT id FROM tree`).all(q.categoryId) as { id: string }[];
      // One category is read in name order from its own index; a tree from a list, sorted.
      const categories = { categoryIds: JSON.stringify(tree.map((c) => c.id)) };
      if (tree.length === 1) {
        params.categoryId = q.categoryId;
        where.push(`p."categoryId" = @categoryId`);
      } else {
        Object.assign(params, categories);
        where.push(`p."categoryId" IN (SELECT value FROM json_each(@categoryIds))`);
      }
      narrowings.push({
        ids: `SELECT x."id" FROM "Product" x WHERE x."categoryId" IN (SELECT value FROM json_each(@categoryIds)) AND +x."parentId" IS NULL`,
        // Counted in the category index alone (variants too): checking parentId reads every row.
        rows: `SELECT 1 FROM "Product" x WHERE x."categoryId" IN (SELECT value FROM json_each(@categoryIds))`,
        params: categories,
      });
    }
    if (q.kind) {
      params.kind = q.kind === 'weighed' ? 'goods' : q.kind;
      const unit = q.kind === 'weighed' ? ` AND v."unit" = 'kg'` : q.kind === 'goods' ? ` AND v."unit" <> 'kg'` : '';
      where.push(`EXISTS (SELECT 1 FROM "Product" v WHERE ${MEMBER} AND v."kind" = @kind${unit})`);
      // Ordinary goods are most of a catalogue; every other kind is in Product_specialKind_idx.
      if (q.kind !== 'goods') {
        narrowings.push({
          ids: `SELECT COALESCE(v."parentId", v."id") AS "id" FROM "Product" v WHERE (v."kind" <> 'goods' OR v."unit" = 'kg') AND v."kind" = @kind${unit}`,
          params: { kind: params.kind },
        });
      }
    }
    // A supplier's rows are read in the sort's order from their own index (the list rows of each
    // supplier with their sort keys, kept by triggers): a walk along the catalogue's index probed
    // most of it for a supplier whose products sit together in that order.
    const supplier = q.supplierId ? { supplierId: q.supplierId } : null;
    if (q.belowMinimum) {
      // CROSS JOIN: the product's rows first, then their levels by key (SQLite took the partial index, every low product per row).
      const condition = `EXISTS (SELECT 1 FROM "Product" v CROSS JOIN "StockLevel" l ON l."outletId" = @outletId AND l."productId" = v."id" WHERE ${MEMBER} AND v."active" = 1 AND l."belowMinimum" = 1)`;
      where.push(condition);
      narrowings.push({
        // Not a product with variants' own level: MEMBER counts its variants' alone.
        ids: `SELECT COALESCE(v."parentId", v."id") AS "id" FROM "StockLevel" l JOIN "Product" v ON v."id" = l."productId" WHERE l."outletId" = @outletId AND l."belowMinimum" = 1 AND v."active" = 1 AND v."kind" <> 'family'`,
        rows: `SELECT 1 FROM "StockLevel" l WHERE l."outletId" = @outletId AND l."belowMinimum" = 1`,
        params: { outletId: this.outletId },
        condition,
      });
    }
    if (q.noBarcode) {
      const condition = `EXISTS (SELECT 1 FROM "Product" v WHERE ${MEMBER} AND v."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = v."id"))`;
      where.push(condition);
      narrowings.push({ ids: `SELECT w."listedId" AS "id" FROM "ProductWithoutBarcode" w`, params: {}, condition });
    }
    if (q.noCost) {
      where.push(`EXISTS (SELECT 1 FROM "Product" v WHERE ${MEMBER} AND v."kind" IN ('goods', 'service') AND v."cost" = 0)`);
      narrowings.push({ ids: `SELECT COALESCE(v."parentId", v."id") AS "id" FROM "Product" v WHERE v."cost" = 0 AND v."kind" IN ('goods', 'service')`, params: {} });
    }
    const text = q.q?.trim();
    if (text) where.push(this.#searchCondition(text, params));

    params.limit = q.limit + 1;
    const narrowest = this.#narrowest(narrowings, supplier ? this.#supplierRows(supplier.supplierId) : NARROW_CAP);
    if (narrowest) Object.assign(params, narrowest.params);
    // Checked again on each row, the driving filter's condition cost a page of a million products' low stock 40 ms.
    if (narrowest?.condition) where.splice(where.indexOf(narrowest.condition), 1);
    if (supplier) Object.assign(params, supplier);
    // With the supplier's rows driving, the page is sorted by their copy of the sort key, which
    // their index holds: SQLite reads it in order and stops at the page's end. With fewer rows
    // in another filter, those drive and the supplier is checked on each.
    const listing = supplier && !narrowest;
    if (listing) where.push(`s."supplierId" = @supplierId`);
    else if (supplier) {
      // Each row looked up by both columns of the key: through MEMBER's OR SQLite read the supplier's whole list per product.
      where.push(`(p."kind" <> 'family' AND EXISTS (SELECT 1 FROM "SupplierProduct" sp WHERE sp."supplierId" = @supplierId AND sp."productId" = p."id")
        OR p."kind" = 'family' AND EXISTS (SELECT 1 FROM "Product" v CROSS JOIN "SupplierProduct" sp ON sp."supplierId" = @supplierId AND sp."productId" = v."id" WHERE v."parentId" = p."id"))`);
    }
    const column = listing ? LISTING_SORT_COLUMN[q.sort] : SORT_COLUMN[q.sort];
    const id = listing ? 's."listedId"' : 'p."id"';
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    if (q.after) {
      const [value, afterId] = decodeCursor(q.after, q.sort);
      params.afterValue = value;
      params.afterId = afterId;
      where.push(`(${column}, ${id}) ${q.dir === 'asc' ? '>' : '<'} (@afterValue, @afterId)`);
    }
    // CROSS JOIN makes SQLite read the few rows (or the supplier's, in order) first, whatever it guesses of their number.
    const from = narrowest
      ? `(SELECT DISTINCT "id" FROM (${narrowest.ids})) hit CROSS JOIN "Product" p ON p."id" = hit."id"`
      : listing
        ? `"_SupplierListing" s CROSS JOIN "Product" p ON p."id" = s."listedId"`
        : q.status === 'archived'
          ? // Named: with the catalogue's statistics SQLite took Product_archived_idx, all ten thousand archived rows of a million sorted per page.
            `"Product" p INDEXED BY "Product_archived_${ARCHIVED_INDEX[q.sort]}_idx"`
          : `"Product" p`;
    return {
      sql: `SELECT p."id", p."sku", p."name", p."searchName", p."kind", p."unit", p."categoryId", c."name" AS "categoryName", t."rateBp" AS "taxRateBp",
              p."price", p."cost", p."active", p."tileColour", p."nextPriceAt", p."updatedAt"
       FROM ${from} JOIN "TaxRate" t ON t."id" = p."taxRateId" LEFT JOIN "Category" c ON c."id" = p."categoryId"
       WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${dir}, ${id} ${dir} LIMIT @limit`,
      params,
    };
  }

  /** How many list rows the supplier supplies, counted up to NARROW_CAP in the supplier's own index. */
  #supplierRows(supplierId: string): number {
    return (statement(this.#sql, `SELECT COUNT(*) AS "rows" FROM (SELECT 1 FROM "_SupplierListing" s WHERE s."supplierId" = ? LIMIT ${NARROW_CAP})`).get(supplierId) as { rows: number }).rows;
  }

  /** The filter matching fewest rows, if any matches fewer than `fewer` (at most NARROW_CAP). */
  #narrowest(narrowings: Narrowing[], fewer: number): Narrowing | null {
    let best: { narrowing: Narrowing; rows: number } | null = null;
    for (const narrowing of narrowings) {
      const { rows } = statement(this.#sql, `SELECT COUNT(*) AS "rows" FROM (${narrowing.rows ?? narrowing.ids} LIMIT ${NARROW_CAP})`).get(narrowing.params) as { rows: number };
      if (rows < Math.min(fewer, NARROW_CAP) && (!best || rows < best.rows)) best = { narrowing, rows };
    }
    return best?.narrowing ?? null;
  }

  /**
   * A code typed (a barcode or SKU, or the start of a SKU) finds those products; otherwise every
   * word of the name, in any order. A variant found stands for its product.
   */
  #searchCondition(text: string, params: Record<string, unknown>): string {
    params.code = normaliseBarcode(text).code;
    params.skuFrom = text;
    params.skuTo = `${text}\u{10FFFF}`;
    const codes = statement(
      this.#sql,
      `SELECT DISTINCT COALESCE(x."parentId", x."id") AS "id" FROM "Product" x
       WHERE x."id" IN (SELECT "productId" FROM "Barcode" WHERE "code" = @code) OR (x."sku" >= @skuFrom AND x."sku" < @skuTo) LIMIT 1000`,
    ).all({ code: params.code, skuFrom: params.skuFrom, skuTo: params.skuTo }) as { id: string }[];
    delete params.code;
    delete params.skuFrom;
    delete params.skuTo;
    if (codes.length && !/\s/.test(text)) {
      params.codeIds = JSON.stringify(codes.map((c) => c.id));
      return `p."id" IN (SELECT value FROM json_each(@codeIds))`;
    }
    const name = nameCondition(text, 'x', 'q')!;
    Object.assign(params, name.params);
    return `p."id" IN (SELECT COALESCE(x."parentId", x."id") FROM "Product" x WHERE ${name.sql})`;
  }

  /** The page's rows with their barcodes, stock, minimum levels, next prices and variants. */
  #rows(page: RawRow[]): ProductRow[] {
    if (!page.length) return [];
    const families = page.filter((r) => r.kind === 'family').map((r) => r.id);
    const variants = families.length
      ? (statement(this.#sql, `SELECT v."id", v."parentId", v."sku", v."name", v."kind", v."optionValues", v."price", v."cost", v."active", v."nextPriceAt" FROM "Product" v WHERE v."parentId" IN (SELECT value FROM json_each(?)) ORDER BY v."createdAt", v."id"`).all(JSON.stringify(families)) as RawVariant[])
      : [];
    const ids = JSON.stringify([...page.map((r) => r.id), ...variants.map((v) => v.id)]);
    const barcodes = new Map<string, string[]>();
    for (const b of statement(this.#sql, `SELECT "code", "productId" FROM "Barcode" WHERE "productId" IN (SELECT value FROM json_each(?)) ORDER BY "code"`).all(ids) as { code: string; productId: string }[]) {
      barcodes.set(b.productId, [...(barcodes.get(b.productId) ?? []), b.code]);
    }
    const stock = new Map(
      (statement(this.#sql, `SELECT "productId", "quantityMilli" FROM "StockBalance" WHERE "outletId" = ? AND "productId" IN (SELECT value FROM json_each(?))`).all(this.outletId, ids) as { productId: string; quantityMilli: number }[]).map((s) => [s.productId, s.quantityMilli]),
    );
    const levels = new Map(
      (statement(this.#sql, `SELECT "productId", "minMilli" FROM "StockLevel" WHERE "outletId" = ? AND "productId" IN (SELECT value FROM json_each(?))`).all(this.outletId, ids) as { productId: string; minMilli: number }[]).map((l) => [l.productId, l.minMilli]),
    );
    const now = new Date();
    const prices = (r: { id: string; price: number; nextPriceAt: string | null }) => {
      const pending = r.nextPriceAt ? pendingPriceChanges(this.#sql, r.id) : [];
      const next = pending.find((c) => Date.parse(c.from) > now.getTime()) ?? null;
      return { price: priceInForce({ price: r.price, priceChanges: pending }, now), nextPrice: next };
    };
    return page.map((r) => {
      const own = variants.filter((v) => v.parentId === r.id);
      const variantRows = own.map((v) => ({
        id: v.id, sku: v.sku, name: v.name, values: v.optionValues ? (JSON.parse(v.optionValues) as string[]) : [], ...prices(v), cost: v.cost,
        stockMilli: stock.get(v.id) ?? 0, minMilli: levels.get(v.id) ?? null, barcodes: barcodes.get(v.id) ?? [], active: v.active === 1,
      }));
      return {
        id: r.id, sku: r.sku, name: r.name, kind: (r.kind === 'family' ? own[0]?.kind ?? 'goods' : r.kind) as ProductRow['kind'], unit: r.unit as ProductRow['unit'],
        categoryId: r.categoryId, categoryName: r.categoryName, taxRateBp: r.taxRateBp, ...prices(r), cost: r.cost,
        stockMilli: r.kind === 'family' ? variantRows.reduce((s, v) => s + v.stockMilli, 0) : stock.get(r.id) ?? 0,
        minMilli: levels.get(r.id) ?? null, barcodes: barcodes.get(r.id) ?? [], active: r.active === 1, tileColour: r.tileColour, variants: variantRows,
      };
    });
  }
}

interface RawRow {
  id: string;
  sku: string;
  name: string;
  searchName: string;
  kind: string;
  unit: string;
  categoryId: string | null;
  categoryName: string | null;
  taxRateBp: number;
  price: number;
  cost: number;
  active: number;
  tileColour: string | null;
  nextPriceAt: string | null;
  updatedAt: string;
}

interface RawVariant {
  id: string;
  parentId: string;
  sku: string;
  name: string;
  kind: string;
  optionValues: string | null;
  price: number;
  cost: number;
  active: number;
  nextPriceAt: string | null;
}
