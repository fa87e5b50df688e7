import { z } from 'zod';
import { BasisPointsSchema, IdSchema, MoneySchema, UnitSchema } from './common.ts';
import { CustomerViewSchema } from './customers.ts';
import { MAX_SCANNED_CODE_LENGTH } from '../barcodes.ts';


export const ProductViewSchema = z.object({
  id: IdSchema,
  sku: z.string(),
  name: z.string(),
  unit: UnitSchema,
  /** Per piece or per kg, tax included, minor units. */
  price: MoneySchema,
  taxRateBp: BasisPointsSchema,
  categoryId: IdSchema.nullable(),
  discountable: z.boolean(),
  /** service: sold, never stocked; gift-card: selling it loads a gift card with an amount the cashier enters (no stock). */
  kind: z.enum(['goods', 'service', 'gift-card', 'deposit']).default('goods'),
  barcodes: z.array(z.string()),
  /** On-hand quantity at this outlet, thousandths of the unit. */
  stockMilli: z.number().int(),
  /** Lowest unit price automatic discounts may reach (cost + minimum margin); null when unrestricted. */
  floorPrice: MoneySchema.nullable(),
  /** Scheduled prices after now: a cart priced later prices by shared/pricing/price-changes.ts priceInForce. */
  priceChanges: z.array(z.object({ from: z.iso.datetime({ offset: true }), price: MoneySchema })).default([]),
  /** A variant: the product it is a variant of (its name carries the option values). */
  parentId: IdSchema.nullable().default(null),
  /** The colour of its tile at the register, #rrggbb. */
  tileColour: z.string().nullable().default(null),
});
export type ProductView = z.infer<typeof ProductViewSchema>;

export const ProductSearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const ProductListSchema = z.object({ items: z.array(ProductViewSchema) });

export const ScanParamsSchema = z.object({ code: z.string().trim().min(1).max(MAX_SCANNED_CODE_LENGTH) });

/** What a scanned code turned out to be. */
export const ScanResultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('product'),
    product: ProductViewSchema,
    /** Normalised code to send back with the sale line (in-store codes carry weight or price). */
    code: z.string(),
    /** From a weight-embedded in-store code. */
    quantityMilli: z.number().int().positive().nullable(),
    /** From a price-embedded in-store code: the line's price for one piece. */
    unitPrice: MoneySchema.nullable(),
    /** The expiry in a GS1 code (AI 17 or 7003) when it has passed at the outlet's local time. */
    expiredOn: z.string().optional(),
  }),
  z.object({ type: z.literal('customer'), customer: CustomerViewSchema }),
  z.object({ type: z.literal('receipt'), saleId: IdSchema, number: z.string() }),
]);
export type ScanResult = z.infer<typeof ScanResultSchema>;

