import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';

// Reads printed labels back with tools from outside the product: zpl-renderer-js (Zebrash) turns
// ZPL into the picture a Zebra would print, zbarimg (Debian zbar-tools) reads its barcodes and
// tesseract (Debian tesseract-ocr with its Russian data) reads its text.

/** The PNG a ZPL label prints as, at the printer's resolution. */
export async function renderZplLabel(zpl: string, widthMm: number, heightMm: number, dpi: 203 | 300): Promise<Buffer> {
  // The CommonJS build: the ES one points at a source map the package does not ship.
  const { ready } = createRequire(import.meta.url)('zpl-renderer-js') as typeof import('zpl-renderer-js');
  const { api } = await ready;
  return Buffer.from(await api.zplToBase64Async(zpl, widthMm, heightMm, dpi === 203 ? 8 : 12), 'base64');
}

function withFile<T>(png: Buffer, use: (file: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-label-'));
  const file = path.join(dir, 'label.png');
  fs.writeFileSync(file, png);
  try {
    return use(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], hint: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw new Error(`${command} is needed for label tests (${hint}): ${result.error.message}`);
  return result.stdout;
}

/** The barcodes zbarimg finds in a picture, as "EAN-13:4770000000019". */
export function readBarcodes(png: Buffer): string[] {
  return withFile(png, (file) => run('zbarimg', ['--quiet', file], 'apt-get install zbar-tools').split('\n').filter(Boolean));
}

/** The text tesseract reads in a picture. */
export function readText(png: Buffer, languages = 'rus+eng'): string {
  return withFile(png, (file) => run('tesseract', [file, 'stdout', '-l', languages], 'apt-get install tesseract-ocr tesseract-ocr-rus'));
}

/** A picture's dots: whether each is dark. */
export interface Picture {
  width: number;
  height: number;
  dark(x: number, y: number): boolean;
}

export async function decodePng(png: Buffer): Promise<Picture> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return { width: image.width, height: image.height, dark: (x, y) => data[(y * image.width + x) * 4] < 128 };
}

/** A white picture of the given size with dark dots where `dark` says, as PNG. */
export function drawPng(width: number, height: number, dark: (x: number, y: number) => boolean): Buffer {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = dark(x, y) ? 0 : 255;
      image.data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toBuffer('image/png');
}

/**
 * The picture a TSPL job's BITMAP commands draw on a label of the given size in dots, as PNG:
 * BITMAP x,y,width in bytes,height,mode,data, one bit a dot, most significant bit leftmost, and
 * TSPL prints a 0 bit.
 */
export function tsplBitmaps(tspl: Buffer, width: number, height: number): Buffer {
  const ink = new Set<number>();
  for (const m of tspl.toString('latin1').matchAll(/BITMAP (\d+),(\d+),(\d+),(\d+),\d,/g)) {
    const [x, y, bytes, rows] = m.slice(1).map(Number);
    const data = tspl.subarray(m.index! + m[0].length, m.index! + m[0].length + bytes * rows);
    for (let r = 0; r < rows; r++) for (let c = 0; c < bytes * 8; c++) if (!(data[r * bytes + (c >> 3)] & (0x80 >> (c & 7)))) ink.add((y + r) * width + x + c);
  }
  return drawPng(width, height, (x, y) => ink.has(y * width + x));
}

/**
 * The EAN-13's bars as the picture shows them: the rows crossing all 30 bars with one and the same
 * pattern (rows of text that happen to cross 30 strokes differ from it), and the narrowest bar or
 * space in that pattern.
 */
export function measureEan13Bars(picture: Picture): { rows: number; narrowest: number } {
  const patterns = new Map<string, { rows: number; runs: number[] }>();
  for (let y = 0; y < picture.height; y++) {
    const runs: { dark: boolean; length: number }[] = [];
    for (let x = 0; x < picture.width; x++) {
      const dark = picture.dark(x, y);
      const last = runs[runs.length - 1];
      if (last?.dark === dark) last.length++;
      else runs.push({ dark, length: 1 });
    }
    const bars = runs.slice(runs.findIndex((r) => r.dark), runs.findLastIndex((r) => r.dark) + 1);
    if (bars.filter((r) => r.dark).length !== 30) continue;
    const key = bars.map((r) => r.length).join(',');
    const seen = patterns.get(key) ?? { rows: 0, runs: bars.map((r) => r.length) };
    seen.rows++;
    patterns.set(key, seen);
  }
  const bars = [...patterns.values()].sort((a, b) => b.rows - a.rows)[0];
  return bars ? { rows: bars.rows, narrowest: Math.min(...bars.runs) } : { rows: 0, narrowest: 0 };
}
