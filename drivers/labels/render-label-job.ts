import type { PrintJobRecord } from '../printers/print-queue.ts';
import type { LabelContent, LabelMedia } from './label.ts';
import { renderTspl } from './render-tspl.ts';
import { renderZpl } from './render-zpl.ts';

/** The payload of a queued label job. */
export interface LabelJob {
  type: 'labels';
  labels: LabelContent[];
  copies: number;
}

/** The bytes of a label job in the printer's language. */
export function renderLabelJob(job: PrintJobRecord, media: LabelMedia): Uint8Array {
  const payload = JSON.parse(job.payload) as LabelJob;
  if (payload.type !== 'labels') throw new Error(`a label printer cannot print a ${job.kind} job`);
  const text = media.language === 'zpl' ? renderZpl(payload.labels, media, payload.copies) : renderTspl(payload.labels, media, payload.copies);
  return Buffer.from(text, 'utf8');
}
