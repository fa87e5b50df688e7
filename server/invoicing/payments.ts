import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import type { PaymentRequest, PaymentView } from '../../shared/schemas/invoicing.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { IdempotentRequests, requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { customerAdvance, invoiceBalances } from './balances.ts';
import { queueForHeadOffice } from '../sync/outbox.ts';
import type { SyncedAdvanceAllocation, SyncedInvoicePayment } from '../../shared/invoicing/synced.ts';

/**
 * Money company customers pay against invoices: one payment may pay several invoices and an
 * invoice may be paid in parts. What a payment brings beyond the invoices it pays is the
 * customer's advance, or refused, as the owner set (invoicing.overpayment); an advance is moved
 * onto invoices later.
 */
export class PaymentService {
  readonly #requests: IdempotentRequests;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {
    this.#requests = new IdempotentRequests(db);
  }

  async record(auth: AuthContext, req: PaymentRequest): Promise<Created<PaymentView>> {
    const fingerprint = requestFingerprint({ request: req });
    const storedBefore = async () => (await this.db.invoicePayment.findUnique({ where: { id: req.id }, select: { id: true } })) !== null;
    if (await this.#requests.isReplay('invoice-payment', req.id, fingerprint, storedBefore, 'payment')) return { view: await this.view(req.id), replayed: true };
    await this.db.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { id: req.customerId }, select: { id: true, mergedIntoId: true } });
      if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'Unknown customer', [{ path: 'body.customerId', message: 'unknown customer' }]);
      const allocations = req.allocations ? await this.#checked(tx, req.customerId, req.allocations) : await this.#oldestFirst(tx, req.customerId, req.amount);
      const allocated = allocations.reduce((s, a) => s + a.amount, 0);
      if (allocated > req.amount) throw badRequest('allocations-above-payment', `The allocations come to ${this.#money(allocated)}, more than the payment of ${this.#money(req.amount)}`, [{ path: 'body.allocations', message: 'more than the payment' }]);
      if (allocated < req.amount && this.outlet.settings.invoicing.overpayment === 'refuse') {
        throw badRequest('payment-above-balance', `The payment is ${this.#money(req.amount - allocated)} more than the invoices it pays owe: the shop does not keep advances`, [{ path: 'body.amount', message: `at most ${allocated}` }], { allocated, amount: req.amount });
      }
      this.#requests.record('invoice-payment', req.id, fingerprint, 'payment');
      const createdAt = new Date();
      const rows = allocations.map((a) => ({ id: newId(), invoiceId: a.invoiceId, amount: a.amount, day: req.day }));
      await tx.invoicePayment.create({
        data: {
          id: req.id,
          outletId: this.outlet.id,
          customerId: req.customerId,
          method: req.method,
          amount: req.amount,
          day: req.day,
          reference: req.reference,
          createdById: auth.userId,
          createdAt,
          allocations: { create: rows },
        },
      });
      const payment: SyncedInvoicePayment = { id: req.id, outletId: this.outlet.id, customerId: req.customerId, method: req.method, amount: req.amount, day: req.day, createdAt: createdAt.toISOString(), allocations: rows.map(({ day: _day, ...a }) => a) };
      await queueForHeadOffice(tx, { type: 'invoice-payment', documentId: req.id, outletId: this.outlet.id, payload: payment, createdAt });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'invoice-payment', entityType: 'invoice-payment', entityId: req.id, details: { customerId: req.customerId, method: req.method, amount: req.amount, allocated } });
    });
    return { view: await this.view(req.id), replayed: false };
  }

  /** Moves part of the customer's advance onto invoices, taking it from its oldest payments first. */
  async allocateAdvance(auth: AuthContext, customerId: string, asked: { invoiceId: string; amount: number }[]): Promise<PaymentView[]> {
    const day = localTimeIn(this.outlet.view.timezone).slice(0, 10);
    const touched = new Set<string>();
    await this.db.$transaction(async (tx) => {
      const allocations = await this.#checked(tx, customerId, asked);
      const total = allocations.reduce((s, a) => s + a.amount, 0);
      const advance = await customerAdvance(tx, customerId);
      if (total > advance) throw badRequest('advance-insufficient', `The customer's advance is ${this.#money(advance)}, less than ${this.#money(total)}`, [{ path: 'body.allocations', message: `at most ${advance}` }], { advance });
      const payments = await tx.invoicePayment.findMany({ where: { customerId }, orderBy: [{ day: 'asc' }, { id: 'asc' }], include: { allocations: true } });
      const free = payments.map((p) => ({ id: p.id, left: p.amount - p.allocations.reduce((s, a) => s + a.amount, 0) })).filter((p) => p.left > 0);
      const moved: SyncedAdvanceAllocation['allocations'] = [];
      for (const a of allocations) {
        let rest = a.amount;
        for (const p of free) {
          const take = Math.min(rest, p.left);
          if (take <= 0) continue;
          const allocation = { id: newId(), paymentId: p.id, invoiceId: a.invoiceId, amount: take };
          await tx.paymentAllocation.create({ data: { ...allocation, day } });
          moved.push(allocation);
          touched.add(p.id);
          p.left -= take;
          rest -= take;
          if (rest === 0) break;
        }
      }
      const createdAt = new Date();
      const documentId = newId();
      const document: SyncedAdvanceAllocation = { id: documentId, outletId: this.outlet.id, customerId, day, createdAt: createdAt.toISOString(), allocations: moved };
      await queueForHeadOffice(tx, { type: 'advance-allocation', documentId, outletId: this.outlet.id, payload: document, createdAt });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'advance-allocation', entityType: 'customer', entityId: customerId, details: { allocations } });
    });
    return Promise.all([...touched].map((id) => this.view(id)));
  }

  async view(id: string): Promise<PaymentView> {
    const payment = await this.db.invoicePayment.findUnique({ where: { id }, include: { allocations: { include: { invoice: { select: { displayNumber: true } } } } } });
    if (!payment) throw notFound('payment-not-found', 'No such payment', [{ path: 'params.id', message: 'unknown payment' }]);
    const allocated = payment.allocations.reduce((s, a) => s + a.amount, 0);
    return {
      id: payment.id,
      customerId: payment.customerId,
      method: payment.method,
      amount: payment.amount,
      day: payment.day,
      reference: payment.reference,
      allocations: payment.allocations.map((a) => ({ invoiceId: a.invoiceId, displayNumber: a.invoice.displayNumber ?? '', amount: a.amount })),
      unallocated: payment.amount - allocated,
    };
  }

  /** Payments, newest first, of the customers `seen` (undefined: of everyone). */
  async list(customerId: string | undefined, limit: number, seen?: { in: string[] }): Promise<{ items: PaymentView[] }> {
    const rows = await this.db.invoicePayment.findMany({ where: { outletId: this.outlet.id, customerId: { ...seen, ...(customerId ? { equals: customerId } : {}) } }, orderBy: [{ day: 'desc' }, { id: 'desc' }], take: limit, select: { id: true } });
    return { items: await Promise.all(rows.map((r) => this.view(r.id))) };
  }

  /** Allocations as asked: each to an issued invoice of the customer, none above what it still owes. */
  async #checked(tx: Tx, customerId: string, asked: { invoiceId: string; amount: number }[]) {
    const figures = new Map((await invoiceBalances(tx, { ids: asked.map((a) => a.invoiceId) })).map((f) => [f.id, f]));
    const invoices = new Map((await tx.invoice.findMany({ where: { id: { in: asked.map((a) => a.invoiceId) } }, select: { id: true, kind: true, status: true, customerId: true } })).map((i) => [i.id, i]));
    for (const [i, a] of asked.entries()) {
      const path = `body.allocations.${i}`;
      const invoice = invoices.get(a.invoiceId);
      if (!invoice || invoice.kind !== 'invoice') throw notFound('invoice-not-found', 'No such invoice', [{ path: `${path}.invoiceId`, message: 'unknown invoice' }]);
      if (invoice.status !== 'issued') throw badRequest('invoice-not-issued', 'A draft is not paid: issue it first', [{ path: `${path}.invoiceId`, message: 'a draft' }]);
      if (invoice.customerId !== customerId) throw badRequest('invoice-of-another-customer', 'The invoice is another customer’s', [{ path: `${path}.invoiceId`, message: 'another customer' }]);
      const balance = figures.get(a.invoiceId)!.balance;
      if (a.amount > balance) throw badRequest('allocation-above-balance', `Invoice ${figures.get(a.invoiceId)!.displayNumber} owes ${this.#money(Math.max(0, balance))}`, [{ path: `${path}.amount`, message: `at most ${Math.max(0, balance)}` }], { balance });
    }
    return asked;
  }

  /** Spreads an amount over the customer's open invoices, the one due first first. */
  async #oldestFirst(tx: Tx, customerId: string, amount: number) {
    const open = (await invoiceBalances(tx, { customerIds: [customerId] })).filter((f) => f.balance > 0).sort((a, b) => a.dueDate!.localeCompare(b.dueDate!) || a.issueDate!.localeCompare(b.issueDate!) || a.displayNumber!.localeCompare(b.displayNumber!));
    const allocations: { invoiceId: string; amount: number }[] = [];
    let left = amount;
    for (const f of open) {
      if (left === 0) break;
      const take = Math.min(left, f.balance);
      allocations.push({ invoiceId: f.id, amount: take });
      left -= take;
    }
    return allocations;
  }

  #money(minor: number): string {
    return formatMoney(minor, this.outlet.view.currency);
  }
}
