import type { Db } from '../db/client.ts';
import { BackgroundLoop } from '../system/background-loop.ts';
import type { Messaging } from './senders.ts';

/**
 * Sends queued campaign messages one by one and records each outcome. A message whose channel has
 * no provider configured waits in the queue.
 */
export class CampaignWorker {
  readonly #loop: BackgroundLoop;

  constructor(
    private readonly db: Db,
    private readonly messaging: Messaging,
    intervalMs = 2000,
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
      const message = await this.db.campaignMessage.findFirst({ where: { status: 'queued', campaign: { channel: { in: [...channels] } } }, include: { campaign: true }, orderBy: { createdAt: 'asc' } });
      if (!message) return;
      await this.db.$transaction((tx) => tx.campaignMessage.update({ where: { id: message.id }, data: { status: 'sending' } }));
      const sender = this.messaging[message.campaign.channel as 'email' | 'sms']!;
      try {
        await sender.send(message.address, message.subject ?? message.campaign.subject, message.body);
        await this.db.$transaction((tx) => tx.campaignMessage.update({ where: { id: message.id }, data: { status: 'sent', sentAt: new Date(), error: null } }));
      } catch (err) {
        await this.db.$transaction((tx) => tx.campaignMessage.update({ where: { id: message.id }, data: { status: 'failed', error: (err as Error).message.slice(0, 500) } }));
      }
    }
  }

  stop(): Promise<void> {
    return this.#loop.stop();
  }
}
