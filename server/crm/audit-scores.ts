// The audit of the client base in pure functions: RFM scores and segments, ABC classes, a
// customer's own rhythm. The SQL (audit.ts) only gathers the facts; the rules are all here.
import type { RFM_SEGMENTS } from '../../shared/schemas/audit.ts';

export type RfmSegment = (typeof RFM_SEGMENTS)[number];
export type AbcClass = 'A' | 'B' | 'C';

/**
 * Quintile scores 1–5 over the values given (higher value, better score): a customer scores
 * 1 + ⌊5 × (customers with a strictly lower value) ÷ (all customers)⌋. Equal values score alike,
 * so a tie never splits between two scores, and the best fifth of the customers scores 5.
 */
export function quintileScores(values: Map<string, number>): Map<string, number> {
  const sorted = [...values.values()].sort((a, b) => a - b);
  const n = sorted.length;
  const below = (v: number) => {
    let [lo, hi] = [0, n];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return new Map([...values].map(([id, v]) => [id, 1 + Math.floor((5 * below(v)) / n)]));
}

/**
 * The named segment of a customer's scores, the first that fits:
 * champions R ≥ 4, F ≥ 4 and M ≥ 4; loyal R ≥ 3 and F ≥ 3; promising R ≥ 3 (recent, few purchases);
 * at risk R ≤ 2 and F ≥ 3 (bought often, not lately); hibernating R = 2; lost R = 1.
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  if (r >= 4 && f >= 4 && m >= 4) return 'champions';
  if (r >= 3 && f >= 3) return 'loyal';
  if (r >= 3) return 'promising';
  if (f >= 3) return 'at-risk';
  return r === 2 ? 'hibernating' : 'lost';
}

/**
 * ABC by gross profit: customers from the most profitable down (equal profit by id); a customer is A
 * while the profit of those before them is under 80 % of the total, B while under 95 %, else C.
 * The total is of the positive profits; a customer who made no profit (or a loss) is always C.
 */
export function abcClasses(grossProfit: Map<string, number>): Map<string, AbcClass> {
  const ranked = [...grossProfit].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const total = ranked.reduce((sum, [, p]) => sum + Math.max(p, 0), 0);
  const classes = new Map<string, AbcClass>();
  let before = 0;
  for (const [id, profit] of ranked) {
    classes.set(id, profit <= 0 ? 'C' : before * 100 < total * 80 ? 'A' : before * 100 < total * 95 ? 'B' : 'C');
    before += Math.max(profit, 0);
  }
  return classes;
}

const DAY_MS = 86_400_000;

/** The days (UTC) a customer bought on, oldest first: two receipts on one day are one visit. */
const purchaseDays = (purchases: number[]) => [...new Set(purchases.map((t) => Math.floor(t / DAY_MS)))].sort((a, b) => a - b);

/** The median of the gaps between the days they bought on, in days (two middle gaps averaged); null below three days. */
export function medianIntervalDays(purchases: number[]): number | null {
  const days = purchaseDays(purchases);
  if (days.length < 3) return null;
  const gaps = days.slice(1).map((d, i) => d - days[i]).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** A customer's rhythm: the median gap between the days they bought on (null below three days) and their last purchase. */
export interface Rhythm {
  medianDays: number | null;
  lastMs: number;
}

export const rhythmOf = (purchases: number[]): Rhythm => ({ medianDays: medianIntervalDays(purchases), lastMs: purchases.reduce((a, b) => (b > a ? b : a), -Infinity) });

/**
 * A customer off their own rhythm: purchases on three days or more, and longer since the last than
 * twice the median gap between those days.
 */
export function offRhythm(rhythm: Rhythm, now: number): boolean {
  return rhythm.medianDays !== null && (now - rhythm.lastMs) / DAY_MS > 2 * rhythm.medianDays;
}
