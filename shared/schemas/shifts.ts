import { z } from 'zod';
import { IdSchema, MoneySchema, MoneySumSchema, NonNegativeMoneySchema, PositiveMoneySchema } from './common.ts';
import { PaymentMethodSchema } from './sales.ts';

export const OpenShiftRequestSchema = z.object({ openingFloat: NonNegativeMoneySchema });
export const CashMovementRequestSchema = z.object({
  kind: z.enum(['in', 'out']),
  amount: PositiveMoneySchema,
  reason: z.string().trim().min(1).max(200),
});
export const CloseShiftRequestSchema = z.object({ countedCash: NonNegativeMoneySchema });

export const ShiftViewSchema = z.object({
  id: IdSchema,
  number: z.number().int(),
  registerCode: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  openingFloat: MoneySchema,
  closedAt: z.string().nullable(),
  receiptCount: z.number().int(),
});
export type ShiftView = z.infer<typeof ShiftViewSchema>;

export const CurrentShiftResponseSchema = z.object({ shift: ShiftViewSchema.nullable() });

const TaxRowSchema = z.object({ rateBp: z.number().int(), net: MoneySumSchema, tax: MoneySumSchema, gross: MoneySumSchema });

/** X (interim) or Z (closing) report figures. Mirrors ShiftReportDocument in receipt.ts. */
export const ShiftReportSchema = z.object({
  reportKind: z.enum(['X', 'Z']),
  shiftId: IdSchema,
  shiftNumber: z.number().int(),
  register: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  printedAt: z.string(),
  cashier: z.string(),
  salesCount: z.number().int(),
  returnsCount: z.number().int(),
  salesTotal: MoneySumSchema,
  returnsTotal: MoneySumSchema,
  discountTotal: MoneySumSchema,
  tenders: z.array(z.object({ method: PaymentMethodSchema, sales: MoneySumSchema, refunds: MoneySumSchema })),
  taxes: z.array(TaxRowSchema),
  openingFloat: MoneySchema,
  cashIn: MoneySumSchema,
  cashOut: MoneySumSchema,
  expectedCash: MoneySumSchema,
  countedCash: MoneySchema.nullable(),
  difference: MoneySumSchema.nullable(),
  printJob: z.object({ id: IdSchema, status: z.string() }).nullable(),
});
export type ShiftReport = z.infer<typeof ShiftReportSchema>;
