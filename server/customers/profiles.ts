import type { Unit } from '../../shared/schemas/common.ts';
import { newId } from '../../shared/ids.ts';
import { parsePhone, type CountryCode } from '../../shared/phone.ts';
import type { CustomerContactInput, CustomerHistory, CustomerInput, CustomerProfile } from '../../shared/schemas/customers.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { AppError, badRequest, forbidden, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CustomerService } from './service.ts';
import { customerFigures } from './history-figures.ts';
import { queueCustomerEdit, syncedFieldsOf } from './sync-edits.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { checkValues, valuesOf, writeValues } from '../custom-fields/values.ts';

/** What a customer pays besides the prices: their category and personal discount. */
type Pricing = { categoryCode: string | null; personalDiscountBp: number };
const NO_PRICING: Pricing = { categoryCode: null, personalDiscountBp: 0 };

/** The customer base as the back office keeps it: profiles, changes (audited) and purchase history. */
export class CustomerProfiles {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly customers: CustomerService,
    private readonly phoneCountry: CountryCode,
  ) {}

  /** A customer's whole profile; the id of a customer merged into another answers with that one, saying so. */
  async profile(id: string): Promise<CustomerProfile> {
    const found = await this.customers.byIdFollowingMerges(id);
    const row = found && (await this.db.customer.findUnique({ where: { id: found.customer.id }, include: { otherPhones: { orderBy: { id: 'asc' } }, contacts: { orderBy: { id: 'asc' } } } }));
    if (!found || !row) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
    const view = found.customer;
    return {
      ...view,
      mergedFrom: found.mergedFrom,
      kind: row.kind as 'person' | 'company',
      companyCode: row.companyCode,
      vatCode: row.vatCode,
      otherPhones: row.otherPhones.map((p) => ({ phone: p.phone, label: p.label })),
      contacts: row.contacts.map((c) => ({ name: c.name, role: c.role, phone: c.phone, email: c.email })),
      birthday: row.birthday,
      address: row.address,
      notes: row.notes,
      emailConsentAt: row.emailConsentAt?.toISOString() ?? null,
      smsConsentAt: row.smsConsentAt?.toISOString() ?? null,
      serviceMessagesRefusedAt: row.serviceMessagesRefusedAt?.toISOString() ?? null,
      locale: row.locale,
      createdAt: row.createdAt.toISOString(),
      customFields: valuesOf(sqliteOf(this.db), fieldsOf(sqliteOf(this.db), 'customer'), [row.id]).get(row.id)!,
    };
  }

  /** A new customer, managed by `managerId` when one is given. */
  async create(auth: AuthContext, input: CustomerInput, managerId: string | null = null): Promise<CustomerProfile> {
    const id = newId();
    await this.db.$transaction(async (tx) => {
      const pricing = this.#pricingChange(auth, NO_PRICING, input);
      const custom = checkValues(fieldsOf(sqliteOf(this.db), 'customer'), input.customFields, { creating: true, path: 'body.customFields' });
      const data = await this.#fields(tx, input, null);
      await tx.customer.create({ data: { id, outletId: this.outlet.id, createdById: auth.userId, ...data, name: input.name, searchName: input.name.toLowerCase() } });
      if (input.card) await this.#addCard(tx, id, input.card);
      if (managerId) await tx.customerManager.create({ data: { customerId: id, managerId, assignedById: auth.userId } });
      await this.#replaceLists(tx, id, input);
      await writeValues(tx, id, custom);
      await queueCustomerEdit(tx, sqliteOf(this.db), this.outlet.id, id, null, input.card ? [input.card] : []);
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-create', entityType: 'customer', entityId: id, details: { name: input.name } });
      if (pricing) await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-pricing-change', entityType: 'customer', entityId: id, details: pricing });
    });
    return this.profile(id);
  }

  async update(auth: AuthContext, id: string, input: CustomerInput): Promise<CustomerProfile> {
    await this.db.$transaction(async (tx) => {
      const existing = await tx.customer.findUnique({ where: { id } });
      if (!existing) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
      if (existing.mergedIntoId) {
        throw new AppError(409, 'customer-merged', `This customer was merged into ${existing.mergedIntoId}: change that one`, [{ path: 'id', message: `merged into ${existing.mergedIntoId}` }], { mergedIntoId: existing.mergedIntoId });
      }
      const before = syncedFieldsOf(sqliteOf(this.db), id);
      const pricing = this.#pricingChange(auth, before, input);
      const custom = checkValues(fieldsOf(sqliteOf(this.db), 'customer'), input.customFields, { creating: false, path: 'body.customFields' });
      const data = await this.#fields(tx, input, existing);
      await tx.customer.update({ where: { id }, data: { ...data, name: input.name, searchName: input.name.toLowerCase() } });
      const hadCard = input.card ? await tx.customerCard.findUnique({ where: { code: input.card } }) : null;
      if (input.card) await this.#addCard(tx, id, input.card);
      await this.#replaceLists(tx, id, input);
      await writeValues(tx, id, custom);
      await queueCustomerEdit(tx, sqliteOf(this.db), this.outlet.id, id, before, input.card && !hadCard ? [input.card] : []);
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-update', entityType: 'customer', entityId: id, details: { fields: Object.keys(input) } });
      if (pricing) await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-pricing-change', entityType: 'customer', entityId: id, details: pricing });
    });
    return this.profile(id);
  }

  /** A customer's phone, e-mail and language as the register changes them; the rest stays as it is. */
  async updateContact(auth: AuthContext, id: string, input: CustomerContactInput): Promise<void> {
    const existing = await this.db.customer.findUnique({ where: { id }, select: { name: true } });
    if (!existing) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
    await this.update(auth, id, { name: existing.name, ...input });
  }

  /**
   * A change of the customer's category or personal discount, as values before and after: only
   * those with manage-loyalty make one (the register registers customers without them). Null when
   * the input leaves both as they are.
   */
  #pricingChange(auth: AuthContext, before: Pricing, input: CustomerInput): { before: Pricing; after: Pricing } | null {
    const after: Pricing = {
      categoryCode: input.categoryCode === undefined ? before.categoryCode : input.categoryCode,
      personalDiscountBp: input.personalDiscountBp ?? before.personalDiscountBp,
    };
    const changed = (['categoryCode', 'personalDiscountBp'] as const).filter((field) => after[field] !== before[field]);
    if (!changed.length) return null;
    if (!auth.permissions.includes('manage-loyalty')) {
      throw forbidden('not-permitted', "A customer's category and personal discount are set by those with the manage-loyalty right", changed.map((field) => ({ path: `body.${field}`, message: 'needs manage-loyalty' })), { role: auth.role, permission: 'manage-loyalty' });
    }
    return { before: { categoryCode: before.categoryCode, personalDiscountBp: before.personalDiscountBp }, after };
  }

  #phone(text: string, field: string): string {
    const phone = parsePhone(text, this.phoneCountry);
    if (!phone) throw badRequest('invalid-phone', `${text} is not a valid phone number (one without a country code is read as ${this.phoneCountry})`, [{ path: field, message: 'not a valid phone number' }], { phone: text, country: this.phoneCountry });
    return phone;
  }

  /** Other phones and contact persons: a list given replaces what was stored. */
  async #replaceLists(tx: Tx, customerId: string, input: CustomerInput): Promise<void> {
    if (input.otherPhones) {
      const phones = input.otherPhones.map((p, i) => ({ id: newId(), customerId, phone: this.#phone(p.phone, `body.otherPhones.${i}.phone`), label: p.label }));
      await tx.customerPhone.deleteMany({ where: { customerId } });
      if (phones.length) await tx.customerPhone.createMany({ data: phones });
    }
    if (input.contacts) {
      const contacts = input.contacts.map((c, i) => ({
        id: newId(),
        customerId,
        name: c.name,
        role: c.role,
        phone: c.phone ? this.#phone(c.phone, `body.contacts.${i}.phone`) : null,
        email: c.email ?? null,
      }));
      await tx.customerContact.deleteMany({ where: { customerId } });
      if (contacts.length) await tx.customerContact.createMany({ data: contacts });
    }
  }

  /** Validated column values; consent keeps its original date while it stays given. */
  async #fields(tx: Tx, input: CustomerInput, existing: { emailConsentAt: Date | null; smsConsentAt: Date | null; serviceMessagesRefusedAt: Date | null } | null) {
    const phone = input.phone ? this.#phone(input.phone, 'body.phone') : input.phone;
    let categoryId: string | null | undefined;
    if (input.categoryCode !== undefined) {
      if (input.categoryCode === null) categoryId = null;
      else {
        const category = await tx.customerCategory.findUnique({ where: { code: input.categoryCode } });
        if (!category) throw badRequest('unknown-category', `No customer category ${input.categoryCode}`, [{ path: 'body.categoryCode', message: 'unknown category' }], { category: input.categoryCode });
        categoryId = category.id;
      }
    }
    const consent = (given: boolean | undefined, before: Date | null | undefined) => (given === undefined ? undefined : given ? (before ?? new Date()) : null);
    return {
      phone,
      // Stored lower-case: addresses are matched and searched case-insensitively.
      email: input.email?.toLowerCase(),
      birthday: input.birthday,
      address: input.address,
      categoryId,
      personalDiscountBp: input.personalDiscountBp,
      notes: input.notes,
      emailConsentAt: consent(input.emailConsent, existing?.emailConsentAt),
      smsConsentAt: consent(input.smsConsent, existing?.smsConsentAt),
      serviceMessagesRefusedAt: consent(input.serviceMessages === undefined ? undefined : !input.serviceMessages, existing?.serviceMessagesRefusedAt),
      kind: input.kind,
      locale: input.locale,
      companyCode: input.companyCode,
      vatCode: input.vatCode,
      creditLimit: input.creditLimit,
    };
  }

  async #addCard(tx: Tx, customerId: string, code: string): Promise<void> {
    const taken = await tx.customerCard.findUnique({ where: { code } });
    if (taken && taken.customerId !== customerId) throw new AppError(409, 'card-taken', `Card ${code} belongs to another customer`, [{ path: 'body.card', message: 'already issued' }], { card: code });
    if (!taken) await tx.customerCard.create({ data: { code, customerId } });
  }

  /** The opening entries of the customers' ledgers (spend and registration, points, gift cards), oldest first. */
  async #openings(ids: string[]): Promise<CustomerHistory['openings']> {
    const [own, points, cards] = await Promise.all([
      this.db.customerOpening.findMany({ where: { customerId: { in: ids } } }),
      this.db.pointsMovement.findMany({ where: { customerId: { in: ids }, kind: 'opening' } }),
      this.db.giftCardMovement.findMany({ where: { kind: 'opening', card: { customerId: { in: ids } } } }),
    ]);
    const day = (at: Date) => at.toISOString().slice(0, 10);
    return [
      ...own.map((o) => ({ kind: o.kind as 'spend' | 'registered', amount: o.amount, giftCard: null, day: o.day })),
      ...points.map((p) => ({ kind: 'points' as const, amount: p.points, giftCard: null, day: day(p.createdAt) })),
      ...cards.map((m) => ({ kind: 'gift-card' as const, amount: m.amount, giftCard: m.code, day: day(m.createdAt) })),
    ].sort((a, b) => a.day.localeCompare(b.day));
  }

  /** Every purchase and return with lines and discounts, newest first, and the figures a shop owner asks for. */
  async history(asked: string, limit = 200): Promise<CustomerHistory> {
    const stored = await this.db.customer.findUnique({ where: { id: asked }, select: { id: true, mergedIntoId: true } });
    if (!stored) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
    const id = stored.mergedIntoId ?? stored.id;
    const merged = await this.db.customer.findMany({ where: { mergedIntoId: id }, select: { id: true } });
    const customerIds = [id, ...merged.map((m) => m.id)];
    // Figures over every document; the list shows the latest `limit`.
    const all = await this.db.sale.findMany({
      where: { customerId: { in: customerIds } },
      select: {
        kind: true, createdAt: true,
        lines: { select: { kind: true, productId: true, amount: true, taxAmount: true, costAmount: true, discountAmount: true } },
        payments: { select: { method: true, amount: true } },
      },
    });
    const docs = await this.db.sale.findMany({
      where: { customerId: { in: customerIds } },
      orderBy: { createdAt: 'desc' },
      take: limit,
      include: { lines: { orderBy: { lineNo: 'asc' } }, discounts: true },
    });
    const productIds = [...new Set(all.flatMap((d) => d.lines.map((l) => l.productId)))];
    const products = await this.db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, category: { select: { name: true } } } });
    const categoryOf = new Map(products.map((p) => [p.id, p.category?.name ?? '—']));
    return {
      stats: customerFigures(all, (productId) => categoryOf.get(productId) ?? '—', this.outlet.settings.vatRegistered ? 'net' : 'gross', this.outlet.view.timezone, new Date()),
      documents: docs.map((d) => ({
        id: d.id,
        kind: d.kind as 'sale' | 'return',
        number: d.number,
        createdAt: d.createdAt.toISOString(),
        total: d.total,
        discountTotal: d.discountTotal,
        lines: d.lines.map((l) => ({ name: l.name, kind: l.kind, quantityMilli: l.quantityMilli, unit: l.unit as Unit, amount: l.amount, taxAmount: l.taxAmount })),
        discounts: d.discounts.map((x) => ({ source: x.source, reason: x.reason, amount: x.amount })),
      })),
      openings: await this.#openings([id, ...merged.map((m) => m.id)]),
    };
  }
}
