import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { categoryPreferences } from './preferences.ts';

describe('category preferences of regular customers', () => {
  it('counts customers and shares of spend per category, leaving out what was all returned', () => {
    const rows = categoryPreferences(
      [
        { customerId: 'a', category: 'Dairy', revenue: 3000 },
        { customerId: 'b', category: 'Dairy', revenue: 1000 },
        { customerId: 'a', category: 'Bakery', revenue: 1000 },
        { customerId: 'c', category: 'Drinks', revenue: 0 },
      ],
      4,
    );
    expect(rows).toEqual([
      { category: 'Dairy', customers: 2, revenue: 4000, shareBp: 8000, reachBp: 5000 },
      { category: 'Bakery', customers: 1, revenue: 1000, shareBp: 2000, reachBp: 2500 },
    ]);
  });

  it('shares add up to the whole within rounding', () => {
    const spend = fc.record({ customerId: fc.constantFrom('a', 'b', 'c', 'd'), category: fc.constantFrom('x', 'y', 'z'), revenue: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(
      fc.property(fc.array(spend, { minLength: 1, maxLength: 40 }), (spends) => {
        const rows = categoryPreferences(spends, 4);
        const sum = rows.reduce((s, r) => s + r.shareBp, 0);
        expect(Math.abs(sum - 10_000)).toBeLessThanOrEqual(rows.length);
        expect(rows.reduce((s, r) => s + r.revenue, 0)).toBe(spends.reduce((s, r) => s + r.revenue, 0));
        for (const r of rows) expect(r.reachBp).toBeLessThanOrEqual(10_000);
      }),
    );
  });
});
