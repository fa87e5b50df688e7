import { formatMoney, formatQuantity } from '../../../shared/money.ts';
import { en, type MessageKey } from './en.ts';
import { ru } from './ru.ts';

export const LOCALES = { en: 'English', ru: 'Русский' } as const;
export type Locale = keyof typeof LOCALES;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ru };

/** The register's language and the locale-aware formatting of money, quantities and dates. */
class I18n {
  locale = $state<Locale>(readSavedLocale());
  currency = $state('EUR');
  timeZone = $state<string | undefined>(undefined);

  setLocale(locale: Locale): void {
    this.locale = locale;
    try {
      localStorage.setItem('till.locale', locale);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    document.documentElement.lang = locale;
  }

  t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
    catalogs[this.locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

  money = (minor: number): string => formatMoney(minor, this.currency, this.locale);

  quantity = (quantityMilli: number, unit: 'piece' | 'kg'): string => `${formatQuantity(quantityMilli, unit, this.locale)}${unit === 'kg' ? ' kg' : ''}`;

  dateTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'short', timeZone: this.timeZone }).format(new Date(iso));
}

function readSavedLocale(): Locale {
  try {
    const saved = localStorage.getItem('till.locale');
    if (saved && saved in LOCALES) return saved as Locale;
  } catch {
    // No storage: fall through to the browser's language.
  }
  return navigator.language?.startsWith('ru') ? 'ru' : 'en';
}

export const i18n = new I18n();
export const t = i18n.t;
