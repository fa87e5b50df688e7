import { EscPosDocument } from '../printers/escpos/document-builder.ts';
import { ALIGN, ean13 } from '../printers/escpos/commands.ts';
import type { PrinterModel } from '../printers/escpos/models.ts';
import { ean13Data, priceText, type LabelContent } from './label.ts';

/** Shelf labels on a receipt printer used as a label printer: one cut slip per label. */
export function renderEscPosLabels(labels: LabelContent[], model: PrinterModel, copies = 1): Uint8Array {
  const out = new EscPosDocument(model);
  for (const label of labels) {
    for (let copy = 0; copy < copies; copy++) {
      out.wrapped(label.name);
      out.line(priceText(label), { align: 'centre', bold: true, double: true });
      const data = ean13Data(label.barcode);
      if (data) out.raw(ALIGN.centre).raw(ean13(data)).raw(ALIGN.left).line();
      else out.line(label.sku, { align: 'centre' });
      out.cut();
    }
  }
  return out.bytes();
}
