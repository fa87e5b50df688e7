import { newId } from '../../shared/ids.ts';
import { CUSTOMER_SYNCED_FIELDS, type CustomerEdit, type CustomerMerge } from '../../shared/schemas/sync.ts';
import type { Tx } from '../db/client.ts';

type SyncedFields = Required<CustomerEdit['fields']>;

/** The customer's fields head office keeps, as they are in this transaction. */
export async function syncedFieldsOf(tx: Tx, id: string): Promise<SyncedFields> {
  const c = await tx.customer.findUniqueOrThrow({ where: { id }, include: { category: true } });
  return {
    name: c.name, kind: c.kind as 'person' | 'company', phone: c.phone, email: c.email, categoryCode: c.category?.code ?? null, personalDiscountBp: c.personalDiscountBp,
    birthday: c.birthday, address: c.address, notes: c.notes, companyCode: c.companyCode, vatCode: c.vatCode, locale: c.locale as CustomerEdit['fields']['locale'] ?? null,
  };
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
  if (!Object.keys(fields).length && !cardsAdded.length) return;
  const editedAt = new Date();
  const edit: CustomerEdit = { customerId, editedAt: editedAt.toISOString(), fields, cardsAdded };
  const documentId = newId();
  await tx.outboxEntry.create({ data: { id: newId(), outletId, type: 'customer-edit', documentId, payload: JSON.stringify(edit), createdAt: editedAt } });
}

/** Queues a merge of two customers for head office, in the transaction that merged them. */
export async function queueCustomerMerge(tx: Tx, outletId: string, merge: CustomerMerge): Promise<void> {
  await tx.outboxEntry.create({ data: { id: newId(), outletId, type: 'customer-merge', documentId: newId(), payload: JSON.stringify(merge), createdAt: new Date(merge.mergedAt) } });
}
