import type { SyncStatus } from '../../shared/schemas/sync.ts';
import type { Db } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';
import type { AuthService } from '../auth/service.ts';
import type { PricingRules } from '../pricing/service.ts';
import { HeadOfficeConnection, type HeadOfficeLink } from './connection.ts';
import { MasterDataPuller } from './puller.ts';
import { OutboxPusher } from './pusher.ts';

/** Both halves of sync over one connection: documents go up, master data comes down. */
export class HeadOfficeSync {
  readonly #connection: HeadOfficeConnection;
  readonly #pusher: OutboxPusher;
  readonly #puller: MasterDataPuller;

  constructor(db: Db, outlet: OutletInfo, link: HeadOfficeLink, rules: PricingRules, auth: AuthService) {
    this.#connection = new HeadOfficeConnection(link);
    this.#pusher = new OutboxPusher(db, outlet, this.#connection);
    this.#puller = new MasterDataPuller(db, this.#connection, rules, auth);
  }

  start(): void {
    this.#puller.start();
    this.#pusher.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.#pusher.stop(), this.#puller.stop()]);
  }

  status(): SyncStatus {
    return { configured: true, backlog: this.#pusher.backlog(), masterDataCursor: this.#puller.cursor(), ...this.#connection.health() };
  }
}
