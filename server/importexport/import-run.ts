import { newId } from '../../shared/ids.ts';
import { REPORTED_REJECTS } from '../../shared/schemas/importexport.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import type { AuditAction } from '../../shared/audit-actions.ts';
import { writeAudit } from '../audit/service.ts';
import { statement } from '../db/statements.ts';
import { undoImport, type ImportKind } from './import-undo.ts';
import { releaseHeld } from '../sync/outbox.ts';

/** Rows written (or rejected rows kept) per transaction: registers keep selling between two batches. */
export const IMPORT_BATCH = 2_000;

/** The counts every import reports. */
export interface ImportCounts {
  importId: string;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  rejectedCount: number;
  rejected: { row: number; reasons: string[] }[];
  dryRun: boolean;
}

/**
 * One import run as the database keeps it: started as "running", its rejected rows kept for
 * download, and finished as "done", or as "failed" after taking out what it had written.
 */
export class ImportRun {
  #rejected: { row: number; cells: string[]; reasons: string[] }[] = [];

  private constructor(
    private readonly db: Db,
    private readonly kind: ImportKind,
    readonly counts: ImportCounts,
  ) {}

  static async start(db: Db, kind: ImportKind, run: { fileName: string; dryRun: boolean; options: unknown; createdById: string }): Promise<ImportRun> {
    const counts: ImportCounts = { importId: newId(), rows: 0, created: 0, updated: 0, skipped: 0, rejectedCount: 0, rejected: [], dryRun: run.dryRun };
    await db.$transaction((tx) =>
      tx.importRun.create({
        data: { id: counts.importId, kind, fileName: run.fileName, dryRun: run.dryRun, status: 'running', options: JSON.stringify(run.options), createdById: run.createdById },
      }),
    );
    return new ImportRun(db, kind, counts);
  }

  async reject(row: number, cells: string[], reasons: string[]): Promise<void> {
    this.counts.rejectedCount += 1;
    if (this.counts.rejected.length < REPORTED_REJECTS) this.counts.rejected.push({ row, reasons });
    this.#rejected.push({ row, cells, reasons });
    if (this.#rejected.length >= IMPORT_BATCH) await this.#keepRejected();
  }

  async #keepRejected(): Promise<void> {
    const rows = this.#rejected;
    this.#rejected = [];
    if (rows.length === 0) return;
    const sql = sqliteOf(this.db);
    await this.db.$transaction(async () => {
      const insert = statement(sql, `INSERT INTO "ImportRejectedRow" ("id","importId","row","cells","reasons") VALUES (?,?,?,?,?)`);
      for (const r of rows) insert.run(newId(), this.counts.importId, r.row, JSON.stringify(r.cells), JSON.stringify(r.reasons));
    });
  }

  /** Takes out what was written and queued (nothing is half-imported, head office saw none of it) and records the failure. */
  async fail(err: unknown, report: object): Promise<void> {
    if (!this.counts.dryRun) await undoImport(this.db, this.counts.importId, this.kind);
    await this.db.$transaction((tx) =>
      tx.importRun.update({ where: { id: this.counts.importId }, data: { status: 'failed', report: JSON.stringify({ ...report, rejected: [], error: (err as Error).message }), finishedAt: new Date() } }),
    );
  }

  /** Records the run as done, and lets head office have what it queued; a real one also in the audit log, with what it did. */
  async finish(report: object, audit: { outletId: string; userId: string; action: AuditAction; details: Record<string, unknown> }): Promise<void> {
    await this.#keepRejected();
    const { importId, created, updated, skipped, rejectedCount } = this.counts;
    await this.db.$transaction(async (tx) => {
      await tx.importRun.update({ where: { id: importId }, data: { status: 'done', report: JSON.stringify({ ...report, rejected: [] }), finishedAt: new Date() } });
      if (this.counts.dryRun) return;
      releaseHeld(sqliteOf(this.db), importId);
      await writeAudit(tx, { ...audit, entityType: 'import', entityId: importId, details: { created, updated, skipped, rejected: rejectedCount, ...audit.details } });
    });
  }
}
