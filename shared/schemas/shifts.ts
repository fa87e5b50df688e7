import { z } from 'zod';
import { IdSchema, MoneySchema, MoneySumSchema, NonNegativeMoneySchema, PositiveMoneySchema } from './common.ts';
import { DiscountSourceSchema } from './pricing.ts';
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

/**
 * An X (interim) or Z (closing) report: every figure of the shift, from its documents. A Z is
 * kept whole, as this document, when the shift closes (stored, queued for head office, printed);
 * the close answers it and `GET /api/shifts/:id/z-report` gives it back as it was closed.
 *
 * Sums add up: the tenders' sales are `salesTotal + deposits.taken` and their refunds
 * `returnsTotal + deposits.refunded`; `deposits.used` is the deposit tender's sales. The tax table
 * is the goods' (returns negative); deposits are money held, not sales, and stay out of it.
 */
export const ShiftReportSchema = z.object({
  reportKind: z.enum(['X', 'Z']),
  shiftId: IdSchema,
  shiftNumber: z.number().int(),
  register: z.string(),
  currency: z.string(),
  /** The outlet's IANA time zone: times are shown as the shop's clock showed them. */
  timeZone: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  closedAt: z.string().nullable(),
  /** Who counted the cash and closed the shift (Z only). */
  closedBy: z.string().nullable(),
  printedAt: z.string(),
  /** Who printed or asked for this report. */
  cashier: z.string(),
  /** Receipts that sold something (a receipt that only took a deposit is counted in `deposits`). */
  salesCount: z.number().int(),
  returnsCount: z.number().int(),
  /** What the receipts sold, deposits left out (a collected order counts once, at collection). */
  salesTotal: MoneySumSchema,
  returnsTotal: MoneySumSchema,
  /** Discounts given on the shift's sales. */
  discountTotal: MoneySumSchema,
  /** The same by source, biggest first. */
  discounts: z.array(z.object({ source: DiscountSourceSchema, amount: MoneySumSchema, receipts: z.number().int() })),
  /** Every return of the shift. */
  returns: z.array(z.object({ number: z.string(), originalNumber: z.string().nullable(), createdAt: z.string(), total: MoneySumSchema })),
  deposits: z.object({
    /** Receipts that only took a deposit. */
    receipts: z.number().int(),
    taken: MoneySumSchema,
    refunded: MoneySumSchema,
    used: MoneySumSchema,
  }),
  tenders: z.array(z.object({ method: PaymentMethodSchema, sales: MoneySumSchema, refunds: MoneySumSchema })),
  taxes: z.array(TaxRowSchema),
  openingFloat: MoneySchema,
  cashIn: MoneySumSchema,
  cashOut: MoneySumSchema,
  cashMovements: z.array(z.object({ createdAt: z.string(), kind: z.enum(['in', 'out']), amount: MoneySumSchema, reason: z.string(), user: z.string() })),
  expectedCash: MoneySumSchema,
  countedCash: MoneySchema.nullable(),
  /** countedCash − expectedCash (Z only). */
  difference: MoneySumSchema.nullable(),
  printJob: z.object({ id: IdSchema, status: z.string() }).nullable(),
});
export type ShiftReport = z.infer<typeof ShiftReportSchema>;

/** One line of a printout as the paper shows it (the printer's width, padding included). */
export const PrintedLineSchema = z.object({ text: z.string(), bold: z.boolean(), double: z.boolean() });
/** A past Z laid out exactly as its printer prints it. */
export const ShiftReportPrintoutSchema = z.object({ columns: z.number().int(), lines: z.array(PrintedLineSchema) });
export type ShiftReportPrintout = z.infer<typeof ShiftReportPrintoutSchema>;

export const ReprintResponseSchema = z.object({ printJob: z.object({ id: IdSchema, status: z.string() }) });
