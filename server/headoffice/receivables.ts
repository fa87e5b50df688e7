import { addAged, emptyBuckets } from '../../shared/invoicing/aging.ts';
import type { ChainCustomerBalance, ChainReceivables } from '../../shared/schemas/headoffice.ts';
import { notFound } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';

interface OpenInvoice {
  id: string;
  outletCode: string;
  customerId: string;
  customerName: string;
  displayNumber: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  gross: number;
  balance: number;
}

/**
 * What each invoice still owes as of a day, from the verified documents the outlets pushed: its
 * gross less what its receipts were paid at the till, credit notes issued by that day and
 * payments counted by then. Invoices issued after the day are not there yet.
 */
async function balancesAsOf(db: HeadOfficeDb, asOf: string, customerId?: string): Promise<OpenInvoice[]> {
  const { rows } = await db.pool.query(
    `SELECT i."id", o."code" AS "outletCode", i."customerId", coalesce(c."name", '') AS "customerName", i."displayNumber", i."issueDate", i."dueDate", i."currency",
       i."gross"::float8 AS "gross",
       (i."gross" - i."paidAtTill"
        - coalesce((SELECT sum(n."gross") FROM "ChainInvoice" n WHERE n."correctsId" = i."id" AND n."issueDate" <= $1), 0)
        - coalesce((SELECT sum(a."amount") FROM "ChainPaymentAllocation" a WHERE a."invoiceId" = i."id" AND a."day" <= $1), 0))::float8 AS "balance"
     FROM "ChainInvoice" i JOIN "Outlet" o ON o."id" = i."outletId" LEFT JOIN "Customer" c ON c."id" = i."customerId"
     WHERE i."kind" = 'invoice' AND i."issueDate" <= $1 AND ($2::text IS NULL OR i."customerId" = $2)
     ORDER BY i."dueDate", i."issueDate", i."displayNumber"`,
    [asOf, customerId ?? null],
  );
  return rows;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The chain's aged receivables as of a day: per customer and outlet, by days past the due date (invoices owing nothing or owed back are not receivables). */
export async function chainReceivables(db: HeadOfficeDb, asOf = today()): Promise<ChainReceivables> {
  const open = (await balancesAsOf(db, asOf)).filter((i) => i.balance > 0);
  const rows = new Map<string, ChainReceivables['rows'][number]>();
  const totals = new Map<string, ChainReceivables['totals'][number]>();
  for (const i of open) {
    const key = `${i.customerId}\u0000${i.outletCode}\u0000${i.currency}`;
    const row = rows.get(key) ?? { customerId: i.customerId, customerName: i.customerName, outletCode: i.outletCode, currency: i.currency, invoices: 0, ...emptyBuckets() };
    const total = totals.get(i.currency) ?? { currency: i.currency, ...emptyBuckets() };
    addAged([row, total], i.dueDate, asOf, i.balance);
    row.invoices += 1;
    rows.set(key, row);
    totals.set(i.currency, total);
  }
  return {
    asOf,
    rows: [...rows.values()].sort((a, b) => b.total - a.total || a.customerName.localeCompare(b.customerName) || a.outletCode.localeCompare(b.outletCode)),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/** A customer's account at every outlet that invoiced them, as of a day: owed, overdue, advance (payments not allocated) and balance. */
export async function customerBalance(db: HeadOfficeDb, customerId: string, asOf = today()): Promise<ChainCustomerBalance> {
  const { rows: [customer] } = await db.pool.query<{ name: string }>(`SELECT "name" FROM "Customer" WHERE "id" = $1`, [customerId]);
  if (!customer) throw notFound('customer-not-found', 'No such customer', [{ path: 'params.id', message: 'unknown customer' }]);
  const invoices = await balancesAsOf(db, asOf, customerId);
  const { rows: advances } = await db.pool.query<{ outletCode: string; currency: string; advance: number }>(
    `SELECT o."code" AS "outletCode", p."currency",
       sum(p."amount" - coalesce((SELECT sum(a."amount") FROM "ChainPaymentAllocation" a WHERE a."paymentId" = p."id" AND a."day" <= $2), 0))::float8 AS "advance"
     FROM "ChainInvoicePayment" p JOIN "Outlet" o ON o."id" = p."outletId" WHERE p."customerId" = $1 AND p."day" <= $2 GROUP BY o."code", p."currency"`,
    [customerId, asOf],
  );
  const outlets = new Map<string, ChainCustomerBalance['outlets'][number]>();
  const at = (outletCode: string, currency: string) => {
    const key = `${outletCode}\u0000${currency}`;
    const entry = outlets.get(key) ?? { outletCode, currency, owed: 0, overdue: 0, advance: 0, balance: 0, openInvoices: [] };
    outlets.set(key, entry);
    return entry;
  };
  for (const i of invoices) {
    const entry = at(i.outletCode, i.currency);
    entry.owed += i.balance;
    if (i.balance > 0 && i.dueDate < asOf) entry.overdue += i.balance;
    if (i.balance !== 0) entry.openInvoices.push({ id: i.id, displayNumber: i.displayNumber, issueDate: i.issueDate, dueDate: i.dueDate, gross: i.gross, balance: i.balance });
  }
  for (const a of advances) at(a.outletCode, a.currency).advance += a.advance;
  const totals = new Map<string, ChainCustomerBalance['totals'][number]>();
  for (const entry of outlets.values()) {
    entry.balance = entry.owed - entry.advance;
    const total = totals.get(entry.currency) ?? { currency: entry.currency, owed: 0, overdue: 0, advance: 0, balance: 0 };
    for (const k of ['owed', 'overdue', 'advance', 'balance'] as const) total[k] += entry[k];
    totals.set(entry.currency, total);
  }
  return {
    customerId,
    customerName: customer.name,
    asOf,
    outlets: [...outlets.values()].sort((a, b) => a.outletCode.localeCompare(b.outletCode)),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
