import { DISCOUNT_SOURCES, type ReportedDiscountSource } from '../../shared/schemas/pricing.ts';
import type { PaymentMethod } from '../../shared/schemas/sales.ts';
import type { ShiftReport } from '../../shared/schemas/shifts.ts';
import { taxRows } from '../sales/views.ts';

/** What an X or Z report adds up from the shift's documents. */
export type ShiftFigures = Pick<
  ShiftReport,
  'salesCount' | 'returnsCount' | 'salesTotal' | 'returnsTotal' | 'discountTotal' | 'discounts' | 'returns' | 'deposits' | 'tenders' | 'taxes' | 'cashIn' | 'cashOut' | 'cashMovements' | 'expectedCash'
>;

export interface ShiftDocuments {
  openingFloat: number;
  sales: {
    kind: string;
    number: string;
    /** A return's original receipt number. */
    originalNumber: string | null;
    createdAt: string;
    total: number;
    discountTotal: number;
    payments: { method: string; amount: number }[];
    lines: { kind: string; taxRateBp: number; amount: number; taxAmount: number }[];
    discounts: { source: string; amount: number }[];
  }[];
  cashMovements: { kind: string; amount: number; reason: string; createdAt: string; user: string }[];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The figures of an X or Z report, from a shift's documents. A pre-order's deposit is money held
 * for the customer, not a sale: its receipt is counted apart and its line is left out of sales,
 * returns and taxes, so a collected order counts once, when collected (its deposit then shows as
 * the deposit tender). Returns count negative in the tax table, so it shows what the shift really
 * collected; expected cash is the float plus cash taken minus cash refunded, plus cash in, minus
 * cash out.
 */
export function shiftFigures(docs: ShiftDocuments): ShiftFigures {
  const sales = docs.sales.filter((s) => s.kind === 'sale');
  const returns = docs.sales.filter((s) => s.kind === 'return');
  const deposited = (s: ShiftDocuments['sales'][number]) => sum(s.lines.filter((l) => l.kind === 'deposit').map((l) => l.amount));
  const depositOnly = (s: ShiftDocuments['sales'][number]) => s.lines.every((l) => l.kind === 'deposit');
  const tender = (method: PaymentMethod) => ({
    method,
    sales: sum(sales.flatMap((s) => s.payments.filter((p) => p.method === method).map((p) => p.amount))),
    refunds: sum(returns.flatMap((s) => s.payments.filter((p) => p.method === method).map((p) => p.amount))),
  });
  // Cash and card always show; points, gift cards and pre-order deposits only when the shift took them.
  const tenders = (['cash', 'card', 'points', 'gift-card', 'deposit', 'on-account'] as const).map(tender).filter((t) => t.method === 'cash' || t.method === 'card' || t.sales || t.refunds);
  const signedLines = docs.sales.flatMap((s) =>
    s.lines.filter((l) => l.kind !== 'deposit').map((l) => (s.kind === 'return' ? { ...l, amount: -l.amount, taxAmount: -l.taxAmount } : l)),
  );
  const bySource = new Map<ReportedDiscountSource, { amount: number; receipts: Set<string> }>();
  for (const s of sales) {
    for (const d of s.discounts) {
      const row = bySource.get(d.source as ReportedDiscountSource) ?? { amount: 0, receipts: new Set<string>() };
      row.amount += d.amount;
      row.receipts.add(s.number);
      bySource.set(d.source as ReportedDiscountSource, row);
    }
  }
  const cashIn = sum(docs.cashMovements.filter((m) => m.kind === 'in').map((m) => m.amount));
  const cashOut = sum(docs.cashMovements.filter((m) => m.kind === 'out').map((m) => m.amount));
  const cash = tenders[0];
  return {
    salesCount: sales.filter((s) => !depositOnly(s)).length,
    returnsCount: returns.filter((s) => !depositOnly(s)).length,
    salesTotal: sum(sales.map((s) => s.total - deposited(s))),
    returnsTotal: sum(returns.map((s) => s.total - deposited(s))),
    discountTotal: sum(sales.map((s) => s.discountTotal)),
    discounts: [...bySource.entries()]
      .map(([source, r]) => ({ source, amount: r.amount, receipts: r.receipts.size }))
      .sort((a, b) => b.amount - a.amount || DISCOUNT_SOURCES.indexOf(a.source) - DISCOUNT_SOURCES.indexOf(b.source)),
    returns: returns.map((r) => ({ number: r.number, originalNumber: r.originalNumber, createdAt: r.createdAt, total: r.total })),
    deposits: {
      receipts: sales.filter(depositOnly).length,
      taken: sum(sales.map(deposited)),
      refunded: sum(returns.map(deposited)),
      used: tenders.find((t) => t.method === 'deposit')?.sales ?? 0,
    },
    tenders,
    taxes: taxRows(signedLines),
    cashIn,
    cashOut,
    cashMovements: docs.cashMovements.map((m) => ({ createdAt: m.createdAt, kind: m.kind as 'in' | 'out', amount: m.amount, reason: m.reason, user: m.user })),
    expectedCash: docs.openingFloat + cash.sales - cash.refunds + cashIn - cashOut,
  };
}
