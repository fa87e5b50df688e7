import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

/**
 * The fonts print forms are set in, embedded (subset) in every PDF: Noto Sans (Latin with every
 * Lithuanian and Romanian letter, Cyrillic for Russian and Ukrainian) and Noto Sans SC for Chinese
 * (OFL), static TTF/OTF files installed from npm (@embedpdf/fonts-latin, @embedpdf/fonts-sc). The
 * variable WOFF2 subsets the receipts draw with (drivers/print-font.ts) are not used here: PDFKit's
 * font engine does not apply variations and fails on some WOFF2 files (foliojs/pdfkit#544, #1004).
 * Noto Sans SC has no ą, ș or ї and Noto Sans no Chinese, so text is set in runs of one font each.
 */
export type FontName = 'latin' | 'latin-bold' | 'cjk' | 'cjk-bold';

const require = createRequire(import.meta.url);
// The packages export only their (empty) index module, which stands in dist/ beside fonts/.
const fontsOf = (pkg: string) => path.join(path.dirname(require.resolve(pkg)), '..', 'fonts');

export const FONT_FILES: Record<FontName, string> = {
  latin: path.join(fontsOf('@embedpdf/fonts-latin'), 'NotoSans-Regular.ttf'),
  'latin-bold': path.join(fontsOf('@embedpdf/fonts-latin'), 'NotoSans-Bold.ttf'),
  cjk: path.join(fontsOf('@embedpdf/fonts-sc'), 'NotoSansHans-Regular.otf'),
  'cjk-bold': path.join(fontsOf('@embedpdf/fonts-sc'), 'NotoSansHans-Bold.otf'),
};

let latin: fontkit.Font | null = null;
let cjk: fontkit.Font | null = null;
const scriptOfChar = new Map<number, 'latin' | 'cjk'>();

function scriptOf(code: number): 'latin' | 'cjk' {
  let script = scriptOfChar.get(code);
  if (!script) {
    latin ??= fontkit.openSync(FONT_FILES.latin) as fontkit.Font;
    cjk ??= fontkit.openSync(FONT_FILES.cjk) as fontkit.Font;
    // A character neither font has is left to the Latin one (it prints as a blank box).
    script = latin.hasGlyphForCodePoint(code) || !cjk.hasGlyphForCodePoint(code) ? 'latin' : 'cjk';
    scriptOfChar.set(code, script);
  }
  return script;
}

/** A stretch of text set in one font. */
export interface Run {
  font: FontName;
  text: string;
}

/** Splits text into runs of the font that has each character (spaces stay with the run before). */
export function fontRuns(text: string, bold: boolean): Run[] {
  const runs: Run[] = [];
  for (const char of text) {
    const script = char === ' ' && runs.length ? runs.at(-1)!.font.replace('-bold', '') : scriptOf(char.codePointAt(0)!);
    const font = (bold ? `${script}-bold` : script) as FontName;
    if (runs.at(-1)?.font === font) runs.at(-1)!.text += char;
    else runs.push({ font, text: char });
  }
  return runs;
}
