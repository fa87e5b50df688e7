import { layOutLabel } from './label-layout.ts';
import { labelTexts } from './label-text.ts';
import { ean13Data, type LabelContent, type LabelMedia } from './label.ts';
import type { Bitmap } from './text-bitmap.ts';

// ZPL II for Zebra printers. Text goes as ^GF graphics drawn with a font that has every script
// (the printer's font 0 has no Cyrillic or CJK, and a TrueType font on the printer cannot be
// assumed); the EAN-13 as ^BE at GS1's module width and bar height for the printer's dpi.

/** ^GFA: total bytes, bytes per row, then the rows in hexadecimal (1 = dot). */
function graphicField(bitmap: Bitmap): string {
  const bytes = bitmap.bytesPerRow * bitmap.height;
  return `^GFA,${bytes},${bytes},${bitmap.bytesPerRow},${Buffer.from(bitmap.data).toString('hex').toUpperCase()}`;
}

/** Labels as one ZPL stream, one ^XA…^XZ format per label printed `copies` times. */
export function renderZpl(labels: LabelContent[], media: LabelMedia, copies = 1): string {
  const layout = layOutLabel(media);
  const formats = labels.map((label) => {
    const barcode = ean13Data(label.barcode);
    const { x, y, module, barDots } = layout.barcode;
    return [
      '^XA',
      '^MNY',
      `^PW${layout.width}`,
      `^LL${layout.height}`,
      ...labelTexts(label, layout).map((t) => `^FO${t.x},${t.y}${graphicField(t.bitmap)}^FS`),
      ...(barcode ? [`^FO${x},${y}^BY${module}^BEN,${barDots},Y,N^FD${barcode}^FS`] : []),
      `^PQ${copies}`,
      '^XZ',
    ].join('\n');
  });
  return formats.join('\n') + '\n';
}
