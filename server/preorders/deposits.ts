import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import { lineGross } from '../../shared/money.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { AppError, badRequest } from '../http/errors.ts';

export interface PreOrderRow {
  id: string;
  number: string;
  customerId: string;
  status: string;
}

const OPEN = new Set(['new', 'confirmed', 'ordered', 'arrived']);

/**
 * What sales and returns do to pre-orders, inside their own transaction (raw statements on the one
 * connection, like the stock ledger): deposits taken, used and refunded, collection, and the stock
 * that arrived pre-orders hold for their customers.
 */
export class PreOrderLedger {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  find(id: string): PreOrderRow | undefined {
    return statement(this.#sql, `SELECT "id","number","customerId","status" FROM "PreOrder" WHERE "id" = ?`).get(id) as PreOrderRow | undefined;
  }

  held(preOrderId: string): number {
    return (statement(this.#sql, `SELECT COALESCE(SUM("amount"), 0) AS "held" FROM "PreOrderDeposit" WHERE "preOrderId" = ?`).get(preOrderId) as { held: number }).held;
  }

  lines(preOrderId: string): { id: string; productId: string | null; quantityMilli: number; unitPrice: number }[] {
    return statement(this.#sql, `SELECT "id","productId","quantityMilli","unitPrice" FROM "PreOrderLine" WHERE "preOrderId" = ? ORDER BY "lineNo"`).all(preOrderId) as never;
  }

  /** Quantity of each product held for customers by arrived pre-orders (other than `except`). */
  reserved(outletId: string, productIds: string[], except: string | null): Map<string, number> {
    if (!productIds.length) return new Map();
    const rows = statement(
      this.#sql,
      `SELECT l."productId", SUM(l."quantityMilli") AS "quantityMilli" FROM "PreOrderLine" l JOIN "PreOrder" o ON o."id" = l."preOrderId"
       WHERE l."productId" IN (SELECT value FROM json_each(?)) AND o."status" = 'arrived' AND o."outletId" = ? AND o."id" IS NOT ?
       GROUP BY l."productId"`,
    ).all(JSON.stringify(productIds), outletId, except) as { productId: string; quantityMilli: number }[];
    return new Map(rows.map((r) => [r.productId, r.quantityMilli]));
  }

  /** Numbers of the arrived pre-orders holding a product, oldest first. */
  holding(outletId: string, productId: string): string[] {
    const rows = statement(
      this.#sql,
      `SELECT DISTINCT o."number" FROM "PreOrderLine" l JOIN "PreOrder" o ON o."id" = l."preOrderId" WHERE l."productId" = ? AND o."status" = 'arrived' AND o."outletId" = ? ORDER BY o."number"`,
    ).all(productId, outletId) as { number: string }[];
    return rows.map((r) => r.number);
  }

  #move(preOrderId: string, saleId: string | null, kind: string, amount: number, at: Date): void {
    statement(this.#sql, `INSERT INTO "PreOrderDeposit" ("id","preOrderId","saleId","kind","amount","createdAt") VALUES (?,?,?,?,?,?)`).run(newId(), preOrderId, saleId, kind, amount, sqliteTimestamp(at));
  }

  /** A deposit taken at the register for an open pre-order of the sale's customer. */
  takeDeposit(preOrderId: string, customerId: string | null, amount: number, saleId: string, at: Date, field: string): void {
    const order = this.find(preOrderId);
    if (!order) throw badRequest('pre-order-not-found', 'Unknown pre-order', [{ path: field, message: 'unknown pre-order' }]);
    if (!OPEN.has(order.status)) throw new AppError(409, 'pre-order-closed', `Pre-order ${order.number} is ${order.status}: it takes no deposit`, [{ path: field, message: order.status }], { number: order.number, status: order.status });
    if (order.customerId !== customerId) throw badRequest('pre-order-customer', `Pre-order ${order.number} belongs to another customer`, [{ path: 'customerId', message: "must be the pre-order's customer" }], { number: order.number });
    // Never more than is left to pay: at collection the deposit is always used whole.
    const due = this.lines(preOrderId).reduce((s, l) => s + lineGross(l.quantityMilli, l.unitPrice), 0) - this.held(preOrderId);
    if (amount > due) throw badRequest('deposit-exceeds-order', `Pre-order ${order.number} has ${due} left to pay`, [{ path: field.replace(/preOrderId$/, 'amount'), message: `at most ${due}` }], { number: order.number, due });
    this.#move(preOrderId, saleId, 'deposit', amount, at);
  }

  /** Completes an arrived pre-order with this sale, using `depositUsed` of what it holds. */
  collect(preOrderId: string, saleId: string, depositUsed: number, at: Date): void {
    if (depositUsed > 0) this.#move(preOrderId, saleId, 'used', -depositUsed, at);
    statement(this.#sql, `UPDATE "PreOrder" SET "status" = 'collected', "collectedSaleId" = ?, "updatedAt" = ? WHERE "id" = ?`).run(saleId, sqliteTimestamp(at), preOrderId);
  }

  /** The pre-order a deposit sale was taken for. */
  depositOf(saleId: string): string | undefined {
    const row = statement(this.#sql, `SELECT "preOrderId" FROM "PreOrderDeposit" WHERE "saleId" = ? AND "kind" = 'deposit'`).get(saleId) as { preOrderId: string } | undefined;
    return row?.preOrderId;
  }

  /** A return of a deposit receipt gives the money back: only while the pre-order still holds it. */
  refundDeposit(originalSaleId: string, amount: number, returnId: string, at: Date): void {
    const preOrderId = this.depositOf(originalSaleId);
    if (!preOrderId) return;
    const order = this.find(preOrderId)!;
    const held = this.held(preOrderId);
    if (order.status === 'collected' || amount > held) {
      throw new AppError(409, 'deposit-not-held', `Pre-order ${order.number} no longer holds this deposit (${order.status})`, [{ path: 'lines', message: 'deposit used or kept' }], { number: order.number });
    }
    this.#move(preOrderId, returnId, 'refund', -amount, at);
  }
}
