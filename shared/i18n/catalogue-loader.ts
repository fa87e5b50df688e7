import type { Locale } from '../locales.ts';
import type { SharedCatalogue } from './en.ts';
import { addCatalogue } from './texts.ts';

// Each language its own chunk, fetched when a person chooses it (English is always in the page).
const loaders: Record<Exclude<Locale, 'en'>, () => Promise<SharedCatalogue>> = {
  ru: () => import('./ru.ts').then((m) => m.ru),
  uk: () => import('./uk.ts').then((m) => m.uk),
  ro: () => import('./ro.ts').then((m) => m.ro),
  lt: () => import('./lt.ts').then((m) => m.lt),
  zh: () => import('./zh.ts').then((m) => m.zh),
};

/** Fetches the server texts' catalogue of a language for a UI and puts it at hand. */
export async function loadSharedCatalogue(locale: Locale): Promise<void> {
  if (locale !== 'en') addCatalogue(locale, await loaders[locale]());
}
