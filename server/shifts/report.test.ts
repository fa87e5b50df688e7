import { describe, expect, it } from 'vitest';
import { shiftFigures, type ShiftDocuments } from './report.ts';

type Doc = ShiftDocuments['sales'][number];
const goods = (amount: number, taxRateBp: number, taxAmount: number) => ({ kind: 'goods', taxRateBp, amount, taxAmount });
const doc = (kind: 'sale' | 'return', number: string, total: number, lines: Doc['lines'], payments: Doc['payments'], extra: Partial<Doc> = {}): Doc => ({
  kind, number, originalNumber: null, createdAt: '2026-11-24T10:00:00.000Z', total, discountTotal: 0, lines, payments, discounts: [], ...extra,
});
const movement = (kind: 'in' | 'out', amount: number) => ({ kind, amount, reason: 'r', createdAt: '2026-11-24T12:00:00.000Z', user: 'Max' });

describe('shiftFigures', () => {
  it('adds up sales, returns, tenders, taxes, discounts by source and expected cash', () => {
    const figures = shiftFigures({
      openingFloat: 10_000,
      sales: [
        doc('sale', 'R1-1', 1210, [goods(1210, 2100, 210)], [{ method: 'cash', amount: 1210 }]),
        doc('sale', 'R1-2', 1090, [goods(1090, 900, 90)], [{ method: 'card', amount: 1090 }], { discountTotal: 50, discounts: [{ source: 'card-tier', amount: 30 }, { source: 'manual', amount: 20 }] }),
        doc('return', 'R1-3', 605, [goods(605, 2100, 105)], [{ method: 'cash', amount: 605 }], { originalNumber: 'R1-1' }),
      ],
      cashMovements: [movement('in', 500), movement('out', 2_000)],
    });
    expect(figures).toMatchObject({ salesCount: 2, returnsCount: 1, salesTotal: 2300, returnsTotal: 605, discountTotal: 50, cashIn: 500, cashOut: 2000 });
    expect(figures.expectedCash).toBe(10_000 + 1210 - 605 + 500 - 2000);
    expect(figures.tenders).toEqual([
      { method: 'cash', sales: 1210, refunds: 605 },
      { method: 'card', sales: 1090, refunds: 0 },
    ]);
    expect(figures.taxes).toEqual([
      { rateBp: 2100, gross: 605, tax: 105, net: 500 },
      { rateBp: 900, gross: 1090, tax: 90, net: 1000 },
    ]);
    expect(figures.discounts).toEqual([{ source: 'card-tier', amount: 30, receipts: 1 }, { source: 'manual', amount: 20, receipts: 1 }]);
    expect(figures.returns).toEqual([{ number: 'R1-3', originalNumber: 'R1-1', createdAt: '2026-11-24T10:00:00.000Z', total: 605 }]);
    expect(figures.cashMovements).toHaveLength(2);
  });

  it('counts a pre-order once: the deposit apart, the collected goods as the sale', () => {
    const deposit = { kind: 'deposit', taxRateBp: 0, amount: 1000, taxAmount: 0 };
    const figures = shiftFigures({
      openingFloat: 0,
      sales: [
        doc('sale', 'R1-1', 1000, [deposit], [{ method: 'cash', amount: 1000 }]),
        doc('sale', 'R1-2', 4000, [goods(4000, 2100, 694)], [{ method: 'deposit', amount: 1000 }, { method: 'cash', amount: 3000 }]),
      ],
      cashMovements: [],
    });
    expect(figures).toMatchObject({ salesCount: 1, salesTotal: 4000, deposits: { receipts: 1, taken: 1000, refunded: 0, used: 1000 }, expectedCash: 4000 });
    expect(figures.taxes).toEqual([{ rateBp: 2100, gross: 4000, tax: 694, net: 3306 }]);
    const tendered = figures.tenders.reduce((s, t) => s + t.sales, 0);
    expect(tendered).toBe(figures.salesTotal + figures.deposits.taken);
  });

  it('reports an empty shift as its float', () => {
    expect(shiftFigures({ openingFloat: 3000, sales: [], cashMovements: [] })).toMatchObject({ salesCount: 0, expectedCash: 3000, taxes: [] });
  });
});
