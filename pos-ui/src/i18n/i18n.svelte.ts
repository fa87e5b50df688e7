import { I18n } from '../../../shared/i18n.svelte.ts';
import { LOCALES, type Locale } from '../../../shared/locales.ts';
import { en, type MessageKey } from './en.ts';
import { lt } from './lt.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';
import { uk } from './uk.ts';
import { zh } from './zh.ts';

export { LOCALES, type Locale };

export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, ru, uk, ro, lt, zh };

/** The register's language and formatting. */
export const i18n = new I18n<MessageKey>(catalogs, 'till.locale');
export const t = i18n.t;
