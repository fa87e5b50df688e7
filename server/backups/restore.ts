import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../http/errors.ts';
import { fsyncFolder, writeJsonFile } from './archive.ts';
import { extractDatabase, inspectDatabase, UnreadableBackup, UnreadableDatabase } from './worker-tasks.ts';

/** A backup that may not be restored; the running database is untouched. */
const refused = (code: ErrorCode, message: string) => new AppError(422, code, message, [{ path: 'body.file', message }]);

/** The files a restore keeps beside the live database. */
export function restoreFiles(databaseFile: string) {
  const live = path.resolve(databaseFile);
  return {
    /** The verified database waiting to be swapped in at the next start. */
    staged: `${live}.restore`,
    stagedInfo: `${live}.restore.json`,
    /** Written when the swap was made, until the note is complete. */
    applied: `${live}.restore-applied.json`,
    /** The last restore's note (what the restored database lacks compared with head office). */
    note: `${live}.last-restore.json`,
  };
}

interface StagedInfo {
  backup: string;
  backupCreatedAt: string | null;
  stagedAt: string;
}

export interface AppliedRestore extends StagedInfo {
  restoredAt: string;
  replacedDatabase: string | null;
}

/**
 * Checks a backup and stages it for the swap: decrypted beside the live database, opened, and
 * refused unless it passes integrity_check, is a Till database, is of this outlet (when the live
 * database is known) and was made by this version or an older one (its migrations are all known;
 * older ones are migrated at the start, after a backup). The live database is only read.
 */
export async function stageRestore(options: {
  databaseFile: string;
  backupFile: string;
  key: Buffer | null;
  /** The outlet of the live database; null when there is none (a new machine). */
  outletId: string | null;
  knownMigrations: string[];
  backupCreatedAt?: string | null;
}): Promise<{ outletCode: string }> {
  const files = restoreFiles(options.databaseFile);
  if (!fs.existsSync(options.backupFile)) throw refused('backup-not-found', `There is no backup ${options.backupFile}`);
  try {
    await extractDatabase(options.backupFile, files.staged, options.key);
    let inspection;
    try {
      inspection = await inspectDatabase(files.staged);
    } catch (err) {
      if (err instanceof UnreadableDatabase && err.sqliteCode?.startsWith('SQLITE_CORRUPT')) throw refused('corrupt-backup', `${path.basename(options.backupFile)} is damaged (${err.message})`);
      if (err instanceof UnreadableDatabase) throw refused('not-a-till-database', `${path.basename(options.backupFile)} is not a SQLite database (${err.message})`);
      throw err;
    }
    if (inspection.integrity.join() !== 'ok') throw refused('corrupt-backup', `${path.basename(options.backupFile)} fails its integrity check: ${inspection.integrity.slice(0, 3).join('; ')}`);
    if (!inspection.till || !inspection.outlet) throw refused('not-a-till-database', `${path.basename(options.backupFile)} is a SQLite database but not a Till database`);
    if (options.outletId && inspection.outlet.id !== options.outletId) {
      throw refused('backup-of-another-outlet', `${path.basename(options.backupFile)} is the database of outlet ${inspection.outlet.code} (${inspection.outlet.name}), not of this one`);
    }
    const known = new Set(options.knownMigrations);
    const unknown = inspection.migrations.filter((m) => !known.has(m));
    if (unknown.length) throw refused('backup-from-newer-version', `${path.basename(options.backupFile)} was made by a newer version of Till (it has migration ${unknown[0]}): upgrade Till first`);
    const info: StagedInfo = { backup: path.basename(options.backupFile), backupCreatedAt: options.backupCreatedAt ?? null, stagedAt: new Date().toISOString() };
    await writeJsonFile(files.stagedInfo, info);
    return { outletCode: inspection.outlet.code };
  } catch (err) {
    fs.rmSync(files.staged, { force: true });
    if (err instanceof UnreadableBackup) throw refused('unreadable-backup', err.message);
    throw err;
  }
}

/** Whether a restore waits for the next start. */
export function restoreStaged(databaseFile: string): boolean {
  const files = restoreFiles(databaseFile);
  return fs.existsSync(files.staged) && fs.existsSync(files.stagedInfo);
}

/**
 * Swaps a staged restore in while nothing has the database open (at the start): the live database
 * and its write-ahead log are renamed aside (kept, `<db>.replaced-<time>`), the staged file takes
 * the live name, and the folder is flushed. Each step is a rename, so a power cut in between
 * leaves either database whole, and the next start finishes the swap.
 */
export async function applyStagedRestore(databaseFile: string): Promise<AppliedRestore | null> {
  const files = restoreFiles(databaseFile);
  if (!restoreStaged(databaseFile)) return null;
  const info = JSON.parse(fs.readFileSync(files.stagedInfo, 'utf8')) as StagedInfo;
  const live = path.resolve(databaseFile);
  let replaced: string | null = null;
  if (fs.existsSync(live)) {
    replaced = `${live}.replaced-${new Date().toISOString().replace(/[-:.]/g, '')}`;
    if (fs.existsSync(`${live}-wal`)) fs.renameSync(`${live}-wal`, `${replaced}-wal`);
    fs.renameSync(live, replaced);
  }
  fs.rmSync(`${live}-wal`, { force: true });
  fs.rmSync(`${live}-shm`, { force: true });
  const applied: AppliedRestore = { ...info, restoredAt: new Date().toISOString(), replacedDatabase: replaced && path.basename(replaced) };
  await writeJsonFile(files.applied, applied);
  fs.renameSync(files.staged, live);
  fs.rmSync(files.stagedInfo, { force: true });
  await fsyncFolder(path.dirname(live));
  return applied;
}
