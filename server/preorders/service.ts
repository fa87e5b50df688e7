import type { Unit } from '../../shared/schemas/common.ts';
import { newId } from '../../shared/ids.ts';
import { noticeText } from '../../shared/i18n/catalogues.ts';
import { firstLocale } from '../../shared/locales.ts';
import type { CreatePreOrderRequest, PreOrderStatus, PreOrderTransition, PreOrderView } from '../../shared/schemas/pre-orders.ts';
import { formatMoney, lineGross } from '../../shared/money.ts';
import { MoneySchema } from '../../shared/schemas/common.ts';
import type { AuthContext } from '../auth/context.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { CampaignWorker } from '../campaigns/worker.ts';
import type { Db, Tx } from '../db/client.ts';
import { IdempotentRequests, requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { StockLedger } from '../stock/ledger.ts';
import { PreOrderLedger } from './deposits.ts';
import type { SalesService } from '../sales/service.ts';

/** Which status may follow which. Goods already in stock may be marked arrived straight away. */
const NEXT: Record<PreOrderStatus, PreOrderStatus[]> = {
  new: ['confirmed', 'ordered', 'arrived', 'cancelled'],
  confirmed: ['ordered', 'arrived', 'cancelled'],
  ordered: ['arrived', 'cancelled'],
  arrived: ['cancelled'],
  collected: [],
  cancelled: [],
};

export const DEPOSIT_SKU = 'PRE-ORDER-DEPOSIT';

/** Customer orders: taken, moved through their lifecycle, and the notice sent when the goods arrive. */
export class PreOrderService {
  readonly #ledger: PreOrderLedger;
  readonly #stock: StockLedger;
  readonly #requests: IdempotentRequests;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly worker: CampaignWorker | null,
    private readonly sales: Pick<SalesService, 'currentUnitPrices'>,
  ) {
    this.#ledger = new PreOrderLedger(db);
    this.#stock = new StockLedger(db);
    this.#requests = new IdempotentRequests(db);
  }

  /** The product a deposit is sold as (made on first use: no stock, no tax, no discounts). */
  async depositProduct(): Promise<{ id: string; sku: string; name: string }> {
    return this.db.$transaction(async (tx) => {
      const existing = await tx.product.findUnique({ where: { sku: DEPOSIT_SKU }, select: { id: true, sku: true, name: true } });
      if (existing) return existing;
      const zero = (await tx.taxRate.findFirst({ where: { rateBp: 0 } })) ?? (await tx.taxRate.create({ data: { id: newId(), code: 'ZERO', name: 'No tax', rateBp: 0 } }));
      return tx.product.create({
        data: { id: newId(), sku: DEPOSIT_SKU, name: 'Pre-order deposit', searchName: 'pre-order deposit', unit: 'piece', taxRateId: zero.id, price: 0, cost: 0, discountable: false, kind: 'deposit' },
        select: { id: true, sku: true, name: true },
      });
    });
  }

  async create(auth: AuthContext, req: CreatePreOrderRequest): Promise<Created<PreOrderView>> {
    const fingerprint = requestFingerprint({ request: req });
    const storedBefore = async () => (await this.db.preOrder.findUnique({ where: { id: req.id }, select: { id: true } })) !== null;
    if (await this.#requests.isReplay('pre-order', req.id, fingerprint, storedBefore, 'pre-order')) return { view: await this.view(req.id), replayed: true };
    if (!(await this.db.customer.findUnique({ where: { id: req.customerId }, select: { id: true } }))) {
      throw notFound('customer-not-found', 'Unknown customer', [{ path: 'customerId', message: 'unknown customer' }]);
    }
    const productIds = req.lines.flatMap((l) => (l.productId ? [l.productId] : []));
    const products = new Map((await this.db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, name: true, price: true, unit: true, kind: true, active: true } })).map((p) => [p.id, p]));
    const lines = req.lines.map((line, i) => {
      const product = line.productId ? products.get(line.productId) : null;
      if (line.productId && (!product || !product.active)) throw notFound('product-not-found', 'Unknown product', [{ path: `lines.${i}.productId`, message: 'unknown product' }]);
      if (product && product.kind !== 'goods') throw badRequest('not-goods', `${product.name} cannot be pre-ordered`, [{ path: `lines.${i}.productId`, message: 'not goods' }], { name: product.name });
      if (product?.unit === 'piece' && line.quantityMilli % 1000 !== 0) throw badRequest('invalid-quantity', `${product.name} is sold by the piece`, [{ path: `lines.${i}.quantityMilli`, message: 'whole pieces only' }], { name: product.name });
      return { id: newId(), lineNo: i + 1, productId: product?.id ?? null, description: line.description || product!.name, quantityMilli: line.quantityMilli, unitPrice: line.unitPrice ?? product!.price };
    });
    // The order is collected as one sale: its total must be an amount one sale can have.
    if (lines.reduce((s, l) => s + lineGross(l.quantityMilli, l.unitPrice), 0) > MoneySchema.maxValue!) {
      throw badRequest('order-too-large', 'The order totals more than one sale can', [{ path: 'lines', message: 'total beyond one sale' }]);
    }
    const catalogued = lines.flatMap((l, i) => (l.productId ? [{ i, productId: l.productId, quantityMilli: l.quantityMilli, unitPrice: l.unitPrice }] : []));
    const current = await this.sales.currentUnitPrices(req.customerId, catalogued);
    const below = catalogued.map((l, n) => ({ ...l, currentPrice: current[n] })).filter((l) => l.unitPrice < l.currentPrice);
    await this.db.$transaction(async (tx) => {
      const count = await tx.preOrder.count({ where: { outletId: this.outlet.id } });
      const number = `O-${String(count + 1).padStart(6, '0')}`;
      this.#requests.record('pre-order', req.id, fingerprint, 'pre-order');
      for (const line of below) {
        const act = { action: 'price-override', documentId: req.id, lineId: line.productId, amount: line.unitPrice } as const;
        const approvedById = await authorise(tx, auth, act, req.lines[line.i].approvalId, `lines.${line.i}.approvalId`);
        await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, approvedById, action: 'pre-order-price', entityType: 'pre-order', entityId: req.id, details: { number, productId: line.productId, listPrice: products.get(line.productId)!.price, currentPrice: line.currentPrice, agreedPrice: line.unitPrice } });
      }
      await tx.preOrder.create({
        data: { id: req.id, outletId: this.outlet.id, number, customerId: req.customerId, status: 'new', expectedDate: req.expectedDate ?? null, note: req.note, createdById: auth.userId, lines: { create: lines } },
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'pre-order-create', entityType: 'pre-order', entityId: req.id, details: { number, lines: lines.length } });
    });
    return { view: await this.view(req.id), replayed: false };
  }

  async transition(auth: AuthContext, id: string, t: PreOrderTransition): Promise<PreOrderView> {
    let notify = false;
    await this.db.$transaction(async (tx) => {
      const order = await tx.preOrder.findUnique({ where: { id }, include: { lines: true } });
      if (!order) throw notFound('pre-order-not-found', 'No such pre-order', [{ path: 'id', message: 'unknown pre-order' }]);
      const from = order.status as PreOrderStatus;
      if (!NEXT[from].includes(t.to)) throw new AppError(409, 'invalid-transition', `Pre-order ${order.number} is ${from}: it cannot become ${t.to}`, [{ path: 'body.to', message: `from ${from}: ${NEXT[from].join(', ') || 'nothing'}` }], { number: order.number, status: from, next: t.to });
      const data: Record<string, unknown> = { status: t.to, updatedAt: new Date() };
      if (t.to === 'ordered') {
        if (t.supplierId && !(await tx.supplier.findUnique({ where: { id: t.supplierId } }))) throw notFound('supplier-not-found', 'Unknown supplier', [{ path: 'body.supplierId', message: 'unknown supplier' }]);
        data.supplierId = t.supplierId ?? null;
      }
      if (t.to === 'arrived') {
        await this.#linkProducts(tx, order.lines, t.products);
        notify = true;
      }
      if (t.to === 'cancelled') {
        const held = this.#ledger.held(id);
        if (t.depositPolicy === 'refund' && held > 0) {
          throw conflict('deposit-held', `Pre-order ${order.number} still holds ${formatMoney(held, this.outlet.view.currency)}: refund it at the register (return the deposit receipt) first, or cancel keeping it`, { held, number: order.number });
        }
        if (held > 0) await tx.preOrderDeposit.create({ data: { id: newId(), preOrderId: id, saleId: null, kind: 'kept', amount: -held } });
        data.depositPolicy = t.depositPolicy;
      }
      await tx.preOrder.update({ where: { id }, data });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: `pre-order-${t.to}`, entityType: 'pre-order', entityId: id, details: { number: order.number, from, ...(t.to === 'cancelled' ? { depositPolicy: t.depositPolicy, reason: t.reason } : {}) } });
      if (notify) await this.#queueArrivalNotice(tx, order);
    });
    if (notify) this.worker?.notify();
    return this.view(id);
  }

  /** Arrived goods get reserved and sold, so each line must be a catalogue product by now. */
  async #linkProducts(tx: Tx, lines: { id: string; productId: string | null; description: string; quantityMilli: number }[], links: { lineId: string; productId: string }[]) {
    for (const [i, link] of links.entries()) {
      const line = lines.find((l) => l.id === link.lineId);
      if (!line) throw badRequest('line-not-found', 'No such line on this pre-order', [{ path: `body.products.${i}.lineId`, message: 'not a line of this pre-order' }]);
      const product = await tx.product.findUnique({ where: { id: link.productId }, select: { name: true, kind: true, unit: true, active: true } });
      if (!product?.active || product.kind !== 'goods') throw notFound('product-not-found', 'Unknown product', [{ path: `body.products.${i}.productId`, message: 'unknown product' }]);
      if (product.unit === 'piece' && line.quantityMilli % 1000 !== 0) throw badRequest('invalid-quantity', 'That product is sold by the piece', [{ path: `body.products.${i}.productId`, message: 'whole pieces only' }], { name: product.name });
      await tx.preOrderLine.update({ where: { id: line.id }, data: { productId: link.productId } });
      line.productId = link.productId;
    }
    const unlinked = lines.findIndex((l) => !l.productId);
    if (unlinked >= 0) {
      throw badRequest('line-not-in-catalogue', `"${lines[unlinked].description}" is not in the catalogue yet: add it and link the line before marking the order arrived`, [{ path: 'body.products', message: `line ${unlinked + 1} has no product` }], { description: lines[unlinked].description });
    }
  }

  /**
   * The arrival notice goes through the campaigns outbox: SMS when the customer has a phone, else
   * email, in the customer's language (the outlet's when they have none), subject and text alike.
   * It is a service message: sent without the marketing consents, but not to a customer who refused
   * service messages.
   */
  async #queueArrivalNotice(tx: Tx, order: { id: string; number: string; customerId: string }) {
    const customer = await tx.customer.findUnique({ where: { id: order.customerId }, select: { name: true, phone: true, email: true, locale: true, serviceMessagesRefusedAt: true } });
    const channel = !customer || customer.serviceMessagesRefusedAt ? null : customer.phone ? 'sms' : customer.email ? 'email' : null;
    if (channel) {
      const locale = firstLocale(customer!.locale, this.outlet.view.locale);
      const values = { outlet: this.outlet.view.name, firstName: customer!.name.split(/\s+/)[0], number: order.number };
      const name = `Pre-orders arrived (${channel})`;
      const campaign =
        (await tx.campaign.findFirst({ where: { name, channel }, select: { id: true } })) ??
        (await tx.campaign.create({ data: { id: newId(), name, channel, subject: noticeText('arrival.subject', values, locale), template: '', filter: '{}', createdById: 'system' }, select: { id: true } }));
      await tx.campaignMessage.create({
        data: {
          id: newId(),
          campaignId: campaign.id,
          customerId: order.customerId,
          address: channel === 'sms' ? customer!.phone! : customer!.email!,
          subject: noticeText('arrival.subject', values, locale),
          body: noticeText('arrival.body', values, locale),
        },
      });
    }
    await tx.preOrder.update({ where: { id: order.id }, data: { notifiedAt: new Date(), notifiedBy: channel } });
  }

  async list(query: { status?: PreOrderStatus | 'open'; customerId?: string; q?: string; limit: number; offset: number }): Promise<{ items: PreOrderView[]; total: number }> {
    const where = {
      outletId: this.outlet.id,
      ...(query.status === 'open' ? { status: { in: ['new', 'confirmed', 'ordered', 'arrived'] } } : query.status ? { status: query.status } : {}),
      ...(query.customerId ? { customerId: query.customerId } : {}),
      ...(query.q ? { OR: [{ number: query.q.toUpperCase() }, { customerId: { in: (await this.db.customer.findMany({ where: { name: { contains: query.q } }, select: { id: true }, take: 200 })).map((c) => c.id) } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.db.preOrder.findMany({ where, orderBy: { createdAt: 'desc' }, take: query.limit, skip: query.offset, select: { id: true } }),
      this.db.preOrder.count({ where }),
    ]);
    return { items: await Promise.all(rows.map((r) => this.view(r.id))), total };
  }

  async view(id: string): Promise<PreOrderView> {
    const order = await this.db.preOrder.findUnique({ where: { id }, include: { lines: { orderBy: { lineNo: 'asc' } }, deposits: { orderBy: { createdAt: 'asc' } } } });
    if (!order) throw notFound('pre-order-not-found', 'No such pre-order', [{ path: 'id', message: 'unknown pre-order' }]);
    const productIds = order.lines.flatMap((l) => (l.productId ? [l.productId] : []));
    const [customer, products, supplier, user, sales] = await Promise.all([
      this.db.customer.findUnique({ where: { id: order.customerId }, select: { id: true, name: true, phone: true, email: true } }),
      this.db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, unit: true } }),
      order.supplierId ? this.db.supplier.findUnique({ where: { id: order.supplierId }, select: { name: true } }) : null,
      this.db.user.findUnique({ where: { id: order.createdById }, select: { name: true } }),
      this.db.sale.findMany({ where: { id: { in: order.deposits.flatMap((d) => (d.saleId ? [d.saleId] : [])) } }, select: { id: true, number: true } }),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    const numbers = new Map(sales.map((s) => [s.id, s.number]));
    const lines = order.lines.map((l) => {
      const p = l.productId ? byId.get(l.productId) : undefined;
      return {
        id: l.id,
        lineNo: l.lineNo,
        productId: l.productId,
        sku: p?.sku ?? null,
        description: l.description,
        unit: (p?.unit ?? 'piece') as Unit,
        quantityMilli: l.quantityMilli,
        unitPrice: l.unitPrice,
        amount: lineGross(l.quantityMilli, l.unitPrice),
        onHandMilli: l.productId ? this.#stock.onHand(this.outlet.id, l.productId) : null,
      };
    });
    const total = lines.reduce((s, l) => s + l.amount, 0);
    const depositHeld = order.deposits.reduce((s, d) => s + d.amount, 0);
    return {
      id: order.id,
      number: order.number,
      status: order.status as PreOrderStatus,
      customer: customer ?? { id: order.customerId, name: '?', phone: null, email: null },
      expectedDate: order.expectedDate,
      note: order.note,
      supplierName: supplier?.name ?? null,
      total,
      depositHeld,
      deposits: order.deposits.map((d) => ({ kind: d.kind as 'deposit', amount: d.amount, saleId: d.saleId, saleNumber: d.saleId ? numbers.get(d.saleId) ?? null : null, createdAt: d.createdAt.toISOString() })),
      due: order.status === 'collected' || order.status === 'cancelled' ? 0 : Math.max(0, total - depositHeld),
      depositPolicy: order.depositPolicy as 'refund' | 'keep' | null,
      notified: order.notifiedAt ? { at: order.notifiedAt.toISOString(), channel: order.notifiedBy } : null,
      collectedSaleId: order.collectedSaleId,
      createdBy: user?.name ?? '?',
      createdAt: order.createdAt.toISOString(),
      lines,
    };
  }
}
