// Contracts with company customers: term, terms, reminder before the end, and agreed prices.
import { z } from 'zod';
import { DaySchema, IdSchema, MoneySchema } from './common.ts';

const PricesSchema = z
  .array(z.object({ productId: IdSchema, unitPrice: MoneySchema.min(0) }))
  .max(2000)
  .refine((ps) => new Set(ps.map((p) => p.productId)).size === ps.length, 'each product once');

export const ContractRequestSchema = z
  .object({
    customerId: IdSchema,
    number: z.string().trim().min(1).max(40),
    startDate: DaySchema,
    endDate: DaySchema,
    terms: z.string().trim().max(5000).default(''),
    paymentTermsDays: z.number().int().min(0).max(3650).nullable().default(null),
    reminderDays: z.number().int().min(0).max(365).default(30),
    prices: PricesSchema.default([]),
  })
  .refine((c) => c.endDate >= c.startDate, { path: ['endDate'], message: 'before the start date' });
export type ContractRequest = z.infer<typeof ContractRequestSchema>;

/** Renews a contract as a new one: from the day after it ends unless said, its terms and prices unless given. */
export const ContractRenewalSchema = z.object({
  number: z.string().trim().min(1).max(40),
  startDate: DaySchema.optional(),
  endDate: DaySchema,
  terms: z.string().trim().max(5000).optional(),
  paymentTermsDays: z.number().int().min(0).max(3650).nullable().optional(),
  reminderDays: z.number().int().min(0).max(365).optional(),
  prices: PricesSchema.optional(),
});
export type ContractRenewal = z.infer<typeof ContractRenewalSchema>;

export const ContractStatusSchema = z.enum(['upcoming', 'active', 'ending', 'ended']);

export const ContractViewSchema = z.object({
  id: IdSchema,
  number: z.string(),
  customer: z.object({ id: IdSchema, name: z.string() }),
  startDate: DaySchema,
  endDate: DaySchema,
  terms: z.string(),
  paymentTermsDays: z.number().int().nullable(),
  reminderDays: z.number().int(),
  /** ending: active, and within its reminder days of the end (renew it or let it end). */
  status: ContractStatusSchema,
  /** Days from today to its last day (below zero: ended). */
  endsInDays: z.number().int(),
  renews: z.object({ id: IdSchema, number: z.string() }).nullable(),
  renewedBy: z.object({ id: IdSchema, number: z.string() }).nullable(),
  prices: z.array(z.object({ productId: IdSchema, sku: z.string(), name: z.string(), unitPrice: MoneySchema, listPrice: MoneySchema })),
});
export type ContractView = z.infer<typeof ContractViewSchema>;

export const ContractListQuerySchema = z.object({ customerId: IdSchema.optional(), status: ContractStatusSchema.optional() });
export const ContractListSchema = z.object({ items: z.array(ContractViewSchema) });
