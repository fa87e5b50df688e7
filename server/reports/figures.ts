// Report figures from aggregated sales facts: pure functions, tested on their own
// (figures.test.ts). The SQL in queries.ts only sums; everything derived is computed here.
import type { Unit } from '../../shared/schemas/common.ts';
import type { RevenueBasis, SalesRow, SalesTotals, TaxRow } from '../../shared/schemas/reports.ts';

/** Net sales of goods of one group (a product, category, day, customer…): returns already subtracted. */
export interface SalesFact {
  key: string;
  label: string;
  /** Quantity sold in each unit the group's goods are sold in, apart: pieces, kilograms, litres and metres never add up. */
  quantities: Quantities;
  /** What customers paid, VAT included, minor units. */
  sales: number;
  /** The VAT inside `sales`, as each line was sold. */
  tax: number;
  /** Cost of the goods sold, net of recoverable VAT. */
  cost: number;
  discount: number;
  receipts: number;
}

export type Quantities = Partial<Record<Unit, number>>;

export const emptyFact = (key: string, label: string): SalesFact => ({ key, label, quantities: {}, sales: 0, tax: 0, cost: 0, discount: 0, receipts: 0 });

/** A share in basis points; null of nothing. */
export const bp = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/** Adds one fact's sums into another. */
export function addFact(into: SalesFact, f: Omit<SalesFact, 'key' | 'label'>): SalesFact {
  for (const [unit, milli] of Object.entries(f.quantities) as [Unit, number][]) into.quantities[unit] = (into.quantities[unit] ?? 0) + milli;
  into.sales += f.sales;
  into.tax += f.tax;
  into.cost += f.cost;
  into.discount += f.discount;
  into.receipts += f.receipts;
  return into;
}

/** Sums facts into coarser groups (products into their categories). */
export function regroup<T extends SalesFact>(facts: T[], groupOf: (fact: T) => { key: string; label: string }): SalesFact[] {
  const groups = new Map<string, SalesFact>();
  for (const f of facts) {
    const { key, label } = groupOf(f);
    groups.set(key, addFact(groups.get(key) ?? emptyFact(key, label), f));
  }
  return [...groups.values()];
}

/** The shop's revenue basis: net of VAT when it is VAT-registered, as paid otherwise. */
export const revenueBasisOf = (settings: { vatRegistered: boolean }): RevenueBasis => (settings.vatRegistered ? 'net' : 'gross');

/**
 * Revenue on the shop's basis: net of VAT for a VAT-registered shop (what the shop earned), what
 * customers paid otherwise (a shop that is not registered keeps the VAT it charges in its prices).
 */
export const revenueOf = (f: { sales: number; tax: number }, basis: RevenueBasis) => (basis === 'net' ? f.sales - f.tax : f.sales);

/** A quantity only where it is of one unit: a group selling goods of several units (pieces and litres) shows none. */
function quantity(f: { quantities: Quantities }): { quantityMilli: number | null; unit: Unit | null } {
  const units = Object.entries(f.quantities) as [Unit, number][];
  if (units.length === 0) return { quantityMilli: 0, unit: 'piece' };
  if (units.length === 1) return { quantityMilli: units[0][1], unit: units[0][0] };
  return { quantityMilli: null, unit: null };
}

/** The sum of all a group's quantities, whatever their units (how much of one product moved). */
export const movedMilli = (f: { quantities: Quantities }) => Object.values(f.quantities).reduce((sum, milli) => sum + milli, 0);

function figures(f: Omit<SalesFact, 'key' | 'label'>, basis: RevenueBasis) {
  const revenue = revenueOf(f, basis);
  return { ...quantity(f), sales: f.sales, tax: f.tax, revenue, cost: f.cost, grossProfit: revenue - f.cost, marginBp: bp(revenue - f.cost, revenue), discount: f.discount, receipts: f.receipts };
}

/**
 * Each row's revenue (net of VAT on a net basis), gross profit = revenue − cost, margin on revenue
 * and share of `totalRevenue` (all the report's rows by default), biggest revenue first.
 */
export function salesRows(facts: SalesFact[], basis: RevenueBasis, totalRevenue = facts.reduce((s, f) => s + revenueOf(f, basis), 0)): SalesRow[] {
  return facts
    .map((f) => {
      const row = figures(f, basis);
      return { key: f.key, label: f.label, ...row, shareBp: bp(row.revenue, totalRevenue) ?? 0 };
    })
    .sort((a, b) => b.revenue - a.revenue || a.label.localeCompare(b.label));
}

export function totals(facts: SalesFact[], basis: RevenueBasis): SalesTotals {
  return figures(facts.reduce((sum, f) => addFact(sum, f), emptyFact('', '')), basis);
}

/** VAT rows by rate from sums per rate (sales include VAT), highest rate first. */
export function taxTable(byRate: { rateBp: number; sales: number; tax: number }[]): TaxRow[] {
  const rows = new Map<number, TaxRow>();
  for (const r of byRate) {
    const row = rows.get(r.rateBp) ?? { rateBp: r.rateBp, net: 0, tax: 0, gross: 0 };
    row.gross += r.sales;
    row.tax += r.tax;
    row.net = row.gross - row.tax;
    rows.set(r.rateBp, row);
  }
  return [...rows.values()].filter((r) => r.gross !== 0 || r.tax !== 0).sort((a, b) => b.rateBp - a.rateBp);
}

/**
 * The best sellers by net amount: what brought money in, most first. An item sold and then returned
 * in full (nothing left of it, net quantity and amount 0) or returned for more than it sold in the
 * period is not a top product, even when fewer than n others sold.
 */
export function topSellers(rows: SalesRow[], n: number): SalesRow[] {
  return rows.filter((r) => r.revenue > 0).slice(0, n);
}

/** Best sellers by revenue and slow movers (least quantity sold, including nothing) from one list. */
export function bestAndSlow(rows: SalesRow[], n: number): { best: SalesRow[]; slow: SalesRow[] } {
  return { best: topSellers(rows, n), slow: [...rows].sort((a, b) => (a.quantityMilli ?? 0) - (b.quantityMilli ?? 0) || a.label.localeCompare(b.label)).slice(0, n) };
}

/** One period's headline figures. */
export interface PeriodFigures {
  /** What customers paid for goods, VAT included. */
  sales: number;
  /** Revenue on the shop's basis (net of VAT when VAT-registered). */
  revenue: number;
  tax: number;
  /** Receipts with goods on them: a receipt that only took a deposit or sold a gift card is not one. */
  receipts: number;
  /** What a receipt brought in, VAT included: sales ÷ receipts. */
  averageReceipt: number;
  grossProfit: number;
  marginBp: number | null;
}

export function periodFigures(sums: { sales: number; tax: number; cost: number }, receipts: number, basis: RevenueBasis): PeriodFigures {
  const revenue = revenueOf(sums, basis);
  return { sales: sums.sales, revenue, tax: sums.tax, receipts, averageReceipt: receipts ? Math.round(sums.sales / receipts) : 0, grossProfit: revenue - sums.cost, marginBp: bp(revenue - sums.cost, revenue) };
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
