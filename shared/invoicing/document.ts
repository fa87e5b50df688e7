// The issued invoice or credit note as it was on its day: the one shape the server stores when a
// document is issued, prints (PDF through the owner's template), exports (UBL 2.1 / EN 16931) and
// sends to head office. Nothing in it is looked up again later: parties, names and rates are copies.
// A credit note's amounts are positive: what it credits (as in UBL's CreditNote).
import { z } from 'zod';
import { CustomFieldValuesSchema } from '../schemas/custom-fields.ts';
import { BasisPointsSchema, CurrencyCodeSchema, DaySchema, MoneySchema, QuantityMilliSchema, UnitSchema } from '../schemas/common.ts';

export const InvoicePartySchema = z.object({
  name: z.string().min(1).max(200),
  /** Company registration code (null for a person). */
  companyCode: z.string().max(40).nullable(),
  vatCode: z.string().max(40).nullable(),
  address: z.string().max(500),
  /** ISO 3166-1 alpha-2, e.g. LT. */
  country: z.string().regex(/^[A-Z]{2}$/),
  bankAccount: z.string().max(60).nullable(),
  email: z.string().max(200).nullable(),
});
export type InvoiceParty = z.infer<typeof InvoicePartySchema>;

export const InvoiceDocumentLineSchema = z.object({
  position: z.number().int().positive(),
  /** Catalogue product, or null for a free line (a service). */
  productId: z.uuid().nullable(),
  sku: z.string().max(64).nullable(),
  description: z.string().min(1).max(300),
  unit: UnitSchema,
  quantityMilli: QuantityMilliSchema,
  /** Per unit, tax included, minor units (prices in the product include tax). */
  unitPriceGross: MoneySchema,
  taxRateBp: BasisPointsSchema,
  /** Line discount already taken off `gross`, minor units. */
  discount: MoneySchema,
  net: MoneySchema,
  vat: MoneySchema,
  /** net + vat */
  gross: MoneySchema,
});
export type InvoiceDocumentLine = z.infer<typeof InvoiceDocumentLineSchema>;

export const InvoiceDocumentSchema = z.object({
  kind: z.enum(['invoice', 'credit-note']),
  id: z.uuid(),
  outletCode: z.string(),
  series: z.string().min(1).max(12),
  number: z.number().int().positive(),
  /** As printed: series + zero-padded number ("INV-000042"). */
  displayNumber: z.string(),
  issueDate: DaySchema,
  supplyDate: DaySchema,
  dueDate: DaySchema,
  /** Payment terms in days from the issue date (the due date follows from them unless set). */
  paymentTermsDays: z.number().int().min(0).max(3650),
  currency: CurrencyCodeSchema,
  /** The customer's language at issue: the print form and e-mails are in it. */
  language: z.enum(['en', 'ru', 'uk', 'ro', 'lt', 'zh']),
  seller: InvoicePartySchema,
  buyer: InvoicePartySchema,
  /** Contract the invoice is issued under, if any. */
  contract: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  /** For a credit note: the invoice it corrects. */
  corrects: z.object({ id: z.uuid(), displayNumber: z.string(), issueDate: DaySchema }).nullable(),
  /** Sales (receipt numbers) and pre-order the invoice gathers. */
  receiptNumbers: z.array(z.string()),
  preOrderNumber: z.string().nullable(),
  lines: z.array(InvoiceDocumentLineSchema).min(1),
  /** One row per tax rate, sums of the lines. */
  vatBreakdown: z.array(z.object({ taxRateBp: BasisPointsSchema, net: MoneySchema, vat: MoneySchema, gross: MoneySchema })),
  totals: z.object({ net: MoneySchema, vat: MoneySchema, gross: MoneySchema }),
  notes: z.string().max(2000),
  /** The owner's invoice fields as issued, by key (`invoice.fields.contract_no` on the print form); a credit note has none. */
  customFields: CustomFieldValuesSchema.default({}),
});
export type InvoiceDocument = z.infer<typeof InvoiceDocumentSchema>;
