import type Database from 'better-sqlite3';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';

/** A product as a sale needs it: the view plus whether it may be sold and its PLU. */
export interface ProductRecord extends ProductView {
  active: boolean;
  plu: string | null;
  /** Average cost per unit, minor units: what a sold line costs the shop. */
  cost: number;
  /** May take its price from a scanned code (within the owner's rules). */
  priceLabelled: boolean;
}

/** How low automatic discounts may take a unit price: cost plus the minimum margin, rounded up. */
export interface FloorPolicy {
  minMarginBp: number;
  allowBelowFloor: boolean;
}

export function floorPrice(cost: number, policy: FloorPolicy): number | null {
  if (policy.allowBelowFloor || cost <= 0) return null;
  return Math.ceil((cost * (10_000 + policy.minMarginBp)) / 10_000);
}

const SELECT = `
  SELECT p."id", p."sku", p."name", p."unit", p."price", p."cost", p."categoryId", p."discountable", p."priceLabelled", p."kind", p."active", p."plu", t."rateBp" AS "taxRateBp",
         (SELECT group_concat(b."code", ',') FROM "Barcode" b WHERE b."productId" = p."id") AS "barcodes",
         COALESCE((SELECT s."quantityMilli" FROM "StockBalance" s WHERE s."outletId" = @outletId AND s."productId" = p."id"), 0) AS "stockMilli"
  FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId"`;

type Row = Omit<ProductRecord, 'barcodes' | 'discountable' | 'active' | 'floorPrice' | 'priceLabelled'> & { barcodes: string | null; discountable: number; active: number; priceLabelled: number };

/**
 * Point look-ups of products by barcode, PLU, SKU and id: one prepared statement each, because a
 * scan at the register must answer in well under the time between two beeps (bench/).
 */
export class ProductRepository {
  readonly #sql: Database.Database;

  constructor(
    db: Db,
    private readonly outletId: string,
    private readonly floors: FloorPolicy = { minMarginBp: 0, allowBelowFloor: false },
  ) {
    this.#sql = sqliteOf(db);
  }

  #record(row: Row): ProductRecord {
    const { cost } = row;
    return {
      ...row,
      unit: row.unit as ProductRecord['unit'],
      kind: row.kind as ProductRecord['kind'],
      discountable: row.discountable === 1,
      active: row.active === 1,
      priceLabelled: row.priceLabelled === 1,
      barcodes: row.barcodes ? row.barcodes.split(',') : [],
      floorPrice: floorPrice(cost, this.floors),
    };
  }

  #one(where: string, params: Record<string, unknown>): ProductRecord | null {
    const row = statement(this.#sql, `${SELECT} WHERE ${where}`).get({ outletId: this.outletId, ...params }) as Row | undefined;
    return row ? this.#record(row) : null;
  }

  byBarcode(code: string): ProductRecord | null {
    return this.#one(`p."id" = (SELECT "productId" FROM "Barcode" WHERE "code" = @code)`, { code });
  }

  byPlu(plu: string): ProductRecord | null {
    return this.#one(`p."plu" = @plu`, { plu });
  }

  bySku(sku: string): ProductRecord | null {
    return this.#one(`p."sku" = @sku`, { sku });
  }

  /**
   * Active products (no deposits) whose name holds every word of `text`, in any order, by name.
   * Words of three or more characters go through the trigram index (one indexed look-up however
   * many products there are); shorter ones filter what it found, or, when no word is that long,
   * the first one is the start of the name (the name index).
   */
  idsByNameWords(text: string, limit: number, exclude: string[]): string[] {
    const words = [...new Set(text.toLowerCase().split(/\s+/).filter(Boolean))];
    if (!words.length || limit <= 0) return [];
    const indexed = words.filter((w) => [...w].length >= 3);
    const rest = words.filter((w) => !indexed.includes(w));
    const params: Record<string, unknown> = { limit, exclude: JSON.stringify(exclude) };
    const filters = rest.map((w, i) => {
      params[`w${i}`] = w;
      return `instr(p."searchName", @w${i}) > 0`;
    });
    const wanted = `p."active" = 1 AND p."kind" <> 'deposit' AND p."id" NOT IN (SELECT value FROM json_each(@exclude))`;
    let sql: string;
    if (indexed.length) {
      params.match = indexed.map((w) => `"${w.replaceAll('"', '""')}"`).join(' ');
      // The first matches by the index, then by name: as-you-type needs a few good rows at once, not all of them sorted.
      sql = `SELECT "id" FROM (SELECT p."id", p."name" FROM "ProductNameSearch" s JOIN "Product" p ON p.rowid = s.rowid
             WHERE "ProductNameSearch" MATCH @match AND ${[wanted, ...filters].join(' AND ')} LIMIT 500) ORDER BY "name" LIMIT @limit`;
    } else {
      params.from = rest[0];
      params.to = `${rest[0]}\uffff`;
      sql = `SELECT p."id" FROM "Product" p WHERE p."searchName" >= @from AND p."searchName" < @to AND ${[wanted, ...filters.slice(1)].join(' AND ')} ORDER BY p."name" LIMIT @limit`;
    }
    return (statement(this.#sql, sql).all(params) as { id: string }[]).map((r) => r.id);
  }

  byIds(ids: string[]): ProductRecord[] {
    const rows = statement(this.#sql, `${SELECT} WHERE p."id" IN (SELECT value FROM json_each(@ids))`).all({ outletId: this.outletId, ids: JSON.stringify(ids) }) as Row[];
    const byId = new Map(rows.map((row) => [row.id, this.#record(row)]));
    // In the order asked for (search results keep their ranking).
    return ids.map((id) => byId.get(id)).filter((r): r is ProductRecord => r !== undefined);
  }
}

/** The public view of a product record. */
export function toProductView({ active: _active, plu: _plu, cost: _cost, priceLabelled: _priceLabelled, ...view }: ProductRecord): ProductView {
  return view;
}
