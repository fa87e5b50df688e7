// A customer's statement for a period, as the invoicing side computes it and the print form shows it:
// what the customer owed at the start, each invoice, credit note and payment in the period, and what
// they owe at the end. Amounts are positive minor units; an invoice adds to the balance, a credit
// note and a payment take from it.
import { z } from 'zod';
import { CurrencyCodeSchema, DaySchema, MoneySchema, NonNegativeMoneySchema } from '../schemas/common.js';
import { InvoicePartySchema } from './document.js';

export const StatementEntrySchema = z.object({
  kind: z.enum(['invoice', 'credit-note', 'payment']),
  date: DaySchema,
  /** The document's printed number, or the payment's reference (bank transfer id, receipt number). */
  reference: z.string().min(1).max(100),
  /** An invoice's due date; null for a credit note or a payment. */
  dueDate: DaySchema.nullable(),
  amount: NonNegativeMoneySchema,
});
export type StatementEntry = z.infer<typeof StatementEntrySchema>;

export const StatementDocumentSchema = z
  .object({
    kind: z.literal('statement'),
    outletCode: z.string(),
    seller: InvoicePartySchema,
    customer: InvoicePartySchema,
    periodFrom: DaySchema,
    periodTo: DaySchema,
    /** The day the statement was made. */
    issueDate: DaySchema,
    currency: CurrencyCodeSchema,
    language: z.enum(['en', 'ru', 'uk', 'ro', 'lt', 'zh']),
    /** Owed at the start of the period (negative: an advance the customer has with us). */
    openingBalance: MoneySchema,
    entries: z.array(StatementEntrySchema),
    closingBalance: MoneySchema,
  })
  .refine((s) => s.periodFrom <= s.periodTo, { path: ['periodTo'], message: 'the period ends before it starts' })
  .refine((s) => s.closingBalance === s.openingBalance + s.entries.reduce((sum, e) => sum + (e.kind === 'invoice' ? e.amount : -e.amount), 0), {
    path: ['closingBalance'],
    message: 'the closing balance is the opening balance plus invoices less credit notes and payments',
  });
export type StatementDocument = z.infer<typeof StatementDocumentSchema>;
