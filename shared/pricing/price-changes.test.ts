import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedPrice, priceInForce, roundPrice } from './price-changes.ts';

describe('priceInForce', () => {
  const product = { price: 500, priceChanges: [{ from: '2030-01-02T00:00:00.000Z', price: 700 }, { from: '2030-01-01T00:00:00.000Z', price: 600 }] };

  it('is the product price before any scheduled change, and the latest change whose time has come after', () => {
    expect(priceInForce(product, '2029-12-31T23:59:59.999Z')).toBe(500);
    expect(priceInForce(product, '2030-01-01T00:00:00.000Z')).toBe(600);
    expect(priceInForce(product, new Date('2030-01-01T12:00:00Z'))).toBe(600);
    expect(priceInForce(product, '2030-01-05T00:00:00.000Z')).toBe(700);
    expect(priceInForce({ price: 42 }, new Date())).toBe(42);
  });

  it('takes the latest change whose time has come, in whatever order they are listed (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.integer({ min: 0, max: 1e6 }), price: fc.integer({ min: 0, max: 1e6 }) }), { maxLength: 8 }), fc.integer({ min: 0, max: 1e6 }), (changes, now) => {
        const base = Date.UTC(2030, 0, 1);
        const listed = changes.map((c) => ({ from: new Date(base + c.at * 1000).toISOString(), price: c.price }));
        const due = changes.filter((c) => c.at <= now);
        const latest = due.length ? Math.max(...due.map((c) => c.at)) : null;
        const result = priceInForce({ price: -1, priceChanges: listed }, new Date(base + now * 1000));
        if (latest === null) expect(result).toBe(-1);
        else expect(due.filter((c) => c.at === latest).map((c) => c.price)).toContain(result);
      }),
    );
  });
});

describe('roundPrice', () => {
  it('rounds to the nearest .99 and to 0.05 as a shop writes prices', () => {
    expect(roundPrice(1037, 'ninety-nine')).toBe(999);
    expect(roundPrice(1050, 'ninety-nine')).toBe(1099);
    expect(roundPrice(1, 'ninety-nine')).toBe(99);
    expect(roundPrice(0, 'ninety-nine')).toBe(0);
    expect(roundPrice(1237, 'five')).toBe(1235);
    expect(roundPrice(1238, 'five')).toBe(1240);
    expect(roundPrice(1238, 'none')).toBe(1238);
  });

  it('ends every positive price in 99 within half a unit, and every price on a multiple of 5 within 2 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (price) => {
        const nn = roundPrice(price, 'ninety-nine');
        expect(nn % 100).toBe(99);
        expect(Math.abs(nn - price)).toBeLessThanOrEqual(price < 99 ? 98 : 50);
        const five = roundPrice(price, 'five');
        expect(five % 5).toBe(0);
        expect(Math.abs(five - price)).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('changedPrice', () => {
  it('sets, raises and lowers by a percentage, then rounds once', () => {
    expect(changedPrice(1000, { kind: 'set', price: 1234 }, 'none')).toBe(1234);
    expect(changedPrice(1000, { kind: 'percent', bp: 1000 }, 'none')).toBe(1100);
    expect(changedPrice(999, { kind: 'percent', bp: -1500 }, 'none')).toBe(849);
    expect(changedPrice(999, { kind: 'percent', bp: -1500 }, 'ninety-nine')).toBe(899);
    expect(changedPrice(999, { kind: 'percent', bp: 1000 }, 'five')).toBe(1100);
  });
});
