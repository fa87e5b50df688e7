import { describe, expect, it } from 'vitest';
import { codePriceWithinRules } from './code-prices.ts';

const piece = { priceLabelled: true, unit: 'piece' as const, price: 1000, floorPrice: null };
const perKg = { priceLabelled: true, unit: 'kg' as const, price: 1299, floorPrice: null };

describe('codePriceWithinRules', () => {
  it('allows a piece down to the owner’s share under the list price, not a cent further', () => {
    expect(codePriceWithinRules(piece, 900, null, 1000)).toBe(true);
    expect(codePriceWithinRules(piece, 899, null, 1000)).toBe(false);
    expect(codePriceWithinRules(piece, 1000, null, 0)).toBe(true);
    expect(codePriceWithinRules(piece, 999, null, 0)).toBe(false);
    expect(codePriceWithinRules(piece, 1, null, null)).toBe(true);
  });

  it('compares a weighed code with the list price for its weight, rounded as a sale line is', () => {
    // 0.735 kg at 12.99 is 9.54765: a line of 9.55.
    expect(codePriceWithinRules(perKg, 955, 735, 0)).toBe(true);
    expect(codePriceWithinRules(perKg, 954, 735, 0)).toBe(false);
  });

  it('never goes below the floor, whatever the owner’s share', () => {
    const floored = { ...piece, floorPrice: 700 };
    expect(codePriceWithinRules(floored, 700, null, null)).toBe(true);
    expect(codePriceWithinRules(floored, 699, null, null)).toBe(false);
  });

  it('takes no price from a code for a product not marked price-labelled, nor an unweighed price on goods sold by weight', () => {
    expect(codePriceWithinRules({ ...piece, priceLabelled: false }, 5000, null, null)).toBe(false);
    expect(codePriceWithinRules(perKg, 5000, null, 1000)).toBe(false);
    expect(codePriceWithinRules(perKg, 5000, null, null)).toBe(true);
  });
});
