import { newId } from '../../shared/ids.ts';
import type { PrintableDocument } from '../../shared/schemas/receipt.ts';
import type { LabelJob } from '../../drivers/labels/render-label-job.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';

export type PrintJobKind = 'receipt' | 'x-report' | 'z-report' | 'drawer' | 'labels' | 'test';

export interface NewPrintJob {
  deviceId: string;
  kind: PrintJobKind;
  documentId?: string | null;
  document?: PrintableDocument | { type: 'drawer' } | LabelJob | { type: 'test'; device: string; requestedBy: string; at: string };
  copy?: boolean;
}

/**
 * Queues a job; call it inside the `db.$transaction` that stores the document, so the job exists
 * exactly when its document does. A prepared statement, because every cash sale queues two.
 */
export function enqueuePrintJob(db: Db, job: NewPrintJob): { id: string; status: string } {
  const id = newId();
  const now = sqliteTimestamp();
  statement(
    sqliteOf(db),
    `INSERT INTO "PrintJob" ("id","deviceId","kind","documentId","payload","copy","status","attempts","createdAt","updatedAt") VALUES (?,?,?,?,?,?,'queued',0,?,?)`,
  ).run(id, job.deviceId, job.kind, job.documentId ?? null, JSON.stringify(job.document ?? {}), job.copy ? 1 : 0, now, now);
  return { id, status: 'queued' };
}
