import { newId } from '../../shared/ids.ts';
import { customerEditOf, syncedFieldsOfMany } from '../customers/sync-edits.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { dropHeld, queueOnConnection } from '../sync/outbox.ts';

const BATCH = 2_000;

/** What undoing an import did: records it removed or restored, and those it had to leave. */
export interface UndoResult {
  removed: number;
  restored: number;
  /** Created records that something refers to since (a sale, points, stock): kept as they are. */
  kept: number;
}

/** How an import's records are undone, by the kind of import. */
const KINDS = {
  customers: {
    table: 'Customer',
    columns: ['name', 'searchName', 'kind', 'phone', 'email', 'birthday', 'address', 'notes', 'categoryId', 'companyCode', 'vatCode', 'locale'],
    // The opening balances an import brought are its own; points earned or a gift card used since are not.
    inUse: `EXISTS (SELECT 1 FROM "Sale" WHERE "customerId" = @id) OR EXISTS (SELECT 1 FROM "PointsMovement" WHERE "customerId" = @id AND "kind" <> 'opening')
            OR EXISTS (SELECT 1 FROM "GiftCardMovement" m JOIN "GiftCard" g ON g."code" = m."code" WHERE g."customerId" = @id AND m."kind" <> 'opening')
            OR EXISTS (SELECT 1 FROM "Customer" WHERE "mergedIntoId" = @id) OR EXISTS (SELECT 1 FROM "Customer" WHERE "id" = @id AND "mergedIntoId" IS NOT NULL)`,
    children: [
      ...['CustomerCard', 'CustomerPhone', 'CustomerContact', 'CustomerOpening'].map((t) => `DELETE FROM "${t}" WHERE "customerId" = ?`),
      `DELETE FROM "CustomFieldValue" WHERE "entityId" = ?`,
      `DELETE FROM "PointsMovement" WHERE "customerId" = ? AND "kind" = 'opening'`,
      `DELETE FROM "GiftCardMovement" WHERE "kind" = 'opening' AND "code" IN (SELECT "code" FROM "GiftCard" WHERE "customerId" = ?)`,
      `DELETE FROM "GiftCard" WHERE "customerId" = ? AND NOT EXISTS (SELECT 1 FROM "GiftCardMovement" m WHERE m."code" = "GiftCard"."code")`,
    ],
    /** The card an update issued. */
    added: `DELETE FROM "CustomerCard" WHERE "code" = ? AND "customerId" = ?`,
  },
  products: {
    table: 'Product',
    columns: ['name', 'searchName', 'price', 'cost', 'unit', 'categoryId', 'taxRateId', 'plu'],
    inUse: `EXISTS (SELECT 1 FROM "SaleLine" WHERE "productId" = @id) OR EXISTS (SELECT 1 FROM "StockMovement" WHERE "productId" = @id) OR EXISTS (SELECT 1 FROM "Product" WHERE "parentId" = @id)`,
    children: [`DELETE FROM "Barcode" WHERE "productId" = ?`, `DELETE FROM "PriceChange" WHERE "productId" = ?`],
    added: `DELETE FROM "Barcode" WHERE "code" = ? AND "productId" = ?`,
  },
} as const;
export type ImportKind = keyof typeof KINDS;

/**
 * What of a done customer import head office cannot be told to take back: customers it created (head
 * office keeps every customer it was sent; no document removes one) and cards it gave (no document
 * takes a card away). Counted from the import's journal.
 */
export function unsendableUndo(db: Db, importId: string): { created: number; cards: number } {
  return statement(
    sqliteOf(db),
    `SELECT count(*) FILTER (WHERE "action" = 'create') AS "created", count(*) FILTER (WHERE "action" = 'added' AND "after" ->> '$.table' = 'CustomerCard') AS "cards"
     FROM "ImportChange" WHERE "importId" = ?`,
  ).get(importId) as { created: number; cards: number };
}

/**
 * Takes an import's changes out again, newest first, a batch per transaction. Records the import
 * created are removed unless something refers to them now; fields it updated get their old value
 * back unless someone changed them since. What it queued for head office while running (held
 * back until it was done) is taken out first. Undoing a done customer import (`sendTo` the
 * outlet) queues the customers' restored fields for head office, as the customer form queues an edit.
 */
export async function undoImport(db: Db, importId: string, kind: ImportKind = 'customers', sendTo: { outletId: string } | null = null): Promise<UndoResult> {
  const sql = sqliteOf(db);
  const k = KINDS[kind];
  const result: UndoResult = { removed: 0, restored: 0, kept: 0 };
  await db.$transaction(async () => dropHeld(sql, importId));
  for (;;) {
    const changes = statement(sql, `SELECT "id","entityId","action","before","after","card" FROM "ImportChange" WHERE "importId" = ? ORDER BY "id" DESC LIMIT ${BATCH}`).all(importId) as {
      id: string;
      entityId: string;
      action: string;
      before: string;
      after: string;
      card: string | null;
    }[];
    if (changes.length === 0) return result;
    await db.$transaction(
      async () => {
        // A record is removed before what refers to it (checked at commit): the customer search
        // index's triggers then drop each entry once instead of rewriting it for every card and phone.
        statement(sql, 'PRAGMA defer_foreign_keys = ON').run();
        const inUse = statement(sql, `SELECT ${k.inUse} AS "used"`);
        const current = statement(sql, `SELECT ${k.columns.map((c) => `"${c}"`).join(',')} FROM "${k.table}" WHERE "id" = ?`);
        const at = new Date();
        const now = sqliteTimestamp(at);
        const restoredIds = sendTo && kind === 'customers' ? [...new Set(changes.filter((c) => c.action === 'update').map((c) => c.entityId))] : [];
        const before = syncedFieldsOfMany(sql, restoredIds);
        for (const change of changes) {
          if (change.action === 'added') {
            // Part of an update, which its own journal row counts.
            removeAdded(sql, JSON.parse(change.after) as AddedRow);
          } else if (change.action === 'create') {
            if ((inUse.get({ id: change.entityId }) as { used: number }).used) {
              result.kept += 1;
            } else {
              statement(sql, `DELETE FROM "${k.table}" WHERE "id" = ?`).run(change.entityId);
              for (const remove of k.children) statement(sql, remove).run(change.entityId);
              result.removed += 1;
            }
          } else {
            const before = JSON.parse(change.before) as Record<string, unknown>;
            const after = JSON.parse(change.after) as Record<string, unknown>;
            const present = current.get(change.entityId) as Record<string, unknown> | undefined;
            const keys = Object.keys(before).filter((key) => present && present[key] === after[key]);
            if (keys.length) {
              statement(sql, `UPDATE "${k.table}" SET ${keys.map((key) => `"${key}" = @${key}`).join(', ')}, "updatedAt" = @now WHERE "id" = @id`).run({
                ...Object.fromEntries(keys.map((key) => [key, before[key] ?? null])),
                now,
                id: change.entityId,
              });
            }
            if (change.card) statement(sql, k.added).run(change.card, change.entityId);
            result.restored += 1;
          }
          statement(sql, `DELETE FROM "ImportChange" WHERE "id" = ?`).run(change.id);
        }
        if (sendTo) {
          const after = syncedFieldsOfMany(sql, restoredIds);
          for (const id of restoredIds) {
            const edit = after.has(id) && customerEditOf(id, before.get(id)!, after.get(id)!, [], at);
            if (edit) queueOnConnection(sql, { type: 'customer-edit', documentId: newId(), outletId: sendTo.outletId, payload: JSON.stringify(edit), createdAt: at });
          }
        }
      },
      { timeout: 120_000 },
    );
    // Let the registers' requests in between two batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Something an import added beside a customer's fields (customer-import-writer.ts). */
type AddedRow = { table: 'CustomerPhone' | 'CustomerContact' | 'CustomerOpening' | 'PointsMovement'; id: string } | { table: 'CustomerCard' | 'GiftCard'; code: string };

/** Removes what an import added to a customer it updated; a gift card used since stays. */
function removeAdded(sql: ReturnType<typeof sqliteOf>, added: AddedRow): boolean {
  if (added.table === 'CustomerCard') return statement(sql, `DELETE FROM "CustomerCard" WHERE "code" = ?`).run(added.code).changes > 0;
  if (added.table === 'GiftCard') {
    if (statement(sql, `SELECT 1 FROM "GiftCardMovement" WHERE "code" = ? AND "kind" <> 'opening'`).get(added.code)) return false;
    statement(sql, `DELETE FROM "GiftCardMovement" WHERE "code" = ?`).run(added.code);
    return statement(sql, `DELETE FROM "GiftCard" WHERE "code" = ?`).run(added.code).changes > 0;
  }
  return 'id' in added && statement(sql, `DELETE FROM "${added.table}" WHERE "id" = ?`).run(added.id).changes > 0;
}

/**
 * After a crash or power cut: an import that was running is taken out again (failed), and an undo
 * that was running is finished (undone). Nothing stays half-imported.
 */
export async function recoverInterruptedImports(db: Db): Promise<number> {
  const runs = await db.importRun.findMany({ where: { status: { in: ['running', 'undoing'] } } });
  for (const run of runs) {
    if (!run.dryRun) await undoImport(db, run.id, run.kind as ImportKind);
    await db.$transaction((tx) => tx.importRun.update({ where: { id: run.id }, data: { status: run.status === 'undoing' ? 'undone' : 'failed', finishedAt: new Date() } }));
  }
  return runs.length;
}
