import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const BACKUP_KINDS = ['scheduled', 'z', 'manual', 'pre-migration'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** What the sidecar `<backup>.json` records once the stored file has been read back and matched. */
export interface BackupRecord {
  file: string;
  kind: BackupKind;
  createdAt: string;
  /** Bytes of the stored file (encrypted or not). */
  size: number;
  encrypted: boolean;
  /** SHA-256 of the database inside, as checked by reading the stored file back. */
  sha256: string;
  integrity: 'ok';
  outletId: string;
  outletCode: string;
  /** The newest migration the database has. */
  schema: string;
  verifiedAt: string;
}

const NAME = /^till-(.+)-(\d{8}T\d{6}\d{3}Z)-(scheduled|z|manual|pre-migration)\.db(\.enc)?$/;

/**
 * Eight hex digits standing for the outlet in its backups' names. Outlets may share one folder (a
 * shop's NAS) and every standalone shop starts with the code `main`, so the code alone cannot tell
 * whose a file is.
 */
export function outletTag(outletId: string): string {
  return crypto.createHash('sha256').update(outletId).digest('hex').slice(0, 8);
}

/** `till-VLN-1-3f9a0c1d-20261201T100000123Z-z.db.enc`: outlet code and tag, UTC time and kind, so a listing sorts by time. */
export function backupName(outlet: { id: string; code: string }, at: Date, kind: BackupKind, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `till-${outlet.code.replace(/[^A-Za-z0-9_-]/g, '_')}-${outletTag(outlet.id)}-${stamp}-${kind}.db${encrypted ? '.enc' : ''}`;
}

/** Whether a file name is a Till backup's, of any outlet (retention never touches anything else in the folder). */
export function isBackupName(name: string): boolean {
  return NAME.test(name);
}

/** Whether a backup file name is this outlet's (names before the tag was added are nobody's: never removed). */
function isOwnBackupName(name: string, outletId: string): boolean {
  const match = NAME.exec(name);
  return Boolean(match && match[1].endsWith(`-${outletTag(outletId)}`));
}

/**
 * The outlet's verified backups in a folder, newest first (every outlet's for null: a new machine
 * restoring); files without a sidecar are not backups yet.
 */
export async function listBackups(folder: string, outletId: string | null): Promise<BackupRecord[]> {
  const names = (await fs.promises.readdir(folder)).filter(isBackupName);
  const records = await Promise.all(
    names.map(async (name) => {
      try {
        const record = JSON.parse(await fs.promises.readFile(path.join(folder, `${name}.json`), 'utf8')) as BackupRecord;
        return record.file === name && record.integrity === 'ok' && (outletId === null || record.outletId === outletId) ? record : null;
      } catch {
        // No sidecar (cut off before it was written) or an unreadable one: not a verified backup.
        return null;
      }
    }),
  );
  return records.filter((r): r is BackupRecord => r !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * The outlet's files in the folder that are not verified backups: cut-off `.partial` files, backups
 * without a sidecar and sidecars half-written. Another outlet's, even half-written, are its own business.
 */
export async function leftovers(folder: string, outletId: string): Promise<string[]> {
  const own = (name: string) => isOwnBackupName(name, outletId);
  const verified = new Set((await listBackups(folder, outletId)).map((r) => r.file));
  const cutOff = (name: string) => (name.endsWith('.partial') && own(name.slice(0, -'.partial'.length))) || /^(.+)\.json\.\d+\.tmp$/.exec(name)?.slice(1).some(own);
  return (await fs.promises.readdir(folder)).filter((name) => cutOff(name) || (own(name) && !verified.has(name)));
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes renames in a folder durable (a power cut after it keeps the new names). */
export async function fsyncFolder(folder: string): Promise<void> {
  const handle = await fs.promises.open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a small JSON file atomically (temporary name, flush, rename). */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temporary, JSON.stringify(value, null, 2));
  await fsyncFile(temporary);
  await fs.promises.rename(temporary, file);
}
