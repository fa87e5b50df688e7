import { createCanvas, type ImageData } from '@napi-rs/canvas';
import { ensurePrintFont, PRINT_FONT } from '../../print-font.ts';
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
  ensurePrintFont();
  const scale = options.double ? 2 : 1;
  const cell = Math.floor(options.dots / options.columns) * scale;
  const height = 24 * scale;
  const canvas = createCanvas(options.dots, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, options.dots, height);
  ctx.fillStyle = '#000';
  ctx.font = `${options.bold ? 'bold ' : ''}${22 * scale}px "${PRINT_FONT}"`;
  ctx.textBaseline = 'alphabetic';
  let x = options.startColumn * cell;
  for (const char of text) {
    const room = cell * charWidth(char);
    if (char.trim()) {
      const measured = ctx.measureText(char).width;
      // Latin and Cyrillic glyphs are wider than half a Han cell: squeeze them into theirs.
      const squeeze = measured > room ? room / measured : 1;
      ctx.save();
      ctx.translate(x + (room - measured * squeeze) / 2, 19 * scale);
      ctx.scale(squeeze, 1);
      ctx.fillText(char, 0, 0);
      ctx.restore();
    }
    x += room;
  }
  return ctx.getImageData(0, 0, options.dots, height);
}
