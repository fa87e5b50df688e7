import type pg from 'pg';
import type { SyncedAdvanceAllocation, SyncedInvoice, SyncedInvoicePayment } from '../../shared/invoicing/synced.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import type { PushBatch } from '../../shared/schemas/sync.ts';
import { AppError } from '../http/errors.ts';
import type { VerifiedDocument } from './verify.ts';

interface HeldLine {
  quantityMilli: number;
  gross: number;
  creditedMilli: number;
  creditedGross: number;
}
interface HeldInvoice {
  outletId: string;
  customerId: string;
  kind: string;
  /** What it still owes: gross less paid at the till, credited and allocated. */
  balance: number;
  lines: Map<number, HeldLine>;
}
interface HeldPayment {
  outletId: string;
  customerId: string;
  /** Not allocated yet: the customer's advance from it. */
  left: number;
}

const refusal = (status: number, code: ErrorCode, path: string, message: string) => new AppError(status, code, `${path}: ${message}`, [{ path, message }]);
const num = (v: unknown) => Number(v);

/**
 * Checks a batch's new invoices, credit notes and payments against what head office holds of the
 * outlet and what the batch brought before them, in the outlet's order: each series is numbered
 * 1, 2, 3… with no gap and no number twice; the customer is one head office knows; a credit note
 * credits an invoice of this outlet and customer by no more than remains of each line; a payment
 * or a moved advance pays this outlet's invoices of its customer, each by no more than it still
 * owes, and an advance moves no more than its payment has left. One that fails refuses the batch.
 * Runs in the batch's transaction, after the outlet's row is locked (checkIdentity), so batches of
 * one outlet are checked one after the other.
 */
export async function checkReceivables(client: pg.PoolClient, outletId: string, batch: PushBatch, fresh: VerifiedDocument[]): Promise<void> {
  const docs = fresh.filter((f) => 'invoice' in f.read || 'payment' in f.read || 'advance' in f.read);
  if (!docs.length) return;
  const state = await loadState(client, outletId, batch, docs);
  for (const { position, read } of docs) {
    const at = `documents.${position}.payload`;
    if ('invoice' in read) checkInvoice(state, outletId, read.invoice, at);
    else if ('payment' in read) checkPayment(state, outletId, read.payment, at);
    else if ('advance' in read) checkAdvance(state, outletId, read.advance, at);
  }
}

async function loadState(client: pg.PoolClient, outletId: string, batch: PushBatch, docs: VerifiedDocument[]) {
  const invoiceIds = new Set<string>();
  const paymentIds = new Set<string>();
  const customerIds = new Set<string>();
  const series = new Set<string>();
  for (const { read } of docs) {
    if ('invoice' in read) {
      customerIds.add(read.invoice.customerId);
      series.add(read.invoice.document.series);
      if (read.invoice.document.corrects) invoiceIds.add(read.invoice.document.corrects.id);
    } else if ('payment' in read) {
      customerIds.add(read.payment.customerId);
      for (const a of read.payment.allocations) invoiceIds.add(a.invoiceId);
    } else if ('advance' in read) {
      for (const a of read.advance.allocations) {
        invoiceIds.add(a.invoiceId);
        paymentIds.add(a.paymentId);
      }
    }
  }
  const { rows: last } = await client.query<{ series: string; last: number }>(
    `SELECT "series", max("number") AS "last" FROM "ChainInvoice" WHERE "outletId" = $1 AND "series" = ANY($2::text[]) GROUP BY "series"`,
    [outletId, [...series]],
  );
  const { rows: invoices } = await client.query(
    `SELECT i."id", i."outletId", i."customerId", i."kind",
       (i."gross" - i."paidAtTill" - coalesce((SELECT sum(c."gross") FROM "ChainInvoice" c WHERE c."correctsId" = i."id"), 0)
        - coalesce((SELECT sum(a."amount") FROM "ChainPaymentAllocation" a WHERE a."invoiceId" = i."id"), 0))::float8 AS "balance"
     FROM "ChainInvoice" i WHERE i."id" = ANY($1::text[])`,
    [[...invoiceIds]],
  );
  const { rows: lines } = await client.query(
    `SELECT l."invoiceId", l."position", l."quantityMilli"::float8 AS "quantityMilli", l."gross"::float8 AS "gross",
       coalesce(sum(cl."quantityMilli"), 0)::float8 AS "creditedMilli", coalesce(sum(cl."gross"), 0)::float8 AS "creditedGross"
     FROM "ChainInvoiceLine" l
     LEFT JOIN "ChainInvoice" c ON c."correctsId" = l."invoiceId"
     LEFT JOIN "ChainInvoiceLine" cl ON cl."invoiceId" = c."id" AND cl."correctsPosition" = l."position"
     WHERE l."invoiceId" = ANY($1::text[]) GROUP BY l."invoiceId", l."position", l."quantityMilli", l."gross"`,
    [[...invoiceIds]],
  );
  const { rows: payments } = await client.query(
    `SELECT p."id", p."outletId", p."customerId", (p."amount" - coalesce((SELECT sum(a."amount") FROM "ChainPaymentAllocation" a WHERE a."paymentId" = p."id"), 0))::float8 AS "left"
     FROM "ChainInvoicePayment" p WHERE p."id" = ANY($1::text[])`,
    [[...paymentIds]],
  );
  const { rows: customers } = await client.query<{ id: string }>(`SELECT "id" FROM "Customer" WHERE "id" = ANY($1::text[])`, [[...customerIds]]);
  const known = new Set(customers.map((c) => c.id));
  // A customer registered at the outlet reaches head office in the same batch, ahead of its invoices.
  for (const d of batch.documents) if (d.type === 'customer-edit' && typeof d.payload.customerId === 'string') known.add(d.payload.customerId);
  const held = new Map<string, HeldInvoice>(invoices.map((i) => [i.id, { outletId: i.outletId, customerId: i.customerId, kind: i.kind, balance: num(i.balance), lines: new Map() }]));
  for (const l of lines) held.get(l.invoiceId)?.lines.set(l.position, { quantityMilli: l.quantityMilli, gross: l.gross, creditedMilli: l.creditedMilli, creditedGross: l.creditedGross });
  return {
    lastNumber: new Map(last.map((r) => [r.series, num(r.last)])),
    invoices: held,
    payments: new Map<string, HeldPayment>(payments.map((p) => [p.id, { outletId: p.outletId, customerId: p.customerId, left: num(p.left) }])),
    customers: known,
  };
}

type State = Awaited<ReturnType<typeof loadState>>;

/** An invoice of this outlet's, by id: one held for another outlet, or none, refuses the batch. */
function ownInvoice(state: State, outletId: string, invoiceId: string, path: string): HeldInvoice {
  const invoice = state.invoices.get(invoiceId);
  if (!invoice) throw refusal(422, 'invoice-not-found', path, 'head office holds no such invoice of this outlet');
  if (invoice.outletId !== outletId) throw refusal(403, 'wrong-outlet', path, 'another outlet’s invoice');
  return invoice;
}

function checkInvoice(state: State, outletId: string, synced: SyncedInvoice, at: string): void {
  const doc = synced.document;
  const last = state.lastNumber.get(doc.series) ?? 0;
  if (doc.number <= last) throw refusal(409, 'invoice-number-repeated', `${at}.document.number`, `series ${doc.series} holds numbers up to ${last} already`);
  if (doc.number > last + 1) throw refusal(422, 'invoice-number-gap', `${at}.document.number`, `series ${doc.series} holds numbers up to ${last}: ${last + 1} comes next`);
  if (!state.customers.has(synced.customerId)) throw refusal(422, 'customer-not-found', `${at}.customerId`, 'head office knows no such customer');
  state.lastNumber.set(doc.series, doc.number);
  const lines = new Map(doc.lines.map((l) => [l.position, { quantityMilli: l.quantityMilli, gross: l.gross, creditedMilli: 0, creditedGross: 0 }]));
  if (doc.kind === 'credit-note') {
    const invoice = ownInvoice(state, outletId, doc.corrects!.id, `${at}.document.corrects.id`);
    if (invoice.kind !== 'invoice') throw refusal(422, 'not-an-invoice', `${at}.document.corrects.id`, 'a credit note corrects an invoice');
    if (invoice.customerId !== synced.customerId) throw refusal(422, 'invoice-of-another-customer', `${at}.customerId`, 'not the customer of the invoice it corrects');
    doc.lines.forEach((l, i) => {
      const path = `${at}.creditedPositions.${i}`;
      const credited = invoice.lines.get(synced.creditedPositions[i]);
      if (!credited) throw refusal(422, 'invoice-line-not-found', path, 'no such line on the invoice');
      if (l.quantityMilli > credited.quantityMilli - credited.creditedMilli || l.gross > credited.gross - credited.creditedGross) {
        throw refusal(422, 'credit-above-invoiced', `${at}.document.lines.${i}`, `more than remains of invoice line ${synced.creditedPositions[i]}`);
      }
      credited.creditedMilli += l.quantityMilli;
      credited.creditedGross += l.gross;
    });
    invoice.balance -= doc.totals.gross;
  }
  state.invoices.set(synced.id, { outletId, customerId: synced.customerId, kind: doc.kind, balance: doc.kind === 'invoice' ? doc.totals.gross - synced.paidAtTill : 0, lines });
}

/** Takes an allocation off what an invoice still owes, refusing one above it. */
function allocate(state: State, outletId: string, customerId: string, allocation: { invoiceId: string; amount: number }, path: string): void {
  const invoice = ownInvoice(state, outletId, allocation.invoiceId, `${path}.invoiceId`);
  if (invoice.kind !== 'invoice') throw refusal(422, 'not-an-invoice', `${path}.invoiceId`, 'a credit note is not paid');
  if (invoice.customerId !== customerId) throw refusal(422, 'invoice-of-another-customer', `${path}.invoiceId`, 'another customer’s invoice');
  if (allocation.amount > invoice.balance) throw refusal(422, 'allocation-above-balance', `${path}.amount`, `the invoice owes ${Math.max(0, invoice.balance)}`);
  invoice.balance -= allocation.amount;
}

function checkPayment(state: State, outletId: string, payment: SyncedInvoicePayment, at: string): void {
  if (!state.customers.has(payment.customerId)) throw refusal(422, 'customer-not-found', `${at}.customerId`, 'head office knows no such customer');
  payment.allocations.forEach((a, i) => allocate(state, outletId, payment.customerId, a, `${at}.allocations.${i}`));
  state.payments.set(payment.id, { outletId, customerId: payment.customerId, left: payment.amount - payment.allocations.reduce((s, a) => s + a.amount, 0) });
}

function checkAdvance(state: State, outletId: string, advance: SyncedAdvanceAllocation, at: string): void {
  advance.allocations.forEach((a, i) => {
    const path = `${at}.allocations.${i}`;
    const payment = state.payments.get(a.paymentId);
    if (!payment) throw refusal(422, 'payment-not-found', `${path}.paymentId`, 'head office holds no such payment of this outlet');
    if (payment.outletId !== outletId) throw refusal(403, 'wrong-outlet', `${path}.paymentId`, 'another outlet’s payment');
    if (payment.customerId !== advance.customerId) throw refusal(422, 'invalid-document', `${path}.paymentId`, 'another customer’s payment');
    if (a.amount > payment.left) throw refusal(422, 'advance-insufficient', `${path}.amount`, `the payment has ${payment.left} left`);
    payment.left -= a.amount;
    allocate(state, outletId, advance.customerId, a, path);
  });
}

/** Adds the stored documents' invoices, lines, payments and allocations to head office's receivables tables. */
export async function storeReceivables(client: pg.PoolClient, outletId: string, stored: VerifiedDocument[]): Promise<void> {
  const invoices = stored.flatMap((f) => ('invoice' in f.read ? [f.read.invoice] : []));
  const payments = stored.flatMap((f) => ('payment' in f.read ? [f.read.payment] : []));
  const advances = stored.flatMap((f) => ('advance' in f.read ? [f.read.advance] : []));
  if (!invoices.length && !payments.length && !advances.length) return;
  const { rows: [outlet] } = await client.query<{ currency: string }>(`SELECT "currency" FROM "Outlet" WHERE "id" = $1`, [outletId]);
  for (const inv of invoices) {
    const d = inv.document;
    await client.query(
      `INSERT INTO "ChainInvoice" ("id","outletId","customerId","kind","series","number","displayNumber","issueDate","dueDate","currency","gross","paidAtTill","correctsId")
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [inv.id, outletId, inv.customerId, d.kind, d.series, d.number, d.displayNumber, d.issueDate, d.dueDate, d.currency, d.totals.gross, inv.paidAtTill, d.corrects?.id ?? null],
    );
    await client.query(
      `INSERT INTO "ChainInvoiceLine" ("invoiceId","position","quantityMilli","gross","correctsPosition")
       SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::int[])`,
      [inv.id, d.lines.map((l) => l.position), d.lines.map((l) => l.quantityMilli), d.lines.map((l) => l.gross), d.lines.map((_, i) => inv.creditedPositions[i] ?? null)],
    );
  }
  for (const p of payments) {
    await client.query(`INSERT INTO "ChainInvoicePayment" ("id","outletId","customerId","method","amount","day","currency") VALUES ($1,$2,$3,$4,$5,$6,$7)`, [p.id, outletId, p.customerId, p.method, p.amount, p.day, outlet?.currency ?? 'EUR']);
  }
  const allocations = [
    ...payments.flatMap((p) => p.allocations.map((a) => ({ id: a.id, paymentId: p.id, invoiceId: a.invoiceId, amount: a.amount, day: p.day }))),
    ...advances.flatMap((v) => v.allocations.map((a) => ({ ...a, day: v.day }))),
  ];
  if (allocations.length) {
    await client.query(
      `INSERT INTO "ChainPaymentAllocation" ("id","paymentId","invoiceId","amount","day") SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[])`,
      [allocations.map((a) => a.id), allocations.map((a) => a.paymentId), allocations.map((a) => a.invoiceId), allocations.map((a) => a.amount), allocations.map((a) => a.day)],
    );
  }
}
