// A contract with a company as the print form shows it: its number and dates, the parties as they
// were when it was printed, its terms, and the goods and prices agreed for that customer.
import { z } from 'zod';
import { BasisPointsSchema, CurrencyCodeSchema, DaySchema, NonNegativeMoneySchema, UnitSchema } from '../schemas/common.ts';
import { InvoicePartySchema } from './document.ts';

export const ContractPriceSchema = z.object({
  productId: z.uuid().nullable(),
  sku: z.string().max(64).nullable(),
  description: z.string().min(1).max(300),
  unit: UnitSchema,
  /** Per unit, tax included, minor units. */
  unitPriceGross: NonNegativeMoneySchema,
  taxRateBp: BasisPointsSchema,
});
export type ContractPrice = z.infer<typeof ContractPriceSchema>;

export const ContractDocumentSchema = z
  .object({
    kind: z.literal('contract'),
    id: z.uuid(),
    outletCode: z.string(),
    number: z.string().min(1).max(40),
    signedDate: DaySchema,
    validFrom: DaySchema,
    /** null: until terminated. */
    validUntil: DaySchema.nullable(),
    currency: CurrencyCodeSchema,
    language: z.enum(['en', 'ru', 'uk', 'ro', 'lt', 'zh']),
    seller: InvoicePartySchema,
    buyer: InvoicePartySchema,
    paymentTermsDays: z.number().int().min(0).max(3650),
    terms: z.string().max(20_000),
    prices: z.array(ContractPriceSchema),
  })
  .refine((c) => c.validUntil === null || c.validFrom <= c.validUntil, { path: ['validUntil'], message: 'the contract ends before it starts' });
export type ContractDocument = z.infer<typeof ContractDocumentSchema>;
