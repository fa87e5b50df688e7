import type { CustomerHistory } from '../../shared/schemas/customers.ts';
import type { RevenueBasis } from '../../shared/schemas/reports.ts';
import { localTimeIn } from '../../shared/time.ts';

/** A customer's sale or return as the card's figures need it. */
export interface CustomerDocument {
  kind: string;
  createdAt: Date;
  lines: { kind: string; productId: string; amount: number; taxAmount: number; costAmount: number; discountAmount: number }[];
  payments: { method: string; amount: number }[];
}

const bp = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/** The twelve months (YYYY-MM) ending with the one `now` falls in, oldest first. */
function lastTwelveMonths(zone: string, now: Date): string[] {
  const [year, month] = localTimeIn(zone, now).slice(0, 7).split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(year, month - 1 - (11 - i), 1)).toISOString().slice(0, 7));
}

/**
 * The customer card's figures on one basis: goods only, returns subtracted everywhere (spend,
 * average receipt, categories, months). A receipt counts when it sold goods (a deposit-only
 * receipt is a deposit); the average receipt is net spend over those receipts. Months are the
 * outlet's local months.
 */
export function customerFigures(documents: CustomerDocument[], categoryOf: (productId: string) => string, basis: RevenueBasis, zone: string, now: Date): CustomerHistory['stats'] {
  const months = new Map(lastTwelveMonths(zone, now).map((month) => [month, { month, spend: 0, revenue: 0, receipts: 0 }]));
  const categories = new Map<string, { name: string; spend: number; revenue: number }>();
  const sum = { spend: 0, tax: 0, cost: 0, discount: 0 };
  const deposits = { taken: 0, refunded: 0, used: 0 };
  let receipts = 0;
  let returns = 0;
  let lastVisit: Date | null = null;
  for (const doc of documents) {
    const sign = doc.kind === 'sale' ? 1 : -1;
    const goods = doc.lines.filter((l) => l.kind === 'goods');
    const deposited = doc.lines.filter((l) => l.kind === 'deposit').reduce((s, l) => s + l.amount, 0);
    if (doc.kind === 'sale') deposits.taken += deposited;
    else deposits.refunded += deposited;
    deposits.used += sign * doc.payments.filter((p) => p.method === 'deposit').reduce((s, p) => s + p.amount, 0);
    if (!lastVisit || doc.createdAt > lastVisit) lastVisit = doc.createdAt;
    if (!goods.length) continue;
    if (doc.kind === 'sale') receipts++;
    else returns++;
    const month = months.get(localTimeIn(zone, doc.createdAt).slice(0, 7));
    if (month && doc.kind === 'sale') month.receipts++;
    for (const l of goods) {
      const revenue = basis === 'net' ? l.amount - l.taxAmount : l.amount;
      sum.spend += sign * l.amount;
      sum.tax += sign * l.taxAmount;
      sum.cost += sign * l.costAmount;
      sum.discount += sign * l.discountAmount;
      if (month) {
        month.spend += sign * l.amount;
        month.revenue += sign * revenue;
      }
      const name = categoryOf(l.productId);
      const category = categories.get(name) ?? { name, spend: 0, revenue: 0 };
      category.spend += sign * l.amount;
      category.revenue += sign * revenue;
      categories.set(name, category);
    }
  }
  const revenue = basis === 'net' ? sum.spend - sum.tax : sum.spend;
  return {
    basis,
    receipts,
    returns,
    totalSpend: sum.spend,
    tax: sum.tax,
    revenue,
    cost: sum.cost,
    grossProfit: revenue - sum.cost,
    marginBp: bp(revenue - sum.cost, revenue),
    averageReceipt: receipts ? Math.round(sum.spend / receipts) : 0,
    discountTotal: sum.discount,
    deposits,
    lastVisit: lastVisit?.toISOString() ?? null,
    categories: [...categories.values()].filter((c) => c.spend !== 0).sort((a, b) => b.spend - a.spend || a.name.localeCompare(b.name)),
    byMonth: [...months.values()],
  };
}
