import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import type { SyncDocumentType } from '../../shared/schemas/sync.ts';
import type { Tx } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { refuseUnsoundDocument } from './self-check.ts';

interface OutboxDocument {
  type: SyncDocumentType;
  documentId: string;
  outletId: string;
  /** The document as JSON. */
  payload: string;
  createdAt: Date;
  /** An import still running that queues it: held back from head office until the import is done (releaseHeld) or failed (dropHeld). */
  heldByImportId?: string;
}

/**
 * An entry takes the next place in the outbox's sequence, the order head office gets the documents
 * in: writes are serialised (one transaction at a time), so it is the order they were committed in,
 * whatever the wall clock said (set back, invoice 3 would be dated before invoice 2).
 */
const INSERT = `INSERT INTO "OutboxEntry" ("id","sequence","outletId","type","documentId","payload","createdAt","heldByImportId")
  SELECT ?, coalesce(max("sequence"), 0) + 1, ?, ?, ?, ?, ?, ? FROM "OutboxEntry"`;

const values = (d: OutboxDocument) => [newId(), d.outletId, d.type, d.documentId, d.payload, sqliteTimestamp(d.createdAt), d.heldByImportId ?? null] as const;

/**
 * Queues a completed document for head office inside the transaction that completes it
 * (architecture invariant 10), checked first as head office will check it.
 */
export async function queueForHeadOffice(tx: Tx, entry: Omit<OutboxDocument, 'payload'> & { payload: unknown }): Promise<void> {
  const document = { ...entry, payload: JSON.stringify(entry.payload) };
  refuseUnsoundDocument(document.type, document.documentId, document.payload);
  await tx.$executeRawUnsafe(INSERT, ...values(document));
}

/** queueForHeadOffice on the raw connection, for the sale path's statements (inside the caller's db.$transaction). */
export function queueOnConnection(sql: Database.Database, document: OutboxDocument): void {
  refuseUnsoundDocument(document.type, document.documentId, document.payload);
  statement(sql, INSERT).run(...values(document));
}

/**
 * Lets head office have what a running import queued (in the transaction that records it done).
 * Until then the pusher stops at its first entry: everything queued later waits behind it, in order.
 */
export function releaseHeld(sql: Database.Database, importId: string): void {
  statement(sql, `UPDATE "OutboxEntry" SET "heldByImportId" = NULL WHERE "heldByImportId" = ?`).run(importId);
}

/** Takes out what an import that failed queued: head office never saw it (it was held), so nothing else is owed. */
export function dropHeld(sql: Database.Database, importId: string): void {
  statement(sql, `DELETE FROM "OutboxEntry" WHERE "heldByImportId" = ?`).run(importId);
}
