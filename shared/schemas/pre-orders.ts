import { z } from 'zod';
import { DaySchema, IdSchema, MoneySchema, NonNegativeMoneySchema, QuantityMilliSchema, UnitSchema } from './common.ts';

export const PRE_ORDER_STATUSES = ['new', 'confirmed', 'ordered', 'arrived', 'collected', 'cancelled'] as const;
export const PreOrderStatusSchema = z.enum(PRE_ORDER_STATUSES);
export type PreOrderStatus = z.infer<typeof PreOrderStatusSchema>;

/** A line: a catalogue product, or a description of goods not in the catalogue yet. */
export const PreOrderLineInputSchema = z
  .object({
    productId: IdSchema.nullable().optional(),
    description: z.string().trim().max(200).default(''),
    quantityMilli: QuantityMilliSchema,
    /** Agreed price per unit; for catalogue products it defaults to the current price. */
    unitPrice: NonNegativeMoneySchema.optional(),
    /** An agreed price below what the customer would pay now needs the price-override right or this approval. */
    approvalId: IdSchema.optional(),
  })
  .refine((l) => l.productId || l.description.length > 0, { path: ['description'], message: 'describe goods that are not in the catalogue' })
  .refine((l) => l.productId || l.unitPrice !== undefined, { path: ['unitPrice'], message: 'agree a price for goods not in the catalogue' });

export const CreatePreOrderRequestSchema = z.object({
  /** Made by the client: a retried submit finds the order already taken. */
  id: IdSchema,
  customerId: IdSchema,
  expectedDate: DaySchema.nullable().optional(),
  note: z.string().trim().max(500).default(''),
  lines: z.array(PreOrderLineInputSchema).min(1).max(200),
});
export type CreatePreOrderRequest = z.infer<typeof CreatePreOrderRequestSchema>;

export const PreOrderTransitionSchema = z.discriminatedUnion('to', [
  z.object({ to: z.literal('confirmed') }),
  z.object({ to: z.literal('ordered'), supplierId: IdSchema.nullable().optional() }),
  /** Goods not in the catalogue must be linked to a product when they arrive (they get reserved and sold). */
  z.object({ to: z.literal('arrived'), products: z.array(z.object({ lineId: IdSchema, productId: IdSchema })).max(200).default([]) }),
  /** refund: only once the deposit has been refunded at the register (a return of the deposit receipt); keep: the shop keeps it. */
  z.object({ to: z.literal('cancelled'), depositPolicy: z.enum(['refund', 'keep']), reason: z.string().trim().max(300).default('') }),
]);
export type PreOrderTransition = z.infer<typeof PreOrderTransitionSchema>;

export const PreOrderLineViewSchema = z.object({
  id: IdSchema,
  lineNo: z.number().int(),
  productId: IdSchema.nullable(),
  sku: z.string().nullable(),
  description: z.string(),
  unit: UnitSchema,
  quantityMilli: z.number().int(),
  unitPrice: MoneySchema,
  amount: MoneySchema,
  /** On hand at this outlet now (catalogue products only). */
  onHandMilli: z.number().int().nullable(),
});

export const PreOrderViewSchema = z.object({
  id: IdSchema,
  number: z.string(),
  status: PreOrderStatusSchema,
  customer: z.object({ id: IdSchema, name: z.string(), phone: z.string().nullable(), email: z.string().nullable() }),
  expectedDate: z.string().nullable(),
  note: z.string(),
  supplierName: z.string().nullable(),
  total: MoneySchema,
  /** Deposit held now (taken, less what was used, refunded or kept). */
  depositHeld: MoneySchema,
  deposits: z.array(z.object({ kind: z.enum(['deposit', 'used', 'refund', 'kept']), amount: MoneySchema, saleId: IdSchema.nullable(), saleNumber: z.string().nullable(), createdAt: z.string() })),
  /** Left to pay at collection. */
  due: MoneySchema,
  depositPolicy: z.enum(['refund', 'keep']).nullable(),
  notified: z.object({ at: z.string(), channel: z.string().nullable() }).nullable(),
  collectedSaleId: IdSchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  lines: z.array(PreOrderLineViewSchema),
});
export type PreOrderView = z.infer<typeof PreOrderViewSchema>;

export const PreOrderListQuerySchema = z.object({
  status: z.union([PreOrderStatusSchema, z.literal('open')]).optional(),
  customerId: IdSchema.optional(),
  /** The order's number, or part of the customer's name. */
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const PreOrderListSchema = z.object({ items: z.array(PreOrderViewSchema), total: z.number().int() });
