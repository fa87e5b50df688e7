import { DiscountRuleSchema } from '../../shared/schemas/pricing.ts';
import type { DiscountRule } from '../../shared/pricing/types.ts';
import type { Db } from '../db/client.ts';

/** Active discount rules as the pricing function takes them. Rules are few: cache them briefly. */
export class PricingRules {
  #cache: { rules: DiscountRule[]; at: number } | null = null;

  constructor(private readonly db: Db) {}

  async active(): Promise<DiscountRule[]> {
    if (this.#cache && Date.now() - this.#cache.at < 5_000) return this.#cache.rules;
    const rows = await this.db.discountRule.findMany({ where: { active: true }, orderBy: [{ priority: 'desc' }, { id: 'asc' }] });
    const rules: DiscountRule[] = [];
    for (const row of rows) {
      const parsed = DiscountRuleSchema.safeParse({ ...JSON.parse(row.params), id: row.id, name: row.name, kind: row.kind });
      // A rule kind this version does not know is skipped rather than breaking every sale.
      if (parsed.success) rules.push(parsed.data as DiscountRule);
    }
    this.#cache = { rules, at: Date.now() };
    return rules;
  }

  invalidate(): void {
    this.#cache = null;
  }
}
