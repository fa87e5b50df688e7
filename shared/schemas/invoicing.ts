// Invoices, credit notes and payments of company customers: what the back office sends and gets.
// The issued document itself is shared/invoicing/document.ts.
import { z } from 'zod';
import { InvoiceDocumentLineSchema } from '../invoicing/document.ts';
import { CustomFieldValuesInputSchema } from './custom-fields.ts';
import { BasisPointsSchema, DaySchema, IdSchema, LocaleSchema, MoneySchema, MoneySumSchema, PositiveMoneySchema, QuantityMilliSchema, UnitSchema } from './common.ts';

/** Countries whose invoices to businesses must name the buyer's company (registration code). */
export const COUNTRIES_REQUIRING_BUYER_COMPANY = ['LT', 'RO'] as const;

export const InvoiceSellerSchema = z.object({
  /** The legal name on invoices (the outlet's name until set). */
  name: z.string().trim().max(200),
  companyCode: z.string().trim().max(40).nullable(),
  vatCode: z.string().trim().max(40).nullable(),
  address: z.string().trim().max(500),
  /** ISO 3166-1 alpha-2; decides whether buyers must be companies (COUNTRIES_REQUIRING_BUYER_COMPANY). */
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code, e.g. LT'),
  bankAccount: z.string().trim().max(60).nullable(),
  email: z.string().trim().max(200).nullable(),
});

/** The owner's invoicing settings of the outlet. */
export const InvoicingSettingsSchema = z.object({
  seller: InvoiceSellerSchema.default({ name: '', companyCode: null, vatCode: null, address: '', country: 'LT', bankAccount: null, email: null }),
  invoiceSeries: z.string().trim().regex(/^[A-Z0-9-]{1,12}$/, 'up to 12 capital letters, digits or dashes').default('INV'),
  creditNoteSeries: z.string().trim().regex(/^[A-Z0-9-]{1,12}$/, 'up to 12 capital letters, digits or dashes').default('CN'),
  paymentTermsDays: z.number().int().min(0).max(3650).default(14),
  /** A payment above what the invoices it pays owe: kept as the customer's advance, or refused. */
  overpayment: z.enum(['advance', 'refuse']).default('advance'),
  /** Whether buyers must be companies with a registration code; null: as the seller's country requires. */
  buyerCompanyRequired: z.boolean().nullable().default(null),
});
export type InvoicingSettings = z.infer<typeof InvoicingSettingsSchema>;

/** A catalogue line (priced by the server) or a free line (a service, priced by the user). */
export const InvoiceLineInputSchema = z.union([
  z.strictObject({ productId: IdSchema, quantityMilli: QuantityMilliSchema }),
  z.strictObject({
    description: z.string().trim().min(1).max(300),
    unit: UnitSchema.default('piece'),
    quantityMilli: QuantityMilliSchema,
    unitPriceGross: MoneySchema.min(0),
    taxRateBp: BasisPointsSchema,
  }),
]);
export type InvoiceLineInput = z.infer<typeof InvoiceLineInputSchema>;

/** The most receipts one invoice gathers. */
export const MAX_INVOICE_RECEIPTS = 1000;

/** A draft invoice: what it gathers (receipts, a pre-order, lines) and its dates; the server prices it. */
export const InvoiceDraftSchema = z.object({
  customerId: IdSchema,
  /** Receipts (sales) of the customer the invoice gathers. */
  saleIds: z.array(IdSchema).max(MAX_INVOICE_RECEIPTS).refine((ids) => new Set(ids).size === ids.length, 'each receipt once').default([]),
  preOrderId: IdSchema.nullable().default(null),
  /** The contract it is issued under (its prices and payment terms); none: the customer's contract running on the issue day, if any. */
  contractId: IdSchema.nullable().default(null),
  lines: z.array(InvoiceLineInputSchema).max(500).default([]),
  /** Set at issue when not given: the issue day, the last receipt's day, and issue day + payment terms. */
  issueDate: DaySchema.nullable().default(null),
  supplyDate: DaySchema.nullable().default(null),
  dueDate: DaySchema.nullable().default(null),
  paymentTermsDays: z.number().int().min(0).max(3650).nullable().default(null),
  notes: z.string().trim().max(2000).default(''),
  /** The owner's invoice fields, by key: kept on the draft, checked (required ones, defaults) and frozen at issue. */
  customFields: CustomFieldValuesInputSchema.default({}),
});
export type InvoiceDraft = z.infer<typeof InvoiceDraftSchema>;

export const InvoiceStatusSchema = z.enum(['draft', 'issued']);

export const InvoiceViewSchema = z.object({
  id: IdSchema,
  kind: z.enum(['invoice', 'credit-note']),
  status: InvoiceStatusSchema,
  series: z.string(),
  number: z.number().int().nullable(),
  displayNumber: z.string().nullable(),
  customer: z.object({ id: IdSchema, name: z.string() }),
  issueDate: DaySchema.nullable(),
  supplyDate: DaySchema.nullable(),
  dueDate: DaySchema.nullable(),
  paymentTermsDays: z.number().int(),
  currency: z.string(),
  lines: z.array(InvoiceDocumentLineSchema),
  totals: z.object({ net: MoneySchema, vat: MoneySchema, gross: MoneySchema }),
  /** Paid at the till for the receipts it gathers (not owed). */
  paidAtTill: MoneySchema,
  /** Credited by its credit notes. */
  credited: MoneySchema,
  /** Paid by payments allocated to it. */
  paid: MoneySchema,
  /** What is still owed (below zero: owed back to the customer). A credit note's is 0. */
  balance: MoneySchema,
  /** Days past the due date with money still owed; null when not overdue. */
  overdueDays: z.number().int().nullable(),
  saleIds: z.array(IdSchema),
  preOrderId: IdSchema.nullable(),
  contract: z.object({ id: IdSchema, number: z.string() }).nullable(),
  corrects: z.object({ id: IdSchema, displayNumber: z.string() }).nullable(),
  creditNotes: z.array(z.object({ id: IdSchema, displayNumber: z.string(), gross: MoneySchema })),
  notes: z.string(),
  /** The invoice's custom fields: the draft's as given, an issued invoice's as frozen at issue. */
  customFields: CustomFieldValuesInputSchema,
});
export type InvoiceView = z.infer<typeof InvoiceViewSchema>;

export const InvoiceListQuerySchema = z.object({
  customerId: IdSchema.optional(),
  kind: z.enum(['invoice', 'credit-note']).optional(),
  status: InvoiceStatusSchema.optional(),
  /** Only issued invoices past their due date with money owed (as of today). */
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Only issued invoices with money still owed (open) or with none (paid). */
  settlement: z.enum(['open', 'paid']).optional(),
  /** Issued on or after / on or before these days. */
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const InvoiceListItemSchema = InvoiceViewSchema.omit({ lines: true, creditNotes: true, saleIds: true, corrects: true, contract: true, customFields: true });
export type InvoiceListItem = z.infer<typeof InvoiceListItemSchema>;
export const InvoiceListSchema = z.object({ items: z.array(InvoiceListItemSchema) });

export const IssueInvoiceRequestSchema = z.object({
  /** The issue day (today, in the outlet's time zone, when not given). */
  issueDate: DaySchema.optional(),
  /** Values of the invoice's custom fields, over those of the draft; frozen with the document. */
  customFields: CustomFieldValuesInputSchema.optional(),
});

/** Credits an issued invoice: the lines given (by position, a quantity of each), or all that remains. */
export const CreditNoteRequestSchema = z.object({
  id: IdSchema,
  reason: z.string().trim().min(1).max(500),
  issueDate: DaySchema.optional(),
  lines: z
    .array(z.object({ position: z.number().int().positive(), quantityMilli: QuantityMilliSchema }))
    .min(1)
    .max(500)
    .refine((ls) => new Set(ls.map((l) => l.position)).size === ls.length, 'each position once')
    .optional(),
});
export type CreditNoteRequest = z.infer<typeof CreditNoteRequestSchema>;

export const InvoicePaymentMethodSchema = z.enum(['bank-transfer', 'cash', 'card']);

/** Money received from a company: allocated to the invoices given, or (none given) to its oldest open ones. */
export const PaymentRequestSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  method: InvoicePaymentMethodSchema,
  amount: PositiveMoneySchema,
  day: DaySchema,
  reference: z.string().trim().max(120).default(''),
  allocations: z
    .array(z.object({ invoiceId: IdSchema, amount: PositiveMoneySchema }))
    .max(200)
    .refine((as) => new Set(as.map((a) => a.invoiceId)).size === as.length, 'each invoice once')
    .optional(),
});
export type PaymentRequest = z.infer<typeof PaymentRequestSchema>;

/** Moves (part of) a customer's advance onto invoices. */
export const AdvanceAllocationRequestSchema = z.object({
  allocations: z.array(z.object({ invoiceId: IdSchema, amount: PositiveMoneySchema })).min(1).max(200).refine((as) => new Set(as.map((a) => a.invoiceId)).size === as.length, 'each invoice once'),
});

export const PaymentViewSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  method: z.string(),
  amount: MoneySchema,
  day: DaySchema,
  reference: z.string(),
  allocations: z.array(z.object({ invoiceId: IdSchema, displayNumber: z.string(), amount: MoneySchema })),
  /** Not allocated to any invoice: the customer's advance. */
  unallocated: MoneySchema,
});
export type PaymentView = z.infer<typeof PaymentViewSchema>;
export const PaymentListSchema = z.object({ items: z.array(PaymentViewSchema) });

/** A company customer's account: what it owes, its advance and its open invoices. */
export const CustomerAccountSchema = z.object({
  customerId: IdSchema,
  currency: z.string(),
  /** Owed on invoices less the advance (below zero: the shop owes the customer). */
  balance: MoneySumSchema,
  owed: MoneySumSchema,
  advance: MoneySumSchema,
  overdue: MoneySumSchema,
  openInvoices: z.array(InvoiceListItemSchema),
});
export type CustomerAccount = z.infer<typeof CustomerAccountSchema>;

export const AGED_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
const BucketsSchema = z.object({ notDue: MoneySumSchema, days1to30: MoneySumSchema, days31to60: MoneySumSchema, days61to90: MoneySumSchema, over90: MoneySumSchema, total: MoneySumSchema });
export type AgedBuckets = z.infer<typeof BucketsSchema>;

export const ReceivablesQuerySchema = z.object({ asOf: DaySchema.optional() });
/** What customers owe as of a day, by how long past due (by customer and outlet). */
export const ReceivablesReportSchema = z.object({
  asOf: DaySchema,
  currency: z.string(),
  rows: z.array(BucketsSchema.extend({ customerId: IdSchema, customerName: z.string(), outletCode: z.string(), invoices: z.number().int() })),
  totals: BucketsSchema,
});
export type ReceivablesReport = z.infer<typeof ReceivablesReportSchema>;

const StatementPeriodSchema = z.object({ from: DaySchema, to: DaySchema });
const periodInOrder = (q: { from: string; to: string }) => q.from <= q.to;
export const StatementQuerySchema = StatementPeriodSchema.refine(periodInOrder, { message: 'from is after to', path: ['to'] });

/** A printed document is in the customer's language (else the outlet's); the user may ask for another. */
export const PrintLanguageQuerySchema = z.object({ language: LocaleSchema.optional() });
export const StatementPdfQuerySchema = StatementPeriodSchema.extend(PrintLanguageQuerySchema.shape).refine(periodInOrder, { message: 'from is after to', path: ['to'] });

/** A customer's receipt that no issued invoice gathers yet: what an invoice of the period may take. */
export const UninvoicedReceiptSchema = z.object({
  id: IdSchema,
  number: z.string(),
  createdAt: z.string(),
  total: MoneySchema,
  /** Put on account at the till (owed on the invoice); the rest was paid there. */
  onAccount: MoneySchema,
});
export type UninvoicedReceipt = z.infer<typeof UninvoicedReceiptSchema>;
export const UninvoicedReceiptListSchema = z.object({ items: z.array(UninvoicedReceiptSchema) });

export const ReminderResultSchema = z.object({ queued: z.literal(true), to: z.string(), language: z.string() });
