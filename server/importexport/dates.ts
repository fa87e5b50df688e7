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

/** The year, month and day a text writes in a format (ISO days in every one), or null. */
function dateParts(t: string, format: DateFormat): { y: string; m: string; d: string } | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t);
  if (iso) return { y: iso[1], m: iso[2], d: iso[3] };
  if (format === 'ymd') {
    const match = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/.exec(t);
    return match ? { y: match[1], m: match[2], d: match[3] } : null;
  }
  if (format === 'serial') return null;
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (!match) return null;
  return format === 'dmy' ? { y: match[3], m: match[2], d: match[1] } : { y: match[3], m: match[1], d: match[2] };
}

const isSerial = (t: string) => /^\d{1,7}(?:\.\d+)?$/.test(t);

/**
 * Text that is a date in a format: the ISO day, or null (also for a date that is no calendar day,
 * 1980-02-31). `serials` reads a bare day number in any format: in a workbook, a date cell left in
 * General format shows its day number.
 */
export function readDate(text: string, format: DateFormat, date1904 = false, serials = false): string | null {
  const t = text.trim();
  if (isSerial(t) && (format === 'serial' || serials)) return excelSerialDay(Number(t), date1904);
  const parts = dateParts(t, format);
  if (!parts) return null;
  const day = `${parts.y}-${pad(parts.m)}-${pad(parts.d)}`;
  return isCalendarDay(day) ? day : null;
}

/** Whether a text is written as a date in a format, valid day or not (a 31 February is still written day first). */
function writtenAs(text: string, format: DateFormat, serials: boolean): boolean {
  if (isSerial(text)) return (format === 'serial' || serials) && excelSerialDay(Number(text)) !== null;
  const parts = dateParts(text, format);
  return parts !== null && Number(parts.m) >= 1 && Number(parts.m) <= 12 && Number(parts.d) >= 1 && Number(parts.d) <= 31;
}

/**
 * The format a column's dates are written in, from its values: the one that reads most of them
 * (by their shape: a mistyped day does not make a column another format), and of those that do,
 * the one the writing suggests (a dot or a four-digit year first), else the outlet's way (day
 * first but in American English). Null when no format reads most of them (no date column).
 */
export function detectDateFormat(values: string[], monthFirst = false, serials = false): DateFormat | null {
  const filled = values.map((v) => v.trim()).filter(Boolean);
  if (!filled.length) return null;
  const reads = (format: DateFormat) => filled.filter((v) => writtenAs(v, format, serials)).length;
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
