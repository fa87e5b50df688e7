import { z } from 'zod';
import { BasisPointsSchema, NonNegativeMoneySchema, PositiveMoneySchema } from './common.ts';

export const ManualDiscountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), valueBp: BasisPointsSchema.min(1), reason: z.string().trim().min(1).max(120) }),
  z.object({ kind: z.literal('amount'), amount: PositiveMoneySchema, reason: z.string().trim().min(1).max(120) }),
]);

const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');

export const DiscountRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.literal('customer-category'),
    categoryCode: z.string(),
    percentBp: BasisPointsSchema,
    windows: z
      .array(z.object({ days: z.array(z.number().int().min(1).max(7)).min(1), from: TimeSchema, to: TimeSchema }))
      .optional(),
  }),
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.literal('receipt-total'),
    tiers: z.array(z.object({ minSubtotal: NonNegativeMoneySchema, percentBp: BasisPointsSchema })).min(1),
  }),
]);

/** What the register needs to price a cart exactly as the server will. */
export const PricingContextSchema = z.object({
  rules: z.array(DiscountRuleSchema),
  timezone: z.string(),
  currency: z.string(),
});
export type PricingContext = z.infer<typeof PricingContextSchema>;
