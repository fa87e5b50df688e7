import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { settleTenders } from './tenders.ts';

describe('settleTenders', () => {
  it('needs no tender when nothing is due, and still refuses none when something is', () => {
    expect(settleTenders(0, [])).toEqual([]);
    expect(() => settleTenders(1, [])).toThrow(/does not cover/);
  });

  it('gives change from cash', () => {
    expect(settleTenders(1250, [{ method: 'cash', amount: 2000 }])).toEqual([
      { method: 'cash', amount: 1250, tendered: 2000, change: 750, reference: null },
    ]);
  });

  it('charges a card exactly and takes the rest in cash', () => {
    expect(settleTenders(1000, [{ method: 'card', amount: 700 }, { method: 'cash', amount: 500 }])).toEqual([
      { method: 'card', amount: 700, tendered: null, change: 0, reference: null },
      { method: 'cash', amount: 300, tendered: 500, change: 200, reference: null },
    ]);
  });

  it('refuses tenders that do not cover the total, and cards above it', () => {
    expect(() => settleTenders(1000, [{ method: 'cash', amount: 999 }])).toThrow(/does not cover/);
    expect(() => settleTenders(1000, [{ method: 'card', amount: 1001 }])).toThrow(/card/i);
  });

  it('always applies exactly the total, whatever the mix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.record({ method: fc.constantFrom('cash' as const, 'card' as const), amount: fc.integer({ min: 1, max: 500_000 }) }), { minLength: 1, maxLength: 5 }),
        (total, tenders) => {
          let settled;
          try {
            settled = settleTenders(total, tenders);
          } catch {
            return true;
          }
          const applied = settled.reduce((s, p) => s + p.amount, 0);
          const change = settled.reduce((s, p) => s + p.change, 0);
          const handed = tenders.reduce((s, t) => s + t.amount, 0);
          return applied === total && applied + change === handed && settled.every((p) => p.amount >= 0 && p.change >= 0);
        },
      ),
    );
  });
});
