import type { FunnelConversion, FunnelDefinition, FunnelQuery, FunnelReport, FunnelStage } from '../../../shared/schemas/funnel.ts';
import { addDays, startOfLocalDay } from '../../../shared/time.ts';
import type { AuthContext } from '../../auth/context.ts';
import { sqliteOf, type Db } from '../../db/client.ts';
import { sqliteTimestamp, statement } from '../../db/statements.ts';
import type { OutletInfo } from '../../outlet.ts';
import { bp, revenueOf } from '../../reports/figures.ts';
import { signed } from '../../reports/queries.ts';
import { seenCustomersSql, type CustomerVisibility } from '../visibility.ts';
import { funnelDefinition } from './statuses.ts';

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

/** The funnel report of the customers the caller sees (one manager's, when asked), for days in the outlet's time zone. */
export class FunnelReports {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly visibility: CustomerVisibility,
  ) {}

  async report(auth: AuthContext, query: FunnelQuery): Promise<FunnelReport> {
    const zone = this.outlet.view.timezone;
    const from = startOfLocalDay(zone, query.from);
    const to = startOfLocalDay(zone, addDays(query.to, 1));
    const seen = seenCustomersSql(this.visibility.seenBy(auth));
    const customers = `SELECT c."id" FROM "Customer" c WHERE c."mergedIntoId" IS NULL AND ${seen.where}${query.managerId ? ` AND c."id" IN (SELECT "customerId" FROM "CustomerManager" WHERE "managerId" = @managerId)` : ''}`;
    const params = { ...seen.params, ...(query.managerId ? { managerId: query.managerId } : {}), from: sqliteTimestamp(from), to: sqliteTimestamp(to) };
    const sql = sqliteOf(this.db);
    const moves = (statement(sql, `SELECT "customerId", "toId", "at" FROM "CustomerStatusChange" WHERE "at" < @to AND "customerId" IN (${customers}) ORDER BY "customerId", "at", "id"`).all(params) as { customerId: string; toId: string; at: string }[]).map(
      (m) => ({ customerId: m.customerId, toId: m.toId, at: Date.parse(m.at) }),
    );
    const sales = statement(
      sql,
      `SELECT s."customerId" AS "customerId", ${signed('l."amount"')} AS "sales", ${signed('l."taxAmount"')} AS "tax", ${signed('l."costAmount"')} AS "cost"
       FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id"
       WHERE s."createdAt" >= @from AND s."createdAt" < @to AND l."kind" = 'goods' AND s."customerId" IN (${customers})
       GROUP BY s."customerId"`,
    ).all(params) as CustomerSales[];
    const definition = await funnelDefinition(this.db, this.outlet.id);
    const basis = this.outlet.settings.vatRegistered ? 'net' : 'gross';
    return { from: query.from, to: query.to, managerId: query.managerId ?? null, ...funnelFigures(definition, moves, sales, { from: from.getTime(), to: to.getTime() }, basis) };
  }
}
