/** One regular customer's net spend in one category. */
export interface CustomerCategorySpend {
  customerId: string;
  category: string;
  revenue: number;
}

export interface CategoryPreference {
  category: string;
  /** Regular customers who bought in the category. */
  customers: number;
  revenue: number;
  /** Share of all regular customers' spend, basis points. */
  shareBp: number;
  /** Share of regular customers who bought in it, basis points. */
  reachBp: number;
}

/**
 * What regular customers buy: per category, how many of them buy it and what share of their
 * spend goes to it. Categories with no net spend (all returned) are left out.
 */
export function categoryPreferences(spends: CustomerCategorySpend[], regulars: number): CategoryPreference[] {
  const byCategory = new Map<string, { customers: Set<string>; revenue: number }>();
  for (const s of spends) {
    const entry = byCategory.get(s.category) ?? { customers: new Set<string>(), revenue: 0 };
    entry.revenue += s.revenue;
    if (s.revenue > 0) entry.customers.add(s.customerId);
    byCategory.set(s.category, entry);
  }
  const total = [...byCategory.values()].reduce((sum, e) => sum + Math.max(0, e.revenue), 0);
  return [...byCategory.entries()]
    .filter(([, e]) => e.revenue > 0)
    .map(([category, e]) => ({
      category,
      customers: e.customers.size,
      revenue: e.revenue,
      shareBp: total ? Math.round((e.revenue * 10_000) / total) : 0,
      reachBp: regulars ? Math.round((e.customers.size * 10_000) / regulars) : 0,
    }))
    .sort((a, b) => b.revenue - a.revenue || a.category.localeCompare(b.category));
}
