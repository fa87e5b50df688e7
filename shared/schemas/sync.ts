import { z } from 'zod';
import { IdSchema } from './common.ts';

/**
 * The sync protocol's push half (architecture invariant 10): an outlet sends the documents of its
 * outbox in batches, oldest first; each document's id is its idempotency key, so head office stores
 * it once however often it arrives, and answers which ids it now holds.
 */
export const SyncDocumentSchema = z.object({
  /** The document's own id (a sale, a return, a stock document, a shift): the idempotency key. */
  documentId: IdSchema,
  /** sale | return | shift | stock-delivery | stock-write-off | stock-count | stock-transfer-out | stock-transfer-in */
  type: z.string().min(1).max(40),
  /** When the outlet completed it (its own clock). */
  createdAt: z.string().datetime(),
  /** The document as the outlet stored it. */
  payload: z.record(z.string(), z.unknown()),
});
export type SyncDocument = z.infer<typeof SyncDocumentSchema>;

const MinorUnits = z.number().int().safe();

/**
 * What head office reads of a sale or return document (the payload carries more, kept as sent): the
 * figures it adds up per outlet and day, and the lines' cost for chain margins.
 */
export const SyncedSaleSchema = z.looseObject({
  id: IdSchema,
  kind: z.enum(['sale', 'return']),
  number: z.string().min(1),
  customerId: IdSchema.nullable(),
  total: MinorUnits.nonnegative(),
  taxTotal: MinorUnits.nonnegative(),
  discountTotal: MinorUnits.nonnegative(),
  lines: z.array(z.looseObject({ productId: IdSchema, quantityMilli: z.number().int(), amount: MinorUnits, costAmount: MinorUnits })).min(1),
  payments: z.array(z.looseObject({ method: z.string().min(1), amount: MinorUnits })),
});
export type SyncedSale = z.infer<typeof SyncedSaleSchema>;

/** What head office reads of a posted stock document: its lines' quantities (counts: their differences). */
export const SyncedStockDocumentSchema = z.looseObject({
  id: IdSchema,
  lines: z.array(z.looseObject({ productId: IdSchema, quantityMilli: z.number().int(), differenceMilli: z.number().int().nullable().optional() })),
});

export const PushBatchSchema = z.object({
  outletCode: z.string().min(1).max(40),
  /** When the outlet sent the batch, by its own clock: head office compares it with its own to show skew. */
  sentAt: z.string().datetime(),
  documents: z.array(SyncDocumentSchema).min(1).max(500),
  /** Documents the outlet still has to send, this batch included (shown in head office's sync view). */
  backlog: z.number().int().min(0).optional(),
});
export type PushBatch = z.infer<typeof PushBatchSchema>;

/** Head office's answer: every id it holds now (stored by this batch or before). */
export const PushAckSchema = z.object({ held: z.array(IdSchema) });
export type PushAck = z.infer<typeof PushAckSchema>;

/** How the link to head office stands, for the register's status bar and the back office. */
export const SyncStatusSchema = z.object({
  configured: z.boolean(),
  /** Documents not yet acknowledged by head office. */
  backlog: z.number().int(),
  /** The last head-office master-data change applied here (null: no head office). */
  masterDataCursor: z.number().int().nullable(),
  lastContactAt: z.string().nullable(),
  /** Since when pushes fail; null while head office answers. */
  unreachableSince: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** Customer fields an outlet may edit and send up; head office resolves each field on its own. */
export const CUSTOMER_SYNCED_FIELDS = ['name', 'kind', 'phone', 'email', 'categoryCode', 'personalDiscountBp', 'birthday', 'address', 'notes', 'companyCode', 'vatCode'] as const;
export type CustomerSyncedField = (typeof CUSTOMER_SYNCED_FIELDS)[number];

/**
 * A customer created or edited at an outlet (document type `customer-edit`): the changed fields'
 * new values, when the till made the change, and cards added there. The category travels by code:
 * outlets and head office share category codes, not necessarily ids.
 */
export const CustomerEditSchema = z.object({
  customerId: IdSchema,
  editedAt: z.string().datetime(),
  fields: z
    .object({
      name: z.string().trim().min(1).max(200),
      kind: z.enum(['person', 'company']),
      phone: z.string().regex(/^\d{6,15}$/).nullable(),
      email: z.string().max(200).nullable(),
      categoryCode: z.string().max(60).nullable(),
      personalDiscountBp: z.number().int().min(0).max(10_000),
      birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
      address: z.string().max(300),
      notes: z.string().max(2000),
      companyCode: z.string().max(40).nullable(),
      vatCode: z.string().max(40).nullable(),
    })
    .partial(),
  cardsAdded: z.array(z.string().min(1).max(64)).max(20),
});
export type CustomerEdit = z.infer<typeof CustomerEditSchema>;
