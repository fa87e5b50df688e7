import { I18n, type CatalogueLoaders } from '../../../shared/i18n.svelte.ts';
import { en } from './en.ts';

// Each language its own chunk, fetched when chosen (see I18n).
const loaders: CatalogueLoaders<string> = {
  ru: () => import('./ru.ts').then((m) => m.ru),
  uk: () => import('./uk.ts').then((m) => m.uk),
  ro: () => import('./ro.ts').then((m) => m.ro),
  lt: () => import('./lt.ts').then((m) => m.lt),
  zh: () => import('./zh.ts').then((m) => m.zh),
};

/** The back office's language (the user's own, kept on their account) and formatting. */
export const i18n = new I18n<string>({ en }, loaders, 'till.backoffice.locale');
export const t = i18n.t;

/** Marks a text for translation where it is defined; t() translates it where it is shown. */
export const msg = (text: string): string => text;
