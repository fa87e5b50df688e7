import { dots, ean13Data, nameLines, priceText, type LabelContent, type LabelMedia } from './label.ts';

// ZPL II for Zebra printers: ^CI28 selects UTF-8, so names in any script print with a Unicode
// font on the printer; fields are placed in dots from millimetres at the printer's resolution.

const field = (text: string) => text.replace(/[\^~]/g, ' ');

/** Labels as one ZPL stream, one ^XA…^XZ format per copy. */
export function renderZpl(labels: LabelContent[], media: LabelMedia, copies = 1): string {
  const d = (mm: number) => dots(mm, media.dpi);
  const width = d(media.widthMm);
  const formats = labels.map((label) => {
    const lines = nameLines(label.name, Math.floor(media.widthMm / 2.2));
    const barcode = ean13Data(label.barcode);
    return [
      '^XA',
      '^CI28',
      '^MNY',
      `^PW${width}`,
      `^LL${d(media.heightMm)}`,
      ...lines.map((line, i) => `^FO${d(2)},${d(2 + i * 4)}^A0N,${d(3.5)},${d(3)}^FD${field(line)}^FS`),
      `^FO${d(2)},${d(11)}^A0N,${d(7)},${d(6)}^FD${field(priceText(label))}^FS`,
      barcode ? `^FO${d(4)},${d(20)}^BY2^BEN,${d(10)},Y,N^FD${barcode}^FS` : `^FO${d(2)},${d(20)}^A0N,${d(3)},${d(3)}^FD${field(label.sku)}^FS`,
      `^PQ${copies}`,
      '^XZ',
    ].join('\n');
  });
  return formats.join('\n') + '\n';
}
