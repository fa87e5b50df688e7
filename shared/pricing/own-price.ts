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
