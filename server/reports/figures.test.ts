import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestAndSlow, byHour, change, periodFigures, regroup, salesRows, shiftHistory, totals, type SalesFact } from './figures.ts';

const fact = (key: string, revenue: number, cost: number, quantityMilli = 1000): SalesFact => ({ key, label: key, quantityMilli, revenue, cost, discount: 0, receipts: 1 });

describe('sales rows', () => {
  it('adds gross profit, margin and share, biggest revenue first', () => {
    const rows = salesRows([fact('tea', 1000, 600), fact('coffee', 3000, 1500), fact('free', 0, 50)]);
    expect(rows.map((r) => [r.key, r.grossProfit, r.marginBp, r.shareBp])).toEqual([
      ['coffee', 1500, 5000, 7500],
      ['tea', 400, 4000, 2500],
      ['free', -50, null, 0],
    ]);
  });

  it('totals add up to the rows, for any facts', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ revenue: fc.integer({ min: -10_000, max: 1_000_000 }), cost: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 30 }), (xs) => {
        const rows = salesRows(xs.map((x, i) => fact(String(i), x.revenue, x.cost)));
        const t = totals(rows);
        expect(t.grossProfit).toBe(rows.reduce((s, r) => s + r.grossProfit, 0));
        expect(t.revenue - t.cost).toBe(t.grossProfit);
      }),
    );
  });

  it('sums products into their categories without losing a cent', () => {
    const products = [
      { ...fact('milk', 300, 200, 2000), category: 'dairy' },
      { ...fact('kefir', 150, 90, 1000), category: 'dairy' },
      { ...fact('bread', 99, 40, 1000), category: 'bakery' },
    ];
    const categories = regroup(products, (p) => ({ key: p.category, label: p.category.toUpperCase() }));
    expect(categories).toEqual([
      { key: 'dairy', label: 'DAIRY', quantityMilli: 3000, revenue: 450, cost: 290, discount: 0, receipts: 2 },
      { key: 'bakery', label: 'BAKERY', quantityMilli: 1000, revenue: 99, cost: 40, discount: 0, receipts: 1 },
    ]);
    expect(totals(categories)).toEqual(totals(products));
  });

  it('picks best sellers by revenue and slow movers by quantity', () => {
    const rows = salesRows([fact('a', 500, 0, 5000), fact('b', 900, 0, 1000), fact('c', 100, 0, 0)]);
    const { best, slow } = bestAndSlow(rows, 2);
    expect(best.map((r) => r.key)).toEqual(['b', 'a']);
    expect(slow.map((r) => r.key)).toEqual(['c', 'b']);
  });
});

describe('period figures', () => {
  it('gives average receipt and margin, and the change from the previous period', () => {
    expect(periodFigures(10_000, 6_000, 4)).toEqual({ revenue: 10_000, receipts: 4, averageReceipt: 2_500, grossProfit: 4_000, marginBp: 4_000 });
    expect(periodFigures(0, 0, 0)).toMatchObject({ averageReceipt: 0, marginBp: null });
    expect(change(120, 100)).toBe(2_000);
    expect(change(50, 100)).toBe(-5_000);
    expect(change(5, 0)).toBeNull();
  });

  it('puts revenue into local hours', () => {
    const hours = byHour([{ localHour: 9, total: 100 }, { localHour: 9, total: 50 }, { localHour: 17, total: -30 }]);
    expect(hours).toHaveLength(24);
    expect(hours[9]).toBe(150);
    expect(hours[17]).toBe(-30);
  });
});

describe('shift history', () => {
  it('gives each shift its cash difference and counts the short ones', () => {
    const shift = (id: string, expectedCash: number, countedCash: number) => ({ id, register: 'R1', number: 1, openedAt: '', closedAt: '', closedBy: 'Anna', salesTotal: 1000, returnsTotal: 100, expectedCash, countedCash });
    const history = shiftHistory([shift('a', 5000, 5000), shift('b', 5000, 4950), shift('c', 3000, 3020)]);
    expect(history.rows.map((r) => r.difference)).toEqual([0, -50, 20]);
    expect(history.totals).toEqual({ salesTotal: 3000, returnsTotal: 300, difference: -30, short: 1 });
  });
});
