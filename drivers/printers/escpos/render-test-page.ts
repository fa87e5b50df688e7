import { EscPosDocument } from './document-builder.ts';
import type { PrinterProfile } from './profiles.ts';

const SAMPLES: [string, string][] = [
  ['English', 'The quick brown fox £1.99'],
  ['Русский', 'Съешь же ещё этих мягких булок'],
  ['Українська', 'Їжак ґаву ще й єнота бачив'],
  ['Română', 'Brânză și țuică în Iași'],
  ['Lietuvių', 'Ąžuolas, čia ėjo šešios žąsys'],
  ['中文', '绿茶 收银台 测试'],
];

/** A diagnostic page: the profile, one line per language in the code page chosen for it, a barcode, a cut. */
export function renderTestPage(profile: PrinterProfile, info: { device: string; requestedBy: string; at: string }): Uint8Array {
  const out = new EscPosDocument(profile);
  out.line('TEST PAGE', { align: 'centre', bold: true, double: true });
  out.line(`${profile.name}`, { align: 'centre' });
  out.line(`${info.device} · ${info.at}`, { align: 'centre' });
  out.line(`by ${info.requestedBy}`, { align: 'centre' });
  out.separator();
  for (const [language, sample] of SAMPLES) {
    out.line(language, { bold: true });
    out.wrapped(sample);
  }
  out.separator();
  out.columnsLine('Columns', String(profile.columns));
  out.line('1234567890'.repeat(Math.ceil(profile.columns / 10)).slice(0, profile.columns));
  out.barcode('TEST-0001');
  return out.cut().bytes();
}
