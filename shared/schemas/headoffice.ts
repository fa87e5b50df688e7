import { z } from 'zod';
import { DaySchema } from './common.ts';

/** Head office's administration of the chain: outlets, their sync credentials, chain figures. */
export const OutletCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (at most 40)');

export const NewOutletSchema = z.object({
  code: OutletCodeSchema,
  name: z.string().trim().min(1).max(120),
  currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
  timezone: z.string().min(1).max(60).default('UTC'),
});

/** A credential is shown once, when issued; head office keeps only its hash. */
export const IssuedCredentialSchema = z.object({ outletCode: z.string(), credentialId: z.string(), token: z.string() });

export const ChainOutletSchema = z.object({
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  activeCredentials: z.number().int(),
  lastContactAt: z.string().nullable(),
  clockSkewMs: z.number().int(),
  documentsHeld: z.number().int(),
  /** What the outlet still had to send after its last batch. */
  backlog: z.number().int(),
  lastError: z.string().nullable(),
  lastErrorAt: z.string().nullable(),
});
export type ChainOutlet = z.infer<typeof ChainOutletSchema>;

const Day = DaySchema;
export const ChainSalesQuerySchema = z.object({ from: Day, to: Day });
export const ChainSalesRowSchema = z.object({
  outletCode: z.string(),
  day: z.string(),
  receipts: z.number().int(),
  returns: z.number().int(),
  total: z.number().int(),
  taxTotal: z.number().int(),
  discountTotal: z.number().int(),
  cost: z.number().int(),
});
export const ChainSalesSchema = z.object({
  rows: z.array(ChainSalesRowSchema),
  /** The chain's totals over the rows, minor units. */
  total: z.number().int(),
  receipts: z.number().int(),
});

export const HeadOfficeLoginSchema = z.object({ login: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) });
export const HeadOfficeUserSchema = z.object({ id: z.string(), login: z.string(), name: z.string() });
export const NewHeadOfficeUserSchema = z.object({ login: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/, 'lower-case letters, digits, . _ -'), name: z.string().trim().min(1).max(120), password: z.string().min(10).max(200) });

export const ChainStockQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });
export const ChainStockSchema = z.object({
  outlets: z.array(z.string()),
  rows: z.array(z.object({ id: z.string(), sku: z.string(), name: z.string(), unit: z.string(), byOutlet: z.record(z.string(), z.number()), totalMilli: z.number() })),
});

export const ChainTransferSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  fromCode: z.string(),
  toCode: z.string().nullable(),
  sentAt: z.string(),
  /** What left the sender, at its cost (minor units). */
  cost: z.number(),
  sentMilli: z.number(),
  /** Null while in transit. */
  receivedAt: z.string().nullable(),
  receivedMilli: z.number().nullable(),
});

/** A customer's personal discount or category as an outlet set it, waiting for head office's decision. */
export const CustomerProposalSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  outletCode: z.string(),
  field: z.enum(['personalDiscountBp', 'categoryCode']),
  value: z.union([z.number(), z.string(), z.null()]),
  editedAt: z.string(),
  receivedAt: z.string(),
});
