import type { Locale } from '../locales.ts';
import { en, type SharedCatalogue } from './en.ts';
import { lt } from './lt.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { zh } from './zh.ts';
import { addCatalogue } from './texts.ts';

/** The texts of the server's answers (errors, names, audit sentences, customer notices) in every language. */
export const CATALOGUES: Record<Locale, SharedCatalogue> = { en, ru, uk, ro, lt, zh };
for (const [locale, catalogue] of Object.entries(CATALOGUES)) addCatalogue(locale as Locale, catalogue);

/** What the server writes to a customer, in any of the languages (all are at hand here). */
export { formatterFor, noticeText } from './texts.ts';
