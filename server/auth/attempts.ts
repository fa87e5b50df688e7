import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { AppError } from '../http/errors.ts';

/** One count an attempt goes on: what is guessed at, who guesses, and how many attempts it allows before it backs off. */
export interface Counter {
  subject: string;
  source: string;
  limit: number;
  /** A passed check starts this counter over (the source proved it knows the secret); otherwise it only takes its own attempt back. */
  startsOverOnSuccess: boolean;
}

const FIRST_LOCK_MS = 5 * 60_000;
const LONGEST_LOCK_MS = 24 * 3600_000;
/** A counter left alone this long after its last attempt or lock starts over. */
const FORGET_AFTER_MS = 24 * 3600_000;

/** The lock after the `attempts`th attempt: five minutes at the limit, doubling with each attempt after it, at most a day. */
function lockMs(attempts: number, limit: number): number {
  return Math.min(FIRST_LOCK_MS * 2 ** (attempts - limit), LONGEST_LOCK_MS);
}

/** An attempt counted up front; a passed check takes it back. */
export interface Attempt {
  /** This attempt reached a counter's limit: if it fails, that counter stays locked. */
  readonly locks: boolean;
  succeeded(): Promise<void>;
}

/**
 * Counts attempts at guessable things (PINs, passwords, gift-card codes) with back-off.
 *
 * Every attempt is counted before it is checked, by one `INSERT … ON CONFLICT DO UPDATE …
 * RETURNING` per counter in one transaction on the outlet's single connection, so parallel
 * requests cannot all read the same count and pass: the attempt that reaches a counter's limit
 * locks it, and those behind it are refused (423) unchecked. A refused attempt is not counted.
 */
export class AttemptCounters {
  constructor(private readonly db: Db) {}

  async begin(counters: Counter[], now = new Date()): Promise<Attempt> {
    const at = sqliteTimestamp(now);
    const forgetBefore = sqliteTimestamp(new Date(now.getTime() - FORGET_AFTER_MS));
    const locks = await this.db.$transaction(async () => {
      const sql = sqliteOf(this.db);
      // Counters quiet for a day are forgotten: the count below starts them over.
      statement(sql, `DELETE FROM "AttemptCounter" WHERE "lastAttemptAt" <= ? AND COALESCE("lockedUntil", "lastAttemptAt") <= ?`).run(forgetBefore, forgetBefore);
      let reached = false;
      for (const counter of counters) {
        const counted = statement(
          sql,
          `INSERT INTO "AttemptCounter" ("subject", "source", "attempts", "lastAttemptAt") VALUES (@subject, @source, 1, @at)
           ON CONFLICT ("subject", "source") DO UPDATE SET
             "attempts" = "attempts" + 1,
             "lastAttemptAt" = @at
           WHERE "lockedUntil" IS NULL OR "lockedUntil" <= @at
           RETURNING "attempts"`,
        ).get({ subject: counter.subject, source: counter.source, at }) as { attempts: number } | undefined;
        if (!counted) {
          const { lockedUntil } = statement(sql, `SELECT "lockedUntil" FROM "AttemptCounter" WHERE "subject" = ? AND "source" = ?`).get(counter.subject, counter.source) as { lockedUntil: string };
          const until = new Date(lockedUntil).toISOString();
          throw new AppError(423, 'locked', `Too many failed attempts: try again after ${until}`, undefined, { lockedUntil: until });
        }
        if (counted.attempts >= counter.limit) {
          reached = true;
          const until = sqliteTimestamp(new Date(now.getTime() + lockMs(counted.attempts, counter.limit)));
          statement(sql, `UPDATE "AttemptCounter" SET "lockedUntil" = ? WHERE "subject" = ? AND "source" = ?`).run(until, counter.subject, counter.source);
        }
      }
      return reached;
    });
    return { locks, succeeded: () => this.#takeBack(counters) };
  }

  async #takeBack(counters: Counter[]): Promise<void> {
    await this.db.$transaction(async () => {
      const sql = sqliteOf(this.db);
      for (const counter of counters) {
        if (counter.startsOverOnSuccess) {
          statement(sql, `UPDATE "AttemptCounter" SET "attempts" = 0, "lockedUntil" = NULL WHERE "subject" = ? AND "source" = ?`).run(counter.subject, counter.source);
        } else {
          statement(
            sql,
            `UPDATE "AttemptCounter" SET "attempts" = MAX("attempts" - 1, 0), "lockedUntil" = CASE WHEN "attempts" - 1 >= @limit THEN "lockedUntil" END
             WHERE "subject" = @subject AND "source" = @source`,
          ).run({ subject: counter.subject, source: counter.source, limit: counter.limit });
        }
      }
    });
  }
}

/** Forgets every count on a subject (a PIN or password was reset). */
export async function forgetAttempts(tx: Tx, subject: string): Promise<void> {
  await tx.attemptCounter.deleteMany({ where: { subject } });
}
