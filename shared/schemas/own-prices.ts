import { z } from 'zod';
import { IdSchema, MoneySchema } from './common.ts';

// An outlet's own sale price in a chain: head office decides per outlet (and optionally per
// category) whether the outlet may set it, and within what bound; the outlet sends each own price
// that takes effect to head office as an outlet-price document.

export const OWN_PRICE_BOUNDS = ['none', 'not-below-cost', 'within-percent'] as const;
export type OwnPriceBound = (typeof OWN_PRICE_BOUNDS)[number];

/** Head office's setting for one outlet, for all its products (categoryId null) or one category's. */
export const OwnPricePermissionFieldsSchema = z.object({
  categoryId: IdSchema.nullable().default(null),
  allowed: z.boolean(),
  bound: z.enum(OWN_PRICE_BOUNDS).default('none'),
  /** within-percent: how far from the chain price either way, basis points (1000 = 10 %). */
  percentBp: z.number().int().min(1).max(10_000).nullable().default(null),
});
const soundBound = (p: { bound: OwnPriceBound; percentBp: number | null }, ctx: z.RefinementCtx) => {
  if (p.bound === 'within-percent' && p.percentBp === null) ctx.addIssue({ code: 'custom', path: ['percentBp'], message: 'a percentage is needed for within-percent' });
  if (p.bound !== 'within-percent' && p.percentBp !== null) ctx.addIssue({ code: 'custom', path: ['percentBp'], message: 'only within-percent takes a percentage' });
};
export const OwnPricePermissionInputSchema = OwnPricePermissionFieldsSchema.superRefine(soundBound);
export type OwnPricePermissionInput = z.infer<typeof OwnPricePermissionInputSchema>;

/**
 * Head office's setting for one outlet and one product (a product with variants: all its variants),
 * which decides for that product whatever its category's says: allowed false withdraws it from a
 * permitted category, allowed true permits it in one that is not.
 */
export const OwnPriceProductPermissionInputSchema = OwnPricePermissionFieldsSchema.omit({ categoryId: true }).superRefine(soundBound);
export type OwnPriceProductPermissionInput = z.infer<typeof OwnPriceProductPermissionInputSchema>;

export const OwnPriceProductPermissionSchema = z.object({
  productId: IdSchema,
  productName: z.string(),
  sku: z.string(),
  allowed: z.boolean(),
  bound: z.enum(OWN_PRICE_BOUNDS),
  percentBp: z.number().int().nullable(),
});
export type OwnPriceProductPermission = z.infer<typeof OwnPriceProductPermissionSchema>;

/** A product's permission as the pull brings it: allowed null when head office took it away (the product follows its category again). */
export const PulledOwnPriceProductPermissionSchema = z.object({
  productId: IdSchema,
  allowed: z.boolean().nullable(),
  bound: z.enum(OWN_PRICE_BOUNDS),
  percentBp: z.number().int().min(1).max(10_000).nullable(),
});

export const OwnPricePermissionSchema = z.object({
  categoryId: IdSchema.nullable(),
  categoryName: z.string().nullable(),
  allowed: z.boolean(),
  bound: z.enum(OWN_PRICE_BOUNDS),
  percentBp: z.number().int().nullable(),
});
export type OwnPricePermission = z.infer<typeof OwnPricePermissionSchema>;

/** What a pulled product says of this outlet's own price: null when the outlet may not set one. */
export const OwnPriceRuleSchema = z.object({
  bound: z.enum(OWN_PRICE_BOUNDS),
  percentBp: z.number().int().min(1).max(10_000).nullable(),
  /** The chain's price the percentage counts from. */
  chainPrice: MoneySchema,
});
export type OwnPriceRule = z.infer<typeof OwnPriceRuleSchema>;

/** The outlet-price document: a price the outlet set itself, pushed once it took effect. */
export const SyncedOutletPriceSchema = z.object({
  /** The price change's id: the document id. */
  id: IdSchema,
  outletId: IdSchema,
  productId: IdSchema,
  price: MoneySchema.min(0),
  previousPrice: MoneySchema.nullable(),
  effectiveAt: z.iso.datetime({ offset: true }),
});
export type SyncedOutletPrice = z.infer<typeof SyncedOutletPriceSchema>;
