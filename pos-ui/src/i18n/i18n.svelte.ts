import { I18n } from '../../../shared/i18n.svelte.ts';
import { LOCALES, type Locale } from '../../../shared/locales.ts';
import { en, type Text } from './en.ts';
import { lt } from './lt.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { zh } from './zh.ts';

export { LOCALES, type Locale, type Text };

export const catalogs: Record<Locale, Record<Text, string>> = { en, ru, uk, ro, lt, zh };

/** The register's language and formatting; texts are written in English, as the back office's are. */
export const i18n = new I18n<Text>(catalogs, 'till.locale');
export const t = i18n.t;

/** Marks a text for translation where it is defined; t() translates it where it is shown. */
export const msg = (text: Text): Text => text;
