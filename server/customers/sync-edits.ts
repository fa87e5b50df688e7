import type Database from 'better-sqlite3';
import { queueForHeadOffice } from '../sync/outbox.ts';
import { readDocument, type DocumentIssue } from '../../shared/document-checks.ts';
import { newId } from '../../shared/ids.ts';
import { CUSTOMER_CONSENT_FIELDS, CUSTOMER_SYNCED_FIELDS, type CustomerEdit, type CustomerMerge } from '../../shared/schemas/sync.ts';
import type { Tx } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { AppError } from '../http/errors.ts';
import type { CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { valuesOf } from '../custom-fields/values.ts';

export type SyncedFields = Required<CustomerEdit['fields']> & { customFields: Record<string, CustomFieldValue> };

type Row = Omit<SyncedFields, 'customFields' | 'kind' | 'locale'> & { id: string; kind: string; locale: string | null };

/**
 * The fields head office keeps of each of these customers, as they are in the caller's transaction,
 * with their values of the chain's custom fields (head office's) by key. One read for them all.
 */
export function syncedFieldsOfMany(sql: Database.Database, ids: string[]): Map<string, SyncedFields> {
  const rows = statement(
    sql,
    `SELECT c."id", c."name", c."kind", c."phone", c."email", k."code" AS "categoryCode", c."personalDiscountBp", c."birthday", c."address", c."notes", c."companyCode", c."vatCode", c."locale",
       c."emailConsentAt", c."smsConsentAt", c."serviceMessagesRefusedAt"
     FROM json_each(?) j CROSS JOIN "Customer" c ON c."id" = j.value LEFT JOIN "CustomerCategory" k ON k."id" = c."categoryId"`,
  ).all(JSON.stringify(ids)) as Row[];
  const values = valuesOf(sql, fieldsOf(sql, 'customer', true).filter((f) => f.origin === 'head-office'), rows.map((r) => r.id));
  // Consents as head office reads them (ISO, in UTC), not in the form SQLite keeps them in.
  for (const row of rows) for (const field of CUSTOMER_CONSENT_FIELDS) if (row[field] !== null) row[field] = new Date(row[field]).toISOString();
  return new Map(rows.map(({ id, ...r }) => [id, { ...r, kind: r.kind as SyncedFields['kind'], locale: r.locale as SyncedFields['locale'], customFields: values.get(id)! }]));
}

/** The customer's fields head office keeps, as they are in this transaction. */
export function syncedFieldsOf(sql: Database.Database, id: string): SyncedFields {
  const fields = syncedFieldsOfMany(sql, [id]).get(id);
  if (!fields) throw new Error(`No customer ${id}`);
  return fields;
}

/**
 * A customer's creation (`before` null: every field) or edit (the fields that changed, and cards
 * added) as head office takes it; null when nothing changed and no card was added.
 */
export function customerEditOf(customerId: string, before: SyncedFields | null, after: SyncedFields, cardsAdded: string[], editedAt: Date): CustomerEdit | null {
  const fields: CustomerEdit['fields'] = {};
  for (const field of CUSTOMER_SYNCED_FIELDS) {
    if (!before || before[field] !== after[field]) Object.assign(fields, { [field]: after[field] });
  }
  const customFields: CustomerEdit['customFields'] = {};
  for (const key of new Set([...Object.keys(before?.customFields ?? {}), ...Object.keys(after.customFields)])) {
    if (before?.customFields[key] !== after.customFields[key]) customFields[key] = after.customFields[key] ?? null;
  }
  if (!Object.keys(fields).length && !cardsAdded.length && !Object.keys(customFields).length) return null;
  return { customerId, editedAt: editedAt.toISOString(), fields, cardsAdded, customFields };
}

/** What head office would refuse in a customer edit, by the schema it reads the edit with (readDocument). */
export const customerEditIssues = (edit: unknown): DocumentIssue[] => readDocument('customer-edit', edit).issues;

/** Where the request said what an edit's field says: `fields.phone` → `body.phone`, `cardsAdded.0` → `body.card`. */
const requestPath = (path: string) => `body.${path.startsWith('fields.') ? path.slice('fields.'.length) : path.startsWith('cardsAdded') ? 'card' : path}`;

/**
 * Refuses a customer head office would refuse: at the form, a 400 naming the field as an invalid
 * request does, and nothing stored, instead of an edit queued that head office refuses and that
 * holds up every document behind it.
 */
function refuseWhatHeadOfficeRefuses(edit: CustomerEdit): void {
  const issues = customerEditIssues(edit);
  if (!issues.length) return;
  const fields = issues.map((i) => ({ path: requestPath(i.path), message: i.message }));
  throw new AppError(400, 'invalid-input', `${fields[0].path}: ${fields[0].message}`, fields);
}

/**
 * Queues a customer's creation (`before` null: every field) or edit (the fields that changed) for
 * head office, in the transaction that made it. Nothing changed and no card added: nothing queued.
 */
export async function queueCustomerEdit(tx: Tx, sql: Database.Database, outletId: string, customerId: string, before: SyncedFields | null, cardsAdded: string[]): Promise<void> {
  const editedAt = new Date();
  const edit = customerEditOf(customerId, before, syncedFieldsOf(sql, customerId), cardsAdded, editedAt);
  if (!edit) return;
  refuseWhatHeadOfficeRefuses(edit);
  await queueForHeadOffice(tx, { type: 'customer-edit', documentId: newId(), outletId, payload: edit, createdAt: editedAt });
}

/** Queues a merge of two customers for head office, in the transaction that merged them. */
export async function queueCustomerMerge(tx: Tx, outletId: string, merge: CustomerMerge): Promise<void> {
  await queueForHeadOffice(tx, { type: 'customer-merge', documentId: newId(), outletId, payload: merge, createdAt: new Date(merge.mergedAt) });
}
