import { describe, expect, it } from 'vitest';
import { shiftFigures } from './report.ts';

describe('shiftFigures', () => {
  it('adds up sales, returns, tenders, taxes and expected cash', () => {
    const figures = shiftFigures({
      openingFloat: 10_000,
      sales: [
        { kind: 'sale', total: 1210, discountTotal: 0, payments: [{ method: 'cash', amount: 1210 }], lines: [{ taxRateBp: 2100, amount: 1210, taxAmount: 210 }] },
        { kind: 'sale', total: 1090, discountTotal: 50, payments: [{ method: 'card', amount: 1090 }], lines: [{ taxRateBp: 900, amount: 1090, taxAmount: 90 }] },
        { kind: 'return', total: 605, discountTotal: 0, payments: [{ method: 'cash', amount: 605 }], lines: [{ taxRateBp: 2100, amount: 605, taxAmount: 105 }] },
      ],
      cashMovements: [{ kind: 'in', amount: 500 }, { kind: 'out', amount: 2_000 }],
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
  });

  it('reports an empty shift as its float', () => {
    expect(shiftFigures({ openingFloat: 3000, sales: [], cashMovements: [] })).toMatchObject({ salesCount: 0, expectedCash: 3000, taxes: [] });
  });
});
