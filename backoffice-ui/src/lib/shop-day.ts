import { localTimeIn } from '../../../shared/time.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/** Today on the shop's clock (YYYY-MM-DD), as the server dates its documents. */
export const shopToday = (): string => localTimeIn(i18n.timeZone ?? 'UTC').slice(0, 10);

/** The first day of the shop's current month. */
export const monthStart = (): string => `${shopToday().slice(0, 8)}01`;
