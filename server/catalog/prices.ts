import { newId } from '../../shared/ids.ts';
import { belowCost } from '../../shared/pricing/own-price.ts';
import { changedPrice, priceInForce } from '../../shared/pricing/price-changes.ts';
import { MAX_PRICE, type PriceChangePreview, type PriceChangeRequest } from '../../shared/schemas/products.ts';
import { localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { ownedByHeadOffice } from './ownership.ts';
import { ownPriceOutsideBound } from '../../shared/pricing/own-price.ts';
import type { OwnPriceRule } from '../../shared/schemas/own-prices.ts';
import { queueForHeadOffice } from '../sync/outbox.ts';
import { sqliteOf } from '../db/client.ts';
import { ownPriceRulesOf } from './own-price-rules.ts';

/** A price change may be dated this far back (a clock a little behind, a form filled slowly): it takes effect now. */
const PAST_TOLERANCE_MS = 5 * 60_000;

/**
 * Applies the price changes whose time has come (of the given products, or of every product that
 * has one waiting): each becomes the product's price in turn, remembering the price before it; an
 * own price of this outlet's goes to head office as it takes effect. Inside the caller's transaction.
 */
export async function applyDuePriceChanges(tx: Tx, now: Date, productIds?: string[]): Promise<number> {
  const products = await tx.product.findMany({
    where: { nextPriceAt: { lte: now }, ...(productIds ? { id: { in: productIds } } : {}) },
    select: { id: true, price: true },
  });
  for (const product of products) {
    let price = product.price;
    const due = await tx.priceChange.findMany({ where: { productId: product.id, appliedAt: null, effectiveAt: { lte: now } }, orderBy: { effectiveAt: 'asc' } });
    for (const change of due) {
      await tx.priceChange.update({ where: { id: change.id }, data: { appliedAt: now, previousPrice: price } });
      if (change.ownPrice) await queueOwnPrice(tx, (await tx.outlet.findFirstOrThrow({ select: { id: true } })).id, { ...change, previousPrice: price });
      price = change.price;
    }
    await tx.product.update({ where: { id: product.id }, data: { price, nextPriceAt: await nextChangeAt(tx, product.id) } });
  }
  return products.length;
}

/** Sends an own price that took effect to head office (the price change's id is the document's). */
async function queueOwnPrice(tx: Tx, outletId: string, change: { id: string; productId: string; price: number; previousPrice: number | null; effectiveAt: Date }): Promise<void> {
  const payload = { id: change.id, outletId, productId: change.productId, price: change.price, previousPrice: change.previousPrice, effectiveAt: change.effectiveAt.toISOString() };
  await queueForHeadOffice(tx, { type: 'outlet-price', documentId: change.id, outletId, payload, createdAt: change.effectiveAt });
}

/**
 * In a chain, the price a form or a price change sets must be one head office lets this outlet set
 * itself (`rules`, as the pull brought them) and within its bound; otherwise refused, naming the field.
 */
export function checkOwnPrice(rule: OwnPriceRule | undefined, price: number, product: { cost: number; taxRateBp: number }, path: string): void {
  if (!rule) ownedByHeadOffice(true, [path]);
  const outside = ownPriceOutsideBound(rule!, price, product);
  if (outside) throw badRequest('own-price-outside-bound', `${path}: ${outside}`, [{ path, message: outside }], { chainPrice: rule!.chainPrice, bound: rule!.bound, percentBp: rule!.percentBp });
}


/** When a price change asked for from `effectiveAt` (left out: now) takes effect: not in the past (a little behind is now), the field named if it is. */
export function priceMoment(effectiveAt: string | undefined, now: Date, path: string): Date {
  if (!effectiveAt) return now;
  const at = new Date(effectiveAt);
  if (at.getTime() < now.getTime() - PAST_TOLERANCE_MS) {
    throw badRequest('effective-in-past', `${effectiveAt} has passed: a price change takes effect now or later`, [{ path, message: 'in the past' }], { now: now.toISOString() });
  }
  return at < now ? now : at;
}

async function nextChangeAt(tx: Tx, productId: string): Promise<Date | null> {
  const next = await tx.priceChange.findFirst({ where: { productId, appliedAt: null }, orderBy: { effectiveAt: 'asc' }, select: { effectiveAt: true } });
  return next?.effectiveAt ?? null;
}

/**
 * Sets a product's price from `at` on, inside the caller's transaction: at once when `at` has come
 * (after the changes that came before it), or scheduled, replacing one scheduled for the same
 * moment. Writes the history row and the audit entry (who, when, the price before, the price after).
 * An outlet's own price in a chain (`own`) goes to head office when it takes effect.
 */
export async function setPrice(tx: Tx, outlet: OutletInfo, userId: string | null, product: { id: string; sku: string }, price: number, at: Date, now: Date, own = false): Promise<void> {
  await applyDuePriceChanges(tx, now, [product.id]);
  const current = await tx.product.findUniqueOrThrow({ where: { id: product.id }, select: { price: true } });
  const pending = await tx.priceChange.findMany({ where: { productId: product.id, appliedAt: null }, select: { effectiveAt: true, price: true } });
  const before = priceInForce({ price: current.price, priceChanges: pending.map((c) => ({ from: c.effectiveAt.toISOString(), price: c.price })) }, new Date(at.getTime() - 1));
  if (at <= now) {
    const change = await tx.priceChange.create({ data: { id: newId(), productId: product.id, price, previousPrice: current.price, effectiveAt: now, appliedAt: now, createdById: userId, ownPrice: own } });
    await tx.product.update({ where: { id: product.id }, data: { price } });
    if (own) await queueOwnPrice(tx, outlet.id, change);
  } else {
    await tx.priceChange.deleteMany({ where: { productId: product.id, appliedAt: null, effectiveAt: at } });
    await tx.priceChange.create({ data: { id: newId(), productId: product.id, price, effectiveAt: at, createdById: userId, ownPrice: own } });
    await tx.product.update({ where: { id: product.id }, data: { nextPriceAt: await nextChangeAt(tx, product.id) } });
  }
  await writeAudit(tx, {
    outletId: outlet.id,
    userId,
    action: 'price-change',
    entityType: 'product',
    entityId: product.id,
    details: { sku: product.sku, oldPrice: before, newPrice: price, effectiveAt: (at <= now ? now : at).toISOString() },
  });
}

/**
 * A price below cost goes ahead only when the user saw the warning (acknowledged it) and has the
 * right to (price-below-cost). `fields` name where the prices were entered.
 */
export function allowBelowCost(auth: AuthContext, acknowledged: boolean, fields: { path: string; price: number; cost: number }[]): void {
  if (!fields.length) return;
  if (!acknowledged) {
    const first = fields[0];
    throw new AppError(409, 'price-below-cost', `The price ${first.price} is below the cost ${first.cost} (net of VAT): confirm to sell below cost`, fields.map((f) => ({ path: f.path, message: 'below cost' })), {
      price: first.price,
      cost: first.cost,
      count: fields.length,
    });
  }
  if (!auth.permissions.includes('price-below-cost')) {
    throw forbidden('price-below-cost-not-permitted', 'Setting a price below cost needs the price-below-cost right', fields.map((f) => ({ path: f.path, message: 'below cost' })));
  }
}

/** A price must be one a shop could mean: not negative, not beyond MAX_PRICE. */
export function checkPriceRange(value: number, path: string, what: 'price' | 'cost'): void {
  const isCost = what === 'cost';
  if (value < 0) throw badRequest(isCost ? 'cost-negative' : 'price-negative', `A ${what} cannot be negative`, [{ path, message: 'negative' }], { value });
  if (value > MAX_PRICE) throw badRequest(isCost ? 'cost-absurd' : 'price-absurd', `A ${what} of ${value} is beyond ${MAX_PRICE}: a typing slip?`, [{ path, message: `at most ${MAX_PRICE}` }], { value, max: MAX_PRICE });
}

type Target = { id: string; sku: string; name: string; kind: string; price: number; cost: number; taxRateBp: number; pending: { from: string; price: number }[]; path: string };

/** Price changes made now or from a moment, for one product or a selection, with a preview first. */
export class PriceChanges {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly chain: boolean,
  ) {}

  /** The products a request changes: a product with variants stands for its variants. */
  async #targets(tx: Tx | Db, productIds: string[]): Promise<Target[]> {
    const rows = await tx.product.findMany({ where: { id: { in: productIds } }, include: { taxRate: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const targets: Target[] = [];
    for (const [i, id] of productIds.entries()) {
      const row = byId.get(id);
      const path = `productIds.${i}`;
      if (!row) throw notFound('product-not-found', `Unknown product ${id}`, [{ path, message: 'unknown product' }]);
      if (row.kind === 'gift-card' || row.kind === 'deposit') throw badRequest('price-not-editable', `${row.name} is sold at the amount typed: it has no price to change`, [{ path, message: row.kind }]);
      const members = row.kind === 'family' ? await tx.product.findMany({ where: { parentId: row.id, active: true }, include: { taxRate: true }, orderBy: { name: 'asc' } }) : [row];
      for (const m of members) {
        if (targets.some((t) => t.id === m.id)) continue;
        const pending = await tx.priceChange.findMany({ where: { productId: m.id, appliedAt: null }, select: { effectiveAt: true, price: true } });
        targets.push({ id: m.id, sku: m.sku, name: m.name, kind: m.kind, price: m.price, cost: m.cost, taxRateBp: m.taxRate.rateBp, pending: pending.map((c) => ({ from: c.effectiveAt.toISOString(), price: c.price })), path });
      }
    }
    return targets;
  }

  #moment(req: PriceChangeRequest, now: Date): Date {
    return priceMoment(req.effectiveAt, now, 'effectiveAt');
  }

  #plan(targets: Target[], req: PriceChangeRequest, at: Date): PriceChangePreview['items'] {
    return targets.map((t) => {
      const oldPrice = priceInForce({ price: t.price, priceChanges: t.pending }, new Date(at.getTime() - 1));
      const newPrice = changedPrice(oldPrice, req.change, req.rounding);
      return { productId: t.id, sku: t.sku, name: t.name, oldPrice, newPrice, cost: t.cost, belowCost: belowCost(newPrice, t.cost, t.taxRateBp) };
    });
  }

  /** What a change would do, product by product, changing nothing. */
  async preview(req: PriceChangeRequest): Promise<PriceChangePreview> {
    const now = new Date();
    const at = this.#moment(req, now);
    return { effectiveAt: at.toISOString(), items: this.#plan(await this.#targets(this.db, req.productIds), req, at) };
  }

  /**
   * Makes the change, all products or none, each in the price history and the audit. In a chain only
   * own prices head office allows this outlet, within their bound.
   */
  async apply(auth: AuthContext, req: PriceChangeRequest): Promise<PriceChangePreview & { changed: number }> {
    const now = new Date();
    const at = this.#moment(req, now);
    return this.db.$transaction(async (tx) => {
      const targets = await this.#targets(tx, req.productIds);
      const items = this.#plan(targets, req, at);
      items.forEach((item, i) => checkPriceRange(item.newPrice, targets[i].path, 'price'));
      if (this.chain) {
        const rules = ownPriceRulesOf(sqliteOf(this.db), targets.map((t) => t.id));
        items.forEach((item, i) => checkOwnPrice(rules.get(item.productId), item.newPrice, targets[i], targets[i].path));
      }
      allowBelowCost(auth, req.acknowledge.includes('price-below-cost'), items.flatMap((item, i) => (item.belowCost ? [{ path: targets[i].path, price: item.newPrice, cost: item.cost }] : [])));
      let changed = 0;
      for (const [i, item] of items.entries()) {
        if (item.newPrice === item.oldPrice) continue;
        await setPrice(tx, this.outlet, auth.userId, targets[i], item.newPrice, at, now, this.chain);
        changed += 1;
      }
      return { effectiveAt: at.toISOString(), items, changed };
    });
  }

  /** Withdraws a scheduled change before its time. */
  async cancel(auth: AuthContext, id: string): Promise<void> {
    await this.db.$transaction(async (tx) => {
      const change = await tx.priceChange.findUnique({ where: { id } });
      if (!change) throw notFound('price-change-not-found', 'No such price change', [{ path: 'id', message: 'unknown price change' }]);
      // In a chain only the outlet's own scheduled prices are its to withdraw.
      if (!change.ownPrice) ownedByHeadOffice(this.chain, ['id']);
      if (change.appliedAt || change.effectiveAt <= new Date()) throw new AppError(409, 'price-change-applied', 'That price is in force already: change the price again instead', [{ path: 'id', message: 'in force' }]);
      await tx.priceChange.delete({ where: { id } });
      await tx.product.update({ where: { id: change.productId }, data: { nextPriceAt: await nextChangeAt(tx, change.productId) } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'price-change-cancel', entityType: 'product', entityId: change.productId, details: { price: change.price, effectiveAt: change.effectiveAt.toISOString() } });
    });
  }

  /** A product's prices over time, newest first. */
  async history(productId: string) {
    if (!(await this.db.product.findUnique({ where: { id: productId }, select: { id: true } }))) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
    const rows = await this.db.priceChange.findMany({ where: { productId }, orderBy: [{ effectiveAt: 'desc' }, { createdAt: 'desc' }], take: 200 });
    const users = new Map((await this.db.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.createdById ? [r.createdById] : [])) } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    return {
      items: rows.map((r) => ({
        id: r.id, price: r.price, previousPrice: r.previousPrice, effectiveAt: r.effectiveAt.toISOString(), appliedAt: r.appliedAt?.toISOString() ?? null,
        createdBy: r.createdById ? users.get(r.createdById) ?? null : null, createdAt: r.createdAt.toISOString(),
      })),
    };
  }

  /** Products whose price changed today (the outlet's day) up to now, or that were added today: their labels are due. */
  async changedToday() {
    const now = new Date();
    const day = localTimeIn(this.outlet.view.timezone, now).slice(0, 10);
    const from = startOfLocalDay(this.outlet.view.timezone, day);
    const changes = await this.db.priceChange.findMany({ where: { effectiveAt: { gte: from, lte: now } }, select: { productId: true }, distinct: ['productId'], take: 5000 });
    const products = await this.db.product.findMany({ where: { id: { in: changes.map((c) => c.productId) }, active: true }, select: { id: true, sku: true, name: true, price: true, nextPriceAt: true }, orderBy: { name: 'asc' } });
    const pending = await this.db.priceChange.findMany({ where: { productId: { in: products.filter((p) => p.nextPriceAt).map((p) => p.id) }, appliedAt: null }, select: { productId: true, effectiveAt: true, price: true } });
    return {
      day,
      items: products.map((p) => ({
        productId: p.id, sku: p.sku, name: p.name,
        price: priceInForce({ price: p.price, priceChanges: pending.filter((c) => c.productId === p.id).map((c) => ({ from: c.effectiveAt.toISOString(), price: c.price })) }, now),
      })),
    };
  }
}

/** Folds due price changes into products now and then, so lists and sorts show them (sales price by the schedule anyway). */
export class PriceScheduler {
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: { error(obj: unknown, msg?: string): void },
    private readonly intervalMs = 30_000,
  ) {}

  run(): Promise<number> {
    return this.db.$transaction((tx) => applyDuePriceChanges(tx, new Date()));
  }

  start(): void {
    const tick = () => void this.run().catch((err) => this.log.error(err, 'applying scheduled prices failed'));
    tick();
    this.#timer = setInterval(tick, this.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
