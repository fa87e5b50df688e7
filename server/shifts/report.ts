import type { PaymentMethod } from '../../shared/schemas/sales.ts';
import { taxRows } from '../sales/views.ts';

export interface ShiftFigures {
  salesCount: number;
  returnsCount: number;
  salesTotal: number;
  returnsTotal: number;
  discountTotal: number;
  tenders: { method: PaymentMethod; sales: number; refunds: number }[];
  taxes: { rateBp: number; net: number; tax: number; gross: number }[];
  cashIn: number;
  cashOut: number;
  expectedCash: number;
}

export interface ShiftDocuments {
  openingFloat: number;
  sales: {
    kind: string;
    total: number;
    discountTotal: number;
    payments: { method: string; amount: number }[];
    lines: { taxRateBp: number; amount: number; taxAmount: number }[];
  }[];
  cashMovements: { kind: string; amount: number }[];
}

/**
 * The figures of an X or Z report, from a shift's documents. Returns count negative in the tax
 * table, so it shows what the shift really collected; expected cash is the float plus cash taken
 * minus cash refunded, plus cash in, minus cash out.
 */
export function shiftFigures(docs: ShiftDocuments): ShiftFigures {
  const sales = docs.sales.filter((s) => s.kind === 'sale');
  const returns = docs.sales.filter((s) => s.kind === 'return');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const tender = (method: PaymentMethod) => ({
    method,
    sales: sum(sales.flatMap((s) => s.payments.filter((p) => p.method === method).map((p) => p.amount))),
    refunds: sum(returns.flatMap((s) => s.payments.filter((p) => p.method === method).map((p) => p.amount))),
  });
  // Cash and card always show; points, gift cards and pre-order deposits only when the shift took them.
  const tenders = (['cash', 'card', 'points', 'gift-card', 'deposit'] as const).map(tender).filter((t) => t.method === 'cash' || t.method === 'card' || t.sales || t.refunds);
  const signedLines = docs.sales.flatMap((s) =>
    s.lines.map((l) => (s.kind === 'return' ? { ...l, amount: -l.amount, taxAmount: -l.taxAmount } : l)),
  );
  const cashIn = sum(docs.cashMovements.filter((m) => m.kind === 'in').map((m) => m.amount));
  const cashOut = sum(docs.cashMovements.filter((m) => m.kind === 'out').map((m) => m.amount));
  return {
    salesCount: sales.length,
    returnsCount: returns.length,
    salesTotal: sum(sales.map((s) => s.total)),
    returnsTotal: sum(returns.map((s) => s.total)),
    discountTotal: sum(sales.map((s) => s.discountTotal)) - sum(returns.map((s) => s.discountTotal)),
    tenders,
    taxes: taxRows(signedLines),
    cashIn,
    cashOut,
    expectedCash: docs.openingFloat + tenders[0].sales - tenders[0].refunds + cashIn - cashOut,
  };
}
