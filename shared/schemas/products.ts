import { z } from 'zod';
import { IdSchema, MoneySchema, UnitSchema } from './common.ts';
import { CustomFieldValuesInputSchema, CustomFieldValuesSchema } from './custom-fields.ts';
import { OwnPriceRuleSchema } from './own-prices.ts';

// The catalogue as the back office manages it: the product list, a product's form (with its
// variants, suppliers and picture), price changes now or from a moment, and the category tree.
// Domain rules (check digits, unique codes, prices against cost) are the server's: its errors
// name the field (body.variants.2.barcodes.0) and carry a code and details a UI can word.

/** A price above this (1,000,000.00 in a currency with cents) is a typing slip, not a price. */
export const MAX_PRICE = 100_000_000;

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** What the product list's kind filter means: weighed goods are goods sold by the kg. */
export const KIND_FILTERS = ['goods', 'weighed', 'service', 'gift-card', 'deposit'] as const;
export const PRODUCT_SORTS = ['name', 'sku', 'price', 'updated'] as const;

export const ProductListQuerySchema = z.object({
  /** Words of the name in any order, a SKU (or its beginning) or a barcode. */
  q: z.string().trim().max(100).optional(),
  /** The category and the categories under it. */
  categoryId: IdSchema.optional(),
  supplierId: IdSchema.optional(),
  kind: z.enum(KIND_FILTERS).optional(),
  status: z.enum(['active', 'archived', 'all']).default('active'),
  belowMinimum: Flag.optional(),
  noBarcode: Flag.optional(),
  noCost: Flag.optional(),
  sort: z.enum(PRODUCT_SORTS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  /** The page after this cursor (the `next` of the page before). */
  after: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProductListQuery = z.infer<typeof ProductListQuerySchema>;

const NextPriceSchema = z.object({ from: z.iso.datetime({ offset: true }), price: MoneySchema }).nullable();

export const VariantRowSchema = z.object({
  id: IdSchema,
  sku: z.string(),
  name: z.string(),
  values: z.array(z.string()),
  price: MoneySchema,
  cost: MoneySchema,
  stockMilli: z.number().int(),
  minMilli: z.number().int().nullable(),
  barcodes: z.array(z.string()),
  active: z.boolean(),
  nextPrice: NextPriceSchema,
});

/** What the API calls a product's kind; "family" is how the database marks a product with variants. */
export const ProductKindSchema = z.enum(['goods', 'service', 'gift-card', 'deposit']);
export type ProductKind = z.infer<typeof ProductKindSchema>;

export const ProductRowSchema = z.object({
  id: IdSchema,
  sku: z.string(),
  name: z.string(),
  /** A product with variants: its variants' kind. */
  kind: ProductKindSchema,
  unit: UnitSchema,
  categoryId: IdSchema.nullable(),
  categoryName: z.string().nullable(),
  taxRateBp: z.number().int(),
  /** The price in force now (a product with variants: its own default price). */
  price: MoneySchema,
  cost: MoneySchema,
  /** On hand at this outlet (a product with variants: all of them). */
  stockMilli: z.number().int(),
  minMilli: z.number().int().nullable(),
  barcodes: z.array(z.string()),
  active: z.boolean(),
  tileColour: z.string().nullable(),
  /** The next scheduled price change, if one waits. */
  nextPrice: NextPriceSchema,
  /** Empty for a product without variants. */
  variants: z.array(VariantRowSchema),
});
export type ProductRow = z.infer<typeof ProductRowSchema>;

export const ProductPageSchema = z.object({
  items: z.array(ProductRowSchema),
  /** The cursor of the next page; null on the last. */
  next: z.string().nullable(),
  /** Whether this outlet may change its catalogue: in a chain, head office owns it. */
  editable: z.boolean(),
  owner: z.enum(['outlet', 'head-office']),
});
export type ProductPage = z.infer<typeof ProductPageSchema>;

/** Warnings a user confirms to go ahead with (and, for a price below cost, has the right to). */
export const ACKNOWLEDGEMENTS = ['price-below-cost', 'archive-with-stock'] as const;
export type Acknowledgement = (typeof ACKNOWLEDGEMENTS)[number];

const Text = (max: number) => z.string().trim().min(1).max(max);
/** Codes are checked (check digits, normal form, in-store prefixes) by shared/barcodes.ts checkProductBarcode on the server. */
const BarcodesSchema = z.array(z.string().max(200)).max(20).default([]);
const PriceSchema = MoneySchema;

export const SupplierTermsSchema = z.object({
  supplierId: IdSchema,
  /** The supplier's own code for it. */
  supplierSku: z.string().trim().max(60).default(''),
  /** Their price per unit, minor units, net of VAT (left out: the product's cost). */
  unitCost: z.number().int().min(0).max(MAX_PRICE).optional(),
  /** Ordered in whole packs of this many thousandths (1000 = single pieces). */
  packMilli: z.number().int().min(1).max(1_000_000_000).default(1000),
});

export const ProductOptionSchema = z.object({
  name: Text(40),
  values: z.array(Text(40)).min(1).max(50),
});
export type ProductOption = z.infer<typeof ProductOptionSchema>;

export const VariantInputSchema = z.object({
  /** An existing variant's id; left out, a new variant. */
  id: IdSchema.optional(),
  /** Its value of each option, in the options' order. */
  values: z.array(z.string().trim().max(40)).max(5),
  sku: Text(60),
  barcodes: BarcodesSchema,
  price: PriceSchema,
  /** Net of VAT. */
  cost: PriceSchema.default(0),
  minMilli: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  suppliers: z.array(SupplierTermsSchema).max(20).default([]),
  active: z.boolean().default(true),
});
export type VariantInput = z.infer<typeof VariantInputSchema>;

export const ProductInputSchema = z.object({
  name: Text(200),
  sku: Text(60),
  /** Gift cards and deposits stay what they are; goods and services may change into one another. */
  kind: ProductKindSchema.default('goods'),
  /** piece; kg for weighed goods; l, m. */
  unit: UnitSchema.default('piece'),
  categoryId: IdSchema.nullable().default(null),
  taxRateId: IdSchema,
  /** Per unit, tax included, minor units. A change here takes effect now, or from priceFrom. */
  price: PriceSchema,
  /** Per unit, net of VAT, minor units. */
  cost: PriceSchema.default(0),
  /** The minimum this outlet wants on hand (thousandths); null: none. */
  minMilli: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
  /** False for goods that never get a discount (tobacco). */
  discountable: z.boolean().default(true),
  /** May take its price from a scanned label (an in-store price label, GS1 AI 392n), within the owner's rules. */
  priceLabelled: z.boolean().default(false),
  /** In-store item number for weighed and price-labelled goods (the scale's labels carry it). */
  plu: z.string().trim().regex(/^\d{1,6}$/, '1 to 6 digits').nullable().default(null),
  barcodes: BarcodesSchema,
  suppliers: z.array(SupplierTermsSchema).max(20).default([]),
  tileColour: z.string().regex(/^#[0-9a-fA-F]{6}$/, '#rrggbb').nullable().default(null),
  /** A small picture (PNG, JPEG or WebP) as a data URL; null: none. Left out: unchanged. */
  picture: z.string().max(200_000).nullable().optional(),
  active: z.boolean().default(true),
  /** Options (size, colour, …) of a product with variants; empty for one without. */
  options: z.array(ProductOptionSchema).max(3).default([]),
  variants: z.array(VariantInputSchema).max(300).default([]),
  acknowledge: z.array(z.enum(ACKNOWLEDGEMENTS)).max(2).default([]),
  /** The owner's custom fields of products, by key; checked against each field's definition (null clears one). Left out: unchanged. */
  customFields: CustomFieldValuesInputSchema.optional(),
  /** From when the prices this form changes (the product's, its variants') are in force, with its offset; left out: now. As the price routes' effectiveAt. */
  priceFrom: z.iso.datetime({ offset: true }).optional(),
});
export type ProductInput = z.infer<typeof ProductInputSchema>;

const PendingPriceSchema = z.object({ id: IdSchema, from: z.iso.datetime({ offset: true }), price: MoneySchema });

export const ProductDetailsSchema = ProductInputSchema.omit({ acknowledge: true, picture: true, variants: true, customFields: true, priceFrom: true }).extend({
  id: IdSchema,
  /** The values of the owner's product fields (fields not archived), by key. */
  customFields: CustomFieldValuesSchema,
  picture: z.string().nullable(),
  taxRateBp: z.number().int(),
  stockMilli: z.number().int(),
  /** Scheduled price changes waiting, oldest first. */
  priceChanges: z.array(PendingPriceSchema),
  variants: z.array(VariantInputSchema.extend({
    id: IdSchema, name: z.string(), stockMilli: z.number().int(), priceChanges: z.array(PendingPriceSchema),
    /** In a chain: whether (and within what, from this variant's chain price) this outlet may set the variant's price itself. */
    ownPrice: OwnPriceRuleSchema.nullable(),
  })),
  /** In a chain: whether (and within what) head office lets this outlet set the product's sale price itself; null: head office sets it (of a product with variants, see each variant's). */
  ownPrice: OwnPriceRuleSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductDetails = z.infer<typeof ProductDetailsSchema>;

export const SavedProductSchema = z.object({
  product: ProductDetailsSchema,
  /** Products whose price changed by the save: their labels are worth printing. */
  priceChangedIds: z.array(IdSchema),
});

export const BulkChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('set'), price: z.number().int().min(0).max(MAX_PRICE) }),
  /** Basis points up (+) or down (−): −1500 is 15 % off. */
  z.object({ kind: z.literal('percent'), bp: z.number().int().min(-9900).max(100_000) }),
]);

export const PriceChangeRequestSchema = z.object({
  /** Products (a product with variants: all its variants). */
  productIds: z.array(IdSchema).min(1).max(1000),
  change: BulkChangeSchema,
  rounding: z.enum(['none', 'ninety-nine', 'five']).default('none'),
  /** From when the new prices are in force (with its offset); left out: now. */
  effectiveAt: z.iso.datetime({ offset: true }).optional(),
  acknowledge: z.array(z.enum(ACKNOWLEDGEMENTS)).max(2).default([]),
});
export type PriceChangeRequest = z.infer<typeof PriceChangeRequestSchema>;

export const PriceChangePreviewSchema = z.object({
  effectiveAt: z.string(),
  items: z.array(
    z.object({
      productId: IdSchema,
      sku: z.string(),
      name: z.string(),
      /** The price in force just before the change takes effect. */
      oldPrice: MoneySchema,
      newPrice: MoneySchema,
      cost: MoneySchema,
      /** The new price, less its VAT, is below the cost (net of VAT). */
      belowCost: z.boolean(),
    }),
  ),
});
export type PriceChangePreview = z.infer<typeof PriceChangePreviewSchema>;

export const PriceChangeResultSchema = PriceChangePreviewSchema.extend({ changed: z.number().int() });

export const PriceHistorySchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      price: MoneySchema,
      previousPrice: MoneySchema.nullable(),
      effectiveAt: z.string(),
      appliedAt: z.string().nullable(),
      createdBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const ChangedTodaySchema = z.object({
  /** The outlet's local day. */
  day: z.string(),
  items: z.array(z.object({ productId: IdSchema, sku: z.string(), name: z.string(), price: MoneySchema })),
});

export const CategorySchema = z.object({ id: IdSchema, code: z.string(), name: z.string(), parentId: IdSchema.nullable(), active: z.boolean() });
export const CategoryListSchema = z.object({ items: z.array(CategorySchema) });
export const NewCategorySchema = z.object({
  name: Text(100),
  /** Left out: made from the name. */
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower-case letters, digits and -').optional(),
  parentId: IdSchema.nullable().default(null),
});
export const CategoryChangeSchema = z.object({
  name: Text(100).optional(),
  /** Moves it under another category, or (null) to the top. */
  parentId: IdSchema.nullable().optional(),
  /** Archiving archives the categories under it too. */
  active: z.boolean().optional(),
});

export const BulkProductActionSchema = z.object({
  productIds: z.array(IdSchema).min(1).max(1000),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('archive') }),
    z.object({ kind: z.literal('restore') }),
    z.object({ kind: z.literal('category'), categoryId: IdSchema.nullable() }),
  ]),
  acknowledge: z.array(z.enum(ACKNOWLEDGEMENTS)).max(2).default([]),
});
