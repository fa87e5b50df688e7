import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../http/errors.ts';
import { backupName, fsyncFolder, leftovers, writeJsonFile, type BackupKind, type BackupRecord } from './archive.ts';
import { snapshotDatabase, storeBackup } from './worker-tasks.ts';
import type { BackupSettings } from './settings.ts';

/**
 * A backup that could not be made (backup-folder-missing, -unwritable, -full or backup-failed); the
 * live database and the backups before it are untouched.
 */
export const backupFailed = (code: ErrorCode, message: string) =>
  new AppError(503, code, message);

/** The bytes a backup of the live database needs: the file and its write-ahead log. */
export async function liveDatabaseSize(databaseFile: string): Promise<number> {
  const sizes = await Promise.all([databaseFile, `${databaseFile}-wal`].map((file) => fs.promises.stat(file).then((s) => s.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Free bytes for an unprivileged writer in a folder. */
export async function freeBytes(folder: string): Promise<number> {
  const stats = await fs.promises.statfs(folder);
  return stats.bavail * stats.bsize;
}

/** Stops early, before anything is written, when the folder cannot take a backup of this size. */
export async function checkFolder(settings: BackupSettings, needed: number): Promise<void> {
  const { folder } = settings;
  const stats = await fs.promises.stat(folder).catch(() => null);
  if (!stats) {
    if (!settings.defaultFolder) {
      throw backupFailed('backup-folder-missing', `The backup folder ${folder} does not exist (is its disk or share mounted?)`);
    }
    await fs.promises.mkdir(folder, { recursive: true });
  } else if (!stats.isDirectory()) throw backupFailed('backup-folder-missing', `The backup folder ${folder} is not a folder`);
  const free = await freeBytes(folder);
  if (free < needed) {
    throw backupFailed('backup-folder-full', `The backup folder ${folder} has ${free} bytes free; a backup needs about ${needed}`);
  }
}

/**
 * The snapshot's work file: beside the live database (SQLite on network shares is not reliable,
 * so the copy is made on the database's own disk first), named after it, so that the next start
 * finds what a cut-off backup left of this database only.
 */
const WORK_FILE_INFIX = '.backup-';
const workFile = (databaseFile: string) => path.join(path.dirname(path.resolve(databaseFile)), `.${path.basename(databaseFile)}${WORK_FILE_INFIX}${crypto.randomBytes(6).toString('hex')}`);

/**
 * Removes what cut-off backups left: work files beside the live database (and their journals)
 * and the folder's `.partial` files and backups without a sidecar. Run at the start, before any
 * backup; the live database and the verified backups are never touched.
 */
export async function clearLeftovers(settings: BackupSettings, databaseFile: string, outletId: string): Promise<string[]> {
  const dir = path.dirname(path.resolve(databaseFile));
  const prefix = `.${path.basename(databaseFile)}${WORK_FILE_INFIX}`;
  const works = (await fs.promises.readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix)).map((name) => path.join(dir, name));
  const inFolder = (await leftovers(settings.folder, outletId).catch(() => [] as string[])).map((name) => path.join(settings.folder, name));
  const cleared = [...works, ...inFolder];
  await Promise.all(cleared.map((file) => fs.promises.rm(file, { force: true })));
  return cleared;
}

function folderError(err: Error & { code?: string | null }, folder: string): AppError {
  if (err instanceof AppError) return err;
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return backupFailed('backup-folder-full', `The backup folder ${folder} is full`);
  if (err.code === 'EFBIG') return backupFailed('backup-folder-full', `The backup folder ${folder} takes no file this big (a FAT32 disk takes 4 GB at most)`);
  if (err.code === 'EROFS' || err.code === 'EACCES' || err.code === 'EPERM') return backupFailed('backup-folder-unwritable', `The server may not write to the backup folder ${folder} (${err.code})`);
  if (err.code === 'ENOENT') return backupFailed('backup-folder-missing', `The backup folder ${folder} disappeared during the backup`);
  return backupFailed('backup-failed', `The backup failed: ${err.message}`);
}

/**
 * One verified backup of the live database: an online snapshot (SQLite's backup API) into a work
 * file beside the live database, checked (integrity_check, a Till database of the outlet
 * expected), written into the backup folder under a `.partial` name (encrypted when a key is
 * set), flushed, read back and compared, and only then renamed to its name and given its sidecar.
 * The file work runs in a worker below the server's priority, in paced steps (backup-worker.mjs),
 * so the registers' sales keep their speed. A cut-off backup (power, a full disk, a vanished
 * share) leaves a work file, a `.partial` file or a file without a sidecar, which is no backup and
 * is cleared at the next start (clearLeftovers) and by the next backup; the live database is only
 * ever read.
 */
export async function takeBackup(options: {
  settings: BackupSettings;
  databaseFile: string;
  kind: BackupKind;
  now: Date;
  /** The outlet the backup must be of (null before the database is known, as before a first migration). */
  outletId: string | null;
}): Promise<BackupRecord> {
  const { settings, databaseFile, kind, now } = options;
  const needed = Math.ceil((await liveDatabaseSize(databaseFile)) * 1.1) + 64 * 1024;
  await checkFolder(settings, needed);
  const work = workFile(databaseFile);
  let partial: string | null = null;
  try {
    let snapshot;
    try {
      snapshot = await snapshotDatabase(databaseFile, work);
    } catch (err) {
      throw backupFailed('backup-failed', `The snapshot of the live database failed: ${(err as Error).message}`);
    }
    if (snapshot.integrity.join() !== 'ok') throw backupFailed('backup-failed', `The snapshot fails its integrity check: ${snapshot.integrity.slice(0, 3).join('; ')}`);
    if (!snapshot.till || !snapshot.outlet) throw backupFailed('backup-failed', 'The snapshot is not a Till database');
    if (options.outletId && snapshot.outlet.id !== options.outletId) throw backupFailed('backup-failed', `The snapshot is of outlet ${snapshot.outlet.code}, not this one`);
    const name = backupName(snapshot.outlet, now, kind, Boolean(settings.key));
    const target = path.join(settings.folder, name);
    partial = `${target}.partial`;
    let sha256: string;
    try {
      sha256 = await storeBackup(work, partial, settings.key);
      await fs.promises.rename(partial, target);
      partial = null;
      const record: BackupRecord = {
        file: name,
        kind,
        createdAt: now.toISOString(),
        size: (await fs.promises.stat(target)).size,
        encrypted: Boolean(settings.key),
        sha256,
        integrity: 'ok',
        outletId: snapshot.outlet.id,
        outletCode: snapshot.outlet.code,
        schema: snapshot.migrations.at(-1) ?? '',
        verifiedAt: new Date().toISOString(),
      };
      await writeJsonFile(`${target}.json`, record);
      await fsyncFolder(settings.folder);
      return record;
    } catch (err) {
      throw folderError(err as Error & { code?: string | null }, settings.folder);
    }
  } finally {
    await fs.promises.rm(work, { force: true });
    await fs.promises.rm(`${work}-journal`, { force: true });
    if (partial) await fs.promises.rm(partial, { force: true });
  }
}

/** openOutletDatabase's hook: a verified backup before migrations, answering its path. */
export function backupBeforeMigrating(settings: BackupSettings, logger: { warn(message: string): void }): (databaseFile: string) => Promise<string> {
  return async (databaseFile) => {
    const record = await takeBackup({ settings, databaseFile, kind: 'pre-migration', now: new Date(), outletId: null });
    logger.warn(`backup before migrating: ${record.file}`);
    return path.join(settings.folder, record.file);
  };
}
