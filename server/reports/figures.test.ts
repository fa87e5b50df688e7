import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bestAndSlow, byHour, change, emptyFact, periodFigures, regroup, salesRows, taxTable, totals, type Quantities, type SalesFact } from './figures.ts';

/** Sales with VAT at 21 % (tax inside), cost net of VAT. */
const fact = (key: string, sales: number, cost: number, quantities: Quantities = { piece: 1000 }): SalesFact => ({ ...emptyFact(key, key), quantities, sales, tax: Math.round((sales * 2100) / 12_100), cost, receipts: 1 });

describe('sales rows', () => {
  it('takes gross profit and margin on revenue net of VAT, biggest revenue first', () => {
    // Juice: 12.10 with VAT is 10.00 without; bought for 6.87 net: 31.3 % margin, not 43.2 %.
    const rows = salesRows([fact('juice', 1210, 687), fact('free', 0, 50), fact('tea', 2420, 1000)], 'net');
    expect(rows.map((r) => [r.key, r.sales, r.tax, r.revenue, r.grossProfit, r.marginBp, r.shareBp])).toEqual([
      ['tea', 2420, 420, 2000, 1000, 5000, 6667],
      ['juice', 1210, 210, 1000, 313, 3130, 3333],
      ['free', 0, 0, 0, -50, null, 0],
    ]);
  });

  it('keeps revenue as paid for a shop that is not VAT-registered', () => {
    const [row] = salesRows([fact('juice', 1210, 687)], 'gross');
    expect(row).toMatchObject({ revenue: 1210, grossProfit: 523, marginBp: 4322 });
  });

  it('totals add up to the rows, for any facts', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ sales: fc.integer({ min: -10_000, max: 1_000_000 }), cost: fc.integer({ min: 0, max: 1_000_000 }) }), { maxLength: 30 }), (xs) => {
        const facts = xs.map((x, i) => fact(String(i), x.sales, x.cost));
        const rows = salesRows(facts, 'net');
        const t = totals(facts, 'net');
        expect(t.grossProfit).toBe(rows.reduce((s, r) => s + r.grossProfit, 0));
        expect(t.revenue).toBe(t.sales - t.tax);
        expect(t.revenue - t.cost).toBe(t.grossProfit);
      }),
    );
  });

  it('never adds pieces and kilograms', () => {
    const products = [{ ...fact('milk', 300, 200, { piece: 2000 }), category: 'dairy' }, { ...fact('cheese', 990, 500, { kg: 457 }), category: 'dairy' }, { ...fact('bread', 99, 40, { piece: 1000 }), category: 'bakery' }];
    const categories = salesRows(regroup(products, (p) => ({ key: p.category, label: p.category })), 'net');
    expect(categories.find((c) => c.key === 'dairy')).toMatchObject({ quantityMilli: null, unit: null, sales: 1290 });
    expect(categories.find((c) => c.key === 'bakery')).toMatchObject({ quantityMilli: 1000, unit: 'piece' });
    expect(salesRows([products[1]], 'net')[0]).toMatchObject({ quantityMilli: 457, unit: 'kg' });
    expect(totals(products, 'net')).toMatchObject({ quantityMilli: null, unit: null });
  });

  it('adds litres only to litres and metres only to metres', () => {
    const drinks = [fact('milk', 300, 200, { l: 1500 }), fact('juice', 500, 300, { l: 2250 })];
    expect(totals(drinks, 'net')).toMatchObject({ quantityMilli: 3750, unit: 'l' });
    expect(totals([fact('cable', 700, 300, { m: 12_500 })], 'net')).toMatchObject({ quantityMilli: 12_500, unit: 'm' });
    expect(totals([...drinks, fact('bread', 99, 40, { piece: 1000 })], 'net')).toMatchObject({ quantityMilli: null, unit: null });
  });

  it('sums products into their categories without losing a cent', () => {
    const products = [{ ...fact('milk', 300, 200, { piece: 2000 }), category: 'dairy' }, { ...fact('kefir', 150, 90, { piece: 1000 }), category: 'dairy' }, { ...fact('bread', 99, 40, { piece: 1000 }), category: 'bakery' }];
    const categories = regroup(products, (p) => ({ key: p.category, label: p.category.toUpperCase() }));
    expect(categories.map((c) => [c.key, c.label, c.quantities, c.sales, c.cost, c.receipts])).toEqual([
      ['dairy', 'DAIRY', { piece: 3000 }, 450, 290, 2],
      ['bakery', 'BAKERY', { piece: 1000 }, 99, 40, 1],
    ]);
    expect(totals(categories, 'net')).toEqual(totals(products, 'net'));
  });

  it('puts VAT in rows by rate, highest first, with returns subtracting', () => {
    expect(taxTable([{ rateBp: 900, sales: 1090, tax: 90 }, { rateBp: 2100, sales: 1210, tax: 210 }, { rateBp: 900, sales: -545, tax: -45 }])).toEqual([
      { rateBp: 2100, net: 1000, tax: 210, gross: 1210 },
      { rateBp: 900, net: 500, tax: 45, gross: 545 },
    ]);
  });

  it('picks best sellers by revenue and slow movers by quantity', () => {
    const rows = salesRows([fact('a', 500, 0, { piece: 5000 }), fact('b', 900, 0, { piece: 1000 }), fact('c', 100, 0, { piece: 0 })], 'net');
    const { best, slow } = bestAndSlow(rows, 2);
    expect(best.map((r) => r.key)).toEqual(['b', 'a']);
    expect(slow.map((r) => r.key)).toEqual(['c', 'b']);
  });
});

describe('period figures', () => {
  it('gives average receipt with VAT, margin on net revenue, and the change from the previous period', () => {
    expect(periodFigures({ sales: 12_100, tax: 2_100, cost: 6_000 }, 4, 'net')).toEqual({ sales: 12_100, revenue: 10_000, tax: 2_100, receipts: 4, averageReceipt: 3_025, grossProfit: 4_000, marginBp: 4_000 });
    expect(periodFigures({ sales: 0, tax: 0, cost: 0 }, 0, 'net')).toMatchObject({ averageReceipt: 0, marginBp: null });
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
