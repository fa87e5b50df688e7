import { newId } from '../../shared/ids.ts';
import type { SyncDocumentType } from '../../shared/schemas/sync.ts';
import type { Tx } from '../db/client.ts';
import { refuseUnsoundDocument } from './self-check.ts';

/**
 * Queues a completed document for head office inside the transaction that completes it
 * (architecture invariant 10), checked first as head office will check it.
 */
export async function queueForHeadOffice(tx: Tx, entry: { type: SyncDocumentType; documentId: string; outletId: string; payload: unknown; createdAt: Date }): Promise<void> {
  const payload = JSON.stringify(entry.payload);
  refuseUnsoundDocument(entry.type, entry.documentId, payload);
  await tx.outboxEntry.create({ data: { id: newId(), outletId: entry.outletId, type: entry.type, documentId: entry.documentId, payload, createdAt: entry.createdAt } });
}
