import { z } from 'zod';
import { IdSchema, MoneySchema, NonNegativeMoneySchema, PositiveMoneySchema, QuantityMilliSchema, UnitSchema } from './common.ts';
import { ManualDiscountSchema } from './pricing.ts';
import { MAX_SCANNED_CODE_LENGTH } from '../barcodes.ts';

/** A manual discount with the supervisor approval that allowed it, when the cashier lacks the right. */
export const ApprovedManualDiscountSchema = z.intersection(
  ManualDiscountSchema,
  z.object({ approvalId: IdSchema.optional() }),
);

/** A price the cashier set by hand (needs the price-override right or a supervisor approval). */
export const PriceOverrideSchema = z.object({
  unitPrice: NonNegativeMoneySchema,
  reason: z.string().trim().min(1).max(120),
  approvalId: IdSchema.optional(),
});

export const SaleLineInputSchema = z.object({
  lineId: IdSchema,
  productId: IdSchema,
  quantityMilli: QuantityMilliSchema,
  /** The scanned in-store code for weight- or price-embedded items: the server reads weight/price from it. */
  scannedCode: z.string().max(MAX_SCANNED_CODE_LENGTH).optional(),
  /** A price from the code beyond the owner's rules needs the price-override right or this supervisor approval. */
  codePriceApprovalId: IdSchema.optional(),
  /** For goods weighed at the register: the server's ticket of the scale reading the weight was taken from. */
  scaleTicket: z.string().max(200).optional(),
  manualDiscount: ApprovedManualDiscountSchema.optional(),
  priceOverride: PriceOverrideSchema.optional(),
  /** For a gift-card product: the card being sold and the amount loaded on it (its price). */
  giftCard: z.object({ code: z.string().trim().min(4).max(40), amount: PositiveMoneySchema }).optional(),
  /** For the deposit product: money taken in advance for a pre-order (its price). */
  deposit: z.object({ preOrderId: IdSchema, amount: PositiveMoneySchema }).optional(),
  /** Collecting a pre-order: the pre-order line this sale line delivers, sold at the agreed price. */
  preOrderLineId: IdSchema.optional(),
});

/**
 * points: the sale's customer's loyalty points (1 point = 1 minor unit); gift-card: reference is the
 * card's code; deposit: money held against the pre-order being collected (reference: its id);
 * on-account: owed by the sale's company customer, within its credit limit, and invoiced later.
 */
export const PaymentMethodSchema = z.enum(['cash', 'card', 'points', 'gift-card', 'deposit', 'on-account']);
export type PaymentMethod = z.infer<typeof PaymentMethodSchema>;

export const TenderInputSchema = z
  .object({
    method: PaymentMethodSchema,
    /** Amount handed over (cash may exceed what is due: the excess is change). */
    amount: PositiveMoneySchema,
    reference: z.string().trim().max(100).optional(),
    /** On account beyond the customer's credit limit: a supervisor's approval (act on-account-over-limit). */
    approvalId: IdSchema.optional(),
  })
  .refine((t) => t.method !== 'gift-card' || (t.reference?.length ?? 0) >= 4, { path: ['reference'], message: 'a gift-card tender needs the card code' })
  .refine((t) => t.method !== 'deposit' || IdSchema.safeParse(t.reference).success, { path: ['reference'], message: 'a deposit tender names its pre-order' });

export const CreateSaleRequestSchema = z.object({
  /** Sale id made by the register; also the idempotency key of a retried submit. */
  id: IdSchema,
  customerId: IdSchema.nullable().optional(),
  /** The pre-order this sale collects (its lines carry preOrderLineId). */
  preOrderId: IdSchema.optional(),
  lines: z.array(SaleLineInputSchema).min(1).max(500),
  receiptDiscount: ApprovedManualDiscountSchema.optional(),
  /** Empty only when nothing is due (goods given away by a 100 % discount). */
  tenders: z.array(TenderInputSchema).max(10),
  /** The total the register showed: the server rejects the sale if its own price differs. */
  expectedTotal: NonNegativeMoneySchema,
});
export type CreateSaleRequest = z.infer<typeof CreateSaleRequestSchema>;

export const SaleLineViewSchema = z.object({
  id: IdSchema,
  lineNo: z.number().int(),
  productId: IdSchema,
  name: z.string(),
  unit: UnitSchema,
  quantityMilli: z.number().int(),
  unitPrice: MoneySchema,
  grossAmount: MoneySchema,
  discountAmount: MoneySchema,
  amount: MoneySchema,
  taxRateBp: z.number().int(),
  taxAmount: MoneySchema,
  /** Sale lines: quantity already returned. */
  returnedMilli: z.number().int(),
  originalLineId: IdSchema.nullable(),
});

export const SaleViewSchema = z.object({
  id: IdSchema,
  kind: z.enum(['sale', 'return']),
  number: z.string(),
  originalSaleId: IdSchema.nullable(),
  createdAt: z.string(),
  cashierName: z.string(),
  customer: z.object({ id: IdSchema, name: z.string() }).nullable(),
  lines: z.array(SaleLineViewSchema),
  discounts: z.array(z.object({ source: z.string(), reason: z.string(), amount: MoneySchema, lineId: IdSchema.nullable() })),
  payments: z.array(
    z.object({ method: PaymentMethodSchema, amount: MoneySchema, tendered: MoneySchema.nullable(), change: MoneySchema, reference: z.string().nullable() }),
  ),
  subtotal: MoneySchema,
  discountTotal: MoneySchema,
  total: MoneySchema,
  taxTotal: MoneySchema,
  change: MoneySchema,
  printJob: z.object({ id: IdSchema, status: z.string() }).nullable(),
  /** Loyalty points this sale earned (negative on a return: points taken back). */
  pointsEarned: z.number().int(),
});
export type SaleView = z.infer<typeof SaleViewSchema>;

export const SaleNumberParamsSchema = z.object({ number: z.string().trim().min(1).max(40) });

/**
 * How the part of a refund not put back on gift cards and points is paid out: cash or card as the
 * sale was paid (another needs refund-any-tender), or points as store credit for the sale's customer.
 */
export const RefundMethodSchema = z.enum(['cash', 'card', 'points']);

export const CreateReturnRequestSchema = z.object({
  id: IdSchema,
  originalSaleId: IdSchema,
  lines: z.array(z.object({ saleLineId: IdSchema, quantityMilli: QuantityMilliSchema })).min(1).max(500),
  refundMethod: RefundMethodSchema,
  approvalId: IdSchema.optional(),
});
export type CreateReturnRequest = z.infer<typeof CreateReturnRequestSchema>;

export const LineVoidRequestSchema = z.object({
  /** The sale being rung up (the id the register will commit it with) and the cart line voided. */
  saleId: IdSchema,
  lineId: IdSchema,
  productId: IdSchema,
  name: z.string().max(300),
  quantityMilli: QuantityMilliSchema,
  amount: NonNegativeMoneySchema,
  approvalId: IdSchema.optional(),
});

/** A receipt to e-mail: to the sale's customer, or to an address typed at the till. */
export const EmailReceiptRequestSchema = z.object({
  /** The request's idempotency key: however often it arrives, one message goes; to send the receipt again, ask with a new key. */
  id: IdSchema,
  /** An address typed by the cashier; none: the sale's customer's. */
  email: z.email().max(200).optional(),
});
export type EmailReceiptRequest = z.infer<typeof EmailReceiptRequestSchema>;

export const EmailReceiptResponseSchema = z.object({
  /** The queued message (the request's key). */
  id: IdSchema,
  /** Where it goes; at the register masked (`o•••@example.com`). */
  to: z.string(),
  /** queued | sending | sent | failed */
  status: z.string(),
  /** True when this key was asked before: nothing new was sent. */
  replayed: z.boolean(),
});
export type EmailReceiptResponse = z.infer<typeof EmailReceiptResponseSchema>;

export const ReprintResponseSchema = z.object({ printJob: z.object({ id: IdSchema, status: z.string() }).nullable() });
