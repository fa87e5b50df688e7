import type Database from 'better-sqlite3';
import { PushAckSchema, type PushBatch, type SyncDocumentType } from '../../shared/schemas/sync.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { publicKeyOf } from '../stock/note-signing.ts';
import { BackgroundLoop } from '../system/background-loop.ts';
import type { HeadOfficeConnection } from './connection.ts';

type Entry = { id: string; type: SyncDocumentType; documentId: string; payload: string; createdAt: string; heldByImportId: string | null };

/**
 * Pushes the outbox to head office in the order it was queued (its sequence), in batches, and
 * marks what head office holds. An entry is marked only when head office names its document in the answer: a batch lost on the
 * way, or an answer lost on the way back, is sent again, and head office keeps each document once.
 */
export class OutboxPusher {
  readonly #sql: Database.Database;
  readonly #batchSize: number;
  readonly #loop: BackgroundLoop;
  readonly #publicKey: string;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly connection: HeadOfficeConnection,
  ) {
    this.#sql = sqliteOf(db);
    this.#batchSize = connection.link.batchSize ?? 200;
    this.#publicKey = publicKeyOf(outlet.signingKey);
    this.#loop = new BackgroundLoop(() => this.#drain(), () => connection.waitMs());
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
      // Read behind the lock: outside it, an entry a sale's open transaction has written (and may
      // still roll back) would be visible on the shared connection and reach head office.
      const next = await this.db.$transaction(
        async () =>
          statement(
            this.#sql,
            `SELECT "id","type","documentId","payload","createdAt","heldByImportId" FROM "OutboxEntry" WHERE "ackedAt" IS NULL ORDER BY "sequence" LIMIT ?`,
          ).all(this.#batchSize) as Entry[],
      );
      // What a running import queued waits until it is done, and so does everything queued after it.
      const held = next.findIndex((e) => e.heldByImportId !== null);
      const entries = held < 0 ? next : next.slice(0, held);
      if (!entries.length) return;
      let taken: string[];
      try {
        taken = await this.#push(entries);
      } catch {
        return; // the connection noted it; the loop backs off
      }
      const now = sqliteTimestamp(new Date());
      const ids = new Set(taken);
      await this.db.$transaction(async () => {
        const mark = statement(this.#sql, `UPDATE "OutboxEntry" SET "ackedAt" = ? WHERE "id" = ? AND "ackedAt" IS NULL`);
        for (const e of entries) if (ids.has(e.documentId)) mark.run(now, e.id);
      });
      if (!entries.every((e) => ids.has(e.documentId))) {
        this.connection.failed(new Error('head office did not take every document of the batch'));
        return;
      }
    }
  }

  async #push(entries: Entry[]): Promise<string[]> {
    const batch: PushBatch = {
      outletCode: this.outlet.view.code,
      outletId: this.outlet.id,
      publicKey: this.#publicKey,
      timeZone: this.outlet.view.timezone,
      sentAt: new Date().toISOString(),
      backlog: this.backlog(),
      documents: entries.map((e) => ({ documentId: e.documentId, type: e.type, createdAt: new Date(e.createdAt).toISOString(), payload: JSON.parse(e.payload) })),
    };
    return (await this.connection.call('POST', '/api/sync/push', batch, PushAckSchema)).held;
  }

  /** Documents head office has not acknowledged yet. */
  backlog(): number {
    return (statement(this.#sql, `SELECT COUNT(*) AS "n" FROM "OutboxEntry" WHERE "ackedAt" IS NULL`).get() as { n: number }).n;
  }
}
