import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { suggestQuantity, type PlanInput } from './plan.ts';

const base: PlanInput = { soldMilli: 28_000, collectedMilli: 0, windowDays: 28, onHandMilli: 5_000, reservedMilli: 0, preOrderedMilli: 0, onOrderMilli: 0, minMilli: 0, leadTimeDays: 3, coverDays: 7, packMilli: 1000 };

describe('the suggested order quantity', () => {
  it('covers the sales over lead time and cover period, less what is on hand', () => {
    // 1 a day × 10 days = 10; 5 on hand → 5.
    expect(suggestQuantity(base)).toEqual({ dailyMilli: 1000, targetMilli: 10_000, positionMilli: 5_000, suggestedMilli: 5_000 });
  });

  it('adds the minimum level and the pre-orders, counts reserved stock as gone and orders on the way as there', () => {
    expect(suggestQuantity({ ...base, minMilli: 4_000, preOrderedMilli: 2_000 }).suggestedMilli).toBe(11_000);
    expect(suggestQuantity({ ...base, reservedMilli: 3_000 }).suggestedMilli).toBe(8_000);
    expect(suggestQuantity({ ...base, onOrderMilli: 6_000 }).suggestedMilli).toBe(0);
  });

  it('leaves collected pre-orders out of the rate of sale', () => {
    // 28 sold in 28 days, 14 of them collected pre-orders: 0.5 a day × 10 days = 5, all on hand.
    expect(suggestQuantity({ ...base, collectedMilli: 14_000 })).toMatchObject({ dailyMilli: 500, targetMilli: 5_000, suggestedMilli: 0 });
    expect(suggestQuantity({ ...base, collectedMilli: 40_000 }).dailyMilli).toBe(0);
  });

  it('rounds up to whole packs and never suggests a negative quantity', () => {
    expect(suggestQuantity({ ...base, packMilli: 12_000 }).suggestedMilli).toBe(12_000);
    expect(suggestQuantity({ ...base, onHandMilli: 50_000 }).suggestedMilli).toBe(0);
    expect(suggestQuantity({ ...base, soldMilli: 0, onHandMilli: -4_000 }).suggestedMilli).toBe(4_000);
  });

  it('always leaves the position at or above the target, by less than a pack', () => {
    const milli = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(milli, milli, milli, milli, milli, milli, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 48_000 }), (sold, onHand, reserved, pre, onOrder, min, lead, pack) => {
        const p = { ...base, soldMilli: sold, onHandMilli: onHand - 200_000, reservedMilli: reserved, preOrderedMilli: pre, onOrderMilli: onOrder, minMilli: min, leadTimeDays: lead, packMilli: pack };
        const r = suggestQuantity(p);
        expect(r.suggestedMilli % pack).toBe(0);
        if (r.suggestedMilli > 0) {
          expect(r.positionMilli + r.suggestedMilli).toBeGreaterThanOrEqual(r.targetMilli);
          expect(r.positionMilli + r.suggestedMilli - pack).toBeLessThan(r.targetMilli);
        } else {
          expect(r.positionMilli).toBeGreaterThanOrEqual(r.targetMilli);
        }
      }),
    );
  });
});
