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
  const payload = JSON.parse(job.payload) as LabelJob | { type: 'test'; device: string };
  if (payload.type === 'test') {
    const sample: LabelContent = { name: 'TEST LABEL Тест Ąžuolas', sku: payload.device, currency: 'EUR', locale: 'en', unit: 'piece', price: 199, barcode: '4006381333931' };
    return Buffer.from(media.language === 'zpl' ? renderZpl([sample], media) : renderTspl([sample], media), 'utf8');
  }
  if (payload.type !== 'labels') throw new Error(`a label printer cannot print a ${job.kind} job`);
  const text = media.language === 'zpl' ? renderZpl(payload.labels, media, payload.copies) : renderTspl(payload.labels, media, payload.copies);
  return Buffer.from(text, 'utf8');
}
