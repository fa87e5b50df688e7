import type { PrintJobRecord } from '../printers/print-queue.ts';
import type { LabelContent, LabelMedia } from './label.ts';
import { renderTspl } from './render-tspl.ts';
import { renderZpl } from './render-zpl.ts';
import { renderEscPosLabels } from './render-escpos-label.ts';
import { getModel } from '../printers/escpos/models.ts';

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
    return render([sample], media, 1);
  }
  if (payload.type !== 'labels') throw new Error(`a label printer cannot print a ${job.kind} job`);
  return render(payload.labels, media, payload.copies);
}

function render(labels: LabelContent[], media: LabelMedia, copies: number): Uint8Array {
  if (media.language === 'escpos') return renderEscPosLabels(labels, getModel(media.widthMm <= 58 ? 'clone-58' : 'epson-generic'), copies);
  return media.language === 'zpl' ? Buffer.from(renderZpl(labels, media, copies), 'latin1') : renderTspl(labels, media, copies);
}
