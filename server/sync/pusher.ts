import type Database from 'better-sqlite3';
import { PushAckSchema, type PushBatch, type SyncStatus } from '../../shared/schemas/sync.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { BackgroundLoop } from '../system/background-loop.ts';

export interface HeadOfficeLink {
  /** Head office's base URL (https in production). */
  url: string;
  /** This outlet's credential at head office (from the environment, never in the repo). */
  token: string;
  batchSize?: number;
  /** Pause between rounds while there is nothing to send; failures back off from it up to a minute. */
  intervalMs?: number;
  /** How long one push may take before it counts as failed. */
  timeoutMs?: number;
  /** Longest wait between tries while head office is unreachable. */
  maxBackoffMs?: number;
}

type Entry = { id: string; type: string; documentId: string; payload: string; createdAt: string };

/**
 * Pushes the outbox to head office, oldest first, in batches, and marks what head office holds.
 * An entry is marked only when head office names its document in the answer: a batch lost on the
 * way, or an answer lost on the way back, is sent again, and head office keeps each document once.
 */
export class OutboxPusher {
  readonly #sql: Database.Database;
  readonly #batchSize: number;
  readonly #loop: BackgroundLoop;
  #failures = 0;
  #lastContactAt: Date | null = null;
  #unreachableSince: Date | null = null;
  #lastError: string | null = null;

  constructor(
    db: Db,
    private readonly outlet: OutletInfo,
    private readonly link: HeadOfficeLink,
  ) {
    this.#sql = sqliteOf(db);
    this.#batchSize = link.batchSize ?? 200;
    const interval = link.intervalMs ?? 5000;
    // While head office fails to answer, wait twice as long each time, up to the cap.
    this.#loop = new BackgroundLoop(
      () => this.#drain(),
      () => (this.#failures ? Math.min(link.maxBackoffMs ?? 60_000, interval * 2 ** (this.#failures - 1)) : interval),
    );
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  /** Sends batches until the outbox is empty or a push fails. */
  async #drain(): Promise<void> {
    while (this.#loop.running) {
      const entries = statement(
        this.#sql,
        `SELECT "id","type","documentId","payload","createdAt" FROM "OutboxEntry" WHERE "ackedAt" IS NULL ORDER BY "createdAt", "id" LIMIT ?`,
      ).all(this.#batchSize) as Entry[];
      if (!entries.length) return;
      try {
        const held = await this.#push(entries);
        const mark = statement(this.#sql, `UPDATE "OutboxEntry" SET "ackedAt" = ? WHERE "id" = ? AND "ackedAt" IS NULL`);
        const now = sqliteTimestamp(new Date());
        const ids = new Set(held);
        this.#sql.transaction(() => {
          for (const e of entries) if (ids.has(e.documentId)) mark.run(now, e.id);
        })();
        this.#lastContactAt = new Date();
        this.#unreachableSince = null;
        this.#lastError = null;
        this.#failures = 0;
        if (!entries.every((e) => ids.has(e.documentId))) throw new Error('head office did not take every document of the batch');
      } catch (err) {
        this.#failures++;
        this.#unreachableSince ??= new Date();
        this.#lastError = (err as Error).message.slice(0, 300);
        return;
      }
    }
  }

  async #push(entries: Entry[]): Promise<string[]> {
    const batch: PushBatch = {
      outletCode: this.outlet.view.code,
      sentAt: new Date().toISOString(),
      documents: entries.map((e) => ({ documentId: e.documentId, type: e.type, createdAt: new Date(e.createdAt).toISOString(), payload: JSON.parse(e.payload) })),
    };
    const res = await fetch(`${this.link.url.replace(/\/$/, '')}/api/sync/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.link.token}` },
      body: JSON.stringify(batch),
      signal: AbortSignal.timeout(this.link.timeoutMs ?? 30_000),
    });
    if (!res.ok) {
      const refusal = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      throw new Error(`head office answered ${res.status}${refusal?.error ? ` ${refusal.error.code}: ${refusal.error.message}` : ''}`);
    }
    return PushAckSchema.parse(await res.json()).held;
  }

  status(): SyncStatus {
    const backlog = (statement(this.#sql, `SELECT COUNT(*) AS "n" FROM "OutboxEntry" WHERE "ackedAt" IS NULL`).get() as { n: number }).n;
    return {
      configured: true,
      backlog,
      lastContactAt: this.#lastContactAt?.toISOString() ?? null,
      unreachableSince: this.#unreachableSince?.toISOString() ?? null,
      lastError: this.#lastError,
    };
  }
}
