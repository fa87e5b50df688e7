import { mulDivRoundHalfUp } from '../money.ts';

// Prices that change at a moment (now or scheduled), and changes to many prices at once. Pure, so
// the register prices a cart by the same price the server will sell it at.

/** A price that takes effect at `from` (ISO 8601, UTC) and stays until a later one. */
export interface ScheduledPrice {
  from: string;
  price: number;
}

/**
 * The price in force at a moment: the latest scheduled price whose time has come, or the product's
 * price when none has. `priceChanges` are the changes not yet folded into `price`, in any order.
 */
export function priceInForce(product: { price: number; priceChanges?: readonly ScheduledPrice[] | null }, at: Date | string): number {
  const moment = typeof at === 'string' ? Date.parse(at) : at.getTime();
  let best: ScheduledPrice | null = null;
  for (const change of product.priceChanges ?? []) {
    const from = Date.parse(change.from);
    if (from <= moment && (!best || from >= Date.parse(best.from))) best = change;
  }
  return best ? best.price : product.price;
}

/** none; ninety-nine: the nearest price ending in .99; five: the nearest multiple of 0.05. */
export type PriceRounding = 'none' | 'ninety-nine' | 'five';

/**
 * Rounds a price (minor units of a currency with two decimals) the way shops write prices:
 * ninety-nine gives the nearest N.99 (10.37 → 9.99, 10.50 → 10.99), never below 0.99 for a price
 * above zero; five gives the nearest multiple of 5 minor units (a tie cannot occur).
 */
export function roundPrice(price: number, rounding: PriceRounding): number {
  if (rounding === 'none' || price === 0) return price;
  if (rounding === 'five') return Math.round(price / 5) * 5;
  const whole = Math.max(1, Math.floor((price + 1 + 50) / 100));
  return whole * 100 - 1;
}

/** A change to many prices: set them all to one price, or move each by a percentage (basis points, ± ). */
export type BulkPriceChange = { kind: 'set'; price: number } | { kind: 'percent'; bp: number };

/** One product's new price under a bulk change, rounded once at the end; never below zero. */
export function changedPrice(price: number, change: BulkPriceChange, rounding: PriceRounding): number {
  const moved = change.kind === 'set' ? change.price : Math.max(0, mulDivRoundHalfUp(price, 10_000 + change.bp, 10_000));
  return roundPrice(moved, rounding);
}
