import { instantOfLocalTime, localTimeIn } from '../../../shared/time.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

// Tasks are due at the shop's local time (the outlet's time zone), whatever the tablet's zone.

const zone = (): string => i18n.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Today's date at the shop, YYYY-MM-DD. */
export const shopToday = (): string => localTimeIn(zone()).slice(0, 10);

/** The instant of a date and time at the shop, as ISO; undefined when either is missing. */
export const shopInstant = (day: string, time: string): string | undefined => (day && time ? instantOfLocalTime(zone(), `${day}T${time}`).toISOString() : undefined);

/** An instant's date and time (HH:MM) at the shop. */
export function shopDayAndTime(iso: string): { day: string; time: string } {
  const [day, time] = localTimeIn(zone(), new Date(iso)).split('T');
  return { day, time: time.slice(0, 5) };
}
