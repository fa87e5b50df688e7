import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { badRequest } from '../http/errors.ts';

/**
 * Points and gift-card ledgers. Balances are sums of ledger rows (like stock), so a balance can
 * always be explained row by row. Writes must run inside a `db.$transaction` callback: the balance
 * check and the debit then commit together, and two registers cannot both spend the last points.
 */
export class LoyaltyLedger {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  /** A customer's points, including those of customers merged into them. */
  pointsBalance(customerId: string): number {
    const row = statement(
      this.#sql,
      `SELECT COALESCE(SUM("points"), 0) AS "balance" FROM "PointsMovement"
       WHERE "customerId" = @id OR "customerId" IN (SELECT "id" FROM "Customer" WHERE "mergedIntoId" = @id)`,
    ).get({ id: customerId }) as { balance: number };
    return row.balance;
  }

  /** Null when no such card exists. */
  giftCardBalance(code: string): number | null {
    const row = statement(
      this.#sql,
      `SELECT (SELECT COALESCE(SUM(m."amount"), 0) FROM "GiftCardMovement" m WHERE m."code" = g."code") AS "balance" FROM "GiftCard" g WHERE g."code" = ?`,
    ).get(code) as { balance: number } | undefined;
    return row ? row.balance : null;
  }

  postPoints(customerId: string, kind: 'earn' | 'redeem' | 'refund' | 'reverse' | 'adjust', points: number, saleId: string | null, at: Date): void {
    if (points === 0) return;
    statement(this.#sql, `INSERT INTO "PointsMovement" ("id","customerId","kind","points","saleId","createdAt") VALUES (?,?,?,?,?,?)`).run(
      newId(),
      customerId,
      kind,
      points,
      saleId,
      sqliteTimestamp(at),
    );
  }

  /** Debits points used as a tender; throws naming the tender when the balance is short. */
  redeemPoints(customerId: string, amount: number, saleId: string, at: Date, field: string): void {
    const balance = this.pointsBalance(customerId);
    if (balance < amount) {
      throw badRequest('insufficient-points', `The customer has ${balance} points, not ${amount}`, [{ path: field, message: `at most ${Math.max(balance, 0)}` }], { points: balance, requested: amount });
    }
    this.postPoints(customerId, 'redeem', -amount, saleId, at);
  }

  issueGiftCard(card: { code: string; amount: number; soldInSaleId: string | null; issuedById: string; customerId: string | null; note: string }, at: Date, field: string): void {
    const exists = statement(this.#sql, 'SELECT 1 FROM "GiftCard" WHERE "code" = ?').get(card.code);
    if (exists) throw badRequest('gift-card-exists', `Gift card ${card.code} is already active`, [{ path: field, message: 'already issued' }], { code: card.code });
    const timestamp = sqliteTimestamp(at);
    statement(this.#sql, `INSERT INTO "GiftCard" ("code","initialAmount","soldInSaleId","issuedById","customerId","note","createdAt") VALUES (?,?,?,?,?,?,?)`).run(
      card.code,
      card.amount,
      card.soldInSaleId,
      card.issuedById,
      card.customerId,
      card.note,
      timestamp,
    );
    this.#giftCardMovement(card.code, 'issue', card.amount, card.soldInSaleId, timestamp);
  }

  /** Debits a gift card used as a tender; throws naming the tender when unknown or short. */
  redeemGiftCard(code: string, amount: number, saleId: string, at: Date, field: string): void {
    const balance = this.giftCardBalance(code);
    if (balance === null) throw badRequest('gift-card-not-found', `No gift card ${code}`, [{ path: field, message: 'unknown gift card' }], { code });
    if (balance < amount) {
      throw badRequest('insufficient-gift-card', `Gift card ${code} holds ${balance}, not ${amount}`, [{ path: field, message: `at most ${balance}` }], { balance, code, amount });
    }
    this.#giftCardMovement(code, 'redeem', -amount, saleId, sqliteTimestamp(at));
  }

  /** Gift cards a sale sold, with what is left on each and whether a return already cancelled it. */
  giftCardsSoldIn(saleId: string): { code: string; initialAmount: number; balance: number; cancelled: boolean }[] {
    const rows = statement(
      this.#sql,
      `SELECT g."code", g."initialAmount",
              (SELECT COALESCE(SUM(m."amount"), 0) FROM "GiftCardMovement" m WHERE m."code" = g."code") AS "balance",
              EXISTS (SELECT 1 FROM "GiftCardMovement" m WHERE m."code" = g."code" AND m."kind" = 'cancel') AS "cancelled"
       FROM "GiftCard" g WHERE g."soldInSaleId" = ? ORDER BY g."code"`,
    ).all(saleId) as { code: string; initialAmount: number; balance: number; cancelled: number }[];
    return rows.map((r) => ({ ...r, cancelled: r.cancelled === 1 }));
  }

  cancelGiftCard(code: string, amount: number, returnId: string, at: Date): void {
    this.#giftCardMovement(code, 'cancel', -amount, returnId, sqliteTimestamp(at));
  }

  refundToGiftCard(code: string, amount: number, saleId: string, at: Date): void {
    this.#giftCardMovement(code, 'refund', amount, saleId, sqliteTimestamp(at));
  }

  #giftCardMovement(code: string, kind: string, amount: number, saleId: string | null, timestamp: string): void {
    statement(this.#sql, `INSERT INTO "GiftCardMovement" ("id","code","kind","amount","saleId","createdAt") VALUES (?,?,?,?,?,?)`).run(newId(), code, kind, amount, saleId, timestamp);
  }

  /** Points a document earned or took back (earn and reverse rows). */
  pointsOfDocument(saleId: string): number {
    const row = statement(this.#sql, `SELECT COALESCE(SUM("points"), 0) AS "points" FROM "PointsMovement" WHERE "saleId" = ? AND "kind" IN ('earn', 'reverse')`).get(saleId) as { points: number };
    return row.points;
  }

  /** Points a sale earned (what a return reverses). */
  earnedBySale(saleId: string): number {
    const row = statement(this.#sql, `SELECT COALESCE(SUM("points"), 0) AS "points" FROM "PointsMovement" WHERE "saleId" = ? AND "kind" = 'earn'`).get(saleId) as { points: number };
    return row.points;
  }

  /** Points already reversed by returns of a sale (a positive number). */
  reversedForSale(returnIds: string[]): number {
    if (returnIds.length === 0) return 0;
    const row = statement(this.#sql, `SELECT COALESCE(SUM("points"), 0) AS "points" FROM "PointsMovement" WHERE "kind" = 'reverse' AND "saleId" IN (SELECT value FROM json_each(?))`).get(
      JSON.stringify(returnIds),
    ) as { points: number };
    return -row.points;
  }
}
