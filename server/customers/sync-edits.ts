import { queueForHeadOffice } from '../sync/outbox.ts';
import { readDocument } from '../../shared/document-checks.ts';
import { newId } from '../../shared/ids.ts';
import { CUSTOMER_SYNCED_FIELDS, type CustomerEdit, type CustomerMerge } from '../../shared/schemas/sync.ts';
import type { Tx } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import type { CustomFieldType, CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import { COLUMN } from '../custom-fields/values.ts';

type SyncedFields = Required<CustomerEdit['fields']> & { customFields: Record<string, CustomFieldValue> };

/** The customer's values of the chain's custom fields (head office's), by key, as they are in this transaction. */
async function chainFieldValuesOf(tx: Tx, id: string): Promise<Record<string, CustomFieldValue>> {
  const fields = (await tx.customFieldDefinition.findMany({ where: { entity: 'customer', origin: 'head-office' } })).map((f) => ({ ...f, type: f.type as CustomFieldType }));
  const values = await tx.customFieldValue.findMany({ where: { entityId: id, fieldId: { in: fields.map((f) => f.id) } } });
  return Object.fromEntries(values.map((v) => {
    const field = fields.find((f) => f.id === v.fieldId)!;
    const raw = v[COLUMN[field.type]]!;
    return [field.key, field.type === 'yes-no' ? raw === 1 : raw];
  }));
}

/** The customer's fields head office keeps, as they are in this transaction. */
export async function syncedFieldsOf(tx: Tx, id: string): Promise<SyncedFields> {
  const c = await tx.customer.findUniqueOrThrow({ where: { id }, include: { category: true } });
  return {
    customFields: await chainFieldValuesOf(tx, id),
    name: c.name, kind: c.kind as 'person' | 'company', phone: c.phone, email: c.email, categoryCode: c.category?.code ?? null, personalDiscountBp: c.personalDiscountBp,
    birthday: c.birthday, address: c.address, notes: c.notes, companyCode: c.companyCode, vatCode: c.vatCode, locale: c.locale as CustomerEdit['fields']['locale'] ?? null,
  };
}

/** Where the request said what an edit's field says: `fields.phone` → `body.phone`, `cardsAdded.0` → `body.card`. */
const requestPath = (path: string) => `body.${path.startsWith('fields.') ? path.slice('fields.'.length) : path.startsWith('cardsAdded') ? 'card' : path}`;

/**
 * Refuses a customer head office would refuse, by the schema head office reads the edit with
 * (readDocument): at the form, a 400 naming the field as an invalid request does, and nothing stored, instead of an edit
 * queued that head office refuses and that holds up every document behind it.
 */
function refuseWhatHeadOfficeRefuses(edit: CustomerEdit): void {
  const { issues } = readDocument('customer-edit', edit);
  if (!issues.length) return;
  const fields = issues.map((i) => ({ path: requestPath(i.path), message: i.message }));
  throw new AppError(400, 'invalid-input', `${fields[0].path}: ${fields[0].message}`, fields);
}

/**
 * Queues a customer's creation (`before` null: every field) or edit (the fields that changed) for
 * head office, in the transaction that made it. Nothing changed and no card added: nothing queued.
 */
export async function queueCustomerEdit(tx: Tx, outletId: string, customerId: string, before: SyncedFields | null, cardsAdded: string[]): Promise<void> {
  const after = await syncedFieldsOf(tx, customerId);
  const fields: CustomerEdit['fields'] = {};
  for (const field of CUSTOMER_SYNCED_FIELDS) {
    if (!before || before[field] !== after[field]) Object.assign(fields, { [field]: after[field] });
  }
  const customFields: CustomerEdit['customFields'] = {};
  for (const key of new Set([...Object.keys(before?.customFields ?? {}), ...Object.keys(after.customFields)])) {
    if (before?.customFields[key] !== after.customFields[key]) customFields[key] = after.customFields[key] ?? null;
  }
  if (!Object.keys(fields).length && !cardsAdded.length && !Object.keys(customFields).length) return;
  const editedAt = new Date();
  const edit: CustomerEdit = { customerId, editedAt: editedAt.toISOString(), fields, cardsAdded, customFields };
  refuseWhatHeadOfficeRefuses(edit);
  await queueForHeadOffice(tx, { type: 'customer-edit', documentId: newId(), outletId, payload: edit, createdAt: editedAt });
}

/** Queues a merge of two customers for head office, in the transaction that merged them. */
export async function queueCustomerMerge(tx: Tx, outletId: string, merge: CustomerMerge): Promise<void> {
  await queueForHeadOffice(tx, { type: 'customer-merge', documentId: newId(), outletId, payload: merge, createdAt: new Date(merge.mergedAt) });
}
