import { createCanvas, type ImageData, type SKRSContext2D } from '@napi-rs/canvas';
import { printFontFamily } from '../../print-font.ts';
import { charWidth } from './text-layout.ts';

export interface TextImageOptions {
  /** Width of the paper in dots, and in font-A columns. */
  dots: number;
  columns: number;
  /** Column the text starts at, in the line's own columns (half as many in double size). */
  startColumn: number;
  double: boolean;
  bold: boolean;
}

/**
 * Draws one line of text as the printer would in font A: each character in its own cell of the
 * column grid (two cells for a wide character), so the line lines up with printed text above and
 * below it. Double size doubles the cell both ways.
 */
export function renderTextLine(text: string, options: TextImageOptions): ImageData {
  const scale = options.double ? 2 : 1;
  const cell = Math.floor(options.dots / options.columns) * scale;
  const height = 24 * scale;
  const ctx = contextFor(options.dots, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, options.dots, height);
  ctx.fillStyle = '#000';
  const style = `${options.bold ? 'bold ' : ''}${22 * scale}px`;
  ctx.textBaseline = 'alphabetic';
  let x = options.startColumn * cell;
  let current = '';
  for (const char of text) {
    const room = cell * charWidth(char);
    if (char.trim()) {
      const font = `${style} "${printFontFamily(char)}"`;
      if (font !== current) ctx.font = current = font;
      const measured = glyphWidth(ctx, font, char);
      // Latin and Cyrillic glyphs are wider than half a Han cell: maxWidth squeezes them into theirs.
      ctx.fillText(char, x + Math.max(0, room - measured) / 2, 19 * scale, room);
    }
    x += room;
  }
  return ctx.getImageData(0, 0, options.dots, height);
}

/**
 * GS v 0: the line as a raster image, a dot printed where the drawn grey is darker than half (by
 * the encoder's luminance threshold). The line is opaque, a multiple of 8 dots wide and at most
 * 255 high, so these are the bytes the encoder's image conversion gives, without its copies of
 * the pixels.
 */
export function rasterCommand(image: ImageData): Uint8Array {
  // The canvas's ImageData answers width, height and data from native code: read them once.
  const { width, height, data } = image;
  const bytesPerRow = width >> 3;
  const out = new Uint8Array(8 + bytesPerRow * height);
  out.set([0x1d, 0x76, 0x30, 0x00, bytesPerRow & 0xff, bytesPerRow >> 8, height & 0xff, height >> 8]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i] * 0.299 + data[i + 1] * 0.587 + data[i + 2] * 0.114 < 128) out[8 + y * bytesPerRow + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return out;
}

// A canvas per size, drawn over for each line (getImageData copies the pixels out): making one
// costs more than drawing a line of text on it.
const contexts = new Map<string, SKRSContext2D>();

function contextFor(width: number, height: number): SKRSContext2D {
  const key = `${width}x${height}`;
  let ctx = contexts.get(key);
  if (!ctx) contexts.set(key, (ctx = createCanvas(width, height).getContext('2d')));
  return ctx;
}

// Measuring a glyph costs about as much as drawing it, and receipts draw the same few glyphs.
const glyphWidths = new Map<string, number>();

function glyphWidth(ctx: SKRSContext2D, font: string, char: string): number {
  const key = `${font}\u0000${char}`;
  let width = glyphWidths.get(key);
  if (width === undefined) glyphWidths.set(key, (width = ctx.measureText(char).width));
  return width;
}
