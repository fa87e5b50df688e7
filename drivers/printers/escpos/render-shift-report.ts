import { formatAmount } from '../../../shared/money.ts';
import type { ReportedDiscountSource } from '../../../shared/schemas/pricing.ts';
import type { ShiftReportDocument } from '../../../shared/schemas/receipt.ts';
import { EscPosDocument } from './document-builder.ts';
import { labelsFor, type Labels } from '../../../shared/receipt-labels.ts';
import { formatText } from '../../../shared/plural.ts';
import type { PrinterModel } from './models.ts';
import { printedDate, tenderLabel } from './render-receipt.ts';

const SOURCE_LABEL: Record<ReportedDiscountSource, keyof Labels> = {
  manual: 'sourceManual',
  category: 'sourceCategory',
  'card-tier': 'sourceCardTier',
  'receipt-total': 'sourceReceiptTotal',
  promotion: 'sourcePromotion',
  personal: 'sourcePersonal',
  points: 'sourcePoints',
};

/** An X (interim) or Z (closing) shift report laid out for a printer model (its bytes, and its lines as the paper shows them). */
export function layoutShiftReport(doc: ShiftReportDocument, model: PrinterModel): EscPosDocument {
  const t = labelsFor(doc.locale);
  const money = (minor: number) => formatAmount(minor);
  /** What leaves the drawer or the till, with a minus unless it is nothing. */
  const less = (minor: number) => (minor ? `-${formatAmount(minor)}` : formatAmount(0));
  const date = (iso: string) => printedDate(iso, doc.locale, doc.timeZone);
  const out = new EscPosDocument(model);

  for (const [i, line] of doc.header.entries()) out.line(line, { align: 'centre', bold: i === 0 });
  out.feed(1);
  out.line(doc.reportKind === 'Z' ? t.zReport : t.xReport, { align: 'centre', bold: true, double: true });
  if (doc.copy) out.line(t.copy, { align: 'centre', bold: true });
  out.columnsLine(`${t.register}: ${doc.register}`, `${t.shift} ${doc.shiftNumber}`);
  out.columnsLine(t.opened, date(doc.openedAt));
  out.line(`${t.openedBy}: ${doc.openedBy}`);
  if (doc.closedAt) out.columnsLine(t.closed, date(doc.closedAt));
  out.columnsLine(t.printed, date(doc.printedAt));
  out.line(`${t.cashier}: ${doc.cashier}`);
  out.separator();
  out.columnsLine(`${t.sales} (${doc.salesCount})`, money(doc.salesTotal));
  out.columnsLine(`${t.returns} (${doc.returnsCount})`, less(doc.returnsTotal));
  out.columnsLine(t.discounts, money(doc.discountTotal));
  for (const d of doc.discounts) out.columnsLine(`  ${t[SOURCE_LABEL[d.source]]} (${d.receipts})`, money(d.amount));
  if (doc.deposits.taken || doc.deposits.refunded || doc.deposits.used) {
    out.line(t.deposits, { bold: true });
    out.columnsLine(`  ${t.depositsTaken} (${formatText(t.receiptsCount, { n: doc.deposits.receipts }, doc.locale)})`, money(doc.deposits.taken));
    if (doc.deposits.refunded) out.columnsLine(`  ${t.depositsRefunded}`, less(doc.deposits.refunded));
    out.columnsLine(`  ${t.depositsUsed}`, money(doc.deposits.used));
  }
  out.separator();
  out.line(t.tenders, { bold: true });
  for (const tender of doc.tenders) {
    out.columnsLine(`  ${tenderLabel(t, tender.method)}`, money(tender.sales));
    if (tender.refunds) out.columnsLine(`    ${t.refunds}`, less(tender.refunds));
  }
  out.line(t.taxes, { bold: true });
  for (const tax of doc.taxes) out.columnsLine(`  ${t.vatRate} ${tax.rateBp / 100}%`, `${money(tax.net)} + ${money(tax.tax)} = ${money(tax.gross)}`);
  if (doc.returns.length) {
    out.line(t.returns, { bold: true });
    for (const r of doc.returns) out.columnsLine(`  ${r.number}${r.originalNumber ? ` (${r.originalNumber})` : ''}`, less(r.total));
  }
  out.separator();
  out.columnsLine(t.float, money(doc.openingFloat));
  out.columnsLine(t.cashIn, money(doc.cashIn));
  out.columnsLine(t.cashOut, less(doc.cashOut));
  if (doc.cashMovements.length) {
    out.line(t.cashMovements, { bold: true });
    for (const m of doc.cashMovements) {
      out.columnsLine(`  ${date(m.createdAt)} ${m.kind === 'in' ? t.in_ : t.out_}`, `${m.kind === 'out' ? '-' : ''}${money(m.amount)}`);
      out.wrapped(`${m.reason} · ${m.user}`, 4);
    }
  }
  out.columnsLine(t.expectedCash, money(doc.expectedCash), { bold: true });
  if (doc.countedCash != null) {
    out.columnsLine(t.countedCash, money(doc.countedCash), { bold: true });
    out.columnsLine(t.difference, money(doc.difference ?? 0), { bold: true });
    if (doc.closedBy) out.line(`${t.countedBy}: ${doc.closedBy}`);
  }
  out.line(doc.currency, { align: 'right' });
  return out;
}

/** An X or Z shift report as ESC/POS bytes. */
export function renderShiftReport(doc: ShiftReportDocument, model: PrinterModel): Uint8Array {
  return layoutShiftReport(doc, model).cut().bytes();
}
