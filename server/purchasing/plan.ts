/** What the purchase plan knows about one product at one outlet. Quantities in thousandths. */
export interface PlanInput {
  /** Sold (net of returns) over the last `windowDays`. */
  soldMilli: number;
  /** Of that, pre-orders collected: demand already met, not a rate of sale to plan on. */
  collectedMilli: number;
  windowDays: number;
  onHandMilli: number;
  /** Held for customers whose pre-orders arrived. */
  reservedMilli: number;
  /** Wanted by pre-orders not yet arrived (new, confirmed, ordered). */
  preOrderedMilli: number;
  /** On purchase orders sent and not yet received. */
  onOrderMilli: number;
  minMilli: number;
  leadTimeDays: number;
  /** Days the order should last once it arrives, until the next one. */
  coverDays: number;
  packMilli: number;
}

export interface PlanLine {
  dailyMilli: number;
  /** What should be on hand or on its way: sales until the order after this one arrives, the minimum, the pre-orders. */
  targetMilli: number;
  /** Free stock plus what is on order. */
  positionMilli: number;
  suggestedMilli: number;
}

/**
 * The suggested order quantity: enough to cover the sales expected over the lead time and the
 * cover period, keep the minimum level, and fill the customers' pre-orders, less what is free on
 * the shelf and already on order; rounded up to whole packs. Never negative. The rate of sale
 * leaves collected pre-orders out: each was ordered for once, and open ones count on their own.
 */
export function suggestQuantity(p: PlanInput): PlanLine {
  const dailyMilli = p.windowDays > 0 ? Math.max(0, p.soldMilli - p.collectedMilli) / p.windowDays : 0;
  const targetMilli = Math.ceil(dailyMilli * (p.leadTimeDays + p.coverDays)) + p.minMilli + p.preOrderedMilli;
  const positionMilli = p.onHandMilli - p.reservedMilli + p.onOrderMilli;
  const need = targetMilli - positionMilli;
  const pack = Math.max(1, p.packMilli);
  const suggestedMilli = need > 0 ? Math.ceil(need / pack) * pack : 0;
  return { dailyMilli: Math.round(dailyMilli), targetMilli, positionMilli, suggestedMilli };
}
