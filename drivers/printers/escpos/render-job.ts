import type { PrintableDocument } from '../../../shared/schemas/receipt.ts';
import type { PrintJobRecord } from '../print-queue.ts';
import type { PrinterModel } from './models.ts';
import { renderReceipt } from './render-receipt.ts';
import { renderShiftReport } from './render-shift-report.ts';
import { renderTestPage } from './render-test-page.ts';

/** The bytes of a queued document job for this printer model (drawer kicks never go through the queue's printing). */
export function renderPrintJob(job: PrintJobRecord, model: PrinterModel): Uint8Array {
  if (job.kind === 'test') {
    const test = JSON.parse(job.payload) as { device: string; requestedBy: string; at: string };
    return renderTestPage(model, test);
  }
  const doc = JSON.parse(job.payload) as PrintableDocument;
  if (doc.type === 'receipt') return renderReceipt({ ...doc, copy: doc.copy || job.copy }, model);
  if (doc.type === 'shift-report') return renderShiftReport({ ...doc, copy: doc.copy || job.copy }, model);
  throw new Error(`nothing to print for a ${job.kind} job`);
}
