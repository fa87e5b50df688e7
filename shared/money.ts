// Money is an integer number of minor units everywhere (architecture invariant 1). This module is
// the one place that multiplies, divides, rounds, allocates and formats it.

/** round_half_up(a × b / c) for non-negative integers, exact in BigInt when the product is large. */
export function mulDivRoundHalfUp(a: number, b: number, c: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || !Number.isInteger(c) || c <= 0) {
    throw new RangeError(`mulDivRoundHalfUp needs integers and a positive divisor (${a}, ${b}, ${c})`);
  }
  const negative = a * b < 0;
  const product = Math.abs(a) * Math.abs(b);
  let result: number;
  if (Number.isSafeInteger(product)) {
    result = Math.floor((2 * product + c) / (2 * c));
    if (!Number.isSafeInteger(2 * product + c)) result = bigMulDiv(Math.abs(a), Math.abs(b), c);
  } else {
    result = bigMulDiv(Math.abs(a), Math.abs(b), c);
  }
  return negative ? -result : result;
}

function bigMulDiv(a: number, b: number, c: number): number {
  const p = BigInt(a) * BigInt(b);
  const q = (2n * p + BigInt(c)) / (2n * BigInt(c));
  return Number(q);
}

/** The gross amount of a line: quantity in thousandths × unit price, rounded half-up once. */
export function lineGross(quantityMilli: number, unitPrice: number): number {
  return mulDivRoundHalfUp(quantityMilli, unitPrice, 1000);
}

/** A percentage in basis points (500 = 5 %) of an amount, rounded half-up. */
export function percentOf(amount: number, basisPoints: number): number {
  return mulDivRoundHalfUp(amount, basisPoints, 10_000);
}

/**
 * Splits `total` over `weights` in proportion, so that the parts add up to `total` exactly
 * (largest remainder; ties go to the earlier weight). Used to spread a receipt discount over lines.
 */
export function allocate(total: number, weights: number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`allocate needs a non-negative integer total (${total})`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.some((w) => !Number.isInteger(w) || w < 0)) throw new RangeError('allocate needs non-negative integer weights');
  if (sum === 0) return weights.map(() => 0);
  const parts = weights.map((w) => {
    const exact = BigInt(total) * BigInt(w);
    return { floor: Number(exact / BigInt(sum)), remainder: Number(exact % BigInt(sum)) };
  });
  let left = total - parts.reduce((s, p) => s + p.floor, 0);
  const order = parts.map((p, i) => ({ i, r: p.remainder })).sort((x, y) => y.r - x.r || x.i - y.i);
  const result = parts.map((p) => p.floor);
  for (const { i } of order) {
    if (left === 0) break;
    result[i] += 1;
    left -= 1;
  }
  return result;
}

/** Tax contained in a tax-inclusive amount: amount × rate / (10000 + rate), rounded half-up. */
export function taxIncluded(amount: number, rateBp: number): number {
  return mulDivRoundHalfUp(amount, rateBp, 10_000 + rateBp);
}

// Building an Intl formatter costs far more than using one (a receipt formats a dozen numbers):
// keep one per locale and options.
const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** Number of minor-unit digits of a currency (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Formats minor units for people: formatMoney(123456, 'EUR', 'en') → "€1,234.56". */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const digits = currencyDigits(currency);
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(toMajorForDisplay(minor, digits));
}

/**
 * Money on a chart's axis: a whole amount without its decimals ("€20", not "€20.00" on every
 * tick), any other with the currency's.
 */
export function formatMoneyTick(minor: number, currency: string, locale = 'en'): string {
  const digits = currencyDigits(currency);
  const shown = minor % 10 ** digits === 0 ? 0 : digits;
  return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: shown, maximumFractionDigits: shown }).format(toMajorForDisplay(minor, digits));
}

/** Formats minor units as a plain number with the currency's decimals: 123456 → "1234.56". */
export function formatAmount(minor: number, digits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10 ** digits;
  return `${sign}${Math.floor(abs / scale)}.${String(abs % scale).padStart(digits, '0')}`;
}

function toMajorForDisplay(minor: number, digits: number): number {
  // Only for Intl formatting; the decimal string round-trips exactly for safe integers.
  return Number(formatAmount(minor, digits));
}

/**
 * Parses what a cashier typed ("12", "12.5", "12,50", "1 234,56") into minor units, or null when it
 * is not an amount. Never goes through floating point.
 */
export function parseMoney(text: string, digits = 2): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f']/g, '');
  const match = /^(-?)(\d*)(?:[.,](\d*))?$/.exec(cleaned);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return null;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(whole || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

/** A quantity in thousandths for people: pieces as integers ("3"), kilograms, litres and metres with 3 decimals ("0.735"). */
export function formatQuantity(quantityMilli: number, unit: 'piece' | 'kg' | 'l' | 'm', locale = 'en'): string {
  if (unit === 'piece' && quantityMilli % 1000 === 0) return numberFormat(locale).format(quantityMilli / 1000);
  return numberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 }).format(quantityMilli / 1000);
}

/** Parses a weight typed in kilograms ("0,735", "1.2") into grams, or null. */
export function parseKilograms(text: string): number | null {
  return parseMoney(text, 3);
}

/** An exchange rate as people write it: units of one currency per unit of another, up to 8 decimals ("4.2675"); not zero. */
export const EXCHANGE_RATE = /^\d{1,9}(\.\d{1,8})?$/;

/**
 * An amount in `from`'s minor units in `to`'s minor units at `rate` (units of `to` for one unit of
 * `from`, a decimal string matching EXCHANGE_RATE), rounded half-up once. Exact: BigInt throughout.
 */
export function convertMinor(minor: number, from: string, to: string, rate: string): number {
  const [whole, fraction = ''] = rate.split('.');
  if (!Number.isSafeInteger(minor) || !EXCHANGE_RATE.test(rate) || !/[1-9]/.test(rate)) throw new RangeError(`convertMinor needs a whole amount and a rate (${minor}, ${rate})`);
  const shift = currencyDigits(to) - currencyDigits(from) - fraction.length;
  let numerator = BigInt(Math.abs(minor)) * BigInt(whole + fraction);
  let denominator = 1n;
  if (shift >= 0) numerator *= 10n ** BigInt(shift);
  else denominator = 10n ** BigInt(-shift);
  const result = Number((2n * numerator + denominator) / (2n * denominator));
  return minor < 0 ? -result : result;
}
