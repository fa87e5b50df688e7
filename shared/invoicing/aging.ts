import type { AgedBuckets } from '../schemas/invoicing.ts';

/** Whole days from one day to another (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The bucket of money owed on an invoice as of a day: not due yet, or by days past its due date. */
export function agedBucket(dueDate: string, asOf: string): keyof Omit<AgedBuckets, 'total'> {
  const late = daysBetween(dueDate, asOf);
  if (late <= 0) return 'notDue';
  if (late <= 30) return 'days1to30';
  if (late <= 60) return 'days31to60';
  if (late <= 90) return 'days61to90';
  return 'over90';
}

export const emptyBuckets = (): AgedBuckets => ({ notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0, total: 0 });

/** Adds what an invoice owes as of a day to its bucket and the total of each of `sums`. */
export function addAged(sums: AgedBuckets[], dueDate: string, asOf: string, owed: number): void {
  const bucket = agedBucket(dueDate, asOf);
  for (const s of sums) {
    s[bucket] += owed;
    s.total += owed;
  }
}
