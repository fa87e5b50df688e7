import { z } from 'zod';
import { BasisPointsSchema, DaySchema, NonNegativeMoneySchema, PositiveMoneySchema } from './common.ts';

export const ManualDiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), valueBp: BasisPointsSchema.min(1), reason: z.string().trim().min(1).max(120) }),
  z.object({ kind: z.literal('amount'), amount: PositiveMoneySchema, reason: z.string().trim().min(1).max(120) }),
]);

/**
 * Where a discount came from (DiscountSource of the pricing function), and `points`: loyalty
 * points a customer paid with, which the discount report shows beside the price discounts.
 */
export const DISCOUNT_SOURCES = ['manual', 'category', 'card-tier', 'receipt-total', 'promotion', 'personal', 'points'] as const;
export const DiscountSourceSchema = z.enum(DISCOUNT_SOURCES);
export type ReportedDiscountSource = z.infer<typeof DiscountSourceSchema>;

const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');

const customerCategoryRule = z.object({
  name: z.string().trim().min(1).max(80),
  kind: z.literal('customer-category'),
  categoryCode: z.string(),
  percentBp: BasisPointsSchema,
  windows: z
    .array(z.object({ days: z.array(z.number().int().min(1).max(7)).min(1), from: TimeSchema, to: TimeSchema }))
    .optional(),
});
const receiptTotalRule = z.object({
  name: z.string().trim().min(1).max(80),
  kind: z.literal('receipt-total'),
  tiers: z.array(z.object({ minSubtotal: NonNegativeMoneySchema, percentBp: BasisPointsSchema })).min(1),
});
const spendTierRule = z.object({
  name: z.string().trim().min(1).max(80),
  kind: z.literal('spend-tier'),
  tiers: z.array(z.object({ name: z.string().trim().min(1).max(60), minSpend: NonNegativeMoneySchema, percentBp: BasisPointsSchema })).min(1),
});
const promotionRule = z.object({
  name: z.string().trim().min(1).max(80),
  kind: z.literal('promotion'),
  productIds: z.array(z.string()).max(10_000).optional(),
  categoryIds: z.array(z.string()).max(1_000).optional(),
  percentBp: BasisPointsSchema,
  validFrom: DaySchema.optional(),
  validTo: DaySchema.optional(),
  exclusive: z.boolean().optional(),
});

const withId = { id: z.string() };
/** A discount rule as the pricing function takes it. */
export const DiscountRuleSchema = z.discriminatedUnion('kind', [
  customerCategoryRule.extend(withId),
  receiptTotalRule.extend(withId),
  spendTierRule.extend(withId),
  promotionRule.extend(withId),
]);

/** A rule as the back office creates it; the server gives it its id. */
export const NewDiscountRuleSchema = z.object({
  rule: z.discriminatedUnion('kind', [customerCategoryRule, receiptTotalRule, spendTierRule, promotionRule]),
  priority: z.number().int().min(-1000).max(1000).default(0),
});
export type NewDiscountRule = z.infer<typeof NewDiscountRuleSchema>;

export const DiscountRuleViewSchema = z.object({ rule: DiscountRuleSchema, priority: z.number().int(), active: z.boolean() });
export const DiscountRuleListSchema = z.object({ items: z.array(DiscountRuleViewSchema) });
export const RuleActiveRequestSchema = z.object({ active: z.boolean() });

export const CombinationSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('best') }),
  z.object({ mode: z.literal('stack'), capBp: BasisPointsSchema }),
]);

/** What the register needs to price a cart exactly as the server will. */
export const PricingContextSchema = z.object({
  rules: z.array(DiscountRuleSchema),
  combination: CombinationSchema,
  timezone: z.string(),
  currency: z.string(),
});
export type PricingContext = z.infer<typeof PricingContextSchema>;

