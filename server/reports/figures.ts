// Report figures from aggregated sales facts: pure functions, tested on their own
// (figures.test.ts). The SQL in queries.ts only sums; everything derived is computed here.

/** Net sales of one group (a product, category, cashier, customer…): returns already subtracted. */
export interface SalesFact {
  key: string;
  label: string;
  quantityMilli: number;
  /** What customers paid, minor units. */
  revenue: number;
  /** Cost of the goods sold, minor units. */
  cost: number;
  discount: number;
  receipts: number;
}

export interface SalesRow extends SalesFact {
  grossProfit: number;
  /** Gross profit as basis points of revenue; null without revenue. */
  marginBp: number | null;
  /** Share of the total revenue, basis points. */
  shareBp: number;
}

const bp = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/** Sums facts into coarser groups (products into their categories). */
export function regroup<T extends SalesFact>(facts: T[], groupOf: (fact: T) => { key: string; label: string }): SalesFact[] {
  const groups = new Map<string, SalesFact>();
  for (const f of facts) {
    const { key, label } = groupOf(f);
    const g = groups.get(key) ?? { key, label, quantityMilli: 0, revenue: 0, cost: 0, discount: 0, receipts: 0 };
    g.quantityMilli += f.quantityMilli;
    g.revenue += f.revenue;
    g.cost += f.cost;
    g.discount += f.discount;
    g.receipts += f.receipts;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Gross profit, margin and share for each row, biggest revenue first (ties by label). */
export function salesRows(facts: SalesFact[]): SalesRow[] {
  const total = facts.reduce((s, f) => s + f.revenue, 0);
  return facts
    .map((f) => ({ ...f, grossProfit: f.revenue - f.cost, marginBp: bp(f.revenue - f.cost, f.revenue), shareBp: bp(f.revenue, total) ?? 0 }))
    .sort((a, b) => b.revenue - a.revenue || a.label.localeCompare(b.label));
}

export function totals(rows: SalesFact[]): Omit<SalesRow, 'key' | 'label' | 'shareBp'> {
  const sum = (k: 'quantityMilli' | 'revenue' | 'cost' | 'discount' | 'receipts') => rows.reduce((s, r) => s + r[k], 0);
  const revenue = sum('revenue');
  const cost = sum('cost');
  return { quantityMilli: sum('quantityMilli'), revenue, cost, discount: sum('discount'), receipts: sum('receipts'), grossProfit: revenue - cost, marginBp: bp(revenue - cost, revenue) };
}

/** Best sellers by revenue and slow movers (least quantity sold, including nothing) from one list. */
export function bestAndSlow(rows: SalesRow[], n: number): { best: SalesRow[]; slow: SalesRow[] } {
  return { best: rows.slice(0, n), slow: [...rows].sort((a, b) => a.quantityMilli - b.quantityMilli || a.label.localeCompare(b.label)).slice(0, n) };
}

/** One period's headline figures. */
export interface PeriodFigures {
  revenue: number;
  receipts: number;
  averageReceipt: number;
  grossProfit: number;
  marginBp: number | null;
}

export function periodFigures(revenue: number, cost: number, receipts: number): PeriodFigures {
  return { revenue, receipts, averageReceipt: receipts ? Math.round(revenue / receipts) : 0, grossProfit: revenue - cost, marginBp: bp(revenue - cost, revenue) };
}

/** Change from the previous period, basis points (null when the previous one had none). */
export function change(current: number, previous: number): number | null {
  return previous === 0 ? null : Math.round(((current - previous) * 10_000) / Math.abs(previous));
}

/** Revenue per local hour of the day (0–23) from sale times and totals, returns negative. */
export function byHour(documents: { localHour: number; total: number }[]): number[] {
  const hours = Array.from({ length: 24 }, () => 0);
  for (const d of documents) hours[d.localHour] += d.total;
  return hours;
}

/** A closed shift as the shift history shows it. */
export interface ClosedShift {
  id: string;
  register: string;
  number: number;
  openedAt: string;
  closedAt: string;
  closedBy: string;
  salesTotal: number;
  returnsTotal: number;
  expectedCash: number;
  countedCash: number;
}

/** Shift history with the cash difference of each (counted − expected) and the period's totals. */
export function shiftHistory(shifts: ClosedShift[]) {
  const rows = shifts.map((s) => ({ ...s, difference: s.countedCash - s.expectedCash }));
  return {
    rows,
    totals: {
      salesTotal: rows.reduce((t, r) => t + r.salesTotal, 0),
      returnsTotal: rows.reduce((t, r) => t + r.returnsTotal, 0),
      difference: rows.reduce((t, r) => t + r.difference, 0),
      short: rows.filter((r) => r.difference < 0).length,
    },
  };
}
