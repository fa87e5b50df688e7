import { DATE_FORMATS, type DateFormat } from '../../shared/schemas/importexport.ts';
import { isCalendarDay } from '../../shared/schemas/common.ts';

const pad = (n: string) => n.padStart(2, '0');

/** Day numbers of Excel's two date systems: serial 0 is 1899-12-30 (1900 system, after its leap-year bug) or 1904-01-01. */
const EXCEL_EPOCH = { 1900: Date.UTC(1899, 11, 30), 1904: Date.UTC(1904, 0, 1) };

/** An Excel date serial as a day; Excel's serials go to 9999-12-31. */
export function excelSerialDay(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  return new Date(EXCEL_EPOCH[date1904 ? 1904 : 1900] + Math.floor(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** Text that is a date in a format: the ISO day, or null (also for a date that is no calendar day, 1980-02-31). */
export function readDate(text: string, format: DateFormat, date1904 = false): string | null {
  const t = text.trim();
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  // An ISO day (what an XLSX date cell reads as) or an ISO date-time is read in every format.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (iso) [, y, m, d] = iso;
  else if (format === 'serial') {
    return /^\d{1,7}(?:\.\d+)?$/.test(t) ? excelSerialDay(Number(t), date1904) : null;
  } else if (format === 'ymd') {
    const match = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/.exec(t);
    if (match) [, y, m, d] = match;
  } else {
    const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
    if (match) [, y, m, d] = format === 'dmy' ? [match[0], match[3], match[2], match[1]] : [match[0], match[3], match[1], match[2]];
  }
  if (!y || !m || !d) return null;
  const day = `${y}-${pad(m)}-${pad(d)}`;
  return isCalendarDay(day) ? day : null;
}

/**
 * The format a column's dates are written in, from its values: the one that reads every date,
 * and of those that do, the one the writing suggests (a dot or a four-digit year first), else the
 * outlet's way of writing dates (day first but in American English). Null when no format reads
 * most of them (it is not a date column).
 */
export function detectDateFormat(values: string[], monthFirst = false): DateFormat | null {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (!filled.length) return null;
  const reads = (format: DateFormat) => filled.filter((v) => readDate(v, format) !== null).length;
  const counts = Object.fromEntries(DATE_FORMATS.map((f) => [f, reads(f)])) as Record<DateFormat, number>;
  const best = Math.max(...Object.values(counts));
  if (best < filled.length * 0.8) return null;
  const candidates = DATE_FORMATS.filter((f) => counts[f] === best);
  if (candidates.length === 1) return candidates[0];
  if (candidates.includes('ymd') && filled.some((v) => /^\d{4}[./]/.test(v))) return 'ymd';
  if (candidates.includes('dmy') && filled.some((v) => /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v))) return 'dmy';
  if (candidates.includes('mdy') && monthFirst) return 'mdy';
  return candidates.includes('dmy') ? 'dmy' : candidates[0];
}
