import type { Locale } from '../locales.ts';
import { en, type SharedCatalogue } from './en.ts';
import { lt } from './lt.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { zh } from './zh.ts';

/** The texts of the server's answers (errors, names, audit sentences, customer notices) in every language. */
export const CATALOGUES: Record<Locale, SharedCatalogue> = { en, ru, uk, ro, lt, zh };
