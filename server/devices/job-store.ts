import type { PrintJobRecord, PrintJobStore } from '../../drivers/printers/print-queue.ts';
import type { Db } from '../db/client.ts';

/**
 * The print queue on the outlet database, shared by every register of the outlet; one worker per
 * printer claims jobs from it in order.
 */
export class DbPrintJobStore implements PrintJobStore {
  constructor(private readonly db: Db) {}

  async claimNext(deviceId: string, lane: 'print' | 'drawer'): Promise<PrintJobRecord | null> {
    return this.db.$transaction(async (tx) => {
      const kind = lane === 'drawer' ? 'drawer' : { not: 'drawer' };
      const job = await tx.printJob.findFirst({ where: { deviceId, status: 'queued', kind }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      if (!job) return null;
      const claimed = await tx.printJob.updateMany({ where: { id: job.id, status: 'queued' }, data: { status: 'sending', attempts: { increment: 1 } } });
      if (claimed.count !== 1) return null;
      return { ...job, status: 'sending', attempts: job.attempts + 1 } as PrintJobRecord;
    });
  }

  async #set(id: string, status: string, lastError: string | null = null): Promise<void> {
    await this.db.$transaction((tx) => tx.printJob.update({ where: { id }, data: { status, lastError } }));
  }

  markPrinted(id: string): Promise<void> {
    return this.#set(id, 'printed');
  }

  markSent(id: string): Promise<void> {
    return this.#set(id, 'sent');
  }

  /** Nothing reached the printer: the document waits for it (drawer kicks are never requeued). */
  requeue(id: string, reason: string): Promise<void> {
    return this.#set(id, 'queued', reason);
  }

  markUnknown(id: string, reason: string): Promise<void> {
    return this.#set(id, 'unknown', reason);
  }

  markFailed(id: string, reason: string): Promise<void> {
    return this.#set(id, 'failed', reason);
  }

  /** Jobs left 'sending' by a crash: their outcome is unknown, and only a person may reprint them. */
  async recoverInterrupted(): Promise<number> {
    const { count } = await this.db.$transaction((tx) =>
      tx.printJob.updateMany({ where: { status: 'sending' }, data: { status: 'unknown', lastError: 'server stopped while printing' } }),
    );
    return count;
  }
}
