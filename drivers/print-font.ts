import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';

/**
 * The font receipts and labels draw text with where the printer's own fonts cannot (Chinese on a
 * receipt printer without Chinese mode, Cyrillic on ZPL font 0): Noto Sans SC (OFL), which has
 * Latin, Cyrillic and CJK. The npm package ships one file per Unicode range, listed with its range
 * in the package's CSS. Each file is a family of its own, registered when a character in its range
 * is first drawn, and text is drawn in runs of the family that has each character: one family
 * holding all hundred files makes the canvas search every file for each new glyph (about a
 * millisecond a glyph, and a quarter of a second for the first one). Installed with the product:
 * nothing is fetched at run time.
 */

interface Subset {
  family: string;
  file: string;
  ranges: [number, number][];
  registered: boolean;
}

/** A stretch of text whose characters are all in one font family. */
export interface FontRun {
  family: string;
  text: string;
}

// A character no file has is drawn in the Latin family, which leaves it to the canvas's fallback.
const LATIN = 'Till Print Sans latin';

let subsets: Subset[] | null = null;
const subsetOfChar = new Map<number, Subset>();

function loadSubsets(): Subset[] {
  if (subsets) return subsets;
  const dir = path.dirname(createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/package.json'));
  const css = fs.readFileSync(path.join(dir, 'index.css'), 'utf8');
  subsets = [...css.matchAll(/src: url\(\.\/files\/([^)]+)\)[^;]*;\s*unicode-range: ([^;]+);/g)].map(([, file, ranges]) => ({
    family: `Till Print Sans ${file.replace(/^noto-sans-sc-|-wght-normal\.woff2$/g, '')}`,
    file: path.join(dir, 'files', file),
    ranges: ranges.split(',').map((range) => {
      const [from, to = from] = range.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to, 16)];
    }),
    registered: false,
  }));
  if (!subsets.some((subset) => subset.family === LATIN)) throw new Error('print font: the Latin subset is missing from @fontsource-variable/noto-sans-sc');
  return subsets;
}

/** The family to draw a character in, its file registered with the canvas on first use. */
export function printFontFamily(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  let subset = subsetOfChar.get(code);
  if (!subset) {
    const all = loadSubsets();
    // Ranges overlap (the Chinese files repeat common Latin letters); as in CSS, the face listed last wins.
    subset = all.findLast((s) => s.ranges.some(([from, to]) => code >= from && code <= to)) ?? all.find((s) => s.family === LATIN)!;
    subsetOfChar.set(code, subset);
  }
  if (!subset.registered) {
    GlobalFonts.registerFromPath(subset.file, subset.family);
    subset.registered = true;
  }
  return subset.family;
}

/** The text cut into runs, each in the family that has its characters. */
export function printFontRuns(text: string): FontRun[] {
  const runs: FontRun[] = [];
  for (const char of text) {
    const family = printFontFamily(char);
    const last = runs.at(-1);
    if (last?.family === family) last.text += char;
    else runs.push({ family, text: char });
  }
  return runs;
}

/**
 * Registers and draws with the Latin and Cyrillic files, which nearly every receipt and label
 * needs, so that the first print after start does not wait for them: the canvas unpacks a file and
 * sets up its drawing at the first text drawn in it. Called when a printer is started.
 */
export function preparePrintFont(): void {
  const ctx = createCanvas(64, 32).getContext('2d');
  for (const weight of ['normal', 'bold']) {
    for (const { family, text } of printFontRuns('AĄЖ')) {
      ctx.font = `${weight} 22px "${family}"`;
      ctx.fillText(text, 0, 24);
    }
  }
}
