import { formatMoney } from '../../shared/money.ts';

/** One price or shelf label. Money in minor units; the barcode is an EAN-13 (12 or 13 digits). */
export interface LabelContent {
  name: string;
  sku: string;
  currency: string;
  locale: string;
  unit: 'piece' | 'kg';
  price: number;
  barcode: string | null;
}

/** Label stock and printer: sizes in millimetres, resolution in dots per inch. */
export interface LabelMedia {
  language: 'zpl' | 'tspl' | 'escpos';
  widthMm: number;
  heightMm: number;
  gapMm: number;
  dpi: 203 | 300;
}

export const dots = (mm: number, dpi: number) => Math.round((mm * dpi) / 25.4);

/** The printed price line: "€1.99" or "€6.90 / kg". */
export function priceText(label: LabelContent): string {
  const price = formatMoney(label.price, label.currency, label.locale).replace(/\u00a0/g, ' ');
  return label.unit === 'kg' ? `${price} / kg` : price;
}

/** The 12 data digits an EAN-13 barcode command takes (the printer adds the check digit). */
export function ean13Data(barcode: string | null): string | null {
  if (!barcode || !/^\d{12,13}$/.test(barcode)) return null;
  return barcode.slice(0, 12);
}

/** Splits a name into at most `lines` lines of `width` characters. */
export function nameLines(name: string, width: number, lines = 2): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of name.split(/\s+/)) {
    if (!current) current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  return out.slice(0, lines).map((l) => (l.length > width ? l.slice(0, width) : l));
}
