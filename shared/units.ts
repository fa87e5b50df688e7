import { isLocale, type Locale } from './locales.ts';
import type { Unit } from './schemas/common.ts';

/**
 * How each language writes a unit after a quantity ("1,500 л"); pieces are written without one.
 * Kilograms keep the international "kg", which every shop here prints on its scales' labels.
 */
const SYMBOLS: Record<Locale, Record<Exclude<Unit, 'piece'>, string>> = {
  en: { kg: 'kg', l: 'l', m: 'm' },
  ru: { kg: 'kg', l: 'л', m: 'м' },
  uk: { kg: 'kg', l: 'л', m: 'м' },
  ro: { kg: 'kg', l: 'l', m: 'm' },
  lt: { kg: 'kg', l: 'l', m: 'm' },
  zh: { kg: 'kg', l: '升', m: '米' },
};

/** The unit's symbol in a language (a BCP 47 tag such as "ru" or "en-GB"), empty for pieces. */
export function unitSymbol(unit: Unit, locale: string): string {
  if (unit === 'piece') return '';
  const language = locale.toLowerCase().split('-')[0];
  return SYMBOLS[isLocale(language) ? language : 'en'][unit];
}

/** A written quantity followed by its unit's symbol in a language ("1.500 л"; pieces bare). */
export const withUnit = (quantity: string, unit: Unit, locale: string): string => (unit === 'piece' ? quantity : `${quantity} ${unitSymbol(unit, locale)}`);
