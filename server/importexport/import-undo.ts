import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';

const BATCH = 2_000;

/** What undoing an import did: customers it removed or restored, and those it had to leave. */
export interface UndoResult {
  removed: number;
  restored: number;
  /** Created customers who bought something (or were merged) since: kept, their import fields left as they are. */
  kept: number;
}

/**
 * Takes an import's changes out again, newest first, a batch per transaction. Customers the import
 * created are removed unless something refers to them now (a sale, points, a merge); fields it
 * updated get their old value back unless someone changed them since.
 */
export async function undoImport(db: Db, importId: string): Promise<UndoResult> {
  const sql = sqliteOf(db);
  const result: UndoResult = { removed: 0, restored: 0, kept: 0 };
  for (;;) {
    const changes = statement(sql, `SELECT "id","customerId","action","before","after","card" FROM "ImportChange" WHERE "importId" = ? ORDER BY "id" DESC LIMIT ${BATCH}`).all(importId) as {
      id: string;
      customerId: string;
      action: string;
      before: string;
      after: string;
      card: string | null;
    }[];
    if (changes.length === 0) return result;
    await db.$transaction(
      async () => {
        const inUse = statement(
          sql,
          `SELECT EXISTS (SELECT 1 FROM "Sale" WHERE "customerId" = @id) OR EXISTS (SELECT 1 FROM "PointsMovement" WHERE "customerId" = @id)
              OR EXISTS (SELECT 1 FROM "Customer" WHERE "mergedIntoId" = @id) OR EXISTS (SELECT 1 FROM "Customer" WHERE "id" = @id AND "mergedIntoId" IS NOT NULL) AS "used"`,
        );
        const current = statement(sql, `SELECT "name","searchName","phone","email","birthday","address","notes","categoryId" FROM "Customer" WHERE "id" = ?`);
        const now = sqliteTimestamp();
        for (const change of changes) {
          if (change.action === 'create') {
            if ((inUse.get({ id: change.customerId }) as { used: number }).used) {
              result.kept += 1;
            } else {
              for (const table of ['CustomerCard', 'CustomerPhone', 'CustomerContact']) statement(sql, `DELETE FROM "${table}" WHERE "customerId" = ?`).run(change.customerId);
              statement(sql, `DELETE FROM "Customer" WHERE "id" = ?`).run(change.customerId);
              result.removed += 1;
            }
          } else {
            const before = JSON.parse(change.before) as Record<string, unknown>;
            const after = JSON.parse(change.after) as Record<string, unknown>;
            const now_ = current.get(change.customerId) as Record<string, unknown> | undefined;
            const keys = Object.keys(before).filter((k) => now_ && now_[k] === after[k]);
            if (keys.length) {
              statement(sql, `UPDATE "Customer" SET ${keys.map((k) => `"${k}" = @${k}`).join(', ')}, "updatedAt" = @now WHERE "id" = @id`).run({
                ...Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
                now,
                id: change.customerId,
              });
            }
            if (change.card) statement(sql, `DELETE FROM "CustomerCard" WHERE "code" = ? AND "customerId" = ?`).run(change.card, change.customerId);
            result.restored += 1;
          }
          statement(sql, `DELETE FROM "ImportChange" WHERE "id" = ?`).run(change.id);
        }
      },
      { timeout: 120_000 },
    );
  }
}

/**
 * After a crash or power cut: an import that was running is taken out again (failed), and an undo
 * that was running is finished (undone). Nothing stays half-imported.
 */
export async function recoverInterruptedImports(db: Db): Promise<number> {
  const runs = await db.importRun.findMany({ where: { status: { in: ['running', 'undoing'] } } });
  for (const run of runs) {
    if (!run.dryRun) await undoImport(db, run.id);
    await db.importRun.update({ where: { id: run.id }, data: { status: run.status === 'undoing' ? 'undone' : 'failed', finishedAt: new Date() } });
  }
  return runs.length;
}
