import { z } from 'zod';
import { BasisPointsSchema, IdSchema, NonNegativeMoneySchema } from './common.ts';
import { GRANTABLE, type Permission } from '../permissions.ts';
import { CombinationSchema } from './pricing.ts';
import { InStoreLayoutSchema } from '../barcodes.ts';
import { InvoicingSettingsSchema } from './invoicing.ts';

/** What the owner may change of the shop's settings (the rest is set up once or kept secret). */
export const ShopSettingsSchema = z.object({
  receiptHeader: z.array(z.string().trim().max(48)).max(8),
  receiptFooter: z.array(z.string().trim().max(48)).max(8),
  discountCombination: CombinationSchema,
  minMarginBp: z.number().int().min(0).max(100_000),
  allowBelowFloor: z.boolean(),
  /** How far under the list price a price from a scanned code may be without a supervisor (null: any; never below the floor). */
  codePriceMaxBelowBp: BasisPointsSchema.nullable(),
  allowNegativeStock: z.boolean(),
  /** Refuse goods whose GS1 code says they expired (otherwise the cashier is warned). */
  refuseExpiredGoods: z.boolean(),
  spendPeriodDays: z.number().int().min(1).max(3660),
  /** Registered for VAT: revenue is reported net of VAT, costs are entered net of the VAT recovered. */
  vatRegistered: z.boolean(),
  /** How the shop's scales and price labellers build barcodes with a weight or a price in them. */
  inStoreLayouts: z.array(InStoreLayoutSchema).max(10).refine((ls) => new Set(ls.map((l) => l.prefix)).size === ls.length, 'each prefix once'),
  /** Invoices to companies: the seller's details, series, payment terms, overpayments. */
  invoicing: InvoicingSettingsSchema,
});
export type ShopSettings = z.infer<typeof ShopSettingsSchema>;
export const ShopSettingsChangeSchema = ShopSettingsSchema.partial();

export const RoleRightsSchema = z.object({
  permissions: z.array(z.enum(GRANTABLE as [Permission, ...Permission[]])).max(GRANTABLE.length).refine((p) => new Set(p).size === p.length, 'each permission once'),
  refundLimit: NonNegativeMoneySchema.nullable(),
  discountLimitBp: BasisPointsSchema.nullable(),
});
/** The rights of the roles the owner edits. */
export const RoleMatrixSchema = z.object({ cashier: RoleRightsSchema, senior_cashier: RoleRightsSchema, manager: RoleRightsSchema });
export type RoleMatrix = z.infer<typeof RoleMatrixSchema>;

/** The shop's currency (ISO 4217), fixed once it has sold: amounts are stored in its minor units. */
export const CurrencyChangeSchema = z.object({ currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code, e.g. EUR') });

export const TaxRateViewSchema = z.object({ id: IdSchema, code: z.string(), name: z.string(), rateBp: BasisPointsSchema, products: z.number().int() });
export const TaxRateListSchema = z.object({ items: z.array(TaxRateViewSchema) });
export const TaxRateChangeSchema = z.object({ name: z.string().trim().min(1).max(60), rateBp: BasisPointsSchema });
