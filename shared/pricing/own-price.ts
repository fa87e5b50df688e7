import { taxIncluded } from '../money.ts';
import type { OwnPriceRule } from '../schemas/own-prices.ts';

/** Whether a price, less the VAT it holds, is under a cost (costs are net of VAT). */
export function belowCost(price: number, cost: number, taxRateBp: number): boolean {
  return cost > 0 && price - taxIncluded(price, taxRateBp) < cost;
}

/**
 * What is wrong with an outlet's own price under head office's bound, or null when it is within it.
 * The outlet checks it before it sets the price, head office again when the price arrives.
 */
export function ownPriceOutsideBound(rule: OwnPriceRule, price: number, product: { cost: number; taxRateBp: number }): string | null {
  if (rule.bound === 'not-below-cost' && belowCost(price, product.cost, product.taxRateBp)) return `below the cost ${product.cost} (net of VAT)`;
  if (rule.bound === 'within-percent' && rule.percentBp !== null) {
    // Integer minor units: |price − chain| ≤ chain × bp / 10 000, compared without rounding.
    if (Math.abs(price - rule.chainPrice) * 10_000 > rule.chainPrice * rule.percentBp) return `more than ${rule.percentBp / 100} % from the chain price ${rule.chainPrice}`;
  }
  return null;
}

/** What a permission says: whether the outlet may set its own price, and within what bound. */
export type OwnPriceSetting = { allowed: boolean; bound: string; percentBp: number | null };
/** One of head office's own-price permissions for an outlet: categoryId '' stands for all its products. */
export type OwnPricePermissionRow = OwnPriceSetting & { categoryId: string };

/** A category and those above it, nearest first (categories are a tree; a loop in it ends the walk). */
export function categoryPath(categoryId: string | null, parentOf: (id: string) => string | null | undefined): string[] {
  const path: string[] = [];
  for (let id = categoryId; id && !path.includes(id); id = parentOf(id) ?? null) path.push(id);
  return path;
}

/**
 * Whether an outlet may set its own price of a product, and within what: the product's own
 * permission (a variant's is its product's), which decides whatever its category's says (a product
 * withdrawn from a permitted category, or permitted in one that is not); failing that the permission
 * of the product's category or of the nearest category above it (a permission on "Dairy" covers
 * "Dairy > Cheese"); else the outlet's permission for all its products. The category path is
 * walked only when the product has no permission of its own.
 */
export function ownPriceRuleOf(permissions: OwnPricePermissionRow[], path: () => string[], chainPrice: number, productPermission?: OwnPriceSetting): OwnPriceRule | null {
  const entry = productPermission ?? path().map((id) => permissions.find((p) => p.categoryId === id)).find((p) => p !== undefined) ?? permissions.find((p) => p.categoryId === '');
  if (!entry?.allowed) return null;
  return { bound: entry.bound as OwnPriceRule['bound'], percentBp: entry.percentBp, chainPrice };
}
