import { z } from 'zod';
import { CustomFieldValuesInputSchema } from './custom-fields.ts';
import { E164Schema } from '../phone.ts';
import { isTimeZone } from '../time.ts';
import { DaySchema, IdSchema, LocaleSchema } from './common.ts';
import { PaymentMethodSchema } from './sales.ts';
import { PublicKeySchema, STOCK_DOCUMENT_KINDS, TransferNoteSchema } from './stock.ts';

/** Every kind of document an outlet pushes; head office refuses any other. */
export const SYNC_DOCUMENT_TYPES = [
  'sale', 'return', 'shift', 'stock-delivery', 'stock-write-off', 'stock-count', 'stock-transfer-out', 'stock-transfer-in', 'customer-edit', 'customer-merge',
  'invoice', 'credit-note', 'invoice-payment', 'advance-allocation', 'customer-status-move', 'outlet-price',
] as const;
export type SyncDocumentType = (typeof SYNC_DOCUMENT_TYPES)[number];

/**
 * The sync protocol's push half (architecture invariant 10): an outlet sends the documents of its
 * outbox in batches, oldest first; each document's id is its idempotency key, unique across the
 * chain, so head office stores it once however often it arrives, and answers which ids it now holds.
 */
export const SyncDocumentSchema = z.object({
  /** The document's own id (a sale, a return, a stock document, a shift): the idempotency key. */
  documentId: IdSchema,
  type: z.enum(SYNC_DOCUMENT_TYPES),
  /** When the outlet completed it (its own clock). */
  createdAt: z.string().datetime(),
  /** The document as the outlet stored it. */
  payload: z.record(z.string(), z.unknown()),
});
export type SyncDocument = z.infer<typeof SyncDocumentSchema>;

const MinorUnits = z.number().int().safe();
const Timestamp = z.string().datetime({ offset: true });

/**
 * A sale or return document as the outlet stored it (its SaleRecord): the figures head office adds
 * up per outlet and day, and everything it needs to recompute them (document-checks.ts).
 */
export const SyncedSaleSchema = z.looseObject({
  id: IdSchema,
  /** The outlet's own id: head office holds it for the credential the document came with. */
  outletId: IdSchema,
  kind: z.enum(['sale', 'return']),
  number: z.string().min(1),
  originalSaleId: IdSchema.nullable(),
  customerId: IdSchema.nullable(),
  subtotal: MinorUnits,
  total: MinorUnits.nonnegative(),
  taxTotal: MinorUnits.nonnegative(),
  discountTotal: MinorUnits.nonnegative(),
  createdAt: Timestamp,
  lines: z
    .array(
      z.looseObject({
        id: IdSchema,
        saleId: IdSchema,
        productId: IdSchema,
        quantityMilli: z.number().int().safe(),
        unitPrice: MinorUnits,
        grossAmount: MinorUnits,
        discountAmount: MinorUnits,
        amount: MinorUnits,
        taxRateBp: z.number().int().min(0).max(100_000),
        taxAmount: MinorUnits,
        costAmount: MinorUnits,
        originalLineId: IdSchema.nullable(),
        /** What the line sold (goods, a gift card, a deposit); documents from before lines said so leave it to the product. */
        kind: z.enum(['goods', 'gift-card', 'deposit']).optional(),
      }),
    )
    .min(1),
  discounts: z.array(z.looseObject({ saleId: IdSchema, lineId: IdSchema.nullable(), amount: MinorUnits })),
  payments: z.array(z.looseObject({ saleId: IdSchema, method: PaymentMethodSchema, amount: MinorUnits, tendered: MinorUnits.nullable(), change: MinorUnits })),
});
export type SyncedSale = z.infer<typeof SyncedSaleSchema>;

/** A posted stock document as the outlet stored it, with its lines (counts: their differences). */
export const SyncedStockDocumentSchema = z.looseObject({
  id: IdSchema,
  outletId: IdSchema,
  kind: z.enum(STOCK_DOCUMENT_KINDS),
  status: z.string(),
  /** Transfers: the other outlet's code. */
  counterpart: z.string().nullable(),
  /** A received transfer: the id of the transfer it receives (the sender's document). */
  transferId: IdSchema.nullable().optional(),
  totalCost: MinorUnits,
  createdAt: Timestamp,
  postedAt: Timestamp.nullable(),
  lines: z.array(
    z.looseObject({
      productId: IdSchema,
      quantityMilli: z.number().int().safe(),
      unitCost: MinorUnits.nullable(),
      expectedMilli: z.number().int().safe().nullable(),
      differenceMilli: z.number().int().safe().nullable(),
    }),
  ),
  /** A received transfer: the sender's signed note it was received by. */
  transferNote: TransferNoteSchema.optional(),
});
export type SyncedStockDocument = z.infer<typeof SyncedStockDocumentSchema>;

/** A closed shift's Z report (what head office reads of it). */
export const SyncedShiftSchema = z.looseObject({ shiftId: IdSchema, reportKind: z.literal('Z'), closedAt: Timestamp });

export const PushBatchSchema = z.object({
  outletCode: z.string().min(1).max(40),
  /**
   * The outlet's own id (its documents carry it) and the public key its transfer notes are signed
   * with: head office holds both for the credential from its first push, and refuses another.
   */
  outletId: IdSchema,
  publicKey: PublicKeySchema,
  /**
   * The outlet's time zone (IANA): its documents belong to its own local days, at head office as
   * at the outlet. Head office keeps the one it was told last (the outlet's registration's until then).
   */
  timeZone: z.string().min(1).max(60).refine(isTimeZone, 'not a time zone').optional(),
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
export const CUSTOMER_SYNCED_FIELDS = [
  'name', 'kind', 'phone', 'email', 'categoryCode', 'personalDiscountBp', 'birthday', 'address', 'notes', 'companyCode', 'vatCode', 'locale',
  'emailConsentAt', 'smsConsentAt', 'serviceMessagesRefusedAt',
] as const;
export type CustomerSyncedField = (typeof CUSTOMER_SYNCED_FIELDS)[number];
/** Fields only head office's administration sets: an outlet's value waits for approval, head office's holds meanwhile. */
export const HEAD_OFFICE_FIELDS = ['personalDiscountBp', 'categoryCode'] as const satisfies readonly CustomerSyncedField[];
export type HeadOfficeField = (typeof HEAD_OFFICE_FIELDS)[number];
export const isHeadOfficeField = (field: string): field is HeadOfficeField => (HEAD_OFFICE_FIELDS as readonly string[]).includes(field);

/** The consents and the refusal of service messages: when given (refused), null while not. */
export const CUSTOMER_CONSENT_FIELDS = ['emailConsentAt', 'smsConsentAt', 'serviceMessagesRefusedAt'] as const satisfies readonly CustomerSyncedField[];
export type CustomerConsentField = (typeof CUSTOMER_CONSENT_FIELDS)[number];

/**
 * A customer created or edited at an outlet (document type `customer-edit`): the changed fields'
 * new values, when the till made the change, and cards added there. The category travels by code:
 * outlets and head office share category codes, not necessarily ids.
 *
 * A consent (or refusal) is dated when it was given, which is never after the edit that sends it:
 * the edit's own date is held to head office's plausible window (verify.ts), so a consent dated
 * ahead of it is a lie. A withdrawal is null: the edit's date is its time, and head office's clock
 * of the field keeps it, so an older edit giving consent does not undo it (customer-merge.ts).
 */
export const CustomerEditSchema = z.object({
  customerId: IdSchema,
  editedAt: z.string().datetime(),
  fields: z
    .object({
      name: z.string().trim().min(1).max(200),
      kind: z.enum(['person', 'company']),
      phone: E164Schema.nullable(),
      email: z.string().max(200).nullable(),
      categoryCode: z.string().max(60).nullable(),
      personalDiscountBp: z.number().int().min(0).max(10_000),
      birthday: DaySchema.nullable(),
      address: z.string().max(300),
      notes: z.string().max(2000),
      companyCode: z.string().max(40).nullable(),
      vatCode: z.string().max(40).nullable(),
      locale: LocaleSchema.nullable(),
      emailConsentAt: z.string().datetime().nullable(),
      smsConsentAt: z.string().datetime().nullable(),
      serviceMessagesRefusedAt: z.string().datetime().nullable(),
    })
    .partial(),
  cardsAdded: z.array(z.string().min(1).max(64)).max(20),
  /** The custom fields whose values changed, by key (null: cleared); edits from before custom fields have none. */
  customFields: CustomFieldValuesInputSchema.default({}),
}).superRefine((edit, ctx) => {
  for (const field of CUSTOMER_CONSENT_FIELDS) {
    const at = edit.fields[field];
    if (at && Date.parse(at) > Date.parse(edit.editedAt)) ctx.addIssue({ code: 'custom', path: ['fields', field], message: `later than the edit (${edit.editedAt})` });
  }
});
export type CustomerEdit = z.infer<typeof CustomerEditSchema>;

/** What an outlet asks head office after a restore: the documents head office holds from it, made since a time. */
export const HeldDocumentsQuerySchema = z.object({ since: z.string().datetime() });
export const HELD_DOCUMENTS_LIMIT = 5000;
export const HeldDocumentsSchema = z.object({
  documents: z.array(z.object({ documentId: IdSchema, type: z.string(), createdAt: z.string(), number: z.string().nullable() })),
  /** More than the limit were made since then: the list stops at the oldest ones. */
  more: z.boolean(),
});
export type HeldDocuments = z.infer<typeof HeldDocumentsSchema>;

/**
 * Two customers merged at an outlet (document type `customer-merge`): `mergeId`'s history, cards,
 * phones and contacts count for `keepId` from now on, and its id answers with `keepId`.
 */
export const CustomerMergeSchema = z.object({
  keepId: IdSchema,
  mergeId: IdSchema,
  mergedAt: z.string().datetime(),
});
export type CustomerMerge = z.infer<typeof CustomerMergeSchema>;

/**
 * A customer's move through the chain's funnel at an outlet (document type `customer-status-move`,
 * the id its status history row's): head office checks it against its own funnel and customers.
 */
export const SyncedStatusMoveSchema = z.object({
  id: IdSchema,
  outletId: IdSchema,
  customerId: IdSchema,
  /** The status the customer left; null: they had none. */
  fromId: IdSchema.nullable(),
  toId: IdSchema,
  userId: IdSchema,
  /** The customer's manager when they moved (null: none); absent from outlets of before it was sent. */
  managerId: IdSchema.nullable().optional(),
  at: z.string().datetime(),
});
export type SyncedStatusMove = z.infer<typeof SyncedStatusMoveSchema>;
