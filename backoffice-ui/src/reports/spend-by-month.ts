import type { CustomerHistory } from '../../../shared/schemas/customers.ts';

export interface MonthRow {
  /** YYYY-MM */
  month: string;
  spend: number;
  receipts: number;
}

/**
 * A customer's spend per calendar month (returns subtract), for the last `months` months ending
 * with the month of `until`, empty months included so the chart has no gaps.
 */
export function spendByMonth(documents: CustomerHistory['documents'], until: Date, months = 12): MonthRow[] {
  const rows: MonthRow[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(until.getUTCFullYear(), until.getUTCMonth() - i, 1));
    rows.push({ month: d.toISOString().slice(0, 7), spend: 0, receipts: 0 });
  }
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  for (const doc of documents) {
    const row = byMonth.get(doc.createdAt.slice(0, 7));
    if (!row) continue;
    row.spend += doc.kind === 'sale' ? doc.total : -doc.total;
    if (doc.kind === 'sale') row.receipts += 1;
  }
  return rows;
}
