import { normalisePhone } from '../../shared/phone.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { Db } from '../db/client.ts';
import { CustomerRepository } from './repository.ts';
import type { PricingCustomer } from '../../shared/pricing/types.ts';

export function toPricingCustomer(c: CustomerView): PricingCustomer {
  return {
    id: c.id,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    cumulativeSpend: c.cumulativeSpend,
    categoryDiscountBp: c.categoryDiscountBp,
    personalDiscountBp: c.personalDiscountBp,
  };
}

/** Customer look-ups for the register (the full customer base is a later issue). */
export class CustomerService {
  readonly #repository: CustomerRepository;

  constructor(
    private readonly db: Db,
    private readonly phoneCountryCode: string,
    spendPeriodDays = 365,
  ) {
    this.#repository = new CustomerRepository(db, spendPeriodDays);
  }

  async byId(id: string): Promise<CustomerView | null> {
    return this.#repository.byId(id);
  }

  async byCard(code: string): Promise<CustomerView | null> {
    return this.#repository.byCard(code.trim());
  }

  /** A page of the customer base in name order, for the back office. */
  async list(limit: number, offset: number): Promise<{ items: CustomerView[]; total: number }> {
    const where = { mergedIntoId: null };
    const [rows, total] = await Promise.all([this.db.customer.findMany({ where, select: { id: true }, orderBy: { name: 'asc' }, take: limit, skip: offset }), this.db.customer.count({ where })]);
    return { items: this.#repository.byIds(rows.map((r) => r.id)), total };
  }

  /**
   * By card, any of the customer's phones (or a contact person's) in any common format, part of the
   * name, email, or company code.
   */
  async search(q: string, limit: number): Promise<CustomerView[]> {
    const text = q.trim();
    const lower = text.toLowerCase();
    const phone = /^[+\d\s()-]{5,}$/.test(text) ? normalisePhone(text, this.phoneCountryCode) : null;
    const rows = await this.db.customer.findMany({
      where: {
        mergedIntoId: null,
        OR: [
          { searchName: { contains: lower } },
          { cards: { some: { code: text } } },
          ...(text.includes('@') ? [{ email: { startsWith: lower } }] : []),
          ...(/\d{5,}/.test(text) ? [{ companyCode: text }] : []),
          ...(phone
            ? [{ phone }, { phone: { endsWith: phone.slice(-7) } }, { otherPhones: { some: { phone } } }, { contacts: { some: { phone } } }]
            : []),
        ],
      },
      select: { id: true },
      orderBy: { name: 'asc' },
      take: limit,
    });
    return this.#repository.byIds(rows.map((r) => r.id));
  }
}
