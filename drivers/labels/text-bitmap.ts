import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ensurePrintFont, PRINT_FONT } from '../print-font.ts';

// Label text is printed as a bitmap: the printers' own fonts have no Cyrillic (ZPL font 0) or
// depend on firmware (TSPL).

/** A one-bit image: rows of `bytesPerRow` bytes, most significant bit leftmost, 1 = a dot printed. */
export interface Bitmap {
  width: number;
  height: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export interface TextStyle {
  /** Height of a line of text in dots (ascender to descender). */
  lineDots: number;
  bold?: boolean;
}

const measurer = createCanvas(1, 1).getContext('2d');

function setFont(ctx: SKRSContext2D, style: TextStyle): void {
  ensurePrintFont();
  // Noto Sans's ascender and descender span about 1.36 em.
  ctx.font = `${style.bold ? 700 : 400} ${Math.max(1, Math.floor(style.lineDots / 1.36))}px "${PRINT_FONT}"`;
}

/** How wide a text prints, in dots. */
export function textWidth(text: string, style: TextStyle): number {
  setFont(measurer, style);
  return Math.ceil(measurer.measureText(text).width);
}

/** The text drawn in black on white at the style's size, thresholded to one bit per dot. */
export function textBitmap(text: string, style: TextStyle): Bitmap {
  const width = Math.max(8, textWidth(text, style));
  const height = style.lineDots;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  setFont(ctx, style);
  ctx.fillStyle = '#000';
  ctx.textBaseline = 'alphabetic';
  const metrics = ctx.measureText(text);
  const ascent = metrics.fontBoundingBoxAscent;
  const descent = metrics.fontBoundingBoxDescent;
  ctx.fillText(text, 0, Math.round((height - ascent - descent) / 2 + ascent));
  const pixels = ctx.getImageData(0, 0, width, height).data;
  const bytesPerRow = Math.ceil(width / 8);
  const data = new Uint8Array(bytesPerRow * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[(y * width + x) * 4] < 128) data[y * bytesPerRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return { width, height, bytesPerRow, data };
}
