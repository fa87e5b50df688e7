import type Database from 'better-sqlite3';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';

const SELECT = `
  SELECT c."id", c."name", c."phone", c."email", c."personalDiscountBp",
         cc."code" AS "categoryCode", cc."name" AS "categoryName", COALESCE(cc."discountBp", 0) AS "categoryDiscountBp",
         (SELECT group_concat(k."code", ',') FROM "CustomerCard" k WHERE k."customerId" = c."id") AS "cards"
  FROM "Customer" c LEFT JOIN "CustomerCategory" cc ON cc."id" = c."categoryId"`;

type Row = Omit<CustomerView, 'cards'> & { cards: string | null };

/** Point look-ups of customers by id and card: prepared statements, as a card is scanned mid-sale. */
export class CustomerRepository {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  #one(where: string, value: string): CustomerView | null {
    const row = statement(this.#sql, `${SELECT} WHERE ${where}`).get(value) as Row | undefined;
    return row ? { ...row, cards: row.cards ? row.cards.split(',') : [] } : null;
  }

  byId(id: string): CustomerView | null {
    return this.#one(`c."id" = ?`, id);
  }

  byCard(code: string): CustomerView | null {
    return this.#one(`c."id" = (SELECT "customerId" FROM "CustomerCard" WHERE "code" = ?)`, code);
  }
}
