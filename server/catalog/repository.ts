import type Database from 'better-sqlite3';
import { priceInForce, type ScheduledPrice } from '../../shared/pricing/price-changes.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { AppError } from '../http/errors.ts';

/**
 * A product as a sale needs it: the view plus whether it may be sold and its PLU. `kind` may also
 * be "family" (a product with variants, which never sells itself); `price` is the price in force
 * at the moment the record was read for, and `priceChanges` the scheduled ones after it.
 */
export interface ProductRecord extends Omit<ProductView, 'kind'> {
  kind: ProductView['kind'] | 'family';
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
         p."parentId", p."tileColour", p."nextPriceAt",
         (SELECT group_concat(b."code", ',') FROM "Barcode" b WHERE b."productId" = p."id") AS "barcodes",
         COALESCE((SELECT s."quantityMilli" FROM "StockBalance" s WHERE s."outletId" = @outletId AND s."productId" = p."id"), 0) AS "stockMilli"
  FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId"`;

type Row = Omit<ProductRecord, 'barcodes' | 'discountable' | 'active' | 'floorPrice' | 'priceLabelled' | 'priceChanges'> & { barcodes: string | null; discountable: number; active: number; priceLabelled: number; nextPriceAt: string | null };

/** The scheduled price changes of a product not yet folded into its price, oldest first. */
export function pendingPriceChanges(sql: Database.Database, productId: string): ScheduledPrice[] {
  const rows = statement(sql, `SELECT "effectiveAt", "price" FROM "PriceChange" WHERE "productId" = ? AND "appliedAt" IS NULL ORDER BY "effectiveAt"`).all(productId) as { effectiveAt: string; price: number }[];
  return rows.map((r) => ({ from: new Date(r.effectiveAt).toISOString(), price: r.price }));
}

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

  #record(row: Row, at: Date): ProductRecord {
    const { cost, nextPriceAt: next, ...fields } = row;
    // Only a product with a change waiting pays for the look-up (nextPriceAt is null for nearly all).
    const pending = next === null ? [] : pendingPriceChanges(this.#sql, row.id);
    return {
      ...fields,
      cost,
      price: priceInForce({ price: row.price, priceChanges: pending }, at),
      priceChanges: pending.filter((c) => Date.parse(c.from) > at.getTime()),
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
    return row ? this.#record(row, new Date()) : null;
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

  /** Products by id, priced as at `at` (a sale's moment, a label's date). */
  byIds(ids: string[], at: Date = new Date()): ProductRecord[] {
    const rows = statement(this.#sql, `${SELECT} WHERE p."id" IN (SELECT value FROM json_each(@ids))`).all({ outletId: this.outletId, ids: JSON.stringify(ids) }) as Row[];
    const byId = new Map(rows.map((row) => [row.id, this.#record(row, at)]));
    // In the order asked for (search results keep their ranking).
    return ids.map((id) => byId.get(id)).filter((r): r is ProductRecord => r !== undefined);
  }
}

/** The public view of a product record (a family has none: its variants sell). */
export function toProductView({ active: _active, plu: _plu, cost: _cost, priceLabelled: _priceLabelled, kind, ...view }: ProductRecord): ProductView {
  if (kind === 'family') throw new Error(`toProductView: ${view.sku} is a product with variants`);
  return { ...view, kind };
}

/**
 * An archived product keeps its history but no longer sells; a product with variants sells as one
 * of them (the register picks it, or its barcode is scanned).
 */
export function refuseUnsellable(product: ProductRecord, path: string): void {
  if (!product.active) throw new AppError(409, 'product-archived', `${product.name} is archived: it is no longer sold`, [{ path, message: 'archived' }], { productId: product.id, sku: product.sku, name: product.name });
  if (product.kind === 'family') throw new AppError(409, 'product-has-variants', `${product.name} is sold as one of its variants: scan or pick the variant`, [{ path, message: 'has variants' }], { productId: product.id, name: product.name });
}
