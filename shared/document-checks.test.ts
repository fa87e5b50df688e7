import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDocument, saleDocumentIssues, stockDocumentIssues } from './document-checks.ts';
import { newId } from './ids.ts';
import { priceCart } from './pricing/engine.ts';
import type { CartLineInput, ManualDiscount } from './pricing/types.ts';
import type { SyncedSale, SyncedStockDocument } from './schemas/sync.ts';

/** A sale document the way the outlet writes one: its lines, discounts and payments from the pricing function. */
function saleOf(lines: CartLineInput[], receiptDiscount: ManualDiscount | null, personalDiscountBp: number, extraCash: number): SyncedSale {
  const id = newId();
  const priced = priceCart({ lines, rules: [], localTime: '2026-11-24T10:00:00', receiptDiscount, customer: personalDiscountBp ? { id: 'c', personalDiscountBp } : null });
  const lineIds = lines.map(() => newId());
  return {
    id,
    outletId: newId(),
    kind: 'sale',
    number: 'R1-0001-0001',
    originalSaleId: null,
    customerId: null,
    subtotal: priced.subtotal,
    discountTotal: priced.discountTotal,
    total: priced.total,
    taxTotal: priced.taxTotal,
    createdAt: '2026-11-24T10:00:00.000Z',
    lines: priced.lines.map((p, i) => ({
      id: lineIds[i], saleId: id, productId: newId(), quantityMilli: lines[i].quantityMilli, unitPrice: lines[i].unitPrice,
      grossAmount: p.grossAmount, discountAmount: p.discountAmount, amount: p.amount, taxRateBp: p.taxRateBp, taxAmount: p.taxAmount, costAmount: 0, originalLineId: null,
    })),
    discounts: priced.lines.flatMap((p, i) => p.discounts.map((d) => ({ saleId: id, lineId: lineIds[i], amount: d.amount }))),
    payments: priced.total > 0 ? [{ saleId: id, method: 'cash' as const, amount: priced.total, tendered: priced.total + extraCash, change: extraCash }] : [],
  };
}

const cartLine = fc.record({
  quantityMilli: fc.integer({ min: 1, max: 50_000 }),
  unitPrice: fc.integer({ min: 0, max: 200_000 }),
  taxRateBp: fc.constantFrom(0, 500, 900, 2100, 2500),
  discountable: fc.boolean(),
  percentOff: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
});
const sale = fc
  .record({
    lines: fc.array(cartLine, { minLength: 1, maxLength: 8 }),
    receiptOff: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
    personalDiscountBp: fc.integer({ min: 0, max: 10_000 }),
    extraCash: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ lines, receiptOff, personalDiscountBp, extraCash }) =>
    saleOf(
      lines.map((l, i) => ({
        lineId: `l${i}`, productId: `p${i}`, name: `Item ${i}`, unit: 'piece' as const, quantityMilli: l.quantityMilli, unitPrice: l.unitPrice, taxRateBp: l.taxRateBp, discountable: l.discountable,
        manualDiscount: l.percentOff === null ? null : { kind: 'percent' as const, valueBp: l.percentOff, reason: 'test' },
      })),
      receiptOff === null ? null : { kind: 'amount', amount: receiptOff, reason: 'test' },
      personalDiscountBp,
      extraCash,
    ),
  );

const paths = (s: SyncedSale) => saleDocumentIssues(s).map((i) => i.path);

describe('saleDocumentIssues', () => {
  it('finds nothing wrong with any sale the pricing function makes', () => {
    fc.assert(
      fc.property(sale, (s) => {
        expect(saleDocumentIssues(s)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds every one-unit lie in a sale’s figures', () => {
    const fields = fc.constantFrom('total', 'subtotal', 'taxTotal', 'discountTotal', 'line.grossAmount', 'line.amount', 'line.taxAmount', 'line.discountAmount', 'payment.amount');
    fc.assert(
      fc.property(sale, fields, fc.constantFrom(-1, 1), (s, field, by) => {
        const lied = structuredClone(s);
        if (field.startsWith('line.')) (lied.lines[0] as Record<string, number>)[field.slice(5)] += by;
        else if (field === 'payment.amount') {
          if (!lied.payments.length) lied.payments.push({ saleId: lied.id, method: 'card', amount: 0, tendered: null, change: 0 });
          lied.payments[0].amount += by;
        } else lied[field as 'total'] += by;
        expect(saleDocumentIssues(lied).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('names the field that is off', () => {
    const s = saleOf([{ lineId: 'a', productId: 'p', name: 'A', unit: 'piece', quantityMilli: 2000, unitPrice: 1210, taxRateBp: 2100, discountable: true }], null, 0, 0);
    expect(paths({ ...s, total: s.total + 1, payments: [{ ...s.payments[0], amount: s.total + 1, tendered: s.total + 1 }] })).toEqual(['total']);
    expect(paths({ ...s, taxTotal: s.taxTotal + 1 })).toEqual(['taxTotal']);
    expect(paths({ ...s, payments: [{ ...s.payments[0], method: 'card', amount: 0, tendered: null }] })).toEqual(['payments']);
    expect(paths({ ...s, payments: [{ ...s.payments[0], method: 'card', change: 5 }] })).toEqual(['payments.0.change']);
    const negative = structuredClone(s);
    negative.lines[0].quantityMilli = -2000;
    expect(paths(negative)[0]).toBe('lines.0.quantityMilli');
    expect(paths({ ...s, originalSaleId: newId() })).toEqual(['originalSaleId']);
    const stray = structuredClone(s);
    stray.discounts.push({ saleId: s.id, lineId: newId(), amount: 10 });
    expect(paths(stray)).toEqual(['discounts.0.lineId']);
  });

  it('checks a return by its sums, its signs and the sale lines it names', () => {
    const s = saleOf([{ lineId: 'a', productId: 'p', name: 'A', unit: 'piece', quantityMilli: 3000, unitPrice: 333, taxRateBp: 2100, discountable: true }], null, 0, 0);
    const ret: SyncedSale = {
      ...s,
      kind: 'return',
      originalSaleId: newId(),
      // A third of the line, its shares rounded each on its own: they need not follow from quantity × price.
      lines: [{ ...s.lines[0], quantityMilli: 1000, grossAmount: 333, discountAmount: 0, amount: 333, taxAmount: 58, originalLineId: newId() }],
      subtotal: 333, discountTotal: 0, total: 333, taxTotal: 58, discounts: [],
      payments: [{ saleId: s.id, method: 'cash', amount: 333, tendered: null, change: 0 }],
    };
    expect(paths(ret)).toEqual([]);
    expect(paths({ ...ret, originalSaleId: null })).toEqual(['originalSaleId']);
    expect(paths({ ...ret, total: 334, payments: [{ ...ret.payments[0], amount: 334 }] })).toEqual(['total']);
    expect(paths({ ...ret, payments: [{ ...ret.payments[0], change: 10 }] })).toEqual(['payments.0.change']);
    expect(paths({ ...ret, lines: [{ ...ret.lines[0], quantityMilli: -1000 }] })).toEqual(['lines.0.quantityMilli']);
  });
});

describe('stockDocumentIssues', () => {
  const delivery: SyncedStockDocument = {
    id: newId(), outletId: newId(), kind: 'delivery', status: 'posted', counterpart: null, totalCost: 1234 * 3 + 1500, createdAt: '2026-11-24T10:00:00.000Z', postedAt: '2026-11-24T10:00:00.000Z',
    lines: [
      { productId: newId(), quantityMilli: 3000, unitCost: 1234, expectedMilli: null, differenceMilli: null },
      { productId: newId(), quantityMilli: 750, unitCost: 2000, expectedMilli: null, differenceMilli: null },
    ],
  };
  const issuesOf = (doc: SyncedStockDocument) => stockDocumentIssues(doc).map((i) => i.path);

  it('takes a delivery whose lines cost what it says, in positive quantities', () => {
    expect(issuesOf(delivery)).toEqual([]);
    expect(issuesOf({ ...delivery, totalCost: delivery.totalCost + 1 })).toEqual(['totalCost']);
    expect(issuesOf({ ...delivery, lines: [{ ...delivery.lines[0], quantityMilli: -3000 }, delivery.lines[1]], totalCost: 1500 })).toEqual(['lines.0.quantityMilli']);
    expect(issuesOf({ ...delivery, kind: 'write-off' })).toEqual([]);
    expect(issuesOf({ ...delivery, kind: 'transfer-out', status: 'in-transit' })).toEqual(['counterpart']);
  });

  it('takes a count whose differences follow from what was expected, either way', () => {
    const count: SyncedStockDocument = { ...delivery, kind: 'count', totalCost: 0, lines: [{ productId: newId(), quantityMilli: 0, unitCost: null, expectedMilli: 4000, differenceMilli: -4000 }] };
    expect(issuesOf(count)).toEqual([]);
    expect(issuesOf({ ...count, lines: [{ ...count.lines[0], differenceMilli: 4000 }] })).toEqual(['lines.0.differenceMilli']);
    expect(issuesOf({ ...count, lines: [] })).toEqual([]);
  });

  it('takes a received transfer only with the note it was received by, expecting what the note sent', () => {
    const transferId = newId();
    const note = { id: transferId, number: 'TO-000001', from: { code: 'A1', name: 'A' }, to: 'B1', sentAt: '2026-11-24T09:00:00.000Z', lines: [{ sku: 'X', name: 'X', quantityMilli: 5000, unitCost: 100 }], signature: 'x'.repeat(86) };
    const receipt: SyncedStockDocument = {
      ...delivery, kind: 'transfer-in', counterpart: 'A1', transferId, totalCost: 400, transferNote: note,
      lines: [{ productId: newId(), quantityMilli: 4000, unitCost: 100, expectedMilli: 5000, differenceMilli: -1000 }],
    };
    expect(issuesOf(receipt)).toEqual([]);
    expect(issuesOf({ ...receipt, transferNote: undefined })).toEqual(['transferNote']);
    expect(issuesOf({ ...receipt, transferId: newId() })).toEqual(['transferNote.id']);
    expect(issuesOf({ ...receipt, lines: [{ ...receipt.lines[0], expectedMilli: 50_000, differenceMilli: -46_000 }] })).toEqual(['lines']);
  });
});

describe('readDocument', () => {
  it('reads a document by its type and refuses one of another kind, naming the field', () => {
    const s = saleOf([{ lineId: 'a', productId: 'p', name: 'A', unit: 'piece', quantityMilli: 1000, unitPrice: 100, taxRateBp: 0, discountable: true }], null, 0, 0);
    expect(readDocument('sale', s).issues).toEqual([]);
    expect(readDocument('return', s).issues).toEqual([{ path: 'kind', message: 'not a return' }]);
    expect(readDocument('stock-delivery', s).issues[0].path).toBe('kind');
    expect(readDocument('sale', { ...s, total: 'lots' }).issues[0].path).toBe('total');
    expect(readDocument('customer-edit', { customerId: newId(), editedAt: 'soon', fields: {}, cardsAdded: [] }).issues[0].path).toBe('editedAt');
  });
});
