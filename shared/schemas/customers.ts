import { z } from 'zod';
import { BasisPointsSchema, IdSchema } from './common.ts';

export const CustomerViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  cards: z.array(z.string()),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  categoryDiscountBp: BasisPointsSchema,
  personalDiscountBp: BasisPointsSchema,
  /** Purchases minus returns over the outlet's spend period (drives spend tiers), minor units. */
  cumulativeSpend: z.number().int(),
});
export type CustomerView = z.infer<typeof CustomerViewSchema>;

export const CustomerSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const CustomerListSchema = z.object({ items: z.array(CustomerViewSchema) });
