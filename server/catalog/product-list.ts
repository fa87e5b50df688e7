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

/** The product row or, for a product with variants, any of its variants. */
const MEMBER = `(v."id" = p."id" AND p."kind" <> 'family' OR v."parentId" = p."id")`;

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
    // The unary + keeps SQLite off the parentId index, where every product but the variants is
    // NULL: walking it reads the whole catalogue and sorts it, instead of reading the sort's index.
    const where: string[] = [`+p."parentId" IS NULL`];
    const params: Record<string, unknown> = { outletId: this.outletId };
    if (q.status !== 'all') where.push(`p."active" = ${q.status === 'active' ? 1 : 0}`);
    if (q.categoryId) {
      const tree = statement(this.#sql, `WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT c."id" FROM "Category" c JOIN tree ON c."parentId" = tree.id) SELECT id FROM tree`).all(q.categoryId) as { id: string }[];
      // One category is read in name order from its own index; a tree from a list, sorted.
      if (tree.length === 1) {
        params.categoryId = q.categoryId;
        where.push(`p."categoryId" = @categoryId`);
      } else {
        params.categoryIds = JSON.stringify(tree.map((c) => c.id));
        where.push(`p."categoryId" IN (SELECT value FROM json_each(@categoryIds))`);
      }
    }
    if (q.kind) {
      params.kind = q.kind === 'weighed' ? 'goods' : q.kind;
      const unit = q.kind === 'weighed' ? ` AND v."unit" = 'kg'` : q.kind === 'goods' ? ` AND v."unit" <> 'kg'` : '';
      where.push(`EXISTS (SELECT 1 FROM "Product" v WHERE ${MEMBER} AND v."kind" = @kind${unit})`);
    }
    if (q.supplierId) {
      params.supplierId = q.supplierId;
      where.push(`EXISTS (SELECT 1 FROM "Product" v JOIN "SupplierProduct" sp ON sp."productId" = v."id" WHERE ${MEMBER} AND sp."supplierId" = @supplierId)`);
    }
    if (q.belowMinimum) {
      where.push(`EXISTS (SELECT 1 FROM "Product" v JOIN "StockLevel" l ON l."productId" = v."id" AND l."outletId" = @outletId
        LEFT JOIN "StockBalance" b ON b."productId" = v."id" AND b."outletId" = @outletId WHERE ${MEMBER} AND v."active" = 1 AND COALESCE(b."quantityMilli", 0) < l."minMilli")`);
    }
    if (q.noBarcode) where.push(`EXISTS (SELECT 1 FROM "Product" v WHERE ${MEMBER} AND v."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = v."id"))`);
    if (q.noCost) where.push(`EXISTS (SELECT 1 FROM "Product" v WHERE ${MEMBER} AND v."kind" IN ('goods', 'service') AND v."cost" = 0)`);
    const text = q.q?.trim();
    if (text) where.push(this.#searchCondition(text, params));

    const column = SORT_COLUMN[q.sort];
    const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
    if (q.after) {
      const [value, id] = decodeCursor(q.after, q.sort);
      params.afterValue = value;
      params.afterId = id;
      where.push(`(${column}, p."id") ${q.dir === 'asc' ? '>' : '<'} (@afterValue, @afterId)`);
    }
    params.limit = q.limit + 1;
    const rows = statement(
      this.#sql,
      `SELECT p."id", p."sku", p."name", p."searchName", p."kind", p."unit", p."categoryId", c."name" AS "categoryName", t."rateBp" AS "taxRateBp",
              p."price", p."cost", p."active", p."tileColour", p."nextPriceAt", p."updatedAt"
       FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId" LEFT JOIN "Category" c ON c."id" = p."categoryId"
       WHERE ${where.join(' AND ')}
       ORDER BY ${column} ${dir}, p."id" ${dir} LIMIT @limit`,
    ).all(params) as RawRow[];
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
