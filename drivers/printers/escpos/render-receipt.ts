import { formatAmount, formatQuantity } from '../../../shared/money.ts';
import { localTimeIn } from '../../../shared/time.ts';
import { withUnit } from '../../../shared/units.ts';
import type { ReceiptDocument } from '../../../shared/schemas/receipt.ts';
import type { PaymentMethod } from '../../../shared/schemas/sales.ts';
import { EscPosDocument } from './document-builder.ts';
import { labelsFor, type Labels } from '../../../shared/receipt-labels.ts';
import type { PrinterModel } from './models.ts';

/** Formats an instant as the shop's wall clock shows it (the outlet's time zone), the way the receipt's locale writes dates. */
export function printedDate(iso: string, locale: string, timeZone: string): string {
  const [date, time] = localTimeIn(timeZone, new Date(iso)).slice(0, 16).split('T');
  const [y, m, d] = date.split('-');
  return locale.startsWith('en') ? `${y}-${m}-${d} ${time}` : `${d}.${m}.${y} ${time}`;
}

/** A receipt or return slip as ESC/POS bytes for one printer model. */
export function renderReceipt(doc: ReceiptDocument, model: PrinterModel): Uint8Array {
  const t = labelsFor(doc.locale);
  const money = (minor: number) => formatAmount(minor);
  const out = new EscPosDocument(model);

  for (const [i, line] of doc.header.entries()) out.line(line, { align: 'centre', bold: i === 0 });
  out.feed(1);
  if (doc.copy) out.line(t.copy, { align: 'centre', bold: true });
  out.line(`${doc.kind === 'return' ? t.return : t.receipt} ${doc.number}`, { align: 'centre', bold: true });
  if (doc.kind === 'return' && doc.originalNumber) out.line(`${t.originalReceipt}: ${doc.originalNumber}`, { align: 'centre' });
  out.separator();

  for (const line of doc.lines) {
    out.wrapped(line.name);
    const quantity = `${withUnit(formatQuantity(line.quantityMilli, line.unit, 'en'), line.unit, doc.locale)} x ${money(line.unitPrice)}`;
    out.columnsLine(`  ${quantity}`, money(line.grossAmount));
    for (const d of line.discounts) out.columnsLine(`  ${d.reason}`, `-${money(d.amount)}`);
  }
  out.separator();
  if (doc.discountTotal) {
    out.columnsLine(t.subtotal, money(doc.subtotal));
    out.columnsLine(t.discount, `-${money(doc.discountTotal)}`);
  }
  out.columnsLine(doc.kind === 'return' ? t.refundTotal : t.total, `${money(doc.total)} ${doc.currency}`, { bold: true, double: true });
  out.separator();

  for (const p of doc.payments) {
    out.columnsLine(tenderLabel(t, p.method, p.reference), money(p.amount));
    if (p.method === 'cash' && p.tendered != null && doc.kind === 'sale') {
      out.columnsLine(`  ${t.tendered}`, money(p.tendered));
      out.columnsLine(`  ${t.change}`, money(p.change ?? 0));
    }
  }
  if (doc.points) {
    if (doc.points.earned) out.columnsLine(t.pointsEarned, String(doc.points.earned));
    out.columnsLine(t.pointsBalance, String(doc.points.balance));
  }
  out.separator();
  for (const tax of doc.taxes) {
    const rate = `${t.vatRate} ${tax.rateBp / 100}%`;
    out.columnsLine(rate, `${t.net} ${money(tax.net)}  ${t.tax} ${money(tax.tax)}`);
  }
  out.separator();
  if (doc.customer) out.line(`${t.customer}: ${doc.customer.name}${doc.customer.card ? ` (${doc.customer.card})` : ''}`);
  out.line(`${t.cashier}: ${doc.cashier}`);
  out.columnsLine(`${t.register}: ${doc.register}`, printedDate(doc.issuedAt, doc.locale, doc.timeZone));
  out.feed(1);
  out.receiptCode(doc.barcode);
  for (const line of doc.footer) out.line(line, { align: 'centre' });
  if (doc.copy) out.line(t.copy, { align: 'centre', bold: true });
  return out.cut().bytes();
}

/** A gift card shows only its last four characters: the code is as good as cash. */
export function tenderLabel(t: Labels, method: PaymentMethod, reference?: string | null): string {
  switch (method) {
    case 'cash':
      return t.cash;
    case 'card':
      return t.card;
    case 'points':
      return t.points;
    case 'gift-card':
      return reference ? `${t.giftCard} *${reference.slice(-4)}` : t.giftCard;
    case 'deposit':
      return t.deposit;
    case 'on-account':
      return t.onAccount;
  }
}
