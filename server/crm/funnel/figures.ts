import type { FunnelConversion, FunnelDefinition, FunnelReport, FunnelStage } from '../../../shared/schemas/funnel.ts';
import { bp, revenueOf } from '../../reports/figures.ts';

/** One row of a customer's status history, its time in milliseconds. */
export interface Move {
  customerId: string;
  toId: string;
  at: number;
}

/** What a customer bought in the period: sales (VAT included, returns subtracted), the VAT in them, the cost of the goods. */
export interface CustomerSales {
  customerId: string;
  sales: number;
  tax: number;
  cost: number;
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The funnel's figures from the customers' moves (each customer's in time order, none after the
 * period) and their sales in the period: who is in each stage at the period's end, who entered it
 * in the period, how long the stays that ended in the period lasted, where those who entered a
 * stage went next, and what the customers of each stage bought.
 */
export function funnelFigures(definition: FunnelDefinition, moves: Move[], sales: CustomerSales[], period: { from: number; to: number }, basis: 'net' | 'gross'): Pick<FunnelReport, 'stages' | 'conversions'> {
  const within = (at: number) => at >= period.from && at < period.to;
  const stageAtEnd = new Map<string, string>();
  const entered = new Map<string, Set<string>>();
  const stays = new Map<string, number[]>();
  const next = new Map<string, Set<string>>();
  moves.forEach((move, i) => {
    stageAtEnd.set(move.customerId, move.toId);
    const following = moves[i + 1]?.customerId === move.customerId ? moves[i + 1] : null;
    if (within(move.at)) {
      (entered.get(move.toId) ?? entered.set(move.toId, new Set()).get(move.toId)!).add(move.customerId);
      if (following) {
        const pair = `${move.toId}>${following.toId}`;
        (next.get(pair) ?? next.set(pair, new Set()).get(pair)!).add(move.customerId);
      }
    }
    if (following && within(following.at)) (stays.get(move.toId) ?? stays.set(move.toId, []).get(move.toId)!).push((following.at - move.at) / 1000);
  });
  const value = new Map<string, { sales: number; revenue: number; cost: number }>();
  for (const s of sales) {
    const stage = stageAtEnd.get(s.customerId);
    if (!stage) continue;
    const sum = value.get(stage) ?? { sales: 0, revenue: 0, cost: 0 };
    sum.sales += s.sales;
    sum.revenue += revenueOf(s, basis);
    sum.cost += s.cost;
    value.set(stage, sum);
  }
  const counts = new Map<string, number>();
  for (const stage of stageAtEnd.values()) counts.set(stage, (counts.get(stage) ?? 0) + 1);

  const stages: FunnelStage[] = definition.statuses.map((s) => {
    const lengths = stays.get(s.id) ?? [];
    const v = value.get(s.id) ?? { sales: 0, revenue: 0, cost: 0 };
    return {
      statusId: s.id,
      name: s.name,
      customerType: s.customerType,
      count: counts.get(s.id) ?? 0,
      entered: entered.get(s.id)?.size ?? 0,
      stays: lengths.length,
      medianSeconds: median(lengths),
      meanSeconds: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : null,
      sales: v.sales,
      grossProfit: v.cost ? v.revenue - v.cost : null,
    };
  });
  const conversions: FunnelConversion[] = definition.moves.map((m) => {
    const from = entered.get(m.fromId)?.size ?? 0;
    const converted = next.get(`${m.fromId}>${m.toId}`)?.size ?? 0;
    return { fromId: m.fromId, toId: m.toId, entered: from, converted, rateBp: bp(converted, from) };
  });
  return { stages, conversions };
}
