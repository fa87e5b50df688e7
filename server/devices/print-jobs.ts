import { newId } from '../../shared/ids.ts';
import type { PrintableDocument } from '../../shared/schemas/receipt.ts';
import type { Tx } from '../db/client.ts';

export type PrintJobKind = 'receipt' | 'x-report' | 'z-report' | 'drawer' | 'test';

export interface NewPrintJob {
  deviceId: string;
  kind: PrintJobKind;
  documentId?: string | null;
  document?: PrintableDocument | { type: 'drawer' };
  copy?: boolean;
}

/** Queues a job inside the caller's transaction: the job exists exactly when its document does. */
export async function enqueuePrintJob(tx: Tx, job: NewPrintJob): Promise<{ id: string; status: string }> {
  const id = newId();
  await tx.printJob.create({
    data: {
      id,
      deviceId: job.deviceId,
      kind: job.kind,
      documentId: job.documentId ?? null,
      payload: JSON.stringify(job.document ?? {}),
      copy: job.copy ?? false,
    },
  });
  return { id, status: 'queued' };
}
