import { formatMoney } from '../../shared/money.ts';

/** One price or shelf label. Money in minor units; the barcode is an EAN-13 (12 or 13 digits). */
export interface LabelContent {
  name: string;
  sku: string;
  currency: string;
  locale: string;
  unit: 'piece' | 'kg' | 'l' | 'm';
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
  /**
   * gs1: EAN-13 bars at GS1's height for the magnification printed; truncated: bars shortened to
   * what the label leaves, a choice the shop makes knowingly (hand scanners read them, fixed
   * omnidirectional scanners may not).
   */
  ean13: 'gs1' | 'truncated';
}

export const dots = (mm: number, dpi: number) => Math.round((mm * dpi) / 25.4);

/** The printed price line: "€1.99", "€6.90 / kg" or "€2.40 / l". */
export function priceText(label: LabelContent): string {
  const price = formatMoney(label.price, label.currency, label.locale).replace(/\u00a0/g, ' ');
  return label.unit === 'piece' ? price : `${price} / ${label.unit}`;
}

/** The 12 data digits an EAN-13 barcode command takes (the printer adds the check digit). */
export function ean13Data(barcode: string | null): string | null {
  if (!barcode || !/^\d{12,13}$/.test(barcode)) return null;
  return barcode.slice(0, 12);
}
