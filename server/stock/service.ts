import type { Unit } from '../../shared/schemas/common.ts';
import { newId } from '../../shared/ids.ts';
import type { DeliveryRequest, StockDocumentView, WriteOffRequest } from '../../shared/schemas/stock.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { ProductRepository } from '../catalog/repository.ts';
import type { Db, Tx } from '../db/client.ts';
import { IdempotentRequests, requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import { labelFor } from '../labels/content.ts';
import type { OutletInfo } from '../outlet.ts';
import { PreOrderLedger } from '../preorders/deposits.ts';
import { StockLedger } from './ledger.ts';
import { queueForHeadOffice } from '../sync/outbox.ts';

const PREFIX = { delivery: 'D', 'write-off': 'W', count: 'C', 'transfer-out': 'TO', 'transfer-in': 'TI' } as const;
type Kind = keyof typeof PREFIX;

/**
 * Weighted average cost after receiving `quantity` at `unitCost` onto `onHand` at `cost`. Stock
 * below zero counts as none (it was sold before it was received). BigInt: a large quantity in
 * thousandths times a price overflows a double's exact range.
 */
export function weightedAverageCost(onHandMilli: number, cost: number, quantityMilli: number, unitCost: number): number {
  const held = BigInt(Math.max(0, onHandMilli));
  const total = held + BigInt(quantityMilli);
  if (total === 0n) return unitCost;
  const value = held * BigInt(cost) + BigInt(quantityMilli) * BigInt(unitCost);
  return Number((value * 2n + total) / (2n * total)); // half-up
}

/**
 * Deliveries, write-offs and stock counts: documents whose lines move the stock ledger. Goods held
 * for arrived pre-orders leave only through their collection: a write-off or a transfer that would
 * take them is refused, and a count that finds fewer than are held posts only once confirmed.
 */
export class StockService {
  readonly #ledger: StockLedger;
  readonly #products: ProductRepository;
  readonly #requests: IdempotentRequests;
  readonly #preOrders: PreOrderLedger;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly printing: PrintRouting,
  ) {
    this.#ledger = new StockLedger(db);
    this.#products = new ProductRepository(db, outlet.id);
    this.#requests = new IdempotentRequests(db);
    this.#preOrders = new PreOrderLedger(db);
  }

  /** Whether this request made stock document `id` already (answer with it); a different request under the id is refused. */
  isReplay(id: string, fingerprint: string): Promise<boolean> {
    return this.#requests.isReplay('stock-document', id, fingerprint, async () => (await this.db.stockDocument.findUnique({ where: { id }, select: { id: true } })) !== null, 'stock document');
  }

  /** Keeps the request with the stock document it makes, inside the transaction that writes it. */
  recordRequest(id: string, fingerprint: string): void {
    this.#requests.record('stock-document', id, fingerprint, 'stock document');
  }

  async number(tx: Tx, kind: Kind): Promise<string> {
    const count = await tx.stockDocument.count({ where: { outletId: this.outlet.id, kind } });
    return `${PREFIX[kind]}-${String(count + 1).padStart(6, '0')}`;
  }

  goods(lines: { productId: string; quantityMilli?: number }[]) {
    const found = new Map(this.#products.byIds(lines.map((l) => l.productId)).map((p) => [p.id, p]));
    return lines.map((line, i) => {
      const product = found.get(line.productId);
      if (!product) throw notFound('product-not-found', `Unknown product ${line.productId}`, [{ path: `lines.${i}.productId`, message: 'unknown product' }]);
      if (product.kind !== 'goods') throw badRequest('not-stocked', `${product.name} is not kept in stock`, [{ path: `lines.${i}.productId`, message: 'not a stocked product' }], { name: product.name });
      if (product.unit === 'piece' && line.quantityMilli !== undefined && line.quantityMilli % 1000 !== 0) {
        throw badRequest('invalid-quantity', `${product.name} is counted in whole pieces`, [{ path: `lines.${i}.quantityMilli`, message: 'whole pieces only' }], { name: product.name });
      }
      return product;
    });
  }

  async costs(tx: Tx, lines: { productId: string }[]): Promise<Map<string, number>> {
    const rows = await tx.product.findMany({ where: { id: { in: lines.map((l) => l.productId) } }, select: { id: true, cost: true } });
    return new Map(rows.map((r) => [r.id, r.cost]));
  }

  /**
   * Queues a posted stock document for head office in its own transaction (architecture invariant
   * 10): the document with its lines as posted, read through the transaction, and `extra` fields
   * (a received transfer's note).
   */
  async toOutbox(tx: Tx, id: string, extra: Record<string, unknown> = {}): Promise<void> {
    const doc = await tx.stockDocument.findUniqueOrThrow({ where: { id }, include: { lines: true } });
    const at = doc.postedAt ?? doc.createdAt;
    const type = `stock-${doc.kind as Kind}` as const;
    await queueForHeadOffice(tx, { type, documentId: id, outletId: doc.outletId, payload: { ...doc, ...extra }, createdAt: at });
  }

  /** Goods coming in at a cost: each product's weighted average cost moves (before the stock is posted). */
  async averageInCost(tx: Tx, lines: { productId: string; quantityMilli: number; unitCost: number }[]): Promise<void> {
    const costs = await this.costs(tx, lines);
    for (const line of lines) {
      const before = costs.get(line.productId)!;
      const cost = weightedAverageCost(this.#ledger.onHand(this.outlet.id, line.productId), before, line.quantityMilli, line.unitCost);
      if (cost !== before) await tx.product.update({ where: { id: line.productId }, data: { cost } });
    }
  }

  /**
   * Goods going out other than by a sale: never those held for customers' arrived pre-orders (only
   * their collection takes them), and not beyond the books unless the shop allows negative stock.
   * Call inside the transaction.
   */
  refuseTakingOut(lines: { quantityMilli: number; productId: string }[], products: { name: string; unit: string }[]): void {
    const reserved = this.#preOrders.reserved(this.outlet.id, lines.map((l) => l.productId), null);
    for (const [i, line] of lines.entries()) {
      const held = reserved.get(line.productId) ?? 0;
      if (!held) continue;
      const onHand = this.#ledger.onHand(this.outlet.id, line.productId);
      const free = Math.max(0, onHand - held);
      if (line.quantityMilli > free) {
        const preOrders = this.#preOrders.holding(this.outlet.id, line.productId);
        throw new AppError(409, 'reserved-stock', `Only ${free / 1000} of ${products[i].name} free: ${held / 1000} kept for pre-order ${preOrders.join(', ')}`, [{ path: `lines.${i}.quantityMilli`, message: `at most ${free}` }], {
          onHandMilli: onHand,
          reservedMilli: held,
          availableMilli: onHand - held,
          freeMilli: free,
          preOrders,
          name: products[i].name,
          unit: products[i].unit,
        });
      }
    }
    if (this.outlet.settings.allowNegativeStock) return;
    for (const [i, line] of lines.entries()) {
      const onHand = this.#ledger.onHand(this.outlet.id, line.productId);
      if (line.quantityMilli > onHand) {
        throw badRequest('insufficient-stock', `Only ${onHand / 1000} of ${products[i].name} in stock`, [{ path: `lines.${i}.quantityMilli`, message: `at most ${Math.max(0, onHand)}` }], { onHandMilli: Math.max(0, onHand), name: products[i].name, unit: products[i].unit });
      }
    }
  }

  /** Goods received from a supplier: stock up, weighted average cost updated, labels queued if asked. */
  async delivery(auth: AuthContext, req: DeliveryRequest): Promise<Created<StockDocumentView>> {
    const fingerprint = requestFingerprint({ kind: 'delivery', request: req });
    if (await this.isReplay(req.id, fingerprint)) return { view: await this.view(req.id), replayed: true };
    const products = this.goods(req.lines);
    if (req.supplierId && !(await this.db.supplier.findUnique({ where: { id: req.supplierId } }))) {
      throw notFound('supplier-not-found', 'Unknown supplier', [{ path: 'supplierId', message: 'unknown supplier' }]);
    }
    const labelPrinter = req.printLabels ? this.printing.labelPrinter() : null;
    if (req.printLabels && !labelPrinter) throw conflict('no-label-printer', 'No label printer is configured: receive without labels, or add one in Devices');
    let labelsJob: { id: string; status: string } | null = null;
    await this.db.$transaction(async (tx) => {
      const at = new Date();
      this.recordRequest(req.id, fingerprint);
      await tx.stockDocument.create({
        data: {
          id: req.id,
          outletId: this.outlet.id,
          kind: 'delivery',
          number: await this.number(tx, 'delivery'),
          status: 'posted',
          supplierId: req.supplierId ?? null,
          note: req.note,
          totalCost: req.lines.reduce((s, l) => s + Math.round((l.quantityMilli * l.unitCost) / 1000), 0),
          createdById: auth.userId,
          createdAt: at,
          postedAt: at,
          lines: { create: req.lines.map((l) => ({ id: newId(), productId: l.productId, quantityMilli: l.quantityMilli, unitCost: l.unitCost })) },
        },
      });
      await this.averageInCost(tx, req.lines);
      this.#ledger.post(this.outlet.id, 'delivery', req.id, req.lines, at);
      await this.toOutbox(tx, req.id);
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'stock-delivery', entityType: 'stock-document', entityId: req.id, details: { lines: req.lines.length, supplierId: req.supplierId } });
      if (labelPrinter) {
        // A label for every piece received (up to 100 a line), one for goods sold by weight, litre or metre.
        const labels = products.flatMap((p, i) => Array.from({ length: p.unit !== 'piece' ? 1 : Math.min(100, req.lines[i].quantityMilli / 1000) }, () => labelFor(p, this.outlet)));
        labelsJob = await enqueuePrintJob(this.db, { deviceId: labelPrinter, kind: 'labels', documentId: req.id, document: { type: 'labels', labels, copies: 1 } });
      }
    });
    if (labelPrinter) this.printing.notify(labelPrinter);
    return { view: { ...(await this.view(req.id)), labelsPrintJob: labelsJob }, replayed: false };
  }

  /** Goods taken out of stock for a reason; refused below zero unless the shop allows negative stock. */
  async writeOff(auth: AuthContext, req: WriteOffRequest): Promise<Created<StockDocumentView>> {
    return this.takeOut(auth, 'write-off', req, { status: 'posted', reason: req.reason }, { reason: req.reason });
  }

  /**
   * Goods leaving the shop (written off, or sent to another outlet): at their average cost, refused
   * beyond the books unless negative stock is allowed, posted to the ledger with the document.
   */
  async takeOut(
    auth: AuthContext,
    kind: 'write-off' | 'transfer-out',
    req: { id: string; note: string; lines: { productId: string; quantityMilli: number }[] },
    fields: { status: 'posted' | 'in-transit'; reason?: string; counterpart?: string },
    details: Record<string, unknown>,
  ): Promise<Created<StockDocumentView>> {
    const fingerprint = requestFingerprint({ kind, request: req });
    if (await this.isReplay(req.id, fingerprint)) return { view: await this.view(req.id), replayed: true };
    const products = this.goods(req.lines);
    await this.db.$transaction(async (tx) => {
      const at = new Date();
      this.refuseTakingOut(req.lines, products);
      this.recordRequest(req.id, fingerprint);
      const costs = await this.costs(tx, req.lines);
      await tx.stockDocument.create({
        data: {
          id: req.id,
          outletId: this.outlet.id,
          kind,
          number: await this.number(tx, kind),
          ...fields,
          note: req.note,
          createdById: auth.userId,
          createdAt: at,
          postedAt: at,
          totalCost: req.lines.reduce((s, l) => s + Math.round((l.quantityMilli * costs.get(l.productId)!) / 1000), 0),
          lines: { create: req.lines.map((l) => ({ id: newId(), productId: l.productId, quantityMilli: l.quantityMilli, unitCost: costs.get(l.productId)! })) },
        },
      });
      this.#ledger.post(this.outlet.id, kind, req.id, req.lines.map((l) => ({ productId: l.productId, quantityMilli: -l.quantityMilli })), at);
      await this.toOutbox(tx, req.id);
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: `stock-${kind}`, entityType: 'stock-document', entityId: req.id, details: { ...details, lines: req.lines.length } });
    });
    return { view: await this.view(req.id), replayed: false };
  }

  /** Opens a count (a draft) of the whole shop or one category. */
  async startCount(auth: AuthContext, req: { id: string; categoryId?: string | null; note: string }): Promise<Created<StockDocumentView>> {
    const fingerprint = requestFingerprint({ kind: 'count', request: req });
    if (await this.isReplay(req.id, fingerprint)) return { view: await this.view(req.id), replayed: true };
    if (req.categoryId && !(await this.db.category.findUnique({ where: { id: req.categoryId } }))) {
      throw notFound('category-not-found', 'Unknown category', [{ path: 'categoryId', message: 'unknown category' }]);
    }
    await this.db.$transaction(async (tx) => {
      this.recordRequest(req.id, fingerprint);
      await tx.stockDocument.create({
        data: { id: req.id, outletId: this.outlet.id, kind: 'count', number: await this.number(tx, 'count'), status: 'draft', categoryId: req.categoryId ?? null, note: req.note, createdById: auth.userId },
      });
    });
    return { view: await this.view(req.id), replayed: false };
  }

  async #draftCount(tx: Tx, id: string) {
    const doc = await tx.stockDocument.findUnique({ where: { id } });
    if (!doc || doc.kind !== 'count') throw notFound('count-not-found', 'No such stock count', [{ path: 'id', message: 'unknown count' }]);
    if (doc.status !== 'draft') throw conflict('count-posted', `Count ${doc.number} is posted: start a new one to correct it`, { number: doc.number });
    return doc;
  }

  /** Records what was counted of a product: a scan adds to it, a typed quantity replaces it. */
  async countLine(id: string, line: { productId: string; quantityMilli: number; mode: 'set' | 'add' }): Promise<StockDocumentView> {
    const [product] = this.goods([{ productId: line.productId }]);
    await this.db.$transaction(async (tx) => {
      const doc = await this.#draftCount(tx, id);
      if (doc.categoryId && product.categoryId !== doc.categoryId) {
        throw badRequest('outside-count', `${product.name} is not in the category being counted`, [{ path: 'productId', message: 'outside the count' }], { name: product.name });
      }
      const existing = await tx.stockDocumentLine.findUnique({ where: { documentId_productId: { documentId: id, productId: line.productId } } });
      const quantityMilli = line.mode === 'add' ? (existing?.quantityMilli ?? 0) + line.quantityMilli : line.quantityMilli;
      if (existing) await tx.stockDocumentLine.update({ where: { id: existing.id }, data: { quantityMilli } });
      else await tx.stockDocumentLine.create({ data: { id: newId(), documentId: id, productId: line.productId, quantityMilli } });
    });
    return this.view(id);
  }

  /**
   * Posts a count: each counted product's difference from the ledger at this moment becomes an
   * adjustment; products in the count's scope that were not counted are taken as none left. A
   * count is what is on the shelf, so it is never refused for what it finds; but finding fewer
   * goods than arrived pre-orders hold means a customer's goods are gone, so that posts only when
   * `belowReserved` confirms it (409 `count-below-reserved` lists them first).
   */
  async postCount(auth: AuthContext, id: string, belowReserved = false): Promise<StockDocumentView> {
    await this.db.$transaction(async (tx) => {
      const doc = await this.#draftCount(tx, id);
      const at = new Date();
      const counted = await tx.stockDocumentLine.findMany({ where: { documentId: id } });
      const uncounted = await this.#uncounted(tx, doc.categoryId, counted.map((l) => l.productId));
      const short = this.#belowReserved([...counted, ...uncounted.map((productId) => ({ productId, quantityMilli: 0 }))]);
      if (short.length && !belowReserved) {
        throw new AppError(409, 'count-below-reserved', `${short.length} product(s) counted below what customers' pre-orders hold: ${short.map((s) => s.preOrders.join(', ')).join('; ')}`, [{ path: 'body.belowReserved', message: 'post below the reserved quantities?' }], { lines: short });
      }
      for (const productId of uncounted) await tx.stockDocumentLine.create({ data: { id: newId(), documentId: id, productId, quantityMilli: 0 } });
      const changes: { productId: string; quantityMilli: number }[] = [];
      for (const line of [...counted, ...uncounted.map((productId) => ({ productId, quantityMilli: 0 }))]) {
        const expected = this.#ledger.onHand(this.outlet.id, line.productId);
        const difference = line.quantityMilli - expected;
        await tx.stockDocumentLine.update({ where: { documentId_productId: { documentId: id, productId: line.productId } }, data: { expectedMilli: expected, differenceMilli: difference } });
        changes.push({ productId: line.productId, quantityMilli: difference });
      }
      this.#ledger.post(this.outlet.id, 'count', id, changes, at);
      await tx.stockDocument.update({ where: { id }, data: { status: 'posted', postedAt: at } });
      await this.toOutbox(tx, id);
      await writeAudit(tx, {
        outletId: this.outlet.id,
        userId: auth.userId,
        action: 'stock-count',
        entityType: 'stock-document',
        entityId: id,
        details: { number: doc.number, lines: changes.length, adjusted: changes.filter((c) => c.quantityMilli !== 0).length, belowReserved: short.map((s) => ({ productId: s.productId, countedMilli: s.countedMilli, reservedMilli: s.reservedMilli, preOrders: s.preOrders })) },
      });
    });
    return this.view(id);
  }

  /** Counted lines below what arrived pre-orders hold of their product, with those pre-orders. */
  #belowReserved(lines: { productId: string; quantityMilli: number }[]) {
    const reserved = this.#preOrders.reserved(this.outlet.id, lines.map((l) => l.productId), null);
    return lines.flatMap((l) => {
      const held = reserved.get(l.productId) ?? 0;
      return l.quantityMilli < held ? [{ productId: l.productId, countedMilli: l.quantityMilli, reservedMilli: held, preOrders: this.#preOrders.holding(this.outlet.id, l.productId) }] : [];
    });
  }

  /** Products in a count's scope with stock on the books that were not counted. */
  async #uncounted(tx: Tx | Db, categoryId: string | null, countedIds: string[]): Promise<string[]> {
    const rows = await tx.stockBalance.findMany({
      where: { outletId: this.outlet.id, quantityMilli: { not: 0 }, productId: { notIn: countedIds } },
      select: { productId: true },
    });
    if (!categoryId) return rows.map((r) => r.productId);
    const inCategory = await tx.product.findMany({ where: { id: { in: rows.map((r) => r.productId) }, categoryId }, select: { id: true } });
    return inCategory.map((p) => p.id);
  }

  async view(id: string): Promise<StockDocumentView> {
    const doc = await this.db.stockDocument.findUnique({ where: { id }, include: { lines: true } });
    if (!doc) throw notFound('stock-document-not-found', 'No such stock document', [{ path: 'id', message: 'unknown document' }]);
    const [products, supplier, category, user] = await Promise.all([
      this.db.product.findMany({ where: { id: { in: doc.lines.map((l) => l.productId) } }, select: { id: true, sku: true, name: true, unit: true } }),
      doc.supplierId ? this.db.supplier.findUnique({ where: { id: doc.supplierId } }) : null,
      doc.categoryId ? this.db.category.findUnique({ where: { id: doc.categoryId } }) : null,
      this.db.user.findUnique({ where: { id: doc.createdById }, select: { name: true } }),
    ]);
    const byId = new Map(products.map((p) => [p.id, p]));
    const uncounted = doc.kind === 'count' && doc.status === 'draft' ? (await this.#uncounted(this.db, doc.categoryId, doc.lines.map((l) => l.productId))).length : null;
    return {
      id: doc.id,
      kind: doc.kind as Kind,
      number: doc.number,
      status: doc.status as 'draft' | 'posted' | 'in-transit',
      supplierName: supplier?.name ?? null,
      counterpart: doc.counterpart,
      reason: doc.reason,
      categoryName: category?.name ?? null,
      note: doc.note,
      totalCost: doc.totalCost,
      createdBy: user?.name ?? '?',
      createdAt: doc.createdAt.toISOString(),
      postedAt: doc.postedAt?.toISOString() ?? null,
      lines: doc.lines.map((l) => {
        const p = byId.get(l.productId);
        return {
          productId: l.productId,
          sku: p?.sku ?? '?',
          name: p?.name ?? '?',
          unit: (p?.unit ?? 'piece') as Unit,
          quantityMilli: l.quantityMilli,
          unitCost: l.unitCost,
          expectedMilli: l.expectedMilli,
          differenceMilli: l.differenceMilli,
        };
      }),
      uncounted,
    };
  }
}
