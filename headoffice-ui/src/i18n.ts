import { I18n } from '../../shared/i18n.svelte.ts';
import { catalogs, type Key } from './i18n/catalogs.ts';

// Head office's own few texts are all in the page; the server's texts come in the language shown.
export const i18n = new I18n<Key>(catalogs, {}, 'till.headoffice.locale');
export const t = i18n.t;
