import { z } from 'zod';
import { IdSchema, MoneySchema, NonNegativeMoneySchema, QuantityMilliSchema } from './common.ts';
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
        unitPrice: NonNegativeMoneySchema,
        scannedCode: SaleLineInputSchema.shape.scannedCode,
        codePriceApprovalId: SaleLineInputSchema.shape.codePriceApprovalId,
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

export const ParkSaleRequestSchema = z.object({
  label: z.string().trim().max(80).optional(),
  // The list shows each parked cart's total, which must be an amount one sale can have.
  cart: CartDraftSchema.refine((cart) => cart.lines.reduce((s, l) => s + (l.quantityMilli * l.unitPrice) / 1000, 0) <= MoneySchema.maxValue!, {
    message: 'the cart totals more than one sale can',
    path: ['lines'],
  }),
});

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
