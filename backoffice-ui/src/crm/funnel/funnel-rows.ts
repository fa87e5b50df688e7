import type { FunnelReport } from '../../../../shared/schemas/funnel.ts';

/** One row of the funnel table: a stage's figures and how many of those who entered it moved on to each next stage. */
export interface FunnelRow {
  statusId: string;
  name: string;
  count: number;
  entered: number;
  medianSeconds: number | null;
  sales: number;
  grossProfit: number | null;
  onward: { to: string; converted: number; rateBp: number | null }[];
}

/** The report as table rows, in the funnel's order. */
export function funnelRows(report: FunnelReport): FunnelRow[] {
  const names = new Map(report.stages.map((s) => [s.statusId, s.name]));
  return report.stages.map((s) => ({
    statusId: s.statusId,
    name: s.name,
    count: s.count,
    entered: s.entered,
    medianSeconds: s.medianSeconds,
    sales: s.sales,
    grossProfit: s.grossProfit,
    onward: report.conversions.filter((c) => c.fromId === s.statusId).map((c) => ({ to: names.get(c.toId) ?? '?', converted: c.converted, rateBp: c.rateBp })),
  }));
}
