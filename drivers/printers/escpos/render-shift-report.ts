import { formatAmount } from '../../../shared/money.ts';
import type { ShiftReportDocument } from '../../../shared/schemas/receipt.ts';
import { EscPosDocument } from './document-builder.ts';
import { labelsFor } from './labels.ts';
import type { PrinterModel } from './models.ts';
import { printedDate, tenderLabel } from './render-receipt.ts';

/** An X (interim) or Z (closing) shift report as ESC/POS bytes. */
export function renderShiftReport(doc: ShiftReportDocument, model: PrinterModel): Uint8Array {
  const t = labelsFor(doc.locale);
  const money = (minor: number) => formatAmount(minor);
  const out = new EscPosDocument(model);

  for (const [i, line] of doc.header.entries()) out.line(line, { align: 'centre', bold: i === 0 });
  out.feed(1);
  out.line(doc.reportKind === 'Z' ? t.zReport : t.xReport, { align: 'centre', bold: true, double: true });
  out.columnsLine(`${t.register}: ${doc.register}`, `${t.shift} ${doc.shiftNumber}`);
  out.columnsLine(t.opened, printedDate(doc.openedAt, doc.locale, doc.timeZone));
  if (doc.closedAt) out.columnsLine(t.closed, printedDate(doc.closedAt, doc.locale, doc.timeZone));
  out.columnsLine(t.printed, printedDate(doc.printedAt, doc.locale, doc.timeZone));
  out.line(`${t.cashier}: ${doc.cashier}`);
  out.separator();
  out.columnsLine(`${t.sales} (${doc.salesCount} ${t.count})`, money(doc.salesTotal));
  out.columnsLine(`${t.returns} (${doc.returnsCount} ${t.count})`, `-${money(doc.returnsTotal)}`);
  out.columnsLine(t.discounts, money(doc.discountTotal));
  out.separator();
  out.line(t.tenders, { bold: true });
  for (const tender of doc.tenders) {
    out.columnsLine(`  ${tenderLabel(t, tender.method)}`, money(tender.sales));
    if (tender.refunds) out.columnsLine(`    ${t.refunds}`, `-${money(tender.refunds)}`);
  }
  out.line(t.taxes, { bold: true });
  for (const tax of doc.taxes) out.columnsLine(`  ${t.vatRate} ${tax.rateBp / 100}%`, `${money(tax.net)} + ${money(tax.tax)} = ${money(tax.gross)}`);
  out.separator();
  out.columnsLine(t.float, money(doc.openingFloat));
  out.columnsLine(t.cashIn, money(doc.cashIn));
  out.columnsLine(t.cashOut, `-${money(doc.cashOut)}`);
  out.columnsLine(t.expectedCash, money(doc.expectedCash), { bold: true });
  if (doc.countedCash != null) {
    out.columnsLine(t.countedCash, money(doc.countedCash), { bold: true });
    out.columnsLine(t.difference, money(doc.difference ?? 0), { bold: true });
  }
  out.line(doc.currency, { align: 'right' });
  return out.cut().bytes();
}
