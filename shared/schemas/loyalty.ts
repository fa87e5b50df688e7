import { z } from 'zod';
import { BasisPointsSchema, IdSchema, MoneySchema, PositiveMoneySchema } from './common.ts';

export const GiftCardCodeSchema = z.string().trim().min(4, 'at least 4 characters').max(40);

export const GiftCardViewSchema = z.object({
  code: z.string(),
  initialAmount: MoneySchema,
  balance: z.number().int(),
  createdAt: z.string(),
  note: z.string(),
  movements: z.array(z.object({ kind: z.string(), amount: z.number().int(), saleNumber: z.string().nullable(), createdAt: z.string() })),
});
export type GiftCardView = z.infer<typeof GiftCardViewSchema>;

/** A gift card as the register sees it when the whole code is presented: the code by its last four characters, and the balance. */
export const GiftCardBalanceSchema = GiftCardViewSchema.pick({ code: true, balance: true });
export type GiftCardBalance = z.infer<typeof GiftCardBalanceSchema>;

/** A gift card issued in the back office (sold on invoice, or given as compensation). */
export const IssueGiftCardRequestSchema = z.object({
  code: GiftCardCodeSchema,
  amount: PositiveMoneySchema,
  customerId: IdSchema.nullable().optional(),
  note: z.string().trim().min(1, 'say why the card is issued').max(300),
});

export const PointsHistorySchema = z.object({
  balance: z.number().int(),
  movements: z.array(z.object({ kind: z.string(), points: z.number().int(), saleNumber: z.string().nullable(), createdAt: z.string() })),
});

export const PointsAdjustmentRequestSchema = z.object({
  points: z.number().int().refine((n) => n !== 0, 'must not be zero').refine((n) => Math.abs(n) <= 10_000_000, 'at most 10,000,000'),
  reason: z.string().trim().min(1, 'say why').max(200),
});

export const CustomerCategoryViewSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  discountBp: BasisPointsSchema,
  pointsEarnBp: BasisPointsSchema,
  customers: z.number().int(),
});
export const CustomerCategoryListSchema = z.object({ items: z.array(CustomerCategoryViewSchema) });

export const CustomerCategoryInputSchema = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _'),
  name: z.string().trim().min(1).max(80),
  discountBp: BasisPointsSchema,
  pointsEarnBp: BasisPointsSchema,
});

export const GiftCardParamsSchema = z.object({ code: GiftCardCodeSchema });
