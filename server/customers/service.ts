import { normalisePhone } from '../../shared/phone.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { Db } from '../db/client.ts';
import { CustomerRepository } from './repository.ts';
import type { PricingCustomer } from '../../shared/pricing/types.ts';

const include = { cards: { select: { code: true } }, category: true } as const;
type CustomerRow = {
  id: string; name: string; phone: string | null; email: string | null; personalDiscountBp: number;
  cards: { code: string }[]; category: { code: string; name: string; discountBp: number } | null;
};

export function toCustomerView(c: CustomerRow): CustomerView {
  return {
    id: c.id,
    name: c.name,
    phone: c.phone,
    email: c.email,
    cards: c.cards.map((k) => k.code),
    categoryCode: c.category?.code ?? null,
    categoryName: c.category?.name ?? null,
    categoryDiscountBp: c.category?.discountBp ?? 0,
    personalDiscountBp: c.personalDiscountBp,
  };
}

export function toPricingCustomer(c: CustomerView): PricingCustomer {
  return {
    id: c.id,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
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
  ) {
    this.#repository = new CustomerRepository(db);
  }

  async byId(id: string): Promise<CustomerView | null> {
    return this.#repository.byId(id);
  }

  async byCard(code: string): Promise<CustomerView | null> {
    return this.#repository.byCard(code.trim());
  }

  /** By card, phone in any common format, or part of the name. */
  async search(q: string, limit: number): Promise<CustomerView[]> {
    const text = q.trim();
    const phone = /^[+\d\s()-]{5,}$/.test(text) ? normalisePhone(text, this.phoneCountryCode) : null;
    const rows = await this.db.customer.findMany({
      where: {
        OR: [
          { searchName: { contains: text.toLowerCase() } },
          { cards: { some: { code: text } } },
          ...(phone ? [{ phone }, { phone: { endsWith: phone.slice(-7) } }] : []),
        ],
      },
      include,
      orderBy: { name: 'asc' },
      take: limit,
    });
    return rows.map(toCustomerView);
  }
}
