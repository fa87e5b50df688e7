import type { ReceiptDocument, ShiftReportDocument } from '../../shared/schemas/receipt.ts';

/** A receipt with a Cyrillic and a Latin line, a weighed line and a discount, for driver tests. */
export function sampleReceipt(overrides: Partial<ReceiptDocument> = {}): ReceiptDocument {
  return {
    type: 'receipt',
    kind: 'sale',
    copy: false,
    locale: 'en',
    currency: 'EUR',
    header: ['Till Demo Market', 'Gedimino pr. 1, Vilnius'],
    footer: ['Thank you!', 'Спасибо за покупку!'],
    number: 'R1-0001-0007',
    issuedAt: '2026-11-24T08:15:00.000Z',
    timeZone: 'Europe/Vilnius',
    cashier: 'Борис Петров',
    register: 'R1',
    customer: { name: 'Ona Kazlauskienė', card: '9900000000017' },
    lines: [
      { name: 'Молоко 2,5% 1 л', unit: 'piece', quantityMilli: 2000, unitPrice: 129, grossAmount: 258, discounts: [], amount: 258 },
      { name: 'Bananas', unit: 'kg', quantityMilli: 735, unitPrice: 199, grossAmount: 146, discounts: [{ reason: 'Damaged box', amount: 15 }], amount: 131 },
    ],
    subtotal: 404,
    discountTotal: 15,
    total: 389,
    taxes: [{ rateBp: 900, net: 357, tax: 32, gross: 389 }],
    payments: [{ method: 'cash', amount: 389, tendered: 500, change: 111 }],
    barcode: 'R1-0001-0007',
    ...overrides,
  };
}

export function sampleShiftReport(overrides: Partial<ShiftReportDocument> = {}): ShiftReportDocument {
  return {
    type: 'shift-report',
    reportKind: 'Z',
    locale: 'en',
    currency: 'EUR',
    header: ['Till Demo Market'],
    register: 'R1',
    shiftNumber: 3,
    timeZone: 'Europe/Vilnius',
    openedAt: '2026-11-24T08:00:00+02:00',
    closedAt: '2026-11-24T20:00:00+02:00',
    printedAt: '2026-11-24T20:00:05+02:00',
    cashier: 'Anna Kassir',
    openedBy: 'Anna Kassir',
    closedBy: 'Anna Kassir',
    salesCount: 12,
    returnsCount: 1,
    salesTotal: 15_000,
    returnsTotal: 500,
    discountTotal: 320,
    discounts: [{ source: 'category', amount: 320, receipts: 4 }],
    returns: [{ number: 'R1-0003-0011', originalNumber: 'R1-0003-0004', createdAt: '2026-11-24T15:10:00+02:00', total: 500 }],
    deposits: { receipts: 0, taken: 0, refunded: 0, used: 0 },
    tenders: [
      { method: 'cash', sales: 9_000, refunds: 500 },
      { method: 'card', sales: 6_000, refunds: 0 },
    ],
    taxes: [{ rateBp: 2100, net: 11_983, tax: 2_517, gross: 14_500 }],
    openingFloat: 10_000,
    cashIn: 0,
    cashOut: 2_000,
    cashMovements: [{ createdAt: '2026-11-24T14:00:00+02:00', kind: 'out', amount: 2_000, reason: 'Bank deposit', user: 'Max Manager' }],
    expectedCash: 16_500,
    countedCash: 16_450,
    difference: -50,
    ...overrides,
  };
}
