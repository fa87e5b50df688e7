import { EscPosDocument } from './document-builder.ts';
import type { PrinterModel } from './models.ts';

const SAMPLES: [string, string][] = [
  ['English', 'The quick brown fox £1.99'],
  ['Русский', 'Съешь же ещё этих мягких булок'],
  ['Українська', 'Їжак ґаву ще й єнота бачив'],
  ['Română', 'Brânză și țuică în Iași'],
  ['Lietuvių', 'Ąžuolas, čia ėjo šešios žąsys'],
  ['中文', '绿茶 收银台 测试'],
];

/** A diagnostic page: the model, one line per language (in a code page of the model, or as an image), the receipt code, a cut. */
export function renderTestPage(model: PrinterModel, info: { device: string; requestedBy: string; at: string }): Uint8Array {
  const out = new EscPosDocument(model);
  out.line('TEST PAGE', { align: 'centre', bold: true, double: true });
  out.line(model.name, { align: 'centre' });
  out.line(`${info.device} · ${info.at}`, { align: 'centre' });
  out.line(`by ${info.requestedBy}`, { align: 'centre' });
  out.separator();
  for (const [language, sample] of SAMPLES) {
    out.line(language, { bold: true });
    out.wrapped(sample);
  }
  out.separator();
  out.columnsLine('Columns', String(model.columns));
  out.line('1234567890'.repeat(Math.ceil(model.columns / 10)).slice(0, model.columns));
  out.receiptCode('TEST-0001');
  return out.cut().bytes();
}
