import { z } from 'zod';
import { IdSchema, MoneySchema } from './common.ts';
import { ProductDetailsSchema, ProductInputSchema, ProductListQuerySchema, ProductRowSchema, VariantInputSchema, VariantRowSchema } from './products.ts';

// The chain's catalogue as head office's pages manage it: the outlet's product form less what is
// each outlet's own (stock, minimum levels, suppliers' terms and price lists), plus the prices an
// outlet has of its own. Categories and suppliers use the outlet's and the master data's schemas.

export const HeadOfficeProductListQuerySchema = ProductListQuerySchema.pick({ q: true, categoryId: true, status: true, after: true, limit: true });

const HeadOfficeVariantRowSchema = VariantRowSchema.omit({ stockMilli: true, minMilli: true });
export const HeadOfficeProductRowSchema = ProductRowSchema.omit({ stockMilli: true, minMilli: true, variants: true }).extend({ variants: z.array(HeadOfficeVariantRowSchema) });
export type HeadOfficeProductRow = z.infer<typeof HeadOfficeProductRowSchema>;
export const HeadOfficeProductPageSchema = z.object({ items: z.array(HeadOfficeProductRowSchema), next: z.string().nullable() });
export type HeadOfficeProductPage = z.infer<typeof HeadOfficeProductPageSchema>;

export const HeadOfficeVariantInputSchema = VariantInputSchema.omit({ minMilli: true, suppliers: true });
export const HeadOfficeProductInputSchema = ProductInputSchema.omit({ minMilli: true, suppliers: true, acknowledge: true, variants: true }).extend({
  variants: z.array(HeadOfficeVariantInputSchema).max(300).default([]),
});
export type HeadOfficeProductInput = z.infer<typeof HeadOfficeProductInputSchema>;

/** An outlet's own price of one sellable product (the product, or one of its variants). */
export const OutletPriceSchema = z.object({ outletCode: z.string(), productId: IdSchema, price: MoneySchema });

export const HeadOfficeProductSchema = ProductDetailsSchema.omit({ minMilli: true, suppliers: true, stockMilli: true, variants: true, customFields: true, ownPrice: true }).extend({
  variants: z.array(HeadOfficeVariantInputSchema.extend({ id: IdSchema, name: z.string(), priceChanges: ProductDetailsSchema.shape.priceChanges })),
  outletPrices: z.array(OutletPriceSchema),
});
export type HeadOfficeProduct = z.infer<typeof HeadOfficeProductSchema>;

export const HeadOfficeSupplierSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  contact: z.string(),
  leadTimeDays: z.number().int(),
  minOrderAmount: MoneySchema,
  currency: z.string().nullable(),
  archived: z.boolean(),
});
export const HeadOfficeSupplierListSchema = z.object({ items: z.array(HeadOfficeSupplierSchema) });
