import type { LabelLayout } from './label-layout.ts';
import { wrapWords } from './label-layout.ts';
import { ean13Data, priceText, type LabelContent } from './label.ts';
import { textBitmap, textWidth, type Bitmap } from './text-bitmap.ts';

/** A piece of text on a label, drawn as a bitmap, with its top-left corner in dots. */
export interface PlacedBitmap {
  x: number;
  y: number;
  bitmap: Bitmap;
}

/** The label's texts as bitmaps: the name wrapped over the lines the layout gives, the price, and the SKU when there is no EAN-13. */
export function labelTexts(label: LabelContent, layout: LabelLayout): PlacedBitmap[] {
  const x = layout.margin;
  const maxDots = layout.width - 2 * layout.margin;
  const nameStyle = { lineDots: layout.name.lineDots };
  const placed = wrapWords(label.name, maxDots, layout.name.lines, (s) => textWidth(s, nameStyle)).map((line, i) => ({
    x,
    y: layout.name.y + i * layout.name.lineDots,
    bitmap: textBitmap(line, nameStyle),
  }));
  placed.push({ x, y: layout.price.y, bitmap: textBitmap(priceText(label), { lineDots: layout.price.lineDots, bold: true }) });
  if (!ean13Data(label.barcode)) placed.push({ x, y: layout.barcode.y, bitmap: textBitmap(label.sku, nameStyle) });
  return placed;
}
