import { layOutLabel } from './label-layout.ts';
import { labelTexts } from './label-text.ts';
import { ean13Data, type LabelContent, type LabelMedia } from './label.ts';
import type { Bitmap } from './text-bitmap.ts';

// TSPL for TSC and most low-cost label printers. Text goes as BITMAP (the printers' fonts vary by
// firmware, and few have Cyrillic or CJK); the EAN-13 as BARCODE with GS1's module width.

/** BITMAP x,y,bytes per row,rows,mode 0 (overwrite), then the rows in binary, where TSPL prints a 0 bit. */
function bitmapCommand(x: number, y: number, bitmap: Bitmap): Buffer {
  const inverted = Buffer.from(bitmap.data.map((b) => b ^ 0xff));
  return Buffer.concat([Buffer.from(`BITMAP ${x},${y},${bitmap.bytesPerRow},${bitmap.height},0,`, 'latin1'), inverted, Buffer.from('\r\n', 'latin1')]);
}

export function renderTspl(labels: LabelContent[], media: LabelMedia, copies = 1): Buffer {
  const layout = layOutLabel(media);
  const line = (text: string) => Buffer.from(`${text}\r\n`, 'latin1');
  const out: Buffer[] = [line(`SIZE ${media.widthMm} mm,${media.heightMm} mm`), line(`GAP ${media.gapMm} mm,0 mm`), line('DIRECTION 1')];
  for (const label of labels) {
    out.push(line('CLS'));
    for (const text of labelTexts(label, layout)) out.push(bitmapCommand(text.x, text.y, text.bitmap));
    const barcode = ean13Data(label.barcode);
    const { x, y, module, barDots } = layout.barcode;
    if (barcode) out.push(line(`BARCODE ${x},${y},"EAN13",${barDots},1,0,${module},${module},"${barcode}"`));
    out.push(line(`PRINT 1,${copies}`));
  }
  return Buffer.concat(out);
}
