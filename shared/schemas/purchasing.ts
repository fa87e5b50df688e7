import { z } from 'zod';
import { EXCHANGE_RATE } from '../money.ts';
import { CurrencyCodeSchema, DaySchema, IdSchema, MoneySchema, NonNegativeMoneySchema, QuantityMilliSchema, UnitSchema } from './common.ts';

/** A supplier as the back office creates and edits it. */
export const SupplierInputSchema = z.object({
  code: z.string().trim().min(1, 'a supplier needs a code').max(40),
  name: z.string().trim().min(1, 'a supplier needs a name').max(120),
  contact: z.string().trim().max(300).default(''),
  /** Days from ordering to delivery. */
  leadTimeDays: z.number().int().min(0).max(365).default(0),
  /** The smallest order it takes, minor units of its currency (0: none). */
  minOrderAmount: NonNegativeMoneySchema.default(0),
  /** The currency its prices and orders are in; null or left out: the shop's. */
  currency: CurrencyCodeSchema.nullable().default(null),
});
export type SupplierInput = z.infer<typeof SupplierInputSchema>;
export const SupplierViewSchema = SupplierInputSchema.extend({
  id: IdSchema,
  /** The currency its prices are in (the shop's when it has none of its own). */
  currency: z.string(),
  archived: z.boolean(),
  /** head-office: the chain's master data, edited there only. */
  origin: z.enum(['outlet', 'head-office']),
  /** Products on its price list. */
  priceListSize: z.number().int(),
});
export type SupplierView = z.infer<typeof SupplierViewSchema>;
export const SupplierListQuerySchema = z.object({ archived: z.enum(['exclude', 'include', 'only']).default('exclude') });
export const SupplierListSchema = z.object({ items: z.array(SupplierViewSchema) });

export const SupplierProductInputSchema = z.object({
  productId: IdSchema,
  supplierSku: z.string().trim().max(60).default(''),
  /** Their price per unit; when left out, our current average cost. */
  unitCost: NonNegativeMoneySchema.optional(),
  packMilli: QuantityMilliSchema.default(1000),
});
export const SupplierProductViewSchema = SupplierProductInputSchema.extend({ unitCost: NonNegativeMoneySchema, sku: z.string(), name: z.string(), unit: UnitSchema });
export const SupplierProductListSchema = z.object({ items: z.array(SupplierProductViewSchema) });

export const PlanQuerySchema = z.object({
  supplierId: IdSchema,
  /** Days the order should last after it arrives. */
  coverDays: z.coerce.number().int().min(0).max(120).default(7),
  /** Days of sales the rate of sale is measured over. */
  windowDays: z.coerce.number().int().min(1).max(365).default(28),
});

export const PlanLineSchema = z.object({
  productId: IdSchema,
  sku: z.string(),
  name: z.string(),
  unit: UnitSchema,
  supplierSku: z.string(),
  unitCost: MoneySchema,
  packMilli: z.number().int(),
  dailyMilli: z.number().int(),
  onHandMilli: z.number().int(),
  reservedMilli: z.number().int(),
  preOrderedMilli: z.number().int(),
  onOrderMilli: z.number().int(),
  minMilli: z.number().int(),
  /** Collected pre-orders in the window: sold, but demand already met, so left out of the rate of sale. */
  collectedMilli: z.number().int(),
  suggestedMilli: z.number().int(),
});
export const PlanSchema = z.object({
  supplierId: IdSchema,
  supplierName: z.string(),
  leadTimeDays: z.number().int(),
  coverDays: z.number().int(),
  /** The supplier's currency (unit costs are in it) and smallest order. */
  currency: z.string(),
  minOrderAmount: MoneySchema,
  lines: z.array(PlanLineSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

const uniqueProducts = (lines: { productId: string }[]) => new Set(lines.map((l) => l.productId)).size === lines.length;
const OrderLinesSchema = z.array(z.object({ productId: IdSchema, quantityMilli: QuantityMilliSchema, unitCost: NonNegativeMoneySchema })).min(1).max(2000).refine(uniqueProducts, 'each product once');

export const CreatePurchaseOrderSchema = z.object({
  id: IdSchema,
  supplierId: IdSchema,
  expectedDate: DaySchema.nullable().optional(),
  note: z.string().trim().max(300).default(''),
  lines: OrderLinesSchema,
});
export type CreatePurchaseOrder = z.infer<typeof CreatePurchaseOrderSchema>;
export const UpdatePurchaseOrderSchema = z.object({ lines: OrderLinesSchema });

/** Sending below the supplier's minimum order is refused unless asked for (no body: not asked). */
export const SendPurchaseOrderSchema = z.object({ belowMinimum: z.boolean().default(false) }).nullable();

/**
 * What arrived: by default the order as sent; quantities and costs (in the supplier's currency) may
 * differ from it. What did not come stays on order as a back-order, or is dropped (`close`).
 */
export const ReceivePurchaseOrderSchema = z.object({
  lines: z.array(z.object({ productId: IdSchema, quantityMilli: z.number().int().min(0).max(1e9), unitCost: NonNegativeMoneySchema })).min(1).max(2000).refine(uniqueProducts, 'each product once').optional(),
  printLabels: z.boolean().default(false),
  remainder: z.enum(['back-order', 'close']).default('back-order'),
  /** Units of the shop's currency for one of the supplier's, when they differ ("0.2312"): the goods are costed in the shop's. */
  exchangeRate: z.string().regex(EXCHANGE_RATE, 'a rate such as 0.2312').refine((rate) => /[1-9]/.test(rate), 'a rate above zero').optional(),
});

export const PurchaseOrderViewSchema = z.object({
  id: IdSchema,
  number: z.string(),
  status: z.enum(['draft', 'sent', 'received', 'cancelled']),
  supplier: z.object({ id: IdSchema, code: z.string(), name: z.string(), contact: z.string(), currency: z.string(), minOrderAmount: MoneySchema }),
  expectedDate: z.string().nullable(),
  note: z.string(),
  total: MoneySchema,
  receivedDocumentNumber: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The order this one is the back-order of, and this one's back-order (what did not come), by number. */
  backOrderOf: z.object({ id: IdSchema, number: z.string() }).nullable(),
  backOrder: z.object({ id: IdSchema, number: z.string() }).nullable(),
  lines: z.array(z.object({ productId: IdSchema, sku: z.string(), supplierSku: z.string(), name: z.string(), unit: UnitSchema, quantityMilli: z.number().int(), unitCost: MoneySchema, amount: MoneySchema })),
});
export type PurchaseOrderView = z.infer<typeof PurchaseOrderViewSchema>;
export const PurchaseOrderListSchema = z.object({ items: z.array(PurchaseOrderViewSchema.omit({ lines: true }).extend({ lineCount: z.number().int() })) });
