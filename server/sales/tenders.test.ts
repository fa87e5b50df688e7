import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refundTenders, settleTenders } from './tenders.ts';

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
    expect(() => settleTenders(1000, [{ method: 'card', amount: 1001 }])).toThrow(/only cash/i);
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

describe('refundTenders', () => {
  const paid = [
    { method: 'gift-card', amount: 300, reference: 'G1' },
    { method: 'points', amount: 200, reference: null },
    { method: 'cash', amount: 500, reference: null },
  ];

  it('puts money back on the gift card and points first, the rest by the chosen method', () => {
    expect(refundTenders(700, 'card', paid, []).map((p) => [p.method, p.amount])).toEqual([['gift-card', 300], ['points', 200], ['card', 200]]);
  });

  it('never refunds to a gift card or points more than they paid over all returns of the sale', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 6 }), (parts) => {
        const before: { method: string; amount: number; reference: string | null }[] = [];
        for (const total of parts) {
          const refunds = refundTenders(total, 'cash', paid, before);
          expect(refunds.reduce((s, r) => s + r.amount, 0)).toBe(total);
          before.push(...refunds);
        }
        const sum = (m: string) => before.filter((r) => r.method === m).reduce((s, r) => s + r.amount, 0);
        expect(sum('gift-card')).toBeLessThanOrEqual(300);
        expect(sum('points')).toBeLessThanOrEqual(200);
      }),
    );
  });

  it('without refund-any-tender, gives money back only by a tender that paid, up to what it paid', () => {
    const mixed = [
      { method: 'cash', amount: 300, reference: null },
      { method: 'card', amount: 700, reference: null },
    ];
    expect(() => refundTenders(500, 'cash', mixed, [], false)).toThrow(/cannot be refunded by cash/);
    expect(refundTenders(300, 'cash', mixed, [], false).map((p) => [p.method, p.amount])).toEqual([['cash', 300]]);
    expect(() => refundTenders(1, 'cash', mixed, [{ method: 'cash', amount: 300, reference: null }], false)).toThrow(/cannot be refunded by cash/);
    expect(refundTenders(700, 'card', mixed, [], false).map((p) => [p.method, p.amount])).toEqual([['card', 700]]);
    expect(() => refundTenders(100, 'points', mixed, [], false)).toThrow(/by points/);
    // What a pre-order's deposit paid goes back in cash or by card.
    expect(refundTenders(400, 'card', [{ method: 'deposit', amount: 400, reference: null }], [], false)).toHaveLength(1);
    expect(refundTenders(500, 'cash', mixed, [], true).map((p) => [p.method, p.amount])).toEqual([['cash', 500]]);
  });
});
