import type { PrintableDocument } from '../../../shared/schemas/receipt.ts';
import type { PrintJobRecord } from '../print-queue.ts';
import { drawerKick } from './commands.ts';
import type { PrinterProfile } from './profiles.ts';
import { renderReceipt } from './render-receipt.ts';
import { renderShiftReport } from './render-shift-report.ts';
import { renderTestPage } from './render-test-page.ts';

export interface DrawerSettings {
  /** 0: connector pin 2, 1: pin 5. */
  pin: 0 | 1;
  onMs: number;
  offMs: number;
}

/** The bytes of a queued job for this printer: a document, or a bare drawer kick. */
export function renderPrintJob(job: PrintJobRecord, profile: PrinterProfile, drawer: DrawerSettings): Uint8Array {
  if (job.kind === 'drawer') return drawerKick(drawer.pin, drawer.onMs, drawer.offMs);
  if (job.kind === 'test') {
    const test = JSON.parse(job.payload) as { device: string; requestedBy: string; at: string };
    return renderTestPage(profile, test);
  }
  const doc = JSON.parse(job.payload) as PrintableDocument;
  if (doc.type === 'receipt') return renderReceipt({ ...doc, copy: doc.copy || job.copy }, profile);
  if (doc.type === 'shift-report') return renderShiftReport(doc, profile);
  throw new Error(`nothing to print for a ${job.kind} job`);
}
