import { dots, type LabelMedia } from './label.ts';

// Where things go on a label, in dots, from the label's size in millimetres and the printer's dpi.
// EAN-13 follows the GS1 General Specifications (5.2.3.4, 5.2.6.6): the module (X) at least
// 0.264 mm (80 % magnification), bars 22.85 mm high at 100 % (X = 0.33 mm) and in proportion to
// the magnification, quiet zones of 11 modules left and 7 right.

const MIN_MODULE_MM = 0.264;
const NOMINAL_MODULE_MM = 0.33;
const NOMINAL_BAR_HEIGHT_MM = 22.85;
const SYMBOL_MODULES = 95;
const QUIET_LEFT = 11;
const QUIET_RIGHT = 7;
/** Below the bars: the digits, about nine modules high, and a little air. */
const DIGIT_MODULES = 10;
/** The shortest truncated bars we print: shorter ones fail too often even with a hand scanner. */
const MIN_TRUNCATED_BAR_MM = 6;
const MARGIN_MM = 1.5;
const GAP_MM = 1;

export interface Ean13Geometry {
  /** Left end of the bars (the first digit prints in the quiet zone left of it). */
  x: number;
  y: number;
  module: number;
  barDots: number;
  /** Whether the bars are GS1's height (else truncated, as the shop chose). */
  fullHeight: boolean;
}

export interface LabelLayout {
  width: number;
  height: number;
  margin: number;
  name: { y: number; lineDots: number; lines: number };
  price: { y: number; lineDots: number };
  /** Where the EAN-13 goes; a label without one prints the SKU at `y` in the name's size. */
  barcode: Ean13Geometry;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The smallest whole number of dots that makes a GS1-compliant EAN-13 module at this resolution. */
export function ean13Module(dpi: number): number {
  return Math.ceil((MIN_MODULE_MM * dpi) / 25.4);
}

/** Lays out a label; throws, saying what would fit, when its stock cannot carry an EAN-13 within GS1's limits (or as truncated). */
export function layOutLabel(media: Pick<LabelMedia, 'widthMm' | 'heightMm' | 'dpi' | 'ean13'>): LabelLayout {
  const d = (mm: number) => dots(mm, media.dpi);
  const width = d(media.widthMm);
  const height = d(media.heightMm);
  const margin = d(MARGIN_MM);
  const module = ean13Module(media.dpi);
  const moduleMm = (module * 25.4) / media.dpi;
  const zone = (QUIET_LEFT + SYMBOL_MODULES + QUIET_RIGHT) * module;
  if (zone > width) {
    throw new Error(
      `a ${media.widthMm}×${media.heightMm} mm label is too narrow for an EAN-13 at ${media.dpi} dpi: ${module}-dot modules (${moduleMm.toFixed(3)} mm, GS1's minimum is ${MIN_MODULE_MM} mm) and its quiet zones need ${Math.ceil((zone * 25.4) / media.dpi)} mm`,
    );
  }
  const nameLine = d(clamp(media.heightMm * 0.09, 2.5, 5));
  const priceLine = d(clamp(media.heightMm * 0.16, 4, 10));
  const digits = DIGIT_MODULES * module;
  const gs1Bars = Math.ceil(d((NOMINAL_BAR_HEIGHT_MM * moduleMm) / NOMINAL_MODULE_MM));
  const fixed = 2 * margin + priceLine + d(GAP_MM) + digits;
  let bars = gs1Bars;
  let lines = Math.floor((height - fixed - bars) / nameLine);
  if (lines < 1) {
    const needMm = Math.ceil(((fixed + bars + nameLine) * 25.4) / media.dpi);
    if (media.ean13 === 'gs1') {
      throw new Error(
        `a ${media.widthMm}×${media.heightMm} mm label cannot hold an EAN-13 at GS1's height (${((gs1Bars * 25.4) / media.dpi).toFixed(1)} mm of bars at ${media.dpi} dpi) with a name and price: it needs to be ${needMm} mm tall, or ean13=truncated to shorten the bars knowingly`,
      );
    }
    lines = Math.min(2, Math.floor((height - fixed - d(MIN_TRUNCATED_BAR_MM)) / nameLine));
    bars = height - fixed - lines * nameLine;
    if (lines < 1) throw new Error(`a ${media.widthMm}×${media.heightMm} mm label is too short for a name, a price and even truncated EAN-13 bars (${MIN_TRUNCATED_BAR_MM} mm)`);
  }
  const nameY = margin;
  const priceY = nameY + lines * nameLine;
  const barY = priceY + priceLine + d(GAP_MM);
  return {
    width,
    height,
    margin,
    name: { y: nameY, lineDots: nameLine, lines },
    price: { y: priceY, lineDots: priceLine },
    barcode: { x: Math.floor((width - zone) / 2) + QUIET_LEFT * module, y: barY, module, barDots: bars, fullHeight: bars === gs1Bars },
  };
}

/**
 * Breaks a name into lines no wider than `maxDots`, on spaces; a word wider than a line (or a
 * script without spaces) breaks between characters. What does not fit in `maxLines` ends the last
 * line with an ellipsis.
 */
export function wrapWords(text: string, maxDots: number, maxLines: number, width: (s: string) => number): string[] {
  const pieces: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (width(word) <= maxDots) {
      pieces.push(word);
      continue;
    }
    let chunk = '';
    for (const ch of word) {
      if (chunk && width(chunk + ch) > maxDots) {
        pieces.push(chunk);
        chunk = '';
      }
      chunk += ch;
    }
    if (chunk) pieces.push(chunk);
  }
  const lines: string[] = [];
  for (const piece of pieces) {
    const last = lines[lines.length - 1];
    if (last !== undefined && width(`${last} ${piece}`) <= maxDots) lines[lines.length - 1] = `${last} ${piece}`;
    else lines.push(piece);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let tail = kept[maxLines - 1];
  while (tail && width(`${tail}…`) > maxDots) tail = [...tail].slice(0, -1).join('');
  kept[maxLines - 1] = `${tail.trimEnd()}…`;
  return kept;
}
