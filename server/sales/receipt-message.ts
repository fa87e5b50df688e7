import escapeHtml from 'escape-html';
import { noticeText } from '../../shared/i18n/catalogues.ts';
import { formatterFor } from '../../shared/i18n/texts.ts';
import type { Locale } from '../../shared/locales.ts';
import { formatQuantity } from '../../shared/money.ts';
import type { ReceiptDocument } from '../../shared/schemas/receipt.ts';
import { withUnit } from '../../shared/units.ts';
import { labelsFor } from '../../shared/receipt-labels.ts';
import { tenderLabel } from '../../drivers/printers/escpos/render-receipt.ts';

/** One row of the e-mailed receipt: a label and an amount, indented under a line or bold for the total. */
interface Row {
  label: string;
  amount: string;
  kind?: 'item' | 'detail' | 'total';
}

/**
 * A receipt as an e-mail in the customer's language: the subject and a greeting from the shared
 * notices catalogue, the receipt's own words from the printed receipt's labels, money written as
 * the language writes the outlet's currency. Built from the one receipt document the printer gets.
 */
export function receiptMessage(doc: ReceiptDocument, locale: Locale, outletName: string): { subject: string; text: string; html: string } {
  const t = labelsFor(locale);
  const fmt = formatterFor(locale, doc.currency, doc.timeZone);
  const money = fmt.money;
  const rows: Row[] = [];
  for (const line of doc.lines) {
    rows.push({ label: line.name, amount: money(line.grossAmount), kind: 'item' });
    rows.push({ label: `${withUnit(formatQuantity(line.quantityMilli, line.unit, locale), line.unit, locale)} × ${money(line.unitPrice)}`, amount: '', kind: 'detail' });
    for (const d of line.discounts) rows.push({ label: d.reason, amount: `−${money(d.amount)}`, kind: 'detail' });
  }
  if (doc.discountTotal) rows.push({ label: t.subtotal, amount: money(doc.subtotal) }, { label: t.discount, amount: `−${money(doc.discountTotal)}` });
  rows.push({ label: t.total, amount: money(doc.total), kind: 'total' });
  for (const p of doc.payments) {
    rows.push({ label: tenderLabel(t, p.method, p.reference), amount: money(p.amount) });
    if (p.method === 'cash' && p.tendered != null) rows.push({ label: t.tendered, amount: money(p.tendered), kind: 'detail' }, { label: t.change, amount: money(p.change ?? 0), kind: 'detail' });
  }
  for (const tax of doc.taxes) rows.push({ label: `${t.vatRate} ${fmt.number(tax.rateBp / 100, tax.rateBp % 100 ? 2 : 0)} %`, amount: `${t.net} ${money(tax.net)}, ${t.tax} ${money(tax.tax)}` });
  if (doc.points?.earned) rows.push({ label: t.pointsEarned, amount: fmt.number(doc.points.earned) });
  if (doc.points) rows.push({ label: t.pointsBalance, amount: fmt.number(doc.points.balance) });

  const values = { outlet: outletName, number: doc.number };
  const subject = noticeText('receipt.subject', values, fmt);
  const intro = noticeText('receipt.intro', values, fmt);
  const why = noticeText('receipt.why', values, fmt);
  const heading = `${t.receipt} ${doc.number}`;
  const people = [
    ...(doc.customer ? [`${t.customer}: ${doc.customer.name}`] : []),
    `${t.cashier}: ${doc.cashier}`,
    `${t.register}: ${doc.register}`,
    fmt.dateTime(doc.issuedAt),
  ];

  const text = [
    intro,
    '',
    ...doc.header,
    heading,
    '',
    ...rows.map((r) => `${r.kind === 'detail' ? '  ' : ''}${r.label}${r.amount ? `  ${r.amount}` : ''}`),
    '',
    ...people,
    ...(doc.footer.length ? ['', ...doc.footer] : []),
    '',
    why,
  ].join('\n');

  const cell = (r: Row) =>
    `<tr${r.kind === 'total' ? ' style="font-weight:bold;font-size:1.2em"' : ''}><td${r.kind === 'detail' ? ' style="padding-left:1.5em;color:#555"' : ''}>${escapeHtml(r.label)}</td><td style="text-align:right;white-space:nowrap">${escapeHtml(r.amount)}</td></tr>`;
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif;max-width:32em">`,
    `<p>${escapeHtml(intro)}</p>`,
    ...doc.header.map((h) => `<div>${escapeHtml(h)}</div>`),
    `<h2>${escapeHtml(heading)}</h2>`,
    `<table style="width:100%;border-collapse:collapse">${rows.map(cell).join('')}</table>`,
    `<p>${people.map((p) => escapeHtml(p)).join('<br>')}</p>`,
    ...doc.footer.map((f) => `<div>${escapeHtml(f)}</div>`),
    `<p style="color:#777;font-size:0.9em">${escapeHtml(why)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
