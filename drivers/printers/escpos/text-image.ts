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
