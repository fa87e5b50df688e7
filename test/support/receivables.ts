import type { SyncDocument } from '../../shared/schemas/sync.ts';

// Aged receivables worked out by a test from the documents the outlets pushed (never by the report code).

export const BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;

export function bucketOf(dueDate: string, asOf: string) {
  const late = (Date.parse(asOf) - Date.parse(dueDate)) / 86_400_000;
  return late <= 0 ? 'notDue' : late <= 30 ? 'days1to30' : late <= 60 ? 'days31to60' : late <= 90 ? 'days61to90' : 'over90';
}

/** The aged receivables the pushed documents themselves give (by customer and outlet), as of a day. */
export function receivablesFrom(documents: { outletCode: string; doc: SyncDocument }[], asOf: string) {
  const owed = new Map<string, { outletCode: string; customerId: string; dueDate: string; balance: number }>();
  for (const { outletCode, doc } of documents) {
    const p = doc.payload as any;
    if (doc.type === 'invoice' && p.document.issueDate <= asOf) owed.set(p.id, { outletCode, customerId: p.customerId, dueDate: p.document.dueDate, balance: p.document.totals.gross - p.paidAtTill });
  }
  for (const { doc } of documents) {
    const p = doc.payload as any;
    if (doc.type === 'credit-note' && p.document.issueDate <= asOf && owed.has(p.document.corrects.id)) owed.get(p.document.corrects.id)!.balance -= p.document.totals.gross;
    if ((doc.type === 'invoice-payment' || doc.type === 'advance-allocation') && p.day <= asOf) for (const a of p.allocations) if (owed.has(a.invoiceId)) owed.get(a.invoiceId)!.balance -= a.amount;
  }
  const rows: Record<string, Record<string, number>> = {};
  for (const i of owed.values()) {
    if (i.balance <= 0) continue;
    const row = (rows[`${i.customerId} ${i.outletCode}`] ??= { invoices: 0, total: 0, ...Object.fromEntries(BUCKETS.map((b) => [b, 0])) });
    row[bucketOf(i.dueDate, asOf)] += i.balance;
    row.total += i.balance;
    row.invoices += 1;
  }
  return rows;
}

