import { lineGross } from '../../shared/money.ts';
import type { ProductRecord } from '../catalog/repository.ts';

/** The lowest whole-item price allowed: the item at `unitPrice` (rounded as a sale line is), less `belowBp` of it. */
function least(unitPrice: number, quantityMilli: number, belowBp: number): number {
  const gross = BigInt(lineGross(quantityMilli, unitPrice));
  return Number((gross * BigInt(10_000 - belowBp) + 9_999n) / 10_000n);
}

/**
 * Whether a price read from a scanned code (an in-store price label, GS1 AI 392n) stands without a
 * supervisor: only for products marked price-labelled, at most `maxBelowBp` under the list price
 * (null: any) and never below the margin floor. `itemPrice` is the code's price for the whole item,
 * `grams` its weight when the code carries one. A rule that cannot be checked is not met: a price
 * label without a weight on goods sold by weight gives no price per kg to compare.
 */
export function codePriceWithinRules(product: Pick<ProductRecord, 'priceLabelled' | 'unit' | 'price' | 'floorPrice'>, itemPrice: number, grams: number | null, maxBelowBp: number | null): boolean {
  if (!product.priceLabelled) return false;
  const quantityMilli = product.unit === 'piece' ? 1000 : grams;
  if (maxBelowBp !== null && (quantityMilli === null || itemPrice < least(product.price, quantityMilli, maxBelowBp))) return false;
  if (product.floorPrice !== null && (quantityMilli === null || itemPrice < least(product.floorPrice, quantityMilli, 0))) return false;
  return true;
}
