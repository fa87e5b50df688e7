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

/** `till-VLN-1-20261201T100000123Z-z.db.enc`: outlet, UTC time and kind in the name, so a listing sorts by time. */
export function backupName(outletCode: string, at: Date, kind: BackupKind, encrypted: boolean): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('.', '');
  return `till-${outletCode.replace(/[^A-Za-z0-9_-]/g, '_')}-${stamp}-${kind}.db${encrypted ? '.enc' : ''}`;
}

/** Whether a file name is one of ours (retention never touches anything else in the folder). */
export function isBackupName(name: string): boolean {
  return NAME.test(name);
}

/** The verified backups in a folder, newest first; files without a sidecar are not backups yet. */
export async function listBackups(folder: string): Promise<BackupRecord[]> {
  const names = (await fs.promises.readdir(folder)).filter(isBackupName);
  const records = await Promise.all(
    names.map(async (name) => {
      try {
        const record = JSON.parse(await fs.promises.readFile(path.join(folder, `${name}.json`), 'utf8')) as BackupRecord;
        return record.file === name && record.integrity === 'ok' ? record : null;
      } catch {
        // No sidecar (cut off before it was written) or an unreadable one: not a verified backup.
        return null;
      }
    }),
  );
  return records.filter((r): r is BackupRecord => r !== null).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Our files in the folder that are not verified backups: cut-off `.partial` files, backups without a sidecar and sidecars half-written. */
export async function leftovers(folder: string): Promise<string[]> {
  const verified = new Set((await listBackups(folder)).map((r) => r.file));
  const cutOff = (name: string) => (name.endsWith('.partial') && isBackupName(name.slice(0, -'.partial'.length))) || /^(.+)\.json\.\d+\.tmp$/.exec(name)?.slice(1).some(isBackupName);
  return (await fs.promises.readdir(folder)).filter((name) => cutOff(name) || (isBackupName(name) && !verified.has(name)));
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
