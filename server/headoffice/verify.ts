import type pg from 'pg';
import { readDocument, type ReadDocument } from '../../shared/document-checks.ts';
import type { PushBatch, SyncDocument, SyncedStockDocument } from '../../shared/schemas/sync.ts';
import { AppError, type FieldIssue } from '../http/errors.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { signedBy } from '../stock/note-signing.ts';

/** A document of the batch head office does not hold yet, read and verified. */
export interface VerifiedDocument {
  position: number;
  doc: SyncDocument;
  read: ReadDocument;
}

/** How far an outlet's clock (the batch's sentAt) may be from head office's. */
const CLOCK_WINDOW_MS = 24 * 3600_000;
/** A document is made before its batch is sent: by this much later only when the clock was set back meanwhile. */
const DOCUMENT_AHEAD_MS = 3600_000;
/** An outlet works for days offline, not for more than a year. */
const DOCUMENT_AGE_MS = 400 * 86_400_000;

const refusal = (status: number, code: ErrorCode, path: string, message: string) => new AppError(status, code, `${path}: ${message}`, [{ path, message }]);

/** Refuses a batch sent by a clock head office cannot believe (the documents are dated by it). */
export function refuseImplausibleClock(batch: PushBatch, now = Date.now()): void {
  if (Math.abs(Date.parse(batch.sentAt) - now) > CLOCK_WINDOW_MS) {
    throw refusal(422, 'implausible-clock', 'sentAt', `more than a day from head office's clock (${new Date(now).toISOString()}): set the outlet's clock`);
  }
}

/**
 * The outlet's own id and public key, held for the credential's outlet from its first push: a
 * batch showing others is refused (another outlet's id, or a machine head office has not been told
 * of). Returns whether they were held just now (the outlet's key is then news for the others).
 */
export async function checkIdentity(client: pg.PoolClient, outletId: string, batch: PushBatch): Promise<boolean> {
  const heldIdentity = () => client.query<{ localId: string; publicKey: string }>(`SELECT "localId", "publicKey" FROM "OutletIdentity" WHERE "outletId" = $1 FOR UPDATE`, [outletId]);
  let { rows: [held] } = await heldIdentity();
  if (!held) {
    const bound = await client.query(`INSERT INTO "OutletIdentity" ("outletId", "localId", "publicKey") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [outletId, batch.outletId, batch.publicKey]);
    if (bound.rowCount) return true;
    // Bound meanwhile by a batch of this outlet's running at the same time, or the id is another outlet's.
    [held] = (await heldIdentity()).rows;
    if (!held) throw refusal(409, 'outlet-identity-taken', 'outletId', 'another outlet of the chain pushes as this outlet');
  }
  if (held.localId !== batch.outletId) throw refusal(409, 'outlet-identity-changed', 'outletId', 'not the outlet this credential pushed from before: issue the outlet a new credential if it was set up again');
  if (held.publicKey !== batch.publicKey) throw refusal(409, 'outlet-identity-changed', 'publicKey', 'not the key this outlet signed with before: issue the outlet a new credential if it was set up again');
  return false;
}

/**
 * The batch's documents head office does not hold yet, each read by its type and checked: its
 * figures follow from its lines (shared/document-checks.ts), it is the credential's outlet's, dated
 * within a plausible window of the outlet's clock, and a received transfer is one the sender
 * signed for this outlet, received nowhere before. A document head office holds for another outlet
 * refuses the batch; one it holds for this outlet is taken as held (a resend changes nothing).
 */
export async function verifiedDocuments(client: pg.PoolClient, outlet: { id: string; code: string }, batch: PushBatch): Promise<VerifiedDocument[]> {
  const { rows: held } = await client.query<{ documentId: string; outletId: string }>(
    `SELECT "documentId", "outletId" FROM "SyncedDocument" WHERE "documentId" = ANY($1::text[])`,
    [batch.documents.map((d) => d.documentId)],
  );
  const holder = new Map(held.map((h) => [h.documentId, h.outletId]));
  refuseOthersDocuments(batch, holder, outlet.id);
  const fresh: VerifiedDocument[] = [];
  const receivedTransfers = new Map<string, number>();
  for (const [position, doc] of batch.documents.entries()) {
    if (holder.has(doc.documentId)) continue;
    const read = verified(doc, position, batch);
    if (read.type === 'stock-transfer-out' && read.stock.counterpart === outlet.code) {
      throw refusal(422, 'invalid-document', `documents.${position}.payload.counterpart`, 'a transfer goes to another outlet');
    }
    if (read.type === 'stock-transfer-in') {
      await refuseUnsignedReceipt(client, outlet, read.stock, position);
      const transferId = read.stock.transferId!;
      if (receivedTransfers.has(transferId)) throw refusal(409, 'transfer-received', `documents.${position}.payload.transferId`, `received already by documents.${receivedTransfers.get(transferId)}`);
      receivedTransfers.set(transferId, position);
    }
    fresh.push({ position, doc, read });
  }
  await refuseTransfersReceivedBefore(client, receivedTransfers);
  return fresh;
}

/** A document head office holds for another outlet refuses the batch (checked before the insert, and after it for any stored meanwhile). */
export function refuseOthersDocuments(batch: PushBatch, holder: Map<string, string>, outletId: string): void {
  batch.documents.forEach((doc, position) => {
    const owner = holder.get(doc.documentId);
    if (owner !== undefined && owner !== outletId) {
      throw refusal(409, 'held-for-another-outlet', `documents.${position}.documentId`, 'head office holds this document for another outlet');
    }
  });
}

/** Where a document of each type says its own id, its outlet and when it was made (field and value). */
function anchorsOf(read: ReadDocument): { id: [string, string] | null; outletId: string | null; date: [string, string] } {
  switch (read.type) {
    case 'sale':
    case 'return':
      return { id: ['id', read.sale.id], outletId: read.sale.outletId, date: ['createdAt', read.sale.createdAt] };
    case 'shift':
      return { id: ['shiftId', read.shift.shiftId], outletId: null, date: ['closedAt', read.shift.closedAt] };
    case 'customer-edit':
      return { id: null, outletId: null, date: ['editedAt', read.edit.editedAt] };
    case 'customer-merge':
      return { id: null, outletId: null, date: ['mergedAt', read.merge.mergedAt] };
    case 'invoice':
    case 'credit-note':
      return { id: ['id', read.invoice.id], outletId: read.invoice.outletId, date: ['issuedAt', read.invoice.issuedAt] };
    case 'invoice-payment':
      return { id: ['id', read.payment.id], outletId: read.payment.outletId, date: ['createdAt', read.payment.createdAt] };
    case 'advance-allocation':
      return { id: ['id', read.advance.id], outletId: read.advance.outletId, date: ['createdAt', read.advance.createdAt] };
    case 'customer-status-move':
      return { id: ['id', read.move.id], outletId: read.move.outletId, date: ['at', read.move.at] };
    case 'outlet-price':
      return { id: ['id', read.outletPrice.id], outletId: read.outletPrice.outletId, date: ['effectiveAt', read.outletPrice.effectiveAt] };
    default: {
      const { id, outletId, postedAt, createdAt } = read.stock;
      return { id: ['id', id], outletId, date: postedAt ? ['postedAt', postedAt] : ['createdAt', createdAt] };
    }
  }
}

function verified(doc: SyncDocument, position: number, batch: PushBatch): ReadDocument {
  const where = `documents.${position}`;
  const { document, issues } = readDocument(doc.type, doc.payload);
  if (!document) {
    const fields: FieldIssue[] = issues.map((i) => ({ path: [`${where}.payload`, i.path].filter(Boolean).join('.'), message: i.message }));
    throw new AppError(422, 'invalid-document', `${fields[0].path}: ${fields[0].message}`, fields);
  }
  const { id, outletId, date } = anchorsOf(document);
  if (id && id[1] !== doc.documentId) throw refusal(422, 'invalid-document', `${where}.payload.${id[0]}`, 'differs from the document id');
  if (outletId && outletId !== batch.outletId) throw refusal(403, 'wrong-outlet', `${where}.payload.outletId`, 'another outlet’s document');
  if (Date.parse(date[1]) !== Date.parse(doc.createdAt)) throw refusal(422, 'invalid-document', `${where}.payload.${date[0]}`, 'differs from the document’s createdAt');
  const at = Date.parse(doc.createdAt);
  const sentAt = Date.parse(batch.sentAt);
  if (at > sentAt + DOCUMENT_AHEAD_MS || at < sentAt - DOCUMENT_AGE_MS) {
    throw refusal(422, 'implausible-date', `${where}.createdAt`, `not within a plausible window of the outlet’s clock (sent ${batch.sentAt})`);
  }
  return document;
}

/** A received transfer: addressed to this outlet, as the sending outlet signed it (its key as head office holds it). */
async function refuseUnsignedReceipt(client: pg.PoolClient, outlet: { code: string }, receipt: SyncedStockDocument, position: number): Promise<void> {
  const where = `documents.${position}.payload.transferNote`;
  const note = receipt.transferNote!;
  if (note.to !== outlet.code) throw refusal(422, 'wrong-outlet', `${where}.to`, `the transfer is for outlet ${note.to}`);
  const { rows: [sender] } = await client.query<{ publicKey: string }>(
    `SELECT i."publicKey" FROM "Outlet" o JOIN "OutletIdentity" i ON i."outletId" = o."id" WHERE o."code" = $1`,
    [note.from.code],
  );
  if (!sender) throw refusal(422, 'unknown-sender', `${where}.from.code`, 'head office holds no key of this outlet yet');
  if (!signedBy(note, sender.publicKey)) throw refusal(422, 'invalid-signature', `${where}.signature`, 'not the note the sender signed');
}

async function refuseTransfersReceivedBefore(client: pg.PoolClient, transfers: Map<string, number>): Promise<void> {
  if (!transfers.size) return;
  const { rows } = await client.query<{ transferId: string }>(
    `SELECT "payload"->>'transferId' AS "transferId" FROM "SyncedDocument" WHERE "type" = 'stock-transfer-in' AND "payload"->>'transferId' = ANY($1::text[]) LIMIT 1`,
    [[...transfers.keys()]],
  );
  if (rows[0]) throw refusal(409, 'transfer-received', `documents.${transfers.get(rows[0].transferId)}.payload.transferId`, 'this transfer was received before');
}
