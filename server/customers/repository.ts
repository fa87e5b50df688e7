import type Database from 'better-sqlite3';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { localTimeIn } from '../../shared/time.ts';

const SELECT = `
  SELECT c."id", c."name", c."phone", c."email", c."locale", c."personalDiscountBp",
         cc."code" AS "categoryCode", cc."name" AS "categoryName", COALESCE(cc."discountBp", 0) AS "categoryDiscountBp",
         (SELECT group_concat(k."code", ',') FROM "CustomerCard" k WHERE k."customerId" = c."id") AS "cards",
         (SELECT COALESCE(SUM(CASE s."kind" WHEN 'sale' THEN l."amount" ELSE -l."amount" END), 0) FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" AND l."kind" = 'goods'
           WHERE (s."customerId" = c."id" OR s."customerId" IN (SELECT m."id" FROM "Customer" m WHERE m."mergedIntoId" = c."id"))
             AND s."createdAt" >= @since) + c."chainSpendElsewhere"
         + (SELECT COALESCE(SUM(o."amount"), 0) FROM "CustomerOpening" o
           WHERE (o."customerId" = c."id" OR o."customerId" IN (SELECT m."id" FROM "Customer" m WHERE m."mergedIntoId" = c."id"))
             AND o."kind" = 'spend' AND o."createdAt" >= @since) AS "cumulativeSpend",
         (SELECT COALESCE(SUM(pm."points"), 0) FROM "PointsMovement" pm
           WHERE pm."customerId" = c."id" OR pm."customerId" IN (SELECT m."id" FROM "Customer" m WHERE m."mergedIntoId" = c."id")) AS "pointsBalance",
         COALESCE(cc."pointsEarnBp", 0) AS "pointsEarnBp",
         CASE WHEN c."kind" = 'company' THEN c."creditLimit" END AS "creditLimit",
         (SELECT json_group_array(json_object('productId', cp."productId", 'unitPrice', cp."unitPrice")) FROM "ContractPrice" cp
           WHERE cp."contractId" = (SELECT k."id" FROM "Contract" k WHERE k."customerId" = c."id" AND k."startDate" <= @today AND k."endDate" >= @today ORDER BY k."startDate" DESC LIMIT 1)) AS "contractPrices",
         cm."managerId" AS "managerId", mu."name" AS "managerName"
  FROM "Customer" c LEFT JOIN "CustomerCategory" cc ON cc."id" = c."categoryId"
    LEFT JOIN "CustomerManager" cm ON cm."customerId" = c."id" LEFT JOIN "User" mu ON mu."id" = cm."managerId"`;

type Row = Omit<CustomerView, 'cards' | 'contractPrices'> & { cards: string | null; contractPrices: string };

/**
 * Point look-ups of customers by id and card: prepared statements, as a card is scanned mid-sale.
 * A customer's spend is the goods they bought net of returns, here and (as head office counts it)
 * at the chain's other outlets: deposits and gift cards are money held, counted when they buy goods.
 */
export class CustomerRepository {
  readonly #sql: Database.Database;

  constructor(
    db: Db,
    private readonly spendPeriodDays = 365,
    private readonly timeZone = 'UTC',
  ) {
    this.#sql = sqliteOf(db);
  }

  #since(): string {
    return sqliteTimestamp(new Date(Date.now() - this.spendPeriodDays * 86_400_000));
  }

  #today(): string {
    return localTimeIn(this.timeZone).slice(0, 10);
  }

  #view(row: Row): CustomerView {
    return { ...row, cards: row.cards ? row.cards.split(',') : [], contractPrices: JSON.parse(row.contractPrices) };
  }

  #one(where: string, value: string): CustomerView | null {
    const row = statement(this.#sql, `${SELECT} WHERE ${where}`).get({ value, since: this.#since(), today: this.#today() }) as Row | undefined;
    return row ? this.#view(row) : null;
  }

  byId(id: string): CustomerView | null {
    return this.#one(`c."id" = @value`, id);
  }

  byCard(code: string): CustomerView | null {
    return this.#one(`c."id" = (SELECT "customerId" FROM "CustomerCard" WHERE "code" = @value)`, code);
  }

  /** Whether a customer exists, and the customer it was merged into (null: not merged). */
  mergedInto(id: string): { mergedIntoId: string | null } | undefined {
    return statement(this.#sql, `SELECT "mergedIntoId" FROM "Customer" WHERE "id" = ?`).get(id) as { mergedIntoId: string | null } | undefined;
  }

  /** Customers by id, in the order given. */
  byIds(ids: string[]): CustomerView[] {
    const rows = statement(this.#sql, `${SELECT} WHERE c."id" IN (SELECT value FROM json_each(@ids))`).all({ ids: JSON.stringify(ids), since: this.#since(), today: this.#today() }) as Row[];
    const byId = new Map(rows.map((r) => [r.id, this.#view(r)]));
    return ids.map((id) => byId.get(id)).filter((c): c is CustomerView => c !== undefined);
  }
}
