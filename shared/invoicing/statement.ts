// A company customer's statement for a period: what it owed at the start, each invoice, credit note
// and payment in the period, and what it owes at the end. The back office shows it; the print form
// makes its PDF from the same data.
import { z } from 'zod';
import { DaySchema, MoneySchema, MoneySumSchema } from '../schemas/common.ts';
import { InvoicePartySchema } from './document.ts';

export const StatementEntrySchema = z.object({
  day: DaySchema,
  /** paid-at-till: what the invoice's receipts were paid at the till (not owed). */
  kind: z.enum(['invoice', 'credit-note', 'paid-at-till', 'payment']),
  /** The invoice or credit note number, or the payment's reference. */
  reference: z.string(),
  /** Adds to what the customer owes. */
  debit: MoneySchema,
  /** Takes off what the customer owes. */
  credit: MoneySchema,
  /** What the customer owes after this entry. */
  balance: MoneySumSchema,
});
export type StatementEntry = z.infer<typeof StatementEntrySchema>;

export const CustomerStatementSchema = z.object({
  kind: z.literal('statement'),
  customerId: z.uuid(),
  seller: InvoicePartySchema,
  buyer: InvoicePartySchema,
  language: z.enum(['en', 'ru', 'uk', 'ro', 'lt', 'zh']),
  currency: z.string(),
  from: DaySchema,
  to: DaySchema,
  /** The day the statement was made. */
  issueDate: DaySchema,
  openingBalance: MoneySumSchema,
  entries: z.array(StatementEntrySchema),
  totalDebit: MoneySumSchema,
  totalCredit: MoneySumSchema,
  closingBalance: MoneySumSchema,
});
export type CustomerStatement = z.infer<typeof CustomerStatementSchema>;
