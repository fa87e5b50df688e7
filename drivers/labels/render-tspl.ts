import { dots, ean13Data, nameLines, priceText, type LabelContent, type LabelMedia } from './label.ts';

// TSPL for TSC and most low-cost label printers. CODEPAGE UTF-8 (firmware V6 and later) lets the
// printer's TrueType font print Cyrillic and Baltic names; older firmware needs bitmap text.

const quoted = (text: string) => `"${text.replace(/"/g, '\\["]')}"`;

export function renderTspl(labels: LabelContent[], media: LabelMedia, copies = 1): string {
  const d = (mm: number) => dots(mm, media.dpi);
  const out = [`SIZE ${media.widthMm} mm,${media.heightMm} mm`, `GAP ${media.gapMm} mm,0 mm`, 'CODEPAGE UTF-8', 'DIRECTION 1'];
  for (const label of labels) {
    const barcode = ean13Data(label.barcode);
    out.push('CLS');
    nameLines(label.name, Math.floor(media.widthMm / 2.2)).forEach((line, i) => out.push(`TEXT ${d(2)},${d(2 + i * 4)},"0",0,9,9,${quoted(line)}`));
    out.push(`TEXT ${d(2)},${d(11)},"0",0,18,18,${quoted(priceText(label))}`);
    if (barcode) out.push(`BARCODE ${d(4)},${d(20)},"EAN13",${d(10)},1,0,2,4,${quoted(barcode)}`);
    else out.push(`TEXT ${d(2)},${d(20)},"0",0,8,8,${quoted(label.sku)}`);
    out.push(`PRINT 1,${copies}`);
  }
  return out.join('\r\n') + '\r\n';
}
