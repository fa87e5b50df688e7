import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The font receipts and labels draw text with where the printer's own fonts cannot (Chinese on a
 * receipt printer without Chinese mode, Cyrillic on ZPL font 0): Noto Sans SC (OFL), which has
 * Latin, Cyrillic and CJK. The npm package ships one file per Unicode range; all are registered
 * under one family, so each glyph is found in whichever file has it. Installed with the product:
 * nothing is fetched at run time.
 */
export const PRINT_FONT = 'Till Print Sans';

let registered = false;

/** Registers the font with the canvas once; call before drawing text. */
export function ensurePrintFont(): void {
  if (registered) return;
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/package.json')), 'files');
  for (const file of fs.readdirSync(dir)) if (file.endsWith('.woff2')) GlobalFonts.registerFromPath(path.join(dir, file), PRINT_FONT);
  registered = true;
}
