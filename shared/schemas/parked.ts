import { z } from 'zod';
import { IdSchema, MoneySchema, QuantityMilliSchema } from './common.ts';
import { ProductViewSchema } from './catalog.ts';
import { CustomerViewSchema } from './customers.ts';
import { ApprovedManualDiscountSchema, PriceOverrideSchema, SaleLineInputSchema } from './sales.ts';

/** An open cart as the register holds it; parked carts are stored as this. */
export const CartDraftSchema = z.object({
  customer: CustomerViewSchema.nullable(),
  lines: z
    .array(
      z.object({
        lineId: IdSchema,
        product: ProductViewSchema,
        quantityMilli: QuantityMilliSchema,
        unitPrice: MoneySchema,
        scannedCode: SaleLineInputSchema.shape.scannedCode,
        scaleTicket: SaleLineInputSchema.shape.scaleTicket,
        manualDiscount: ApprovedManualDiscountSchema.optional(),
        priceOverride: PriceOverrideSchema.optional(),
        giftCard: SaleLineInputSchema.shape.giftCard,
        deposit: SaleLineInputSchema.shape.deposit,
        preOrderLineId: SaleLineInputSchema.shape.preOrderLineId,
      }),
    )
    .max(500),
  receiptDiscount: ApprovedManualDiscountSchema.optional(),
});
export type CartDraft = z.infer<typeof CartDraftSchema>;

export const ParkSaleRequestSchema = z.object({ label: z.string().trim().max(80).optional(), cart: CartDraftSchema });

export const ParkedSaleViewSchema = z.object({
  id: IdSchema,
  label: z.string(),
  createdAt: z.string(),
  cashierName: z.string(),
  itemCount: z.number().int(),
  total: MoneySchema,
  cart: CartDraftSchema,
});
export type ParkedSaleView = z.infer<typeof ParkedSaleViewSchema>;
export const ParkedSaleListSchema = z.object({ items: z.array(ParkedSaleViewSchema) });
