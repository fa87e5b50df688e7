import { z } from 'zod';
import { DaySchema, IdSchema, MoneySchema, NonNegativeMoneySchema, QuantityMilliSchema } from './common.ts';
import { UnitSchema } from './catalog.ts';

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
  suggestedMilli: z.number().int(),
});
export const PlanSchema = z.object({ supplierId: IdSchema, supplierName: z.string(), leadTimeDays: z.number().int(), coverDays: z.number().int(), lines: z.array(PlanLineSchema) });
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

/** What arrived: by default the order as sent; quantities and costs may differ from it. */
export const ReceivePurchaseOrderSchema = z.object({
  lines: z.array(z.object({ productId: IdSchema, quantityMilli: z.number().int().min(0).max(1e9), unitCost: NonNegativeMoneySchema })).min(1).max(2000).refine(uniqueProducts, 'each product once').optional(),
  printLabels: z.boolean().default(false),
});

export const PurchaseOrderViewSchema = z.object({
  id: IdSchema,
  number: z.string(),
  status: z.enum(['draft', 'sent', 'received', 'cancelled']),
  supplier: z.object({ id: IdSchema, code: z.string(), name: z.string(), contact: z.string() }),
  expectedDate: z.string().nullable(),
  note: z.string(),
  total: MoneySchema,
  receivedDocumentNumber: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  lines: z.array(z.object({ productId: IdSchema, sku: z.string(), supplierSku: z.string(), name: z.string(), unit: UnitSchema, quantityMilli: z.number().int(), unitCost: MoneySchema, amount: MoneySchema })),
});
export type PurchaseOrderView = z.infer<typeof PurchaseOrderViewSchema>;
export const PurchaseOrderListSchema = z.object({ items: z.array(PurchaseOrderViewSchema.omit({ lines: true }).extend({ lineCount: z.number().int() })) });
