import { z } from 'zod';
import { IdSchema, NonNegativeMoneySchema, QuantityMilliSchema, UnitSchema } from './common.ts';

export const WRITE_OFF_REASONS = ['damaged', 'expired', 'theft', 'other'] as const;

const uniqueProducts = (lines: { productId: string }[]) => new Set(lines.map((l) => l.productId)).size === lines.length;

export const DeliveryRequestSchema = z.object({
  /** Made by the client: a retried submit finds the delivery already posted. */
  id: IdSchema,
  supplierId: IdSchema.nullable().optional(),
  note: z.string().trim().max(300).default(''),
  lines: z
    .array(z.object({ productId: IdSchema, quantityMilli: QuantityMilliSchema, unitCost: NonNegativeMoneySchema }))
    .min(1)
    .max(2000)
    .refine(uniqueProducts, 'each product once'),
  /** Queue price labels for the received goods on the label printer. */
  printLabels: z.boolean().default(false),
});
export type DeliveryRequest = z.infer<typeof DeliveryRequestSchema>;

export const WriteOffRequestSchema = z.object({
  id: IdSchema,
  reason: z.enum(WRITE_OFF_REASONS),
  note: z.string().trim().max(300).default(''),
  lines: z.array(z.object({ productId: IdSchema, quantityMilli: QuantityMilliSchema })).min(1).max(2000).refine(uniqueProducts, 'each product once'),
});
export type WriteOffRequest = z.infer<typeof WriteOffRequestSchema>;

export const StartCountRequestSchema = z.object({ id: IdSchema, categoryId: IdSchema.nullable().optional(), note: z.string().trim().max(300).default('') });

/** A counted quantity for one product: `set` replaces what was counted, `add` adds a scan. */
export const CountLineRequestSchema = z.object({
  productId: IdSchema,
  quantityMilli: z.number().int().min(0).max(1_000_000_000),
  mode: z.enum(['set', 'add']).default('add'),
});

/** Posting a count that finds fewer goods than arrived pre-orders hold needs `belowReserved` (no body: not confirmed). */
export const PostCountRequestSchema = z.object({ belowReserved: z.boolean().default(false) }).nullable();

export const STOCK_DOCUMENT_KINDS = ['delivery', 'write-off', 'count', 'transfer-out', 'transfer-in'] as const;

export const StockDocumentViewSchema = z.object({
  id: IdSchema,
  kind: z.enum(STOCK_DOCUMENT_KINDS),
  number: z.string(),
  status: z.enum(['draft', 'posted', 'in-transit']),
  supplierName: z.string().nullable(),
  /** Transfers: the other outlet's code. */
  counterpart: z.string().nullable(),
  reason: z.string().nullable(),
  categoryName: z.string().nullable(),
  note: z.string(),
  totalCost: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  postedAt: z.string().nullable(),
  lines: z.array(
    z.object({
      productId: IdSchema,
      sku: z.string(),
      name: z.string(),
      unit: UnitSchema,
      quantityMilli: z.number().int(),
      unitCost: z.number().int().nullable(),
      expectedMilli: z.number().int().nullable(),
      differenceMilli: z.number().int().nullable(),
    }),
  ),
  /** Counts: products in the count's scope not counted yet (set to zero when posted). */
  uncounted: z.number().int().nullable(),
  labelsPrintJob: z.object({ id: IdSchema, status: z.string() }).nullable().optional(),
});
export type StockDocumentView = z.infer<typeof StockDocumentViewSchema>;
export const StockDocumentListSchema = z.object({ items: z.array(StockDocumentViewSchema.omit({ lines: true, uncounted: true, labelsPrintJob: true }).extend({ lineCount: z.number().int() })), total: z.number().int() });
export const StockDocumentListQuerySchema = z.object({
  kind: z.enum(STOCK_DOCUMENT_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const StockListQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  categoryId: IdSchema.optional(),
  /** Only products below their minimum level. */
  low: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const StockRowSchema = z.object({
  productId: IdSchema,
  sku: z.string(),
  name: z.string(),
  unit: UnitSchema,
  categoryName: z.string().nullable(),
  onHandMilli: z.number().int(),
  /** Held for customers whose pre-orders arrived. */
  reservedMilli: z.number().int(),
  /** On hand less reserved: what can be sold to anyone. */
  availableMilli: z.number().int(),
  minMilli: z.number().int().nullable(),
  low: z.boolean(),
  cost: z.number().int(),
  /** On hand × cost, minor units. */
  value: z.number().int(),
});
export const StockListSchema = z.object({ items: z.array(StockRowSchema), total: z.number().int(), lowCount: z.number().int() });
export const StockLevelRequestSchema = z.object({ minMilli: z.number().int().min(0).max(1_000_000_000).nullable() });

/** Goods sent to another outlet of the chain: they leave this outlet's stock at once and are in transit. */
export const TransferSendRequestSchema = z.object({
  id: IdSchema,
  toOutletCode: z.string().trim().min(1).max(40),
  note: z.string().trim().max(300).default(''),
  lines: z.array(z.object({ productId: IdSchema, quantityMilli: QuantityMilliSchema })).min(1).max(2000).refine(uniqueProducts, 'each product once'),
});
export type TransferSendRequest = z.infer<typeof TransferSendRequestSchema>;

/** An outlet's Ed25519 public key: its 32 bytes in base64url. */
export const PublicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an Ed25519 public key (32 bytes, base64url)');

/**
 * The transfer note that travels with the goods (as a file, or through head office once outlets
 * sync): products by SKU, at the sender's cost, signed by the sending outlet. The receiver checks
 * the signature with the sender's public key, so an edited note (another quantity, another id) is
 * refused.
 */
export const TransferNoteSchema = z.object({
  id: IdSchema,
  number: z.string().max(40),
  from: z.object({ code: z.string().max(40), name: z.string().max(200) }),
  to: z.string().max(40),
  sentAt: z.string().max(40),
  lines: z
    .array(z.object({ sku: z.string().min(1).max(64), name: z.string().max(200), quantityMilli: QuantityMilliSchema, unitCost: NonNegativeMoneySchema }))
    .min(1)
    .max(2000),
  /** Ed25519 signature (base64url) over transferNoteSigningText by the sending outlet's key. */
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature (64 bytes, base64url)'),
});
export type TransferNote = z.infer<typeof TransferNoteSchema>;

/**
 * What a transfer note's signature covers: every field but the signature, in a fixed order. JSON of
 * an array, so neither key order nor spacing of the file can change it.
 */
export function transferNoteSigningText(note: Omit<TransferNote, 'signature'>): string {
  return JSON.stringify(['till-transfer-note/1', note.id, note.number, note.from.code, note.from.name, note.to, note.sentAt, note.lines.map((l) => [l.sku, l.name, l.quantityMilli, l.unitCost])]);
}

/** This outlet's key for transfer notes and the other outlets' it trusts notes from. */
export const TransferKeysSchema = z.object({
  own: z.object({ code: z.string(), name: z.string(), publicKey: PublicKeySchema }),
  outlets: z.array(z.object({ code: z.string(), name: z.string(), publicKey: PublicKeySchema, source: z.enum(['head-office', 'owner']) })),
});
/** Another outlet's public key, registered by the owner of a shop without head office. */
export const PeerOutletRequestSchema = z.object({ name: z.string().trim().min(1).max(200), publicKey: PublicKeySchema });

/** What arrived of a transfer: by default all that was sent. */
export const TransferReceiveRequestSchema = z.object({
  note: TransferNoteSchema,
  lines: z.array(z.object({ sku: z.string().min(1).max(64), quantityMilli: z.number().int().min(0).max(1e9) })).max(2000).optional(),
});
