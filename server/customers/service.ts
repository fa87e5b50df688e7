import { normalisePhone } from '../../shared/phone.ts';
import type { CustomerFilter, CustomerView } from '../../shared/schemas/customers.ts';
import { customerFilterSql } from './filter.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
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

  /** A page of the customer base (or the part a filter picks) in name order, for the back office. */
  list(limit: number, offset: number, filter: CustomerFilter = {}, timezone = 'UTC'): { items: CustomerView[]; total: number } {
    const { where, params } = customerFilterSql(filter, timezone);
    const sql = sqliteOf(this.db);
    const condition = where.join(' AND ');
    const rows = statement(sql, `SELECT c."id" FROM "Customer" c WHERE ${condition} ORDER BY c."name" LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as { id: string }[];
    const { total } = statement(sql, `SELECT COUNT(*) AS "total" FROM "Customer" c WHERE ${condition}`).get(params) as { total: number };
    return { items: this.#repository.byIds(rows.map((r) => r.id)), total };
  }

  /**
   * By card, any of the customer's phones (or a contact person's) in any common format, part of the
   * name, the start of an email, or the company code. Each kind of match is one indexed look-up
   * (the name through a trigram index), so it stays fast on a million customers (bench/).
   */
  async search(q: string, limit: number): Promise<CustomerView[]> {
    const text = q.trim();
    const lower = text.toLowerCase();
    const phone = /^[+\d\s()-]{5,}$/.test(text) ? normalisePhone(text, this.phoneCountryCode) : null;
    const sql = sqliteOf(this.db);
    const ids = new Set<string>();
    const add = (rows: unknown[]) => rows.forEach((r) => ids.add((r as { id: string }).id));
    add(statement(sql, 'SELECT "customerId" AS "id" FROM "CustomerCard" WHERE "code" = ?').all(text));
    if (phone) {
      add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "phone" = ? LIMIT 50').all(phone));
      add(statement(sql, 'SELECT "customerId" AS "id" FROM "CustomerPhone" WHERE "phone" = ? LIMIT 50').all(phone));
      add(statement(sql, 'SELECT "customerId" AS "id" FROM "CustomerContact" WHERE "phone" = ? LIMIT 50').all(phone));
    }
    if (text.includes('@')) add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "email" >= ? AND "email" < ? LIMIT 50').all(lower, `${lower}\uffff`));
    if (/^\w{5,}$/.test(text)) add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "companyCode" = ? LIMIT 50').all(text));
    if (lower.length >= 3) {
      // A phrase of the trigram index: any substring of three or more characters.
      add(statement(sql, `SELECT c."id" FROM "CustomerNameSearch" s JOIN "Customer" c ON c.rowid = s.rowid WHERE "CustomerNameSearch" MATCH ? LIMIT 200`).all(`"${lower.replaceAll('"', '""')}"`));
    } else {
      add(statement(sql, 'SELECT "id" FROM "Customer" WHERE "searchName" >= ? AND "searchName" < ? LIMIT 200').all(lower, `${lower}\uffff`));
    }
    // CROSS JOIN keeps SQLite from walking the mergedIntoId index (all but a few rows are NULL there).
    const page = statement(sql, 'SELECT c."id" FROM json_each(?) j CROSS JOIN "Customer" c ON c."id" = j.value WHERE c."mergedIntoId" IS NULL ORDER BY c."name" LIMIT ?').all(
      JSON.stringify([...ids]),
      limit,
    ) as { id: string }[];
    return this.#repository.byIds(page.map((r) => r.id));
  }

}
