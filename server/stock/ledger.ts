import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';

/**
 * The stock ledger (architecture invariant 3): every change of quantity is a movement row, and the
 * cached balance changes with it. Call `post` inside a `db.$transaction` callback, so the movements
 * commit or roll back with their document.
 */
export class StockLedger {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  post(outletId: string, kind: string, documentId: string, changes: { productId: string; quantityMilli: number }[], at: Date): void {
    const movement = statement(this.#sql, `INSERT INTO "StockMovement" ("id","outletId","productId","kind","quantityMilli","documentId","createdAt") VALUES (?,?,?,?,?,?,?)`);
    const balance = statement(
      this.#sql,
      `INSERT INTO "StockBalance" ("outletId","productId","quantityMilli") VALUES (?,?,?)
       ON CONFLICT ("outletId","productId") DO UPDATE SET "quantityMilli" = "quantityMilli" + excluded."quantityMilli"`,
    );
    const timestamp = sqliteTimestamp(at);
    for (const c of changes) {
      if (c.quantityMilli === 0) continue;
      movement.run(newId(), outletId, c.productId, kind, c.quantityMilli, documentId, timestamp);
      balance.run(outletId, c.productId, c.quantityMilli);
    }
  }

  onHand(outletId: string, productId: string): number {
    const row = statement(this.#sql, `SELECT "quantityMilli" FROM "StockBalance" WHERE "outletId" = ? AND "productId" = ?`).get(outletId, productId) as { quantityMilli: number } | undefined;
    return row?.quantityMilli ?? 0;
  }
}
