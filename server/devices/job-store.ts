import type { PrintJobRecord, PrintJobStore } from '../../drivers/printers/print-queue.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';

const QUEUED_IN_LANE = `SELECT 1 FROM "PrintJob" WHERE "deviceId" = ? AND "status" = 'queued' AND ("kind" = 'drawer') = ? LIMIT 1`;

/**
 * The print queue on the outlet database, shared by every register of the outlet; one worker per
 * printer claims jobs from it in order.
 */
export class DbPrintJobStore implements PrintJobStore {
  constructor(private readonly db: Db) {}

  async claimNext(deviceId: string, lane: 'print' | 'drawer'): Promise<PrintJobRecord | null> {
    // Every sale wakes both lanes and one of them (mostly the drawer's) is empty: a prepared read
    // says so without a transaction, which would queue behind the registers' commits. It may see a
    // row another request has not committed yet; the transaction below then decides. A job
    // committed just after the read is not missed: its request wakes the worker after the commit,
    // and a wake that comes while the worker claims makes it look again.
    if (!statement(sqliteOf(this.db), QUEUED_IN_LANE).get(deviceId, lane === 'drawer' ? 1 : 0)) return null;
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
