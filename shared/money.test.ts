import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, convertMinor, formatAmount, formatMoney, formatMoneyTick, formatQuantity, lineGross, mulDivRoundHalfUp, parseKilograms, parseMoney, percentOf, taxIncluded } from './money.ts';

describe('money arithmetic', () => {
  it('rounds half up once per line', () => {
    expect(lineGross(735, 399)).toBe(293); // 293.265
    expect(lineGross(500, 3)).toBe(2); // 1.5 → 2
    expect(lineGross(1000, 1999)).toBe(1999);
    expect(lineGross(2500, 149)).toBe(373); // 372.5 → 373
  });

  it('computes percentages in basis points', () => {
    expect(percentOf(1999, 1000)).toBe(200); // 199.9
    expect(percentOf(105, 500)).toBe(5); // 5.25
    expect(percentOf(110, 500)).toBe(6); // 5.5 → 6
  });

  it('finds the tax inside a tax-inclusive amount', () => {
    expect(taxIncluded(1210, 2100)).toBe(210);
    expect(taxIncluded(109, 900)).toBe(9);
    expect(taxIncluded(999, 0)).toBe(0);
  });

  it('stays exact beyond 2^53 intermediate products', () => {
    expect(mulDivRoundHalfUp(9_000_000_000_000, 1_000_000, 1_000_000)).toBe(9_000_000_000_000);
  });

  it('keeps the sign of negative amounts', () => {
    expect(mulDivRoundHalfUp(-15, 1, 10)).toBe(-2);
  });

  it('allocates so that the parts always add up to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }), (total, weights) => {
        const parts = allocate(total, weights);
        const sumWeights = weights.reduce((s, w) => s + w, 0);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(sumWeights === 0 ? 0 : total);
        parts.forEach((p, i) => {
          expect(p).toBeGreaterThanOrEqual(0);
          if (sumWeights > 0) expect(Math.abs(p - (total * weights[i]) / sumWeights)).toBeLessThan(1);
        });
      }),
    );
  });

  it('never gives a part to a zero weight', () => {
    expect(allocate(100, [0, 1, 0, 1])).toEqual([0, 50, 0, 50]);
    expect(allocate(101, [1, 1])).toEqual([51, 50]);
  });
});

describe('money formatting and parsing', () => {
  it('formats minor units by locale and currency', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(123456, 'EUR', 'ru').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
  });

  it('writes whole amounts on a chart axis without decimals, and others with them', () => {
    expect(formatMoneyTick(2000, 'EUR', 'en')).toBe('€20');
    expect(formatMoneyTick(250, 'EUR', 'en')).toBe('€2.50');
    expect(formatMoneyTick(2000, 'EUR', 'lt').replace(/\s/g, ' ')).toBe('20 €');
    expect(formatMoneyTick(1500, 'JPY', 'en')).toBe('¥1,500');
  });

  it('formats plain amounts without floating point', () => {
    expect(formatAmount(5)).toBe('0.05');
    expect(formatAmount(-1234)).toBe('-12.34');
    expect(formatAmount(100, 0)).toBe('100');
  });

  it('parses what a cashier types', () => {
    expect(parseMoney('12')).toBe(1200);
    expect(parseMoney('12,5')).toBe(1250);
    expect(parseMoney('1 234.56')).toBe(123456);
    expect(parseMoney('.5')).toBe(50);
    expect(parseMoney('1.234')).toBeNull();
    expect(parseMoney('abc')).toBeNull();
    expect(parseMoney('')).toBeNull();
    expect(parseKilograms('0,735')).toBe(735);
  });

  it('round-trips any amount through format and parse', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (big) => {
        const minor = Number(big);
        expect(parseMoney(formatAmount(minor))).toBe(minor);
      }),
    );
  });

  it('formats quantities: pieces whole, kilograms with grams', () => {
    expect(formatQuantity(3000, 'piece')).toBe('3');
    expect(formatQuantity(735, 'kg')).toBe('0.735');
    expect(formatQuantity(1250, 'kg', 'ru')).toBe('1,250');
  });

  it('converts between currencies at a rate, exactly and half-up once', () => {
    expect(convertMinor(10_000, 'PLN', 'EUR', '0.2312')).toBe(2312); // 100 zł → 23.12 €
    expect(convertMinor(1, 'PLN', 'EUR', '0.5')).toBe(1); // half a cent rounds up
    expect(convertMinor(12_345, 'EUR', 'JPY', '161.27')).toBe(19_909); // 123.45 € × 161.27 = ¥19,908.78
    expect(convertMinor(1000, 'JPY', 'EUR', '0.0062')).toBe(620); // ¥1,000 → 6.20 €
    expect(convertMinor(999, 'EUR', 'EUR', '1')).toBe(999);
    expect(() => convertMinor(100, 'EUR', 'PLN', '0')).toThrow(RangeError);
    expect(() => convertMinor(100, 'EUR', 'PLN', '1e3')).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 99_999_999 }), (minor, rateMicro) => {
        const rate = `${Math.floor(rateMicro / 1e6)}.${String(rateMicro % 1e6).padStart(6, '0')}`;
        // The same figure by rationals: minor × rateMicro / 10^6, half-up.
        expect(convertMinor(minor, 'EUR', 'USD', rate)).toBe(Number((2n * BigInt(minor) * BigInt(rateMicro) + 1_000_000n) / 2_000_000n));
      }),
    );
  });
});
