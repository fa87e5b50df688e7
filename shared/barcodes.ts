import { z } from 'zod';

// Retail barcodes: EAN-13/8, UPC-A/E and the in-store (restricted circulation) numbers 20–29 that
// shops print on weighed and price-labelled goods.

/** The longest code a scanner may send: the most a GS1 DataMatrix holds (3116 digits). */
export const MAX_SCANNED_CODE_LENGTH = 3116;

export type BarcodeKind = 'ean13' | 'ean8' | 'upca' | 'upce' | 'gtin14' | 'other';

export interface NormalisedBarcode {
  kind: BarcodeKind;
  /** The form stored and looked up: EAN-13 for UPC-A/E, the digits for EAN-8 and GTIN-14, trimmed text otherwise. */
  code: string;
  /** Whether the check digit is right (always true for 'other'). */
  valid: boolean;
}

/** GS1 check digit of the data digits (weights 3,1,3,… from the rightmost data digit). */
export function gs1CheckDigit(data: string): number {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const digit = data.charCodeAt(data.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether the last digit of a GS1 number is its check digit. */
export function hasValidCheckDigit(code: string): boolean {
  return /^\d{8,14}$/.test(code) && gs1CheckDigit(code.slice(0, -1)) === Number(code[code.length - 1]);
}

/** Appends the check digit to GS1 data digits. */
export function withCheckDigit(data: string): string {
  return data + String(gs1CheckDigit(data));
}

/**
 * Expands an 8-digit UPC-E (number system, 6 digits, check) to its 12-digit UPC-A, or null.
 * Rules from the GS1 General Specifications, section 5.2.2.4.
 */
export function expandUpcE(code: string): string | null {
  if (!/^[01]\d{7}$/.test(code)) return null;
  const ns = code[0];
  const d = code.slice(1, 7);
  const check = code[7];
  const last = d[5];
  let body: string;
  if (last <= '2') body = `${d[0]}${d[1]}${last}0000${d[2]}${d[3]}${d[4]}`;
  else if (last === '3') body = `${d[0]}${d[1]}${d[2]}00000${d[3]}${d[4]}`;
  else if (last === '4') body = `${d[0]}${d[1]}${d[2]}${d[3]}00000${d[4]}`;
  else body = `${d[0]}${d[1]}${d[2]}${d[3]}${d[4]}0000${last}`;
  return `${ns}${body}${check}`;
}

/** Classifies scanned text and brings it to the form products are stored under. */
export function normaliseBarcode(raw: string): NormalisedBarcode {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return { kind: 'other', code: text, valid: true };
  switch (text.length) {
    case 13:
      return { kind: 'ean13', code: text, valid: hasValidCheckDigit(text) };
    case 12:
      return { kind: 'upca', code: `0${text}`, valid: hasValidCheckDigit(text) };
    case 14:
      if (text.startsWith('0')) {
        const ean = text.slice(1);
        return { kind: 'gtin14', code: ean, valid: hasValidCheckDigit(text) };
      }
      return { kind: 'gtin14', code: text, valid: hasValidCheckDigit(text) };
    case 8: {
      if (hasValidCheckDigit(text)) return { kind: 'ean8', code: text, valid: true };
      const upca = expandUpcE(text);
      if (upca && hasValidCheckDigit(upca)) return { kind: 'upce', code: `0${upca}`, valid: true };
      return { kind: 'ean8', code: text, valid: false };
    }
    default:
      return { kind: 'other', code: text, valid: true };
  }
}

/** How a shop lays out its in-store EAN-13 codes: prefix, item number (PLU), then weight or price. */
export const InStoreLayoutSchema = z
  .object({
    /** "2" or "20"–"29". */
    prefix: z.string().regex(/^2\d?$/, 'an in-store prefix is 2 or 20–29'),
    /** weight: the value is grams; price: the value is the line price in minor units. */
    kind: z.enum(['weight', 'price']),
    itemDigits: z.number().int().min(3).max(6),
    valueDigits: z.number().int().min(4).max(6),
  })
  .refine((l) => l.prefix.length + l.itemDigits + l.valueDigits === 12, {
    message: 'prefix, item and value digits must add up to 12 (plus the check digit)',
  });
export type InStoreLayout = z.infer<typeof InStoreLayoutSchema>;

export type InStoreCode =
  | { plu: string; kind: 'weight'; grams: number; layout: InStoreLayout }
  | { plu: string; kind: 'price'; price: number; layout: InStoreLayout };

/**
 * Reads an in-store EAN-13 against the shop's layouts. Null when no layout's prefix matches (an
 * ordinary barcode); `{ error: 'check-digit' }` when one matches but the check digit is wrong.
 */
export function parseInStoreBarcode(code: string, layouts: readonly InStoreLayout[]): InStoreCode | { error: 'check-digit' } | null {
  if (!/^2\d{12}$/.test(code)) return null;
  const layout = [...layouts].sort((a, b) => b.prefix.length - a.prefix.length).find((l) => code.startsWith(l.prefix));
  if (!layout) return null;
  if (!hasValidCheckDigit(code)) return { error: 'check-digit' };
  const itemStart = layout.prefix.length;
  const plu = String(Number(code.slice(itemStart, itemStart + layout.itemDigits)));
  const value = Number(code.slice(itemStart + layout.itemDigits, 12));
  return layout.kind === 'weight' ? { plu, kind: 'weight', grams: value, layout } : { plu, kind: 'price', price: value, layout };
}

/** Builds the in-store EAN-13 a shop's scale or label printer would print. */
export function buildInStoreBarcode(layout: InStoreLayout, plu: string, value: number): string {
  const item = String(Number(plu)).padStart(layout.itemDigits, '0');
  const amount = String(value).padStart(layout.valueDigits, '0');
  if (item.length > layout.itemDigits || amount.length > layout.valueDigits || value < 0) {
    throw new RangeError(`PLU ${plu} or value ${value} does not fit the layout with prefix ${layout.prefix}`);
  }
  return withCheckDigit(layout.prefix + item + amount);
}

/** What kind of code a product carries: a GS1 number, a produce PLU (4–5 digits), or the shop's own code. */
export type ProductCodeKind = Exclude<BarcodeKind, 'other'> | 'plu' | 'internal';

export type ProductCodeCheck =
  | { ok: true; code: string; kind: ProductCodeKind }
  | { ok: false; problem: 'empty' | 'too-long' | 'characters' | 'check-digit' | 'in-store-code'; message: string };

/** The longest code a product may carry (Code 128 labels of the shop's own). */
export const MAX_PRODUCT_CODE_LENGTH = 64;

/**
 * Checks a code typed or imported for a product and brings it to the one form it is stored and
 * looked up in (normaliseBarcode). EAN-13/8, UPC-A/E and GTIN-14 must have their check digit; a
 * 13-digit code under one of the shop's in-store prefixes is a scale or price label, read by its
 * PLU, so it cannot be a product's barcode (a scan would never reach it); 4–5 digits are a produce
 * PLU; anything else printable is the shop's own code.
 */
export function checkProductBarcode(raw: string, layouts: readonly InStoreLayout[]): ProductCodeCheck {
  const text = raw.trim();
  if (!text) return { ok: false, problem: 'empty', message: 'a barcode cannot be empty' };
  if (text.length > MAX_PRODUCT_CODE_LENGTH) return { ok: false, problem: 'too-long', message: `at most ${MAX_PRODUCT_CODE_LENGTH} characters` };
  if (!/^[\x21-\x7e]+$/.test(text)) return { ok: false, problem: 'characters', message: 'letters, digits and signs without spaces' };
  if (!/^\d+$/.test(text)) return { ok: true, code: text, kind: 'internal' };
  if ([8, 12, 13, 14].includes(text.length)) {
    const normalised = normaliseBarcode(text);
    if (!normalised.valid) return { ok: false, problem: 'check-digit', message: `the check digit of ${text} is wrong (it would be ${gs1CheckDigit(text.slice(0, -1))})` };
    if (normalised.code.length === 13 && layouts.some((l) => normalised.code.startsWith(l.prefix))) {
      return { ok: false, problem: 'in-store-code', message: `${text} is one of the shop's in-store label codes: give the product a PLU instead` };
    }
    return { ok: true, code: normalised.code, kind: normalised.kind as ProductCodeKind };
  }
  return { ok: true, code: text, kind: text.length === 4 || text.length === 5 ? 'plu' : 'internal' };
}
