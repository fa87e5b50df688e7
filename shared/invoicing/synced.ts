// Invoices, credit notes and payments as an outlet pushes them to head office (architecture
// invariant 10), and what each must satisfy by its own figures. Head office checks the rest against
// what it holds (numbering, what remains of an invoice, whose invoice is paid): server/headoffice/receivables-checks.ts.
import { z } from 'zod';
import { DaySchema, IdSchema, MoneySchema, PositiveMoneySchema } from '../schemas/common.ts';
import type { DocumentIssue } from '../document-checks.ts';
import { InvoiceDocumentSchema } from './document.ts';

const Timestamp = z.string().datetime({ offset: true });

/** An issued invoice or credit note: its frozen document and what head office needs beside it. */
export const SyncedInvoiceSchema = z.object({
  id: IdSchema,
  outletId: IdSchema,
  customerId: IdSchema,
  /** When it was issued (the outbox entry's time). */
  issuedAt: Timestamp,
  /** What its receipts were paid at the till: not owed on it (0 for a credit note). */
  paidAtTill: MoneySchema.min(0),
  document: InvoiceDocumentSchema,
  /** A credit note: for each of its lines, the position of the invoice line it credits (empty for an invoice). */
  creditedPositions: z.array(z.number().int().positive()),
});
export type SyncedInvoice = z.infer<typeof SyncedInvoiceSchema>;

/** A payment against invoices: what came, and the parts of it that pay each invoice (the rest is an advance). */
export const SyncedInvoicePaymentSchema = z.object({
  id: IdSchema,
  outletId: IdSchema,
  customerId: IdSchema,
  method: z.string().min(1).max(40),
  amount: PositiveMoneySchema,
  day: DaySchema,
  createdAt: Timestamp,
  allocations: z.array(z.object({ id: IdSchema, invoiceId: IdSchema, amount: PositiveMoneySchema })),
});
export type SyncedInvoicePayment = z.infer<typeof SyncedInvoicePaymentSchema>;

/** Part of a customer's advance (payments not wholly allocated) moved onto invoices. */
export const SyncedAdvanceAllocationSchema = z.object({
  id: IdSchema,
  outletId: IdSchema,
  customerId: IdSchema,
  day: DaySchema,
  createdAt: Timestamp,
  allocations: z.array(z.object({ id: IdSchema, paymentId: IdSchema, invoiceId: IdSchema, amount: PositiveMoneySchema })).min(1),
});
export type SyncedAdvanceAllocation = z.infer<typeof SyncedAdvanceAllocationSchema>;

const sum = <T>(items: T[], value: (item: T) => number) => items.reduce((s, item) => s + value(item), 0);

/**
 * An invoice or credit note adds up: its lines are numbered 1…n, each line's net and VAT make its
 * gross, the VAT breakdown is the lines' sums per rate and the totals the lines' sums; the number
 * printed is its series' number; it is due no earlier than issued; a credit note names the invoice
 * and, for each line, the invoice line it credits; an invoice corrects nothing.
 */
export function invoiceDocumentIssues(type: 'invoice' | 'credit-note', synced: SyncedInvoice): DocumentIssue[] {
  const issues: DocumentIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const doc = synced.document;
  if (doc.kind !== type) issue('document.kind', `not a ${type}`);
  if (doc.id !== synced.id) issue('document.id', 'differs from the id');
  if (doc.displayNumber !== `${doc.series}-${String(doc.number).padStart(6, '0')}`) issue('document.displayNumber', 'not the series and number');
  if (doc.dueDate < doc.issueDate) issue('document.dueDate', 'before the issue date');
  doc.lines.forEach((l, i) => {
    const at = `document.lines.${i}`;
    if (l.position !== i + 1) issue(`${at}.position`, `the line's place is ${i + 1}`);
    if (l.net + l.vat !== l.gross) issue(`${at}.gross`, `net + VAT is ${l.net + l.vat}`);
    if (l.vat < 0 || l.vat > l.gross) issue(`${at}.vat`, 'outside 0 … the gross amount');
  });
  const rates = [...new Set(doc.lines.map((l) => l.taxRateBp))].sort((a, b) => b - a);
  const breakdown = rates.map((taxRateBp) => {
    const of = doc.lines.filter((l) => l.taxRateBp === taxRateBp);
    return { taxRateBp, net: sum(of, (l) => l.net), vat: sum(of, (l) => l.vat), gross: sum(of, (l) => l.gross) };
  });
  const given = [...doc.vatBreakdown].sort((a, b) => b.taxRateBp - a.taxRateBp);
  if (JSON.stringify(given) !== JSON.stringify(breakdown)) issue('document.vatBreakdown', 'not the lines’ sums per rate');
  for (const k of ['net', 'vat', 'gross'] as const) {
    const lines = sum(doc.lines, (l) => l[k]);
    if (doc.totals[k] !== lines) issue(`document.totals.${k}`, `the lines add up to ${lines}`);
  }
  if (type === 'invoice') {
    if (doc.corrects !== null) issue('document.corrects', 'an invoice corrects nothing');
    if (synced.creditedPositions.length) issue('creditedPositions', 'an invoice credits no line');
    if (synced.paidAtTill > doc.totals.gross) issue('paidAtTill', 'more than the invoice comes to');
  } else {
    if (doc.corrects === null) issue('document.corrects', 'a credit note names the invoice it corrects');
    if (synced.creditedPositions.length !== doc.lines.length) issue('creditedPositions', 'one invoice line for each line credited');
    if (synced.paidAtTill !== 0) issue('paidAtTill', 'a credit note is not paid at the till');
  }
  return issues;
}

/** A payment's allocations add up to no more than it. */
export function paymentDocumentIssues(payment: SyncedInvoicePayment): DocumentIssue[] {
  const allocated = sum(payment.allocations, (a) => a.amount);
  return allocated > payment.amount ? [{ path: 'allocations', message: `allocate ${allocated} of a payment of ${payment.amount}` }] : [];
}
