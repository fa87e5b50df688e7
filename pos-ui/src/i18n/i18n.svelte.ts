import { I18n, type CatalogueLoaders } from '../../../shared/i18n.svelte.ts';
import { LOCALES, type Locale } from '../../../shared/locales.ts';
import { en, type Text } from './en.ts';

export { LOCALES, type Locale, type Text };

// Each language its own chunk, fetched when chosen (see I18n).
const loaders: CatalogueLoaders<Text> = {
  ru: () => import('./ru.ts').then((m) => m.ru),
  uk: () => import('./uk.ts').then((m) => m.uk),
  ro: () => import('./ro.ts').then((m) => m.ro),
  lt: () => import('./lt.ts').then((m) => m.lt),
  zh: () => import('./zh.ts').then((m) => m.zh),
};

/** The register's language and formatting; texts are written in English, as the back office's are. */
export const i18n = new I18n<Text>({ en }, loaders, 'till.locale');
export const t = i18n.t;

/** Marks a text for translation where it is defined; t() translates it where it is shown. */
export const msg = (text: Text): Text => text;
