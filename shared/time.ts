/** Wall-clock time in a time zone as "YYYY-MM-DDTHH:MM:SS", the form the pricing function takes. */
export function localTimeIn(timeZone: string, at: Date = new Date()): string {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
}

// Building an Intl formatter costs far more than using one: keep one per time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The instant a local calendar day ("YYYY-MM-DD") begins in a time zone. */
export function startOfLocalDay(timeZone: string, day: string): Date {
  return instantOfLocalTime(timeZone, `${day}T00:00`);
}

/** The instant a wall-clock time ("YYYY-MM-DDTHH:MM") shows in a time zone. */
export function instantOfLocalTime(timeZone: string, local: string): Date {
  const asUtc = Date.parse(`${local.slice(0, 16)}:00Z`);
  // How far the zone's clock is ahead of UTC around that time.
  const offset = Date.parse(`${localTimeIn(timeZone, new Date(asUtc))}Z`) - asUtc;
  return new Date(asUtc - offset);
}

/** A local calendar day moved by whole days ("2026-03-01", -1 → "2026-02-28"). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whether a text names a time zone this runtime knows ("Europe/Vilnius", "UTC"). */
export function isTimeZone(text: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}
