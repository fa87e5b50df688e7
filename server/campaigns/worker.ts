import type { Db } from '../db/client.ts';
import { BackgroundLoop } from '../system/background-loop.ts';
import type { Messaging } from './senders.ts';

/** How long after each failed try a message is tried again; after the last, it is marked failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000];

/**
 * Sends queued campaign messages one by one and records each outcome. A failed try is retried
 * with growing pauses (RETRY_DELAYS_MS, by the worker's clock) before the message is marked failed.
 * A message whose channel has no provider configured waits in the queue.
 */
export class CampaignWorker {
  readonly #loop: BackgroundLoop;

  constructor(
    private readonly db: Db,
    private readonly messaging: Messaging,
    intervalMs = 2000,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#loop = new BackgroundLoop(() => this.#drain(), () => intervalMs);
  }

  start(): void {
    this.#loop.start();
  }

  notify(): void {
    this.#loop.notify();
  }

  async #drain(): Promise<void> {
    const channels = (['email', 'sms'] as const).filter((c) => this.messaging[c]);
    if (!channels.length) return;
    for (;;) {
      if (!this.#loop.running) return;
      const message = await this.db.campaignMessage.findFirst({
        where: { status: 'queued', campaign: { channel: { in: [...channels] } }, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: this.now() } }] },
        include: { campaign: true },
        orderBy: { createdAt: 'asc' },
      });
      if (!message) return;
      const attempts = message.attempts + 1;
      await this.db.$transaction((tx) => tx.campaignMessage.update({ where: { id: message.id }, data: { status: 'sending', attempts } }));
      const sender = this.messaging[message.campaign.channel as 'email' | 'sms']!;
      try {
        await sender.send(message.address, message.subject ?? message.campaign.subject, message.body, message.html ?? undefined);
        await this.db.$transaction((tx) => tx.campaignMessage.update({ where: { id: message.id }, data: { status: 'sent', sentAt: this.now(), error: null, nextAttemptAt: null } }));
      } catch (err) {
        const error = (err as Error).message.slice(0, 500);
        const delay = RETRY_DELAYS_MS[attempts - 1];
        await this.db.$transaction((tx) =>
          tx.campaignMessage.update({ where: { id: message.id }, data: delay === undefined ? { status: 'failed', error, nextAttemptAt: null } : { status: 'queued', error, nextAttemptAt: new Date(this.now().getTime() + delay) } }),
        );
      }
    }
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
