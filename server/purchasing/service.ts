import type { Unit } from '../../shared/schemas/common.ts';
import { newId } from '../../shared/ids.ts';
import { convertMinor, currencyDigits, formatAmount, lineGross } from '../../shared/money.ts';
import type { CreatePurchaseOrder, Plan, PurchaseOrderView } from '../../shared/schemas/purchasing.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { IdempotentRequests, requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import { csvFile } from '../importexport/csv-file.ts';
import type { OutletInfo } from '../outlet.ts';
import type { StockService } from '../stock/service.ts';
import { localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import { suggestQuantity } from './plan.ts';
import type { SupplierService } from './suppliers.ts';

type Status = PurchaseOrderView['status'];
type OrderLine = { productId: string; quantityMilli: number; unitCost: number };

/** What did not come of an order: each line's shortfall, at the price ordered. */
export function shortfall(ordered: OrderLine[], received: OrderLine[]): OrderLine[] {
  const came = new Map(received.map((l) => [l.productId, l.quantityMilli]));
  return ordered.flatMap((l) => {
    const missing = l.quantityMilli - (came.get(l.productId) ?? 0);
    return missing > 0 ? [{ productId: l.productId, quantityMilli: missing, unitCost: l.unitCost }] : [];
  });
}

/** Purchase planning from sales, stock and pre-orders; purchase orders from draft to received. */
export class PurchasingService {
  readonly #requests: IdempotentRequests;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly stock: StockService,
    private readonly suppliers: SupplierService,
  ) {
    this.#requests = new IdempotentRequests(db);
  }

  /**
   * A suggested order for one supplier: every product they sell us, with what to order of it. The
   * rate of sale leaves out collected pre-orders: they were demand met by ordering for it, and an
   * open pre-order is counted on its own.
   */
  async plan(query: { supplierId: string; coverDays: number; windowDays: number }): Promise<Plan> {
    const supplier = await this.suppliers.orderable(this.db, query.supplierId);
    const today = localTimeIn(this.outlet.view.timezone).slice(0, 10);
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - (query.windowDays - 1) * 86_400_000).toISOString().slice(0, 10);
    const sinceAt = sqliteTimestamp(startOfLocalDay(this.outlet.view.timezone, since));
    const rows = statement(
      sqliteOf(this.db),
      `SELECT p."id" AS "productId", p."sku", p."name", p."unit", sp."supplierSku", sp."unitCost", sp."packMilli",
         COALESCE((SELECT SUM(d."quantityMilli") FROM "ProductSalesDay" d WHERE d."outletId" = @outletId AND d."productId" = p."id" AND d."day" >= @since), 0) AS "soldMilli",
         COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = @outletId AND b."productId" = p."id"), 0) AS "onHandMilli",
         COALESCE((SELECT SUM(l."quantityMilli") FROM "PreOrderLine" l JOIN "PreOrder" o ON o."id" = l."preOrderId" WHERE l."productId" = p."id" AND o."outletId" = @outletId AND o."status" = 'arrived'), 0) AS "reservedMilli",
         COALESCE((SELECT SUM(l."quantityMilli") FROM "PreOrderLine" l JOIN "PreOrder" o ON o."id" = l."preOrderId" WHERE l."productId" = p."id" AND o."outletId" = @outletId AND o."status" IN ('new','confirmed','ordered')), 0) AS "preOrderedMilli",
         COALESCE((SELECT SUM(l."quantityMilli") FROM "PurchaseOrderLine" l JOIN "PurchaseOrder" o ON o."id" = l."purchaseOrderId" WHERE l."productId" = p."id" AND o."outletId" = @outletId AND o."status" = 'sent'), 0) AS "onOrderMilli",
         COALESCE((SELECT m."minMilli" FROM "StockLevel" m WHERE m."outletId" = @outletId AND m."productId" = p."id"), 0) AS "minMilli",
         COALESCE((SELECT SUM(l."quantityMilli") FROM "PreOrderLine" l JOIN "PreOrder" o ON o."id" = l."preOrderId" JOIN "Sale" s ON s."id" = o."collectedSaleId"
           WHERE l."productId" = p."id" AND o."outletId" = @outletId AND o."status" = 'collected' AND s."createdAt" >= @sinceAt), 0) AS "collectedMilli"
       FROM "SupplierProduct" sp JOIN "Product" p ON p."id" = sp."productId"
       WHERE sp."supplierId" = @supplierId AND p."active" = 1
       ORDER BY p."name"`,
    ).all({ outletId: this.outlet.id, supplierId: supplier.id, since, sinceAt }) as (Omit<Plan['lines'][number], 'dailyMilli' | 'suggestedMilli'> & { soldMilli: number })[];
    return {
      supplierId: supplier.id,
      supplierName: supplier.name,
      leadTimeDays: supplier.leadTimeDays,
      coverDays: query.coverDays,
      currency: this.suppliers.currencyOf(supplier),
      minOrderAmount: supplier.minOrderAmount,
      lines: rows.map(({ soldMilli, ...row }) => {
        const line = suggestQuantity({ ...row, soldMilli, windowDays: query.windowDays, leadTimeDays: supplier.leadTimeDays, coverDays: query.coverDays });
        return { ...row, unit: row.unit as Unit, dailyMilli: line.dailyMilli, suggestedMilli: line.suggestedMilli };
      }),
    };
  }

  async create(auth: AuthContext, req: CreatePurchaseOrder): Promise<Created<PurchaseOrderView>> {
    const fingerprint = requestFingerprint({ request: req });
    const storedBefore = async () => (await this.db.purchaseOrder.findUnique({ where: { id: req.id }, select: { id: true } })) !== null;
    if (await this.#requests.isReplay('purchase-order', req.id, fingerprint, storedBefore, 'purchase order')) return { view: await this.view(req.id), replayed: true };
    await this.#checkProducts(req.lines);
    await this.db.$transaction(async (tx) => {
      await this.suppliers.orderable(tx, req.supplierId);
      this.#requests.record('purchase-order', req.id, fingerprint, 'purchase order');
      const number = await this.#number(tx);
      await tx.purchaseOrder.create({
        data: { id: req.id, outletId: this.outlet.id, number, supplierId: req.supplierId, status: 'draft', expectedDate: req.expectedDate ?? null, note: req.note, createdById: auth.userId, lines: { create: req.lines.map((l) => ({ id: newId(), ...l })) } },
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'purchase-order-create', entityType: 'purchase-order', entityId: req.id, details: { number, lines: req.lines.length } });
    });
    return { view: await this.view(req.id), replayed: false };
  }

  async #number(tx: Tx): Promise<string> {
    const count = await tx.purchaseOrder.count({ where: { outletId: this.outlet.id } });
    return `P-${String(count + 1).padStart(6, '0')}`;
  }

  async #checkProducts(lines: { productId: string; quantityMilli: number }[]) {
    const products = new Map((await this.db.product.findMany({ where: { id: { in: lines.map((l) => l.productId) } }, select: { id: true, kind: true, unit: true, name: true } })).map((p) => [p.id, p]));
    for (const [i, line] of lines.entries()) {
      const p = products.get(line.productId);
      if (!p || p.kind !== 'goods') throw notFound('product-not-found', 'Unknown product', [{ path: `lines.${i}.productId`, message: 'unknown product' }]);
      if (p.unit === 'piece' && line.quantityMilli % 1000 !== 0) throw badRequest('invalid-quantity', `${p.name} is ordered in whole pieces`, [{ path: `lines.${i}.quantityMilli`, message: 'whole pieces only' }], { name: p.name });
    }
  }

  async #inStatus(id: string, allowed: Status[]) {
    const order = await this.db.purchaseOrder.findUnique({ where: { id }, include: { lines: true } });
    if (!order) throw notFound('purchase-order-not-found', 'No such purchase order', [{ path: 'id', message: 'unknown purchase order' }]);
    if (!allowed.includes(order.status as Status)) throw new AppError(409, 'purchase-order-status', `${order.number} is ${order.status}`, [{ path: 'id', message: `must be ${allowed.join(' or ')}` }], { number: order.number, status: order.status });
    return order;
  }

  /** A draft's lines are replaced as edited. */
  async update(auth: AuthContext, id: string, lines: CreatePurchaseOrder['lines']): Promise<PurchaseOrderView> {
    const order = await this.#inStatus(id, ['draft']);
    await this.#checkProducts(lines);
    await this.db.$transaction(async (tx) => {
      await this.suppliers.orderable(tx, order.supplierId);
      await tx.purchaseOrderLine.deleteMany({ where: { purchaseOrderId: id } });
      await tx.purchaseOrderLine.createMany({ data: lines.map((l) => ({ id: newId(), purchaseOrderId: id, ...l })) });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'purchase-order-edit', entityType: 'purchase-order', entityId: id, details: { lines: lines.length } });
    });
    return this.view(id);
  }

  /**
   * Sent to the supplier: counted as on order; the customers' pre-orders for these goods become
   * "ordered". An order below the supplier's minimum goes only when the sender says so.
   */
  async send(auth: AuthContext, id: string, belowMinimum: boolean): Promise<PurchaseOrderView> {
    const order = await this.#inStatus(id, ['draft']);
    await this.db.$transaction(async (tx) => {
      const supplier = await this.suppliers.orderable(tx, order.supplierId);
      const total = order.lines.reduce((s, l) => s + lineGross(l.quantityMilli, l.unitCost), 0);
      if (total < supplier.minOrderAmount && !belowMinimum) {
        throw new AppError(409, 'below-minimum-order', `${order.number} comes to ${total}, under ${supplier.name}'s minimum order of ${supplier.minOrderAmount}`, [{ path: 'body.belowMinimum', message: 'send below the minimum?' }], {
          total,
          minOrderAmount: supplier.minOrderAmount,
          currency: this.suppliers.currencyOf(supplier),
        });
      }
      await tx.purchaseOrder.update({ where: { id }, data: { status: 'sent', sentAt: new Date() } });
      const waiting = await tx.preOrder.findMany({
        where: { outletId: this.outlet.id, status: { in: ['new', 'confirmed'] }, lines: { some: { productId: { in: order.lines.map((l) => l.productId) } } } },
        select: { id: true },
      });
      await tx.preOrder.updateMany({ where: { id: { in: waiting.map((w) => w.id) } }, data: { status: 'ordered', supplierId: order.supplierId, updatedAt: new Date() } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'purchase-order-send', entityType: 'purchase-order', entityId: id, details: { number: order.number, preOrders: waiting.length } });
    });
    return this.view(id);
  }

  async cancel(auth: AuthContext, id: string): Promise<PurchaseOrderView> {
    const order = await this.#inStatus(id, ['draft', 'sent']);
    await this.db.$transaction(async (tx) => {
      await tx.purchaseOrder.update({ where: { id }, data: { status: 'cancelled' } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'purchase-order-cancel', entityType: 'purchase-order', entityId: id, details: { number: order.number } });
    });
    return this.view(id);
  }

  /**
   * Receives a sent order as a delivery from its supplier (the goods receipt has the order's id, so
   * a retry after a failure half-way posts it once), then marks the order received. What did not
   * come stays on order as a back-order (sent, so the plan counts it) unless `remainder` is close.
   * Costs in a supplier's own currency become the shop's at the exchange rate given.
   */
  async receive(
    auth: AuthContext,
    id: string,
    req: { lines?: OrderLine[]; printLabels: boolean; remainder: 'back-order' | 'close'; exchangeRate?: string },
  ): Promise<PurchaseOrderView> {
    const order = await this.#inStatus(id, ['sent', 'received']);
    const received = (req.lines ?? order.lines).filter((l) => l.quantityMilli > 0).map((l) => ({ productId: l.productId, quantityMilli: l.quantityMilli, unitCost: l.unitCost }));
    if (!received.length) throw badRequest('nothing-received', 'Nothing was received: cancel the order instead', [{ path: 'lines', message: 'all quantities are zero' }]);
    const supplier = await this.suppliers.find(this.db, order.supplierId);
    const theirs = this.suppliers.currencyOf(supplier);
    const ours = this.outlet.view.currency;
    if (this.suppliers.isForeign(supplier) && !req.exchangeRate) {
      throw badRequest('exchange-rate-required', `${supplier.name} invoices in ${theirs}: give the rate to ${ours}`, [{ path: 'body.exchangeRate', message: `${ours} for one ${theirs}` }], { currency: theirs });
    }
    const costed = theirs === ours ? received : received.map((l) => ({ ...l, unitCost: convertMinor(l.unitCost, theirs, ours, req.exchangeRate!) }));
    const note = `Purchase order ${order.number}${theirs === ours ? '' : ` (${theirs} at ${req.exchangeRate})`}`;
    // Received already: the delivery answers a replay of the same receipt and refuses a different one.
    await this.stock.delivery(auth, { id, supplierId: order.supplierId, note, lines: costed, printLabels: req.printLabels });
    if (order.status === 'received') return this.view(id);
    const missing = req.remainder === 'back-order' ? shortfall(order.lines, received) : [];
    await this.db.$transaction(async (tx) => {
      await tx.purchaseOrder.update({ where: { id }, data: { status: 'received', receivedDocumentId: id } });
      let backOrder: string | null = null;
      if (missing.length) {
        backOrder = await this.#number(tx);
        await tx.purchaseOrder.create({
          data: {
            id: newId(), outletId: this.outlet.id, number: backOrder, supplierId: order.supplierId, status: 'sent', sentAt: new Date(), backOrderOfId: id,
            expectedDate: null, note: `Back-order of ${order.number}`, createdById: auth.userId, lines: { create: missing.map((l) => ({ id: newId(), ...l })) },
          },
        });
      }
      const details = { number: order.number, lines: received.length, remainder: req.remainder, backOrder, ...(theirs === ours ? {} : { currency: theirs, exchangeRate: req.exchangeRate }) };
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'purchase-order-receive', entityType: 'purchase-order', entityId: id, details });
    });
    return this.view(id);
  }

  async list(status?: Status) {
    const orders = await this.db.purchaseOrder.findMany({ where: { outletId: this.outlet.id, ...(status ? { status } : {}) }, orderBy: { createdAt: 'desc' }, take: 100, select: { id: true } });
    const views = await Promise.all(orders.map((o) => this.view(o.id)));
    return { items: views.map(({ lines, ...v }) => ({ ...v, lineCount: lines.length })) };
  }

  async view(id: string): Promise<PurchaseOrderView> {
    const order = await this.db.purchaseOrder.findUnique({ where: { id }, include: { lines: true } });
    if (!order) throw notFound('purchase-order-not-found', 'No such purchase order', [{ path: 'id', message: 'unknown purchase order' }]);
    const ids = order.lines.map((l) => l.productId);
    const [supplier, products, theirs, user, received, backOrderOf, backOrder] = await Promise.all([
      this.db.supplier.findUniqueOrThrow({ where: { id: order.supplierId } }),
      this.db.product.findMany({ where: { id: { in: ids } }, select: { id: true, sku: true, name: true, unit: true } }),
      this.db.supplierProduct.findMany({ where: { supplierId: order.supplierId, productId: { in: ids } } }),
      this.db.user.findUnique({ where: { id: order.createdById }, select: { name: true } }),
      order.receivedDocumentId ? this.db.stockDocument.findUnique({ where: { id: order.receivedDocumentId }, select: { number: true } }) : null,
      order.backOrderOfId ? this.db.purchaseOrder.findUnique({ where: { id: order.backOrderOfId }, select: { id: true, number: true } }) : null,
      this.db.purchaseOrder.findFirst({ where: { backOrderOfId: order.id }, select: { id: true, number: true } }),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    const skus = new Map(theirs.map((t) => [t.productId, t.supplierSku]));
    const lines = order.lines
      .map((l) => {
        const p = byId.get(l.productId);
        return { productId: l.productId, sku: p?.sku ?? '?', supplierSku: skus.get(l.productId) ?? '', name: p?.name ?? '?', unit: (p?.unit ?? 'piece') as Unit, quantityMilli: l.quantityMilli, unitCost: l.unitCost, amount: lineGross(l.quantityMilli, l.unitCost) };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      id: order.id,
      number: order.number,
      status: order.status as Status,
      supplier: { id: supplier.id, code: supplier.code, name: supplier.name, contact: supplier.contact, currency: this.suppliers.currencyOf(supplier), minOrderAmount: supplier.minOrderAmount },
      expectedDate: order.expectedDate,
      note: order.note,
      total: lines.reduce((s, l) => s + l.amount, 0),
      receivedDocumentNumber: received?.number ?? null,
      createdBy: user?.name ?? '?',
      createdAt: order.createdAt.toISOString(),
      sentAt: order.sentAt?.toISOString() ?? null,
      backOrderOf,
      backOrder,
      lines,
    };
  }

  /** The order as the supplier reads it: their code, ours, the name, quantity, price. */
  async csv(id: string): Promise<{ filename: string; body: string }> {
    const order = await this.view(id);
    const money = (minor: number) => formatAmount(minor, currencyDigits(order.supplier.currency));
    const rows = order.lines.map((l) => [l.supplierSku, l.sku, l.name, l.unit !== 'piece' ? (l.quantityMilli / 1000).toFixed(3) : String(l.quantityMilli / 1000), l.unit, money(l.unitCost), money(l.amount)]);
    const body = csvFile([['supplier_sku', 'sku', 'name', 'quantity', 'unit', 'unit_cost', 'amount'], ...rows, ['', '', 'Total', '', '', '', money(order.total)]], { delimiter: ',' });
    return { filename: `${order.number}-${order.supplier.code}.csv`, body };
  }
}
