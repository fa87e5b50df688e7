import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inWindow, priceCart } from './engine.ts';
import type { CartLineInput, DiscountRule, PricingInput } from './types.ts';

let n = 0;
function line(unitPrice: number, quantityMilli = 1000, extra: Partial<CartLineInput> = {}): CartLineInput {
  n += 1;
  return { lineId: `l${n}`, productId: `p${n}`, name: `Item ${n}`, unit: 'piece', quantityMilli, unitPrice, taxRateBp: 2100, discountable: true, ...extra };
}

const TUESDAY_10 = '2026-11-24T10:00:00';
const TUESDAY_15 = '2026-11-24T15:00:00';
const pensionerHours: DiscountRule = { id: 'r1', name: "Pensioners' hours", kind: 'customer-category', categoryCode: 'pensioner', percentBp: 1000, windows: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '12:00' }] };
const bigBasket: DiscountRule = { id: 'r2', name: 'Big basket', kind: 'receipt-total', tiers: [{ minSubtotal: 5000, percentBp: 300 }, { minSubtotal: 10000, percentBp: 500 }] };

function price(input: Partial<PricingInput> & { lines: CartLineInput[] }) {
  return priceCart({ rules: [], localTime: TUESDAY_10, ...input });
}

describe('priceCart', () => {
  it('adds up lines with no discounts and finds the tax inside the price', () => {
    const cart = price({ lines: [line(1210), line(399, 3000)] });
    expect(cart.subtotal).toBe(1210 + 1197);
    expect(cart.total).toBe(2407);
    expect(cart.discountTotal).toBe(0);
    expect(cart.taxes).toEqual([{ rateBp: 2100, net: 2407 - 210 - 208, tax: 418, gross: 2407 }]);
  });

  it('rounds a weighed line half-up once', () => {
    const cart = price({ lines: [line(399, 735, { unit: 'kg' })] });
    expect(cart.lines[0].grossAmount).toBe(293);
  });

  it("gives a pensioner the rule's discount inside its hours, and only then", () => {
    const customer = { id: 'c', categoryCode: 'pensioner', categoryDiscountBp: 0 };
    const inside = price({ lines: [line(2000)], customer, rules: [pensionerHours], localTime: TUESDAY_10 });
    expect(inside.total).toBe(1800);
    expect(inside.lines[0].discounts).toEqual([{ source: 'category', ruleId: 'r1', reason: "Pensioners' hours −10%", amount: 200 }]);
    const outside = price({ lines: [line(2000)], customer, rules: [pensionerHours], localTime: TUESDAY_15 });
    expect(outside.total).toBe(2000);
  });

  it('applies the highest receipt-total tier reached', () => {
    expect(price({ lines: [line(4999)], rules: [bigBasket] }).total).toBe(4999);
    expect(price({ lines: [line(6000)], rules: [bigBasket] }).total).toBe(5820);
    expect(price({ lines: [line(12000)], rules: [bigBasket] }).total).toBe(11400);
  });

  it('gives the best single automatic discount rather than stacking them', () => {
    const gold = { id: 'c', categoryCode: 'gold', categoryDiscountBp: 1000 };
    const cart = price({ lines: [line(12000)], customer: gold, rules: [bigBasket] });
    expect(cart.total).toBe(10800);
    expect(cart.discountSummary).toEqual([{ source: 'category', reason: 'gold −10%', amount: 1200 }]);
    const named = price({ lines: [line(1000)], customer: { ...gold, categoryName: 'Gold card' } });
    expect(named.discountSummary[0].reason).toBe('Gold card −10%');
  });

  it('never discounts goods that are not discountable', () => {
    const tobacco = line(599, 1000, { discountable: false });
    const cart = price({ lines: [line(12000), tobacco], rules: [bigBasket], receiptDiscount: { kind: 'amount', amount: 500, reason: 'Goodwill' } });
    expect(cart.lines[1].amount).toBe(599);
    expect(cart.lines[1].discounts).toEqual([]);
  });

  it('lets a manual line discount replace the automatic one on its line', () => {
    const cart = price({ lines: [line(12000, 1000, { manualDiscount: { kind: 'percent', valueBp: 2000, reason: 'Damaged' } })], rules: [bigBasket] });
    expect(cart.total).toBe(9600);
    expect(cart.lines[0].discounts).toEqual([{ source: 'manual', reason: 'Damaged', amount: 2400 }]);
  });

  it('caps an amount discount at what the line costs', () => {
    const cart = price({ lines: [line(300, 1000, { manualDiscount: { kind: 'amount', amount: 500, reason: 'Free' } })] });
    expect(cart.total).toBe(0);
  });

  it('spreads a receipt amount discount over lines so it adds up exactly', () => {
    const cart = price({ lines: [line(333), line(333), line(334)], receiptDiscount: { kind: 'amount', amount: 100, reason: 'Sorry' } });
    expect(cart.total).toBe(900);
    expect(cart.lines.map((l) => l.discountAmount).reduce((s, a) => s + a, 0)).toBe(100);
  });

  it('always adds up: lines, discounts, taxes and totals agree (property)', () => {
    const lineArb = fc.record({
      unitPrice: fc.integer({ min: 0, max: 500_000 }),
      quantityMilli: fc.integer({ min: 1, max: 50_000 }),
      taxRateBp: fc.constantFrom(0, 900, 2100),
      discountable: fc.boolean(),
      manual: fc.option(fc.oneof(fc.record({ kind: fc.constant('percent' as const), valueBp: fc.integer({ min: 1, max: 10_000 }), reason: fc.constant('m') }), fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: 1, max: 100_000 }), reason: fc.constant('m') }))),
    });
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.option(fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: 1, max: 200_000 }), reason: fc.constant('r') })),
        fc.constantFrom(null, { id: 'c', categoryCode: 'pensioner', categoryDiscountBp: 0 }, { id: 'g', categoryCode: 'gold', categoryDiscountBp: 1000 }),
        (lines, receiptDiscount, customer) => {
          const cart = priceCart({
            lines: lines.map((l, i) => ({ lineId: `x${i}`, productId: 'p', name: 'n', unit: 'piece', quantityMilli: l.quantityMilli, unitPrice: l.unitPrice, taxRateBp: l.taxRateBp, discountable: l.discountable, manualDiscount: l.manual })),
            customer,
            rules: [pensionerHours, bigBasket],
            receiptDiscount,
            localTime: TUESDAY_10,
          });
          expect(cart.total).toBe(cart.lines.reduce((s, l) => s + l.amount, 0));
          expect(cart.subtotal - cart.discountTotal).toBe(cart.total);
          expect(cart.discountSummary.reduce((s, d) => s + d.amount, 0)).toBe(cart.discountTotal);
          expect(cart.taxes.reduce((s, t) => s + t.gross, 0)).toBe(cart.total);
          expect(cart.taxes.reduce((s, t) => s + t.tax, 0)).toBe(cart.taxTotal);
          for (const [i, l] of cart.lines.entries()) {
            expect(l.amount).toBeGreaterThanOrEqual(0);
            expect(l.amount).toBe(l.grossAmount - l.discountAmount);
            if (!lines[i].discountable) expect(l.discountAmount).toBe(0);
          }
        },
      ),
    );
  });
});

describe('promotions, stacking, spend tiers and floors', () => {
  const promo = (extra: Partial<Extract<DiscountRule, { kind: 'promotion' }>> = {}): DiscountRule => ({ id: 'p1', name: 'Dairy week', kind: 'promotion', categoryIds: ['dairy'], percentBp: 1500, ...extra });
  const gold = { id: 'g', categoryCode: 'gold', categoryDiscountBp: 1000 };

  it('gives a category promotion only inside its dates', () => {
    const milk = line(1000, 1000, { categoryId: 'dairy' });
    expect(price({ lines: [milk], rules: [promo()] }).total).toBe(850);
    expect(price({ lines: [milk], rules: [promo({ validFrom: '2026-12-01' })] }).total).toBe(1000);
    expect(price({ lines: [milk], rules: [promo({ validTo: '2026-11-23' })] }).total).toBe(1000);
  });

  it('keeps goods on an exclusive promotion out of other automatic discounts, even in stack mode', () => {
    const milk = line(1000, 1000, { categoryId: 'dairy' });
    const bread = line(1000);
    const cart = price({ lines: [milk, bread], rules: [promo({ percentBp: 500 })], customer: gold, combination: { mode: 'stack', capBp: 5000 } });
    expect(cart.lines[0].discounts.map((d) => d.reason)).toEqual(['Dairy week −5%']);
    expect(cart.lines[1].discounts.map((d) => d.reason)).toEqual(['gold −10%']);
  });

  it('lets a non-exclusive promotion compete: best one by default', () => {
    const milk = line(1000, 1000, { categoryId: 'dairy' });
    expect(price({ lines: [milk], rules: [promo({ percentBp: 500, exclusive: false })], customer: gold }).lines[0].discounts.map((d) => d.reason)).toEqual(['gold −10%']);
  });

  it('stacks automatic discounts up to the cap', () => {
    const cart = price({ lines: [line(20_000)], rules: [bigBasket], customer: gold, combination: { mode: 'stack', capBp: 1200 } });
    expect(cart.lines[0].discounts).toEqual([
      expect.objectContaining({ reason: 'gold −10%', amount: 2000 }),
      expect.objectContaining({ reason: 'Big basket −2% (−5% cut by the discount cap)', amount: 400, cutBy: 'cap' }),
    ]);
    expect(cart.total).toBe(17_600);
  });

  it('names every discount by its source', () => {
    const tiers: DiscountRule = { id: 's1', name: 'Card tiers', kind: 'spend-tier', tiers: [{ name: 'Gold card', minSpend: 0, percentBp: 700 }] };
    const customer = { id: 'c', categoryCode: 'pensioner', categoryDiscountBp: 200, personalDiscountBp: 300, cumulativeSpend: 1 };
    const milk = line(20_000, 1000, { categoryId: 'dairy' });
    const manual = line(1000, 1000, { manualDiscount: { kind: 'amount', amount: 100, reason: 'Dented' } });
    const cart = price({ lines: [milk, manual], rules: [pensionerHours, bigBasket, tiers, promo({ percentBp: 100, exclusive: false })], customer, combination: { mode: 'stack', capBp: 10_000 } });
    expect(cart.lines[0].discounts.map((d) => [d.source, d.reason])).toEqual([
      ['category', "Pensioners' hours −10%"],
      ['card-tier', 'Gold card −7%'],
      ['receipt-total', 'Big basket −5%'],
      ['personal', 'Personal −3%'],
      ['category', 'pensioner −2%'],
      ['promotion', 'Dairy week −1%'],
    ]);
    expect(cart.lines[1].discounts).toEqual([{ source: 'manual', reason: 'Dented', amount: 100 }]);
  });

  it('says what a floor left of a discount, and why', () => {
    // Gold −10% on 10.90 would be 1.09 off; the floor at 10.30 leaves 0.60.
    const cart = price({ lines: [line(1090, 1000, { floorUnitPrice: 1030 })], customer: { ...gold, categoryName: 'Gold card' } });
    expect(cart.lines[0].discounts).toEqual([{ source: 'category', reason: 'Gold card −5.5% (−10% cut by the minimum margin)', amount: 60, cutBy: 'floor' }]);
  });

  it('gives the card tier the customer has spent into', () => {
    const tiers: DiscountRule = { id: 's1', name: 'Card tiers', kind: 'spend-tier', tiers: [{ name: 'Silver card', minSpend: 20_000, percentBp: 300 }, { name: 'Gold card', minSpend: 50_000, percentBp: 700 }] };
    const at = (cumulativeSpend: number) => price({ lines: [line(1000)], rules: [tiers], customer: { id: 'c', cumulativeSpend } }).discountSummary.map((d) => d.reason);
    expect(at(10_000)).toEqual([]);
    expect(at(20_000)).toEqual(['Silver card −3%']);
    expect(at(75_000)).toEqual(['Gold card −7%']);
  });

  it('never lets automatic discounts take a line below its floor', () => {
    const cart = price({ lines: [line(1000, 2000, { floorUnitPrice: 950 })], customer: gold });
    expect(cart.lines[0].amount).toBe(1900);
    expect(cart.lines[0].discountAmount).toBe(100);
  });

  it('keeps automatic discounts within floors and caps for any cart (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ unitPrice: fc.integer({ min: 1, max: 100_000 }), quantityMilli: fc.integer({ min: 1, max: 20_000 }), floorShareBp: fc.integer({ min: 0, max: 10_000 }), dairy: fc.boolean() }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom<'best' | 'stack'>('best', 'stack'),
        (specs, capBp, mode) => {
          const lines = specs.map((l, i) => ({ lineId: `x${i}`, productId: `p${i}`, name: 'n', unit: 'piece' as const, quantityMilli: l.quantityMilli, unitPrice: l.unitPrice, taxRateBp: 2100, discountable: true, categoryId: l.dairy ? 'dairy' : null, floorUnitPrice: Math.floor((l.unitPrice * l.floorShareBp) / 10_000) }));
          const combination = mode === 'best' ? ({ mode: 'best' } as const) : ({ mode: 'stack', capBp } as const);
          const cart = priceCart({ lines, customer: gold, rules: [bigBasket, promo({ exclusive: false })], combination, localTime: TUESDAY_10 });
          cart.lines.forEach((l, i) => {
            const floor = Math.round((lines[i].quantityMilli * lines[i].floorUnitPrice) / 1000);
            expect(l.amount).toBeGreaterThanOrEqual(Math.min(l.grossAmount, floor));
            const maxBp = mode === 'best' ? 1500 : capBp;
            expect(l.discountAmount).toBeLessThanOrEqual(Math.ceil((l.grossAmount * maxBp) / 10_000) + l.discounts.length);
          });
          expect(cart.total).toBe(cart.lines.reduce((s, l) => s + l.amount, 0));
        },
      ),
    );
  });
});

describe('inWindow', () => {
  it('uses ISO weekdays and a half-open time range', () => {
    const w = { days: [6, 7], from: '09:00', to: '13:00' };
    expect(inWindow('2026-11-28T09:00:00', w)).toBe(true); // Saturday
    expect(inWindow('2026-11-29T12:59:59', w)).toBe(true); // Sunday
    expect(inWindow('2026-11-29T13:00:00', w)).toBe(false);
    expect(inWindow('2026-11-27T10:00:00', w)).toBe(false); // Friday
  });
});
