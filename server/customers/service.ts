import { normalisePhone } from '../../shared/phone.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { Db } from '../db/client.ts';
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
    categoryDiscountBp: c.categoryDiscountBp,
    personalDiscountBp: c.personalDiscountBp,
  };
}

/** Customer look-ups for the register (the full customer base is a later issue). */
export class CustomerService {
  constructor(
    private readonly db: Db,
    private readonly phoneCountryCode: string,
  ) {}

  async byId(id: string): Promise<CustomerView | null> {
    const row = await this.db.customer.findUnique({ where: { id }, include });
    return row ? toCustomerView(row) : null;
  }

  async byCard(code: string): Promise<CustomerView | null> {
    const card = await this.db.customerCard.findUnique({ where: { code: code.trim() }, select: { customer: { include } } });
    return card ? toCustomerView(card.customer) : null;
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
