import { z } from 'zod';
import { isTimeZone } from '../time.ts';
import { DaySchema, UnitSchema } from './common.ts';
import { FunnelConversionSchema, FunnelStageSchema } from './funnel.ts';

/** Head office's administration of the chain: outlets, their sync credentials, chain figures. */
export const OutletCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ (at most 40)');

export const NewOutletSchema = z.object({
  code: OutletCodeSchema,
  name: z.string().trim().min(1).max(120),
  currency: z.string().regex(/^[A-Z]{3}$/).default('EUR'),
  /** The outlet's time zone (IANA): its days are its own local days (the outlet's pushes update it). */
  timezone: z.string().min(1).max(60).refine(isTimeZone, 'not a time zone').default('UTC'),
});

/** A credential is shown once, when issued; head office keeps only its hash. */
export const IssuedCredentialSchema = z.object({ outletCode: z.string(), credentialId: z.string(), token: z.string() });

export const ChainOutletSchema = z.object({
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  /** The outlet's time zone: its figures are by its own local days. */
  timeZone: z.string(),
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
const Money = z.number().int();
const TaxRow = z.object({ rateBp: z.number().int(), net: Money, tax: Money, gross: Money });
/**
 * Sales of goods with VAT, the VAT, revenue net of VAT, net cost, gross profit and margin on net
 * revenue; receipts with goods; pre-order deposits apart (money held, not sales).
 */
const ChainFigures = z.object({
  receipts: z.number().int(),
  returns: z.number().int(),
  /** Goods sold, VAT included, returns subtracted. */
  sales: Money,
  tax: Money,
  /** sales − VAT */
  revenue: Money,
  cost: Money,
  grossProfit: Money,
  marginBp: z.number().int().nullable(),
  discount: Money,
  deposits: z.object({ taken: Money, refunded: Money, used: Money }),
});
export type ChainFigures = z.infer<typeof ChainFigures>;
/** One outlet's figures on one of its own local days. */
export const ChainSalesRowSchema = ChainFigures.extend({ outletCode: z.string(), timeZone: z.string(), day: z.string(), taxes: z.array(TaxRow) });
export const ChainSalesSchema = z.object({
  /** Revenue is net of VAT. */
  basis: z.literal('net'),
  /** Per outlet and its own local day. */
  rows: z.array(ChainSalesRowSchema),
  /** Per outlet over the period, with its time zone. */
  outlets: z.array(ChainFigures.extend({ outletCode: z.string(), name: z.string(), timeZone: z.string(), taxes: z.array(TaxRow) })),
  /** The chain: the sum of each outlet's own days. */
  chain: ChainFigures.extend({ taxes: z.array(TaxRow) }),
});
export type ChainSales = z.infer<typeof ChainSalesSchema>;

export const HeadOfficeLoginSchema = z.object({ login: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) });
export const HeadOfficeUserSchema = z.object({ id: z.string(), login: z.string(), name: z.string() });
export const NewHeadOfficeUserSchema = z.object({ login: z.string().trim().regex(/^[a-z0-9._-]{2,40}$/, 'lower-case letters, digits, . _ -'), name: z.string().trim().min(1).max(120), password: z.string().min(10).max(200) });

export const ChainStockQuerySchema = z.object({ q: z.string().trim().min(1).max(100) });
export const ChainStockSchema = z.object({
  outlets: z.array(z.string()),
  rows: z.array(z.object({ id: z.string(), sku: z.string(), name: z.string(), unit: UnitSchema, byOutlet: z.record(z.string(), z.number()), totalMilli: z.number() })),
});

export const ChainTransferSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  fromCode: z.string(),
  toCode: z.string().nullable(),
  sentAt: z.string(),
  /** What left the sender, at its cost (minor units). */
  cost: z.number(),
  /** Null where the transfer's goods are of several units (pieces and litres never add up). */
  sentMilli: z.number().nullable(),
  /** The unit of `sentMilli` and `receivedMilli`. */
  unit: UnitSchema.nullable(),
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

const Buckets = z.object({ notDue: Money, days1to30: Money, days31to60: Money, days61to90: Money, over90: Money, total: Money });
export const ChainReceivablesQuerySchema = z.object({ asOf: Day.optional() });
/** What customers owe the chain's outlets as of a day, by customer and outlet, in buckets of days past due (per currency). */
export const ChainReceivablesSchema = z.object({
  asOf: Day,
  rows: z.array(Buckets.extend({ customerId: z.string(), customerName: z.string(), outletCode: z.string(), currency: z.string(), invoices: z.number().int() })),
  totals: z.array(Buckets.extend({ currency: z.string() })),
});
export type ChainReceivables = z.infer<typeof ChainReceivablesSchema>;

/** A customer's account at each outlet as of a day: owed on invoices, overdue, advance, and the balance (owed less advance). */
export const ChainCustomerBalanceSchema = z.object({
  customerId: z.string(),
  customerName: z.string(),
  asOf: Day,
  outlets: z.array(
    z.object({
      outletCode: z.string(),
      currency: z.string(),
      owed: Money,
      overdue: Money,
      advance: Money,
      balance: Money,
      openInvoices: z.array(z.object({ id: z.string(), displayNumber: z.string(), issueDate: Day, dueDate: Day, gross: Money, balance: Money })),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), owed: Money, overdue: Money, advance: Money, balance: Money })),
});
export type ChainCustomerBalance = z.infer<typeof ChainCustomerBalanceSchema>;

export const ChainFunnelQuerySchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** The days' time zone (IANA). */
  timeZone: z.string().min(1).max(60).refine(isTimeZone, 'not a time zone').default('UTC'),
});
export type ChainFunnelQuery = z.infer<typeof ChainFunnelQuerySchema>;
const FunnelFigures = z.object({ stages: z.array(FunnelStageSchema), conversions: z.array(FunnelConversionSchema) });
/** The chain's funnel with an outlet's figures, and the same per outlet and per manager (where and by whom a customer was moved last). */
export const ChainFunnelReportSchema = FunnelFigures.extend({
  from: DaySchema,
  to: DaySchema,
  timeZone: z.string(),
  outlets: z.array(FunnelFigures.extend({ outletCode: z.string() })),
  /** Per the manager the customers had at their last move by the period's end; userId null: customers who had none. */
  managers: z.array(FunnelFigures.extend({ userId: z.string().nullable(), name: z.string().nullable() })),
});
export type ChainFunnelReport = z.infer<typeof ChainFunnelReportSchema>;
