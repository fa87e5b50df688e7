import { formatMoney, formatMoneyTick, formatQuantity } from './money.ts';
import { isLocale, pickLocale, type Locale } from './locales.ts';
import type { Unit } from './schemas/common.ts';
import { unitSymbol, withUnit } from './units.ts';
import { auditText, errorText, fieldErrors, nameOf, type Formatter, type Refs } from './i18n/texts.ts';
import { loadSharedCatalogue } from './i18n/catalogue-loader.ts';
import { formatText } from './plural.ts';

/** A UI's texts: English (the keys) always in the page, every other language fetched when chosen. */
export type Catalogues<K extends string> = { en: Record<K, string> } & Partial<Record<Locale, Record<K, string>>>;
export type CatalogueLoaders<K extends string> = Partial<Record<Locale, () => Promise<Record<K, string>>>>;

/**
 * A UI's language (reactive) and locale-aware formatting of money, quantities and dates. Each UI
 * makes one with its own catalogues; the choice is remembered in the browser under `storageKey`.
 * What the server sends (errors, names of roles and rights, audit acts) it writes from the shared
 * catalogue (shared/i18n) in the same language. Only the language shown is downloaded: a change of
 * language takes effect once its catalogues have arrived, and `ready` holds the first one.
 */
export class I18n<K extends string> implements Formatter {
  locale = $state<Locale>('en');
  currency = $state('EUR');
  timeZone = $state<string | undefined>(undefined);
  /** The outlet's country: its phone numbers are written the national way (shared/phone-format.ts). */
  phoneCountry = $state<string | undefined>(undefined);
  /** Chosen on this screen by hand (then it is saved to the user at sign-in), not just remembered. */
  pickedByHand = false;
  /** The saved or the browser's language, its texts arrived (the UI mounts after it). */
  readonly ready: Promise<void>;
  #asked = 0;

  constructor(
    private readonly catalogs: Catalogues<K>,
    private readonly loaders: CatalogueLoaders<K>,
    private readonly storageKey: string,
  ) {
    // The page's language picks the glyphs: Chinese left marked as English draws blanks in bold.
    document.documentElement.lang = this.locale;
    this.ready = this.setLocale(readSavedLocale(storageKey));
  }

  /** This UI's texts in a language, fetched if they are not at hand yet. */
  async texts(locale: Locale): Promise<Record<K, string>> {
    const own = this.catalogs[locale] ?? (await this.loaders[locale]?.()) ?? this.catalogs.en;
    this.catalogs[locale] = own;
    return own;
  }

  async setLocale(locale: Locale, byHand = false): Promise<void> {
    if (byHand) this.pickedByHand = true;
    try {
      localStorage.setItem(this.storageKey, locale);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    // The last choice wins when a person clicks through languages faster than they arrive.
    const asked = ++this.#asked;
    await Promise.all([this.texts(locale), loadSharedCatalogue(locale)]);
    if (asked !== this.#asked) return;
    this.locale = locale;
    document.documentElement.lang = locale;
  }

  /**
   * At sign-in each user works in their own language: one picked by hand on the sign-in screen
   * becomes theirs (saved through `save`), otherwise theirs is shown. Returns the user's language.
   */
  async adoptAtSignIn(userLocale: string | null, save: (locale: Locale) => Promise<unknown>): Promise<Locale> {
    const picked = this.pickedByHand;
    this.pickedByHand = false;
    if (picked && userLocale !== this.locale) await save(this.locale);
    else if (isLocale(userLocale)) await this.setLocale(userLocale);
    return this.locale;
  }

  /** A text in this language with its placeholders filled; counted words take the language's plural form (shared/plural.ts). */
  t = (key: K, params: Record<string, string | number> = {}): string => formatText((this.catalogs[this.locale] ?? this.catalogs.en)[key] ?? key, params, this.intlLocale);

  /** The locale for Intl: the browser's own variant of the language when it has one (en-GB writes dates day first). */
  get intlLocale(): string {
    const browser = typeof navigator === 'undefined' ? '' : navigator.language;
    return browser.toLowerCase().startsWith(`${this.locale}-`) ? browser : this.locale;
  }

  money = (minor: number): string => formatMoney(minor, this.currency, this.intlLocale);

  /** Money on a chart axis: whole amounts without decimals. */
  moneyTick = (minor: number): string => formatMoneyTick(minor, this.currency, this.intlLocale);

  /** Basis points as a percentage with one decimal ("31.3 %", the language's way). */
  percent = (bp: number | null): string => (bp === null ? '—' : `${this.number(bp / 100, 1)} %`);

  /** A quantity with its unit in the language ("1,500 л"); pieces as a bare number. */
  quantity = (quantityMilli: number, unit: Unit): string => withUnit(formatQuantity(quantityMilli, unit, this.intlLocale), unit, this.locale);

  /** After a price: what it is per (" / kg", " / л"); nothing for pieces. */
  perUnit = (unit: Unit): string => (unit === 'piece' ? '' : ` / ${unitSymbol(unit, this.locale)}`);

  number = (value: number, digits = 0): string => new Intl.NumberFormat(this.intlLocale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);

  date = (iso: string): string => new Intl.DateTimeFormat(this.intlLocale, { dateStyle: 'medium', timeZone: this.timeZone }).format(new Date(iso));

  dateTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.intlLocale, { dateStyle: 'short', timeStyle: 'short', timeZone: this.timeZone }).format(new Date(iso));

  time = (iso: string): string => new Intl.DateTimeFormat(this.intlLocale, { timeStyle: 'medium', timeZone: this.timeZone }).format(new Date(iso));

  /** What went wrong, from an API error (its code and details), in this language. */
  error = (err: unknown): string => errorText(err, this);

  /** What is wrong with each field an API error names, by path (`name`, `lines.0.quantityMilli`). */
  fieldErrors = (err: unknown): Record<string, string> => fieldErrors(err, this);

  /** The name of a server identifier: name('role', 'senior_cashier'), name('right', 'void-line'). */
  name = (kind: string, id: string): string => nameOf(kind, id, this.locale);

  /** An audit entry as a sentence, with the names of the records it refers to. */
  audit = (entry: { action: string; details: Record<string, unknown>; entityId?: string | null }, refs?: Refs): string => auditText(entry, this, refs);
}

function readSavedLocale(storageKey: string): Locale {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLocale(saved)) return saved;
  } catch {
    // No storage: fall through to the browser's language.
  }
  return pickLocale(navigator.languages ?? [navigator.language]);
}
