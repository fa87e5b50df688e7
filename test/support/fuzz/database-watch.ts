import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { localTimeIn } from '../../../shared/time.ts';

/** A hash of every table's rows, by table name. */
export type Fingerprint = Map<string, string>;

/**
 * What a refused sign-in, approval or guessed gift-card code legitimately writes: the attempt
 * counters (per login or user and address), the wrong-PIN columns of the user, and the audit entry
 * of a lock-out. They are hashed apart (as `sign-in attempts`) so that the rest of the user row and
 * the rest of the audit log still have to stay the same.
 */
export const ATTEMPTS = { tables: ['AttemptCounter'], userColumns: ['failedAttempts', 'lockedUntil', 'updatedAt'], auditActions: ['user-locked-out'], key: 'sign-in attempts' } as const;

/**
 * Reads the outlet's SQLite file on a connection of its own, the way an auditor with a copy of
 * the file would: a fingerprint of every table, and the sums that must always hold between
 * documents and the figures derived from them.
 */
export class DatabaseWatch {
  readonly #sql: Database.Database;
  readonly #tables: string[];

  constructor(file: string) {
    this.#sql = new Database(file, { readonly: true, fileMustExist: true });
    this.#tables = (this.#sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  }

  /**
   * Changes whenever another connection (the server's) commits: SQLite's own cheap answer to
   * "did anything change?", so the full fingerprint is taken only when something did.
   */
  version(): number {
    return this.#sql.pragma('data_version', { simple: true }) as number;
  }

  fingerprint(): Fingerprint {
    const result: Fingerprint = new Map();
    const hash = (rows: unknown[][]) => createHash('sha256').update(rows.map((r) => JSON.stringify(r)).sort().join('\n')).digest('hex');
    const attempts: unknown[][] = [];
    for (const table of this.#tables) {
      const rows = this.#sql.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[];
      if ((ATTEMPTS.tables as readonly string[]).includes(table)) {
        attempts.push(...rows.map((r) => [table, ...Object.entries(r)]));
      } else if (table === 'User') {
        const columns = new Set<string>(ATTEMPTS.userColumns);
        result.set(table, hash(rows.map((r) => Object.entries(r).filter(([k]) => !columns.has(k)))));
        attempts.push(...rows.map((r) => [r.id, ...ATTEMPTS.userColumns.map((c) => r[c])]));
      } else if (table === 'AuditLog') {
        const isAttempt = (r: Record<string, unknown>) => (ATTEMPTS.auditActions as readonly unknown[]).includes(r.action);
        result.set(table, hash(rows.filter((r) => !isAttempt(r)).map((r) => Object.entries(r))));
        attempts.push(...rows.filter(isAttempt).map((r) => Object.entries(r)));
      } else {
        result.set(table, hash(rows.map((r) => Object.entries(r))));
      }
    }
    result.set(ATTEMPTS.key, hash(attempts));
    return result;
  }

  /** The tables whose rows differ between two fingerprints. */
  static changedTables(before: Fingerprint, after: Fingerprint): string[] {
    return [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));
  }

  /** Every broken sum, described for a person; empty when the books hold. */
  brokenSums(): string[] {
    const problems: string[] = [];
    const all = <T>(sql: string) => this.#sql.prepare(sql).all() as T[];

    // A document's lines and payments add up to its totals; a line is its gross less its discount.
    for (const s of all<{ number: string; kind: string; total: number; subtotal: number; discountTotal: number; taxTotal: number; lines: number | null; gross: number | null; discounts: number | null; taxes: number | null; paid: number | null }>(`
      SELECT s."number", s."kind", s."total", s."subtotal", s."discountTotal", s."taxTotal",
        (SELECT SUM("amount") FROM "SaleLine" WHERE "saleId" = s."id") AS "lines",
        (SELECT SUM("grossAmount") FROM "SaleLine" WHERE "saleId" = s."id") AS "gross",
        (SELECT SUM("discountAmount") FROM "SaleLine" WHERE "saleId" = s."id") AS "discounts",
        (SELECT SUM("taxAmount") FROM "SaleLine" WHERE "saleId" = s."id") AS "taxes",
        (SELECT SUM("amount") FROM "Payment" WHERE "saleId" = s."id") AS "paid"
      FROM "Sale" s`)) {
      const expect = (what: string, actual: number | null, wanted: number) => {
        if ((actual ?? 0) !== wanted) problems.push(`${s.kind} ${s.number}: ${what} ${actual ?? 0} ≠ ${wanted}`);
      };
      expect('lines', s.lines, s.total);
      expect('payments', s.paid, s.total);
      expect('gross of lines', s.gross, s.subtotal);
      expect('discounts of lines', s.discounts, s.discountTotal);
      expect('taxes of lines', s.taxes, s.taxTotal);
    }
    for (const l of all<{ number: string; lineNo: number; grossAmount: number; discountAmount: number; amount: number }>(
      `SELECT s."number", l."lineNo", l."grossAmount", l."discountAmount", l."amount" FROM "SaleLine" l JOIN "Sale" s ON s."id" = l."saleId" WHERE l."grossAmount" - l."discountAmount" <> l."amount"`,
    )) {
      problems.push(`${l.number} line ${l.lineNo}: ${l.grossAmount} − ${l.discountAmount} ≠ ${l.amount}`);
    }

    // Stock is a ledger: the cached balance is the sum of the movements.
    for (const b of all<{ productId: string; balance: number | null; moved: number | null }>(`
      SELECT k."productId", b."quantityMilli" AS "balance", (SELECT SUM("quantityMilli") FROM "StockMovement" m WHERE m."outletId" = k."outletId" AND m."productId" = k."productId") AS "moved"
      FROM (SELECT "outletId", "productId" FROM "StockMovement" UNION SELECT "outletId", "productId" FROM "StockBalance") k
      LEFT JOIN "StockBalance" b ON b."outletId" = k."outletId" AND b."productId" = k."productId"`)) {
      if ((b.balance ?? 0) !== (b.moved ?? 0)) problems.push(`stock of ${b.productId}: balance ${b.balance ?? 0} ≠ movements ${b.moved ?? 0}`);
    }

    // The day figures are the documents' goods lines (returns subtracted; gift cards and deposits
    // are money held, not sales) per local day, product and rate as sold.
    const { timezone } = this.#sql.prepare(`SELECT "timezone" FROM "Outlet" LIMIT 1`).get() as { timezone: string };
    type Day = { quantityMilli: number; revenue: number; tax: number; cost: number; discount: number; lines: number };
    const empty = (): Day => ({ quantityMilli: 0, revenue: 0, tax: 0, cost: 0, discount: 0, lines: 0 });
    const wanted = new Map<string, Day>();
    for (const l of all<{ outletId: string; createdAt: string; kind: string; productId: string; taxRateBp: number; quantityMilli: number; amount: number; taxAmount: number; costAmount: number; discountAmount: number }>(`
      SELECT s."outletId", s."createdAt", s."kind", l."productId", l."taxRateBp", l."quantityMilli", l."amount", l."taxAmount", l."costAmount", l."discountAmount"
      FROM "SaleLine" l JOIN "Sale" s ON s."id" = l."saleId" WHERE l."kind" = 'goods'`)) {
      const key = `${l.outletId} ${localTimeIn(timezone, new Date(l.createdAt)).slice(0, 10)} ${l.productId} ${l.taxRateBp}`;
      const sign = l.kind === 'sale' ? 1 : -1;
      const day = wanted.get(key) ?? empty();
      day.quantityMilli += sign * l.quantityMilli;
      day.revenue += sign * l.amount;
      day.tax += sign * l.taxAmount;
      day.cost += sign * l.costAmount;
      day.discount += sign * l.discountAmount;
      day.lines += l.kind === 'sale' ? 1 : 0;
      wanted.set(key, day);
    }
    const stored = new Map(
      all<{ outletId: string; day: string; productId: string; taxRateBp: number } & Day>(`SELECT * FROM "ProductSalesDay"`).map((d) => [
        `${d.outletId} ${d.day} ${d.productId} ${d.taxRateBp}`,
        { quantityMilli: d.quantityMilli, revenue: d.revenue, tax: d.tax, cost: d.cost, discount: d.discount, lines: d.lines },
      ]),
    );
    for (const key of new Set([...wanted.keys(), ...stored.keys()])) {
      const a = JSON.stringify(stored.get(key) ?? empty());
      const b = JSON.stringify(wanted.get(key) ?? empty());
      if (a !== b) problems.push(`day figures ${key}: stored ${a} ≠ documents ${b}`);
    }
    return problems;
  }

  /** Ids (or other keys) from a table, for requests that should reach real records. */
  keys(sql: string): string[] {
    return (this.#sql.prepare(sql).raw().all() as unknown[][]).map((r) => String(r[0]));
  }

  close(): void {
    this.#sql.close();
  }
}
