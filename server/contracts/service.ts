import { newId } from '../../shared/ids.ts';
import { daysBetween } from '../../shared/invoicing/aging.ts';
import type { Locale } from '../../shared/locales.ts';
import type { ContractDocument } from '../../shared/invoicing/contract.ts';
import type { InvoiceParty } from '../../shared/invoicing/document.ts';
import type { ContractRenewal, ContractRequest, ContractView } from '../../shared/schemas/contracts.ts';
import { UnitSchema } from '../../shared/schemas/common.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db, Tx } from '../db/client.ts';
import { AppError, badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';


/** The contract of a customer running on a day (the one begun last), with its agreed prices by product. */
export async function contractOn(db: Db | Tx, customerId: string, day: string): Promise<{ id: string; number: string; paymentTermsDays: number | null; prices: Map<string, number> } | null> {
  const contract = await db.contract.findFirst({ where: { customerId, startDate: { lte: day }, endDate: { gte: day } }, orderBy: { startDate: 'desc' }, include: { prices: true } });
  return contract ? { id: contract.id, number: contract.number, paymentTermsDays: contract.paymentTermsDays, prices: new Map(contract.prices.map((p) => [p.productId, p.unitPrice])) } : null;
}

/**
 * Contracts with company customers. A contract is never edited: a renewal is a new contract that
 * names the one it renews. Two contracts of a customer never run on the same day, so the price
 * list in force on a day is one contract's.
 */
export class ContractService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  #today(): string {
    return localTimeIn(this.outlet.view.timezone).slice(0, 10);
  }

  async create(auth: AuthContext, req: ContractRequest, renewsId: string | null = null): Promise<ContractView> {
    const id = newId();
    await this.db.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({ where: { id: req.customerId }, select: { kind: true, mergedIntoId: true } });
      if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'Unknown customer', [{ path: 'body.customerId', message: 'unknown customer' }]);
      if (customer.kind !== 'company') throw badRequest('contract-needs-company', 'Contracts are made with company customers', [{ path: 'body.customerId', message: 'not a company' }]);
      if (await tx.contract.findFirst({ where: { outletId: this.outlet.id, number: req.number } })) throw new AppError(409, 'contract-number-taken', `Contract ${req.number} exists already`, [{ path: 'body.number', message: 'taken' }]);
      const overlapping = await tx.contract.findFirst({ where: { customerId: req.customerId, startDate: { lte: req.endDate }, endDate: { gte: req.startDate } }, select: { number: true } });
      if (overlapping) throw new AppError(409, 'contract-overlaps', `Contract ${overlapping.number} of the customer runs in that time`, [{ path: 'body.startDate', message: `overlaps ${overlapping.number}` }]);
      const known = new Set((await tx.product.findMany({ where: { id: { in: req.prices.map((p) => p.productId) } }, select: { id: true } })).map((p) => p.id));
      const unknown = req.prices.findIndex((p) => !known.has(p.productId));
      if (unknown >= 0) throw notFound('product-not-found', 'Unknown product', [{ path: `body.prices.${unknown}.productId`, message: 'unknown product' }]);
      await tx.contract.create({
        data: {
          id,
          outletId: this.outlet.id,
          customerId: req.customerId,
          number: req.number,
          startDate: req.startDate,
          endDate: req.endDate,
          terms: req.terms,
          paymentTermsDays: req.paymentTermsDays,
          reminderDays: req.reminderDays,
          renewsId,
          createdById: auth.userId,
          prices: { create: req.prices.map((p) => ({ id: newId(), productId: p.productId, unitPrice: p.unitPrice })) },
        },
      });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: renewsId ? 'contract-renew' : 'contract-create', entityType: 'contract', entityId: id, details: { number: req.number, customerId: req.customerId, startDate: req.startDate, endDate: req.endDate, prices: req.prices.length, renewsId } });
    });
    return this.view(id);
  }

  /** A new contract following this one, from the day after it ends unless said, with its terms and prices unless given. */
  async renew(auth: AuthContext, id: string, req: ContractRenewal): Promise<ContractView> {
    const old = await this.db.contract.findUnique({ where: { id }, include: { prices: true } });
    if (!old) throw notFound('contract-not-found', 'No such contract', [{ path: 'params.id', message: 'unknown contract' }]);
    const renewed = await this.db.contract.findFirst({ where: { renewsId: id }, select: { number: true } });
    if (renewed) throw new AppError(409, 'contract-renewed', `Contract ${old.number} was renewed already by ${renewed.number}`, [{ path: 'params.id', message: 'renewed' }]);
    const startDate = req.startDate ?? addDays(old.endDate, 1);
    if (req.endDate < startDate) throw badRequest('end-date-before-start-date', `The renewal would end before it starts (${startDate})`, [{ path: 'body.endDate', message: 'before the start date' }]);
    return this.create(
      auth,
      {
        customerId: old.customerId,
        number: req.number,
        startDate,
        endDate: req.endDate,
        terms: req.terms ?? old.terms,
        paymentTermsDays: req.paymentTermsDays === undefined ? old.paymentTermsDays : req.paymentTermsDays,
        reminderDays: req.reminderDays ?? old.reminderDays,
        prices: req.prices ?? old.prices.map((p) => ({ productId: p.productId, unitPrice: p.unitPrice })),
      },
      id,
    );
  }

  async view(id: string): Promise<ContractView> {
    const [view] = await this.#views({ id });
    if (!view) throw notFound('contract-not-found', 'No such contract', [{ path: 'params.id', message: 'unknown contract' }]);
    return view;
  }

  /** A contract as its print form shows it: the parties as they are today, its terms and agreed prices with each product's unit and tax rate. */
  async document(id: string, parties: (customerId: string) => Promise<{ seller: InvoiceParty; buyer: InvoiceParty; language: Locale }>): Promise<ContractDocument> {
    const contract = await this.db.contract.findUnique({ where: { id }, include: { prices: true } });
    if (!contract) throw notFound('contract-not-found', 'No such contract', [{ path: 'params.id', message: 'unknown contract' }]);
    const products = await this.db.product.findMany({ where: { id: { in: contract.prices.map((p) => p.productId) } }, select: { id: true, sku: true, name: true, unit: true, taxRate: { select: { rateBp: true } } } });
    const productOf = new Map(products.map((p) => [p.id, p]));
    const { seller, buyer, language } = await parties(contract.customerId);
    return {
      kind: 'contract',
      id: contract.id,
      outletCode: this.outlet.view.code,
      number: contract.number,
      signedDate: localTimeIn(this.outlet.view.timezone, contract.createdAt).slice(0, 10),
      validFrom: contract.startDate,
      validUntil: contract.endDate,
      currency: this.outlet.view.currency,
      language,
      seller,
      buyer,
      paymentTermsDays: contract.paymentTermsDays ?? this.outlet.settings.invoicing.paymentTermsDays,
      terms: contract.terms,
      prices: contract.prices.map((p) => {
        const product = productOf.get(p.productId);
        return { productId: p.productId, sku: product?.sku ?? null, description: product?.name ?? p.productId, unit: UnitSchema.catch('piece').parse(product?.unit), unitPriceGross: p.unitPrice, taxRateBp: product?.taxRate.rateBp ?? 0 };
      }),
    };
  }

  /** Contracts of the customers `seen` (undefined: of everyone). */
  async list(query: { customerId?: string; status?: ContractView['status'] }, seen?: { in: string[] }): Promise<{ items: ContractView[] }> {
    const items = await this.#views({ outletId: this.outlet.id, customerId: { ...seen, ...(query.customerId ? { equals: query.customerId } : {}) } });
    return { items: query.status ? items.filter((c) => c.status === query.status) : items };
  }

  async #views(where: { id?: string; outletId?: string; customerId?: { in?: string[]; equals?: string } }): Promise<ContractView[]> {
    const rows = await this.db.contract.findMany({ where, orderBy: [{ endDate: 'asc' }, { number: 'asc' }], include: { prices: true } });
    const ids = rows.map((r) => r.id);
    const [customers, products, related] = await Promise.all([
      this.db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] } }, select: { id: true, name: true } }),
      this.db.product.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => r.prices.map((p) => p.productId)))] } }, select: { id: true, sku: true, name: true, price: true } }),
      this.db.contract.findMany({ where: { OR: [{ renewsId: { in: ids } }, { id: { in: rows.flatMap((r) => (r.renewsId ? [r.renewsId] : [])) } }] }, select: { id: true, number: true, renewsId: true } }),
    ]);
    const customerOf = new Map(customers.map((c) => [c.id, c]));
    const productOf = new Map(products.map((p) => [p.id, p]));
    const today = this.#today();
    return rows.map((r) => {
      const endsInDays = daysBetween(today, r.endDate);
      const status = r.startDate > today ? 'upcoming' : endsInDays < 0 ? 'ended' : endsInDays <= r.reminderDays ? 'ending' : 'active';
      const renews = r.renewsId ? related.find((c) => c.id === r.renewsId) : undefined;
      const renewedBy = related.find((c) => c.renewsId === r.id);
      return {
        id: r.id,
        number: r.number,
        customer: customerOf.get(r.customerId) ?? { id: r.customerId, name: '' },
        startDate: r.startDate,
        endDate: r.endDate,
        terms: r.terms,
        paymentTermsDays: r.paymentTermsDays,
        reminderDays: r.reminderDays,
        status,
        endsInDays,
        renews: renews ? { id: renews.id, number: renews.number } : null,
        renewedBy: renewedBy ? { id: renewedBy.id, number: renewedBy.number } : null,
        prices: r.prices.map((p) => ({ productId: p.productId, sku: productOf.get(p.productId)?.sku ?? '', name: productOf.get(p.productId)?.name ?? '', unitPrice: p.unitPrice, listPrice: productOf.get(p.productId)?.price ?? 0 })),
      };
    });
  }
}
