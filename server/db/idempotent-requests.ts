import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import stableStringify from 'safe-stable-stringify';
import { AppError } from '../http/errors.ts';
import { sqliteOf, type Db } from './client.ts';
import { sqliteTimestamp, statement } from './statements.ts';

/** The id spaces of documents whose id the client chooses (see the IdempotentRequest model). */
export type IdempotencyScope = 'sale' | 'pre-order' | 'purchase-order' | 'stock-document' | 'credit-note' | 'invoice-payment' | 'receipt-email' | 'task-batch';

/**
 * A create request's fingerprint: its validated body and what else makes it the request it is (the
 * register it came from, the kind of document), with keys in a fixed order.
 */
export function requestFingerprint(request: Record<string, unknown>): string {
  return createHash('sha256').update(stableStringify(request)).digest('hex');
}

/** What a create keyed by a client-chosen id answers: the document, and whether it was stored before (a replay). */
export type Created<T> = { view: T; replayed: boolean };

/** A unique key violated, by a Prisma query (P2002) or a prepared statement on the raw connection. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'P2002' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Creates keyed by a client-chosen id answer a resubmission with the stored document only when it
 * is the same request: a register that retries after a lost answer gets its sale back, while a
 * different cart under a used id is refused rather than answered with someone else's sale.
 */
export class IdempotentRequests {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  /**
   * Whether this request was stored already (answer it with the stored document). Throws 409
   * `replay-mismatch` when the id was used by a different request. A document stored before
   * requests were fingerprinted (`storedBefore`) is taken as the same request, as it was then.
   */
  async isReplay(scope: IdempotencyScope, id: string, fingerprint: string, storedBefore: () => boolean | Promise<boolean>, label: string): Promise<boolean> {
    const stored = this.#stored(scope, id);
    if (stored === undefined) return storedBefore();
    if (stored !== fingerprint) throw mismatch(label);
    return true;
  }

  /**
   * Keeps the request with the document it makes: call inside the transaction that writes it.
   * Transactions run one at a time, so a different request stored under the id meanwhile is met
   * here (409); the same one fails on the key, as its document would.
   */
  record(scope: IdempotencyScope, id: string, fingerprint: string, label: string): void {
    const stored = this.#stored(scope, id);
    if (stored !== undefined && stored !== fingerprint) throw mismatch(label);
    statement(this.#sql, `INSERT INTO "IdempotentRequest" ("scope","id","fingerprint","createdAt") VALUES (?,?,?,?)`).run(scope, id, fingerprint, sqliteTimestamp());
  }

  #stored(scope: IdempotencyScope, id: string): string | undefined {
    return (statement(this.#sql, `SELECT "fingerprint" FROM "IdempotentRequest" WHERE "scope" = ? AND "id" = ?`).get(scope, id) as { fingerprint: string } | undefined)?.fingerprint;
  }
}

const mismatch = (label: string) =>
  new AppError(409, 'replay-mismatch', `A ${label} with this id was stored from a different request: send the same request again, or a new id for a new ${label}`, [
    { path: 'id', message: 'already used by a different request' },
  ]);
