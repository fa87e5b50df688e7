import { I18n } from '../../../shared/i18n.svelte.ts';
import type { Locale } from '../../../shared/locales.ts';
import { en } from './en.ts';
import { lt } from './lt.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { zh } from './zh.ts';

export const catalogs: Record<Locale, Record<string, string>> = { en, ru, uk, ro, lt, zh };

/** The back office's language (the user's own, kept on their account) and formatting. */
export const i18n = new I18n<string>(catalogs, 'till.backoffice.locale');
export const t = i18n.t;

/** Marks a text for translation where it is defined; t() translates it where it is shown. */
export const msg = (text: string): string => text;
