import type { Db, Tx } from '../db/client.ts';

/** What an invoice comes to and what is left of it: gross less what was paid at the till, credited and paid. */
export interface InvoiceFigures {
  id: string;
  customerId: string;
  outletId: string;
  displayNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  gross: number;
  paidAtTill: number;
  credited: number;
  paid: number;
  /** Still owed (below zero: owed back). 0 for drafts and credit notes. */
  balance: number;
}

/**
 * The figures of invoices chosen by id or by customer, counting only what happened on or before
 * `asOf` when it is given (credit notes by their issue day, payments by the day they count from).
 */
export async function invoiceBalances(db: Db | Tx, where: { ids?: string[]; customerIds?: string[]; outletId?: string; asOf?: string }): Promise<InvoiceFigures[]> {
  const invoices = await db.invoice.findMany({
    where: {
      ...(where.ids ? { id: { in: where.ids } } : {}),
      ...(where.customerIds ? { customerId: { in: where.customerIds }, kind: 'invoice', status: 'issued' } : {}),
      ...(where.outletId ? { outletId: where.outletId } : {}),
      ...(where.asOf ? { issueDate: { lte: where.asOf } } : {}),
    },
    select: { id: true, kind: true, status: true, customerId: true, outletId: true, displayNumber: true, issueDate: true, dueDate: true, gross: true, paidAtTill: true },
  });
  const owing = invoices.filter((i) => i.kind === 'invoice' && i.status === 'issued').map((i) => i.id);
  const [credits, allocations] = await Promise.all([
    db.invoice.groupBy({ by: ['correctsId'], where: { correctsId: { in: owing }, status: 'issued', ...(where.asOf ? { issueDate: { lte: where.asOf } } : {}) }, _sum: { gross: true } }),
    db.paymentAllocation.groupBy({ by: ['invoiceId'], where: { invoiceId: { in: owing }, ...(where.asOf ? { day: { lte: where.asOf } } : {}) }, _sum: { amount: true } }),
  ]);
  const credited = new Map(credits.map((c) => [c.correctsId!, c._sum.gross ?? 0]));
  const paid = new Map(allocations.map((a) => [a.invoiceId, a._sum.amount ?? 0]));
  return invoices.map((i) => {
    const owes = i.kind === 'invoice' && i.status === 'issued';
    const c = credited.get(i.id) ?? 0;
    const p = paid.get(i.id) ?? 0;
    return { id: i.id, customerId: i.customerId, outletId: i.outletId, displayNumber: i.displayNumber, issueDate: i.issueDate, dueDate: i.dueDate, gross: i.gross, paidAtTill: i.paidAtTill, credited: c, paid: p, balance: owes ? i.gross - i.paidAtTill - c - p : 0 };
  });
}

/** A customer's advance: what its payments brought that is not allocated to invoices (as of a day). */
export async function customerAdvance(db: Db | Tx, customerId: string, asOf?: string): Promise<number> {
  const [paid, allocated] = await Promise.all([
    db.invoicePayment.aggregate({ where: { customerId, ...(asOf ? { day: { lte: asOf } } : {}) }, _sum: { amount: true } }),
    db.paymentAllocation.aggregate({ where: { payment: { customerId }, ...(asOf ? { day: { lte: asOf } } : {}) }, _sum: { amount: true } }),
  ]);
  return (paid._sum.amount ?? 0) - (allocated._sum.amount ?? 0);
}

/**
 * What a company owes the outlet for its credit limit: what its issued invoices still owe, plus
 * what it put on account at the till and is not invoiced yet (less what returns put back on
 * account), less its advance.
 */
export async function customerExposure(db: Db | Tx, customerId: string): Promise<number> {
  const onAccount = await db.payment.findMany({ where: { method: 'on-account', sale: { customerId } }, select: { amount: true, sale: { select: { id: true, kind: true, originalSaleId: true } } } });
  const saleOf = (p: (typeof onAccount)[number]) => (p.sale.kind === 'sale' ? p.sale.id : p.sale.originalSaleId!);
  const invoiced = new Set((await db.invoiceSale.findMany({ where: { saleId: { in: onAccount.map(saleOf) } }, select: { saleId: true } })).map((s) => s.saleId));
  const uninvoiced = onAccount.filter((p) => !invoiced.has(saleOf(p))).reduce((s, p) => s + (p.sale.kind === 'sale' ? p.amount : -Math.abs(p.amount)), 0);
  const owed = (await invoiceBalances(db, { customerIds: [customerId] })).reduce((s, f) => s + f.balance, 0);
  return owed + uninvoiced - (await customerAdvance(db, customerId));
}
