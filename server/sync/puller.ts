import { OPTIONAL_PULLED_ENTITIES, PullPageSchema } from '../../shared/schemas/master-data.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { AuthService } from '../auth/service.ts';
import type { PricingRules } from '../pricing/service.ts';
import { BackgroundLoop } from '../system/background-loop.ts';
import type { HeadOfficeConnection } from './connection.ts';
import { applyMasterChanges } from './master-apply.ts';

const CURSOR = 'master-data';

/**
 * Pulls head office's master-data changes after this outlet's cursor and applies each page in one
 * transaction with the cursor move: a page cut off half-way is pulled again whole, and applying it
 * twice changes nothing. A new outlet starts at 0, which is head office's snapshot.
 */
export class MasterDataPuller {
  readonly #loop: BackgroundLoop;

  constructor(
    private readonly db: Db,
    private readonly connection: HeadOfficeConnection,
    private readonly rules: PricingRules,
    private readonly auth: AuthService,
  ) {
    this.#loop = new BackgroundLoop(() => this.#catchUp(), () => connection.waitMs());
  }

  start(): void {
    this.#loop.start();
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }

  cursor(): number {
    const row = statement(sqliteOf(this.db), `SELECT "position" FROM "SyncCursor" WHERE "name" = ?`).get(CURSOR) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async #catchUp(): Promise<void> {
    while (this.#loop.running) {
      const after = this.cursor();
      let page;
      try {
        page = await this.connection.call('GET', `/api/sync/pull?after=${after}&limit=${this.connection.link.batchSize ?? 500}&accepts=${OPTIONAL_PULLED_ENTITIES.join(',')}`, undefined, PullPageSchema);
      } catch {
        return; // noted by the connection; the loop backs off
      }
      try {
        const { touched, signOut } = await this.db.$transaction(async () => {
          const sql = sqliteOf(this.db);
          const applied = applyMasterChanges(sql, page.changes);
          statement(sql, `INSERT INTO "SyncCursor" ("name","position","updatedAt") VALUES (?,?,?) ON CONFLICT ("name") DO UPDATE SET "position" = excluded."position", "updatedAt" = excluded."updatedAt"`).run(
            CURSOR,
            page.cursor,
            sqliteTimestamp(),
          );
          return applied;
        });
        if (touched.has('discount-rule')) this.rules.invalidate();
        for (const userId of signOut) await this.auth.endSessionsOf(userId);
      } catch (err) {
        this.connection.failed(new Error(`applying master data after ${after}: ${(err as Error).message}`));
        return;
      }
      if (!page.more) return;
    }
  }
}
