import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { AppError } from '../http/errors.ts';
import { backupName, fsyncFolder, readBackHash, storeFile, writeJsonFile, type BackupKind, type BackupRecord } from './archive.ts';
import { snapshotDatabase } from './inspect.ts';
import type { BackupSettings } from './settings.ts';

/**
 * A backup that could not be made (backup-folder-missing, -unwritable, -full or backup-failed); the
 * live database and the backups before it are untouched.
 */
export const backupFailed = (code: ErrorCode, message: string) =>
  new AppError(503, code, message);

/** The bytes a backup of the live database needs: the file and its write-ahead log. */
export function liveDatabaseSize(databaseFile: string): number {
  return [databaseFile, `${databaseFile}-wal`].reduce((sum, file) => sum + (fs.existsSync(file) ? fs.statSync(file).size : 0), 0);
}

/** Free bytes for an unprivileged writer in a folder. */
export function freeBytes(folder: string): number {
  const stats = fs.statfsSync(folder);
  return stats.bavail * stats.bsize;
}

/** Stops early, before anything is written, when the folder cannot take a backup of this size. */
export function checkFolder(settings: BackupSettings, needed: number): void {
  const { folder } = settings;
  if (!fs.existsSync(folder)) {
    if (!settings.defaultFolder) {
      throw backupFailed('backup-folder-missing', `The backup folder ${folder} does not exist (is its disk or share mounted?)`);
    }
    fs.mkdirSync(folder, { recursive: true });
  }
  if (!fs.statSync(folder).isDirectory()) throw backupFailed('backup-folder-missing', `The backup folder ${folder} is not a folder`);
  const free = freeBytes(folder);
  if (free < needed) {
    throw backupFailed('backup-folder-full', `The backup folder ${folder} has ${free} bytes free; a backup needs about ${needed}`);
  }
}

function folderError(err: NodeJS.ErrnoException, folder: string): AppError {
  if (err instanceof AppError) return err;
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') return backupFailed('backup-folder-full', `The backup folder ${folder} is full`);
  if (err.code === 'EROFS' || err.code === 'EACCES' || err.code === 'EPERM') return backupFailed('backup-folder-unwritable', `The server may not write to the backup folder ${folder} (${err.code})`);
  if (err.code === 'ENOENT') return backupFailed('backup-folder-missing', `The backup folder ${folder} disappeared during the backup`);
  return backupFailed('backup-failed', `The backup failed: ${err.message}`);
}

/**
 * One verified backup of the live database: an online snapshot (SQLite's backup API, in a worker)
 * into a work file beside the live database, checked (integrity_check, a Till database of the
 * outlet expected), streamed into the backup folder under a `.partial` name (encrypted when a key
 * is set), flushed, read back and compared, and only then renamed to its name and given its
 * sidecar. A cut-off backup (power, a full disk, a vanished share) leaves a `.partial` file or a
 * file without a sidecar, which is no backup and is cleared by the next one; the live database is
 * only ever read. The snapshot is made locally first because SQLite on network shares is not
 * reliable.
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
  const needed = Math.ceil(liveDatabaseSize(databaseFile) * 1.1) + 64 * 1024;
  checkFolder(settings, needed);
  const work = path.join(path.dirname(path.resolve(databaseFile)), `.backup-${crypto.randomBytes(6).toString('hex')}.db`);
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
    const name = backupName(snapshot.outlet.code, now, kind, Boolean(settings.key));
    const target = path.join(settings.folder, name);
    partial = `${target}.partial`;
    let sha256: string;
    try {
      sha256 = await storeFile(work, partial, settings.key);
      if ((await readBackHash(partial, settings.key)) !== sha256) throw backupFailed('backup-failed', 'The backup read back differs from what was written');
      await fs.promises.rename(partial, target);
      partial = null;
      const record: BackupRecord = {
        file: name,
        kind,
        createdAt: now.toISOString(),
        size: fs.statSync(target).size,
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
      throw folderError(err as NodeJS.ErrnoException, settings.folder);
    }
  } finally {
    fs.rmSync(work, { force: true });
    if (partial) fs.rmSync(partial, { force: true });
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
