import type { ReceiptDocument } from '../../shared/schemas/receipt.ts';
import type { Unit } from '../../shared/schemas/common.ts';
import type { PaymentMethod, SaleView } from '../../shared/schemas/sales.ts';
import type { OutletInfo } from '../outlet.ts';
import type { SaleContext, SaleRecord } from './records.ts';

export function toSaleView(sale: SaleRecord, ctx: SaleContext, printJob: { id: string; status: string } | null): SaleView {
  return {
    id: sale.id,
    kind: sale.kind as SaleView['kind'],
    number: sale.number,
    originalSaleId: sale.originalSaleId,
    createdAt: sale.createdAt.toISOString(),
    cashierName: ctx.cashierName,
    customer: ctx.customer ? { id: ctx.customer.id, name: ctx.customer.name } : null,
    lines: sale.lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      productId: l.productId,
      name: l.name,
      unit: l.unit as Unit,
      quantityMilli: l.quantityMilli,
      unitPrice: l.unitPrice,
      grossAmount: l.grossAmount,
      discountAmount: l.discountAmount,
      amount: l.amount,
      taxRateBp: l.taxRateBp,
      taxAmount: l.taxAmount,
      returnedMilli: ctx.returnedMilli.get(l.id) ?? 0,
      originalLineId: l.originalLineId,
    })),
    discounts: sale.discounts.map((d) => ({ source: d.source, reason: d.reason, amount: d.amount, lineId: d.lineId })),
    payments: sale.payments.map((p) => ({ method: p.method as PaymentMethod, amount: p.amount, tendered: p.tendered, change: p.change, reference: maskedReference(p.method, p.reference) })),
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    total: sale.total,
    taxTotal: sale.taxTotal,
    change: sale.payments.reduce((sum, p) => sum + p.change, 0),
    printJob,
    pointsEarned: ctx.points?.earned ?? 0,
  };
}

/** Tax rows by rate from the lines as sold (prices include tax). */
export function taxRows(lines: { taxRateBp: number; amount: number; taxAmount: number }[]) {
  const byRate = new Map<number, { rateBp: number; net: number; tax: number; gross: number }>();
  for (const l of lines) {
    const row = byRate.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, net: 0, tax: 0, gross: 0 };
    row.gross += l.amount;
    row.tax += l.taxAmount;
    row.net = row.gross - row.tax;
    byRate.set(l.taxRateBp, row);
  }
  return [...byRate.values()].sort((a, b) => b.rateBp - a.rateBp);
}

export function toReceiptDocument(
  sale: SaleRecord,
  ctx: SaleContext,
  outlet: OutletInfo,
  options: { copy: boolean; locale: string },
): ReceiptDocument {
  return {
    type: 'receipt',
    kind: sale.kind as 'sale' | 'return',
    copy: options.copy,
    locale: options.locale,
    currency: outlet.view.currency,
    header: outlet.settings.receiptHeader.length ? outlet.settings.receiptHeader : [outlet.view.name],
    footer: outlet.settings.receiptFooter,
    number: sale.number,
    originalNumber: ctx.originalNumber,
    issuedAt: sale.createdAt.toISOString(),
    timeZone: outlet.view.timezone,
    cashier: ctx.cashierName,
    register: ctx.registerCode,
    customer: ctx.customer ? { name: ctx.customer.name, card: ctx.customer.card } : null,
    lines: sale.lines.map((l) => ({
      name: l.name,
      unit: l.unit as Unit,
      quantityMilli: l.quantityMilli,
      unitPrice: l.unitPrice,
      grossAmount: l.grossAmount,
      discounts: sale.discounts.filter((d) => d.lineId === l.id).map((d) => ({ reason: d.reason, amount: d.amount })),
      amount: l.amount,
    })),
    subtotal: sale.subtotal,
    discountTotal: sale.discountTotal,
    total: sale.total,
    taxes: taxRows(sale.lines),
    payments: sale.payments.map((p) => ({ method: p.method as PaymentMethod, amount: p.amount, tendered: p.tendered, change: p.change, reference: p.reference })),
    points: ctx.points,
    barcode: sale.number,
  };
}

/** Views show a gift card's code only by its last four characters. */
function maskedReference(method: string, reference: string | null): string | null {
  if (!reference) return null;
  return method === 'gift-card' ? `*${reference.slice(-4)}` : reference;
}
