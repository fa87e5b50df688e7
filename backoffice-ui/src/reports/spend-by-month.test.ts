import { describe, expect, it } from 'vitest';
import { spendByMonth } from './spend-by-month.ts';

const doc = (createdAt: string, kind: 'sale' | 'return', total: number) => ({ id: crypto.randomUUID(), kind, number: 'R1', createdAt, total, discountTotal: 0, lines: [], discounts: [] });

describe('spendByMonth', () => {
  it('sums sales minus returns per month, with empty months kept', () => {
    const rows = spendByMonth([doc('2026-11-20T10:00:00Z', 'sale', 1500), doc('2026-11-21T10:00:00Z', 'return', 500), doc('2026-09-02T10:00:00Z', 'sale', 700), doc('2025-01-01T00:00:00Z', 'sale', 99)], new Date('2026-11-24T00:00:00Z'), 3);
    expect(rows).toEqual([
      { month: '2026-09', spend: 700, receipts: 1 },
      { month: '2026-10', spend: 0, receipts: 0 },
      { month: '2026-11', spend: 1000, receipts: 1 },
    ]);
  });

  it('crosses the year boundary', () => {
    expect(spendByMonth([], new Date('2026-01-15T00:00:00Z'), 2).map((r) => r.month)).toEqual(['2025-12', '2026-01']);
  });
});
