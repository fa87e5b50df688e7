import { z } from 'zod';
import { BasisPointsSchema, DaySchema, IdSchema, LocaleSchema, NonNegativeMoneySchema, UnitSchema } from './common.ts';
import { CustomFieldFilterQuerySchema, CustomFieldFilterSchema, CustomFieldValuesInputSchema, CustomFieldValuesSchema } from './custom-fields.ts';

export const CustomerViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  cards: z.array(z.string()),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  categoryDiscountBp: BasisPointsSchema,
  personalDiscountBp: BasisPointsSchema,
  /** Purchases minus returns over the outlet's spend period (drives spend tiers), minor units. */
  cumulativeSpend: z.number().int(),
  /** Loyalty points (1 point redeems as 1 minor unit); may be negative after returns of spent points. */
  pointsBalance: z.number().int().default(0),
  /** Points earned per 10,000 minor units paid, from the customer's category. */
  pointsEarnBp: BasisPointsSchema.default(0),
  /** A company that may buy on account: how much it may owe (minor units); null: it pays at the till. */
  creditLimit: NonNegativeMoneySchema.nullable().default(null),
  /** The prices agreed in the customer's contract running today (the register prices plain lines by them). */
  contractPrices: z.array(z.object({ productId: IdSchema, unitPrice: z.number().int() })).default([]),
  /** The user who manages the customer (CRM), and their name; null: nobody. Not shown at the register. */
  managerId: IdSchema.nullable().optional(),
  managerName: z.string().nullable().optional(),
  /** The language the shop writes to the customer in; null: the outlet's. The register shows and sets it. */
  locale: z.string().nullable().default(null),
});
export type CustomerView = z.infer<typeof CustomerViewSchema>;

export const CustomerSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const CustomerListSchema = z.object({ items: z.array(CustomerViewSchema) });

/** What the back office (or the register, for a new customer) may set on a customer. */
export const CustomerInputSchema = z.object({
  name: z.string().trim().min(1).max(120),
  phone: z.string().trim().max(40).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  birthday: DaySchema.nullable().optional(),
  address: z.string().trim().max(300).optional(),
  categoryCode: z.string().trim().max(40).nullable().optional(),
  personalDiscountBp: BasisPointsSchema.optional(),
  notes: z.string().max(2000).optional(),
  card: z.string().trim().min(4).max(40).optional(),
  emailConsent: z.boolean().optional(),
  smsConsent: z.boolean().optional(),
  /**
   * Whether the customer gets service messages (a pre-order's arrival): not marketing, so sent
   * without the marketing consents, unless the customer refuses them (false).
   */
  serviceMessages: z.boolean().optional(),
  /** The language the shop writes to the customer in (arrival notices, campaigns, receipts); null: the outlet's. */
  locale: LocaleSchema.nullable().optional(),
  kind: z.enum(['person', 'company']).optional(),
  /** Company registration code and VAT code (legal entities). */
  companyCode: z.string().trim().max(40).nullable().optional(),
  vatCode: z.string().trim().max(40).nullable().optional(),
  /** How much a company may owe buying on account (minor units); null: it may not. */
  creditLimit: NonNegativeMoneySchema.nullable().optional(),
  /** Phones besides the main one; the list given replaces the stored one. */
  otherPhones: z.array(z.object({ phone: z.string().trim().min(1).max(40), label: z.string().trim().max(40).default('') })).max(10).optional(),
  /** Contact persons of a company; the list given replaces the stored one. */
  contacts: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(120),
        role: z.string().trim().max(80).default(''),
        phone: z.string().trim().max(40).nullable().optional(),
        email: z.email().max(200).nullable().optional(),
      }),
    )
    .max(20)
    .optional(),
  /** The owner's custom fields, by key; checked against each field's definition (null clears one). */
  customFields: CustomFieldValuesInputSchema.optional(),
});
export type CustomerInput = z.infer<typeof CustomerInputSchema>;

/** What the register may change on a customer: how to reach them and their language, nothing of their pricing or cards. */
export const CustomerContactInputSchema = CustomerInputSchema.pick({ phone: true, email: true, locale: true }).strict();
export type CustomerContactInput = z.infer<typeof CustomerContactInputSchema>;

export const CustomerProfileSchema = CustomerViewSchema.extend({
  kind: z.enum(['person', 'company']),
  companyCode: z.string().nullable(),
  vatCode: z.string().nullable(),
  otherPhones: z.array(z.object({ phone: z.string(), label: z.string() })),
  contacts: z.array(z.object({ name: z.string(), role: z.string(), phone: z.string().nullable(), email: z.string().nullable() })),
  birthday: z.string().nullable(),
  address: z.string(),
  notes: z.string(),
  emailConsentAt: z.string().nullable(),
  smsConsentAt: z.string().nullable(),
  /** When the customer refused service messages; null: they get them. */
  serviceMessagesRefusedAt: z.string().nullable(),
  createdAt: z.string(),
  /** When the id asked for is of a customer merged into this one: that id. */
  mergedFrom: z.string().nullable().optional(),
  /** The values of the owner's custom fields (fields not archived), by key. */
  customFields: CustomFieldValuesSchema.default({}),
});
export type CustomerProfile = z.infer<typeof CustomerProfileSchema>;

const SpendSchema = z.object({
  /** What the customer paid for goods, VAT included, returns subtracted. */
  spend: z.number().int(),
  /** Revenue on the shop's basis (net of VAT when VAT-registered), returns subtracted. */
  revenue: z.number().int(),
});

/**
 * What a customer bought, on one basis throughout: goods only (deposits and gift cards are money
 * held for them, shown apart), every figure net of returns, months on the outlet's clock.
 */
export const CustomerHistorySchema = z.object({
  stats: z.object({
    /** `net`: revenue without VAT (VAT-registered shop); `gross`: revenue as paid. */
    basis: z.enum(['net', 'gross']),
    /** Receipts with goods on them, and returns of goods. */
    receipts: z.number().int(),
    returns: z.number().int(),
    totalSpend: z.number().int(),
    tax: z.number().int(),
    revenue: z.number().int(),
    /** Cost of the goods, net of recoverable VAT, as when sold. */
    cost: z.number().int(),
    grossProfit: z.number().int(),
    marginBp: z.number().int().nullable(),
    /** totalSpend ÷ receipts: returns taken off what the receipts brought. */
    averageReceipt: z.number().int(),
    /** Discounts given, less those returned with the goods. */
    discountTotal: z.number().int(),
    deposits: z.object({ taken: z.number().int(), refunded: z.number().int(), used: z.number().int() }),
    lastVisit: z.string().nullable(),
    /** Every category the customer bought in, most spend first. */
    categories: z.array(SpendSchema.extend({ name: z.string() })),
    /** The last twelve months on the outlet's clock (YYYY-MM), empty ones included. */
    byMonth: z.array(SpendSchema.extend({ month: z.string(), receipts: z.number().int() })),
  }),
  documents: z.array(
    z.object({
      id: IdSchema,
      kind: z.enum(['sale', 'return']),
      number: z.string(),
      createdAt: z.string(),
      total: z.number().int(),
      discountTotal: z.number().int(),
      lines: z.array(z.object({ name: z.string(), kind: z.string(), quantityMilli: z.number().int(), unit: UnitSchema, amount: z.number().int(), taxAmount: z.number().int() })),
      discounts: z.array(z.object({ source: z.string(), reason: z.string(), amount: z.number().int() })),
    }),
  ),
  /** What the customer brought from the shop's earlier system: opening spend, points and gift-card balances, the day they registered. */
  openings: z.array(
    z.object({
      kind: z.enum(['spend', 'points', 'gift-card', 'registered']),
      /** Minor units (spend, gift card) or points; 0 for a registration. */
      amount: z.number().int(),
      giftCard: z.string().nullable(),
      day: z.string(),
    }),
  ),
});
export type CustomerHistory = z.infer<typeof CustomerHistorySchema>;

/** Which part of the customer base a list, an export or a campaign is about. */
export const CustomerFilterSchema = z.object({
  /** Customers whose birthday is today or within the coming week (outlet time). */
  birthday: z.enum(['today', 'week']).optional(),
  categoryCode: z.string().trim().max(40).optional(),
  /** Customers who bought before but nothing for this many days (lapsed); those who never bought are not lapsed. */
  lapsedDays: z.coerce.number().int().min(1).max(3650).optional(),
  /** Customers who never bought anything (here, or as a customer merged into them). */
  neverBought: z.union([z.boolean(), z.stringbool()]).optional(),
  kind: z.enum(['person', 'company']).optional(),
  /** Only customers who agreed to marketing by this channel. */
  consent: z.enum(['email', 'sms']).optional(),
  /** The customers one user manages, or (none) those nobody manages. */
  managerId: z.union([IdSchema, z.literal('none')]).optional(),
  /** Customers whose address contains this text (a town, a region), in any case, with or without diacritics. */
  address: z.string().trim().min(1).max(100).optional(),
  /** Customers registered at this outlet (of the chain). */
  outletId: IdSchema.optional(),
  /** By custom fields: key → a value, or a range `{ from, to }` (number, money, date); in a query string as JSON. */
  fields: z.union([CustomFieldFilterSchema, CustomFieldFilterQuerySchema]).optional(),
});
export type CustomerFilter = z.infer<typeof CustomerFilterSchema>;

export const CustomerPageQuerySchema = CustomerFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const CustomerPageSchema = z.object({ items: z.array(CustomerViewSchema), total: z.number().int() });

export const DuplicateListSchema = z.object({
  items: z.array(z.object({ a: CustomerViewSchema, b: CustomerViewSchema, reason: z.enum(['same-phone', 'same-email', 'same-name-and-birthday']) })),
});
export const MergeCustomersRequestSchema = z.object({ keepId: IdSchema, mergeId: IdSchema });
