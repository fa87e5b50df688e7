import { z } from 'zod';
import { BasisPointsSchema } from './common.ts';
import { CombinationSchema } from './pricing.ts';

/** What the owner may change of the shop's settings (the rest is set up once or kept secret). */
export const ShopSettingsSchema = z.object({
  receiptHeader: z.array(z.string().trim().max(48)).max(8),
  receiptFooter: z.array(z.string().trim().max(48)).max(8),
  discountCombination: CombinationSchema,
  minMarginBp: z.number().int().min(0).max(100_000),
  allowBelowFloor: z.boolean(),
  allowNegativeStock: z.boolean(),
  spendPeriodDays: z.number().int().min(1).max(3660),
});
export type ShopSettings = z.infer<typeof ShopSettingsSchema>;
export const ShopSettingsChangeSchema = ShopSettingsSchema.partial();

export const TaxRateViewSchema = z.object({ code: z.string(), name: z.string(), rateBp: BasisPointsSchema, products: z.number().int() });
export const TaxRateListSchema = z.object({ items: z.array(TaxRateViewSchema) });
export const TaxRateChangeSchema = z.object({ name: z.string().trim().min(1).max(60), rateBp: BasisPointsSchema });
