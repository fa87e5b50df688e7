import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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
export function listBackups(folder: string): BackupRecord[] {
  const records: BackupRecord[] = [];
  for (const name of fs.readdirSync(folder)) {
    if (!isBackupName(name)) continue;
    try {
      const record = JSON.parse(fs.readFileSync(path.join(folder, `${name}.json`), 'utf8')) as BackupRecord;
      if (record.file === name && record.integrity === 'ok') records.push(record);
    } catch {
      // No sidecar (cut off before it was written) or an unreadable one: not a verified backup.
    }
  }
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Our files in the folder that are not verified backups: cut-off `.partial` files and backups without a sidecar. */
export function leftovers(folder: string): string[] {
  const verified = new Set(listBackups(folder).map((r) => r.file));
  return fs
    .readdirSync(folder)
    .filter((name) => (name.endsWith('.partial') && isBackupName(name.slice(0, -'.partial'.length))) || (isBackupName(name) && !verified.has(name)));
}

// Encrypted files: magic, 12-byte IV, AES-256-GCM ciphertext, 16-byte tag.
const MAGIC = Buffer.from('TILLBAK1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Whether a file starts as an encrypted backup does. */
export function isEncryptedFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

function hashing(hash: crypto.Hash) {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
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

/**
 * Streams a database file into `target` (encrypted when a key is given) and flushes it to disk;
 * answers the SHA-256 of the database it wrote.
 */
export async function storeFile(source: string, target: string, key: Buffer | null): Promise<string> {
  const hash = crypto.createHash('sha256');
  if (key) {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const out = fs.createWriteStream(target);
    out.write(Buffer.concat([MAGIC, iv]));
    await pipeline(fs.createReadStream(source), hashing(hash), cipher, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
  } else {
    await pipeline(fs.createReadStream(source), hashing(hash), fs.createWriteStream(target));
  }
  await fsyncFile(target);
  return hash.digest('hex');
}

/** Why a stored backup cannot be read back: not ours, a wrong key, or a changed or cut-off file. */
export class UnreadableBackup extends Error {}

/** The database inside a stored backup, as a stream (decrypted and authenticated when it is encrypted). */
async function databaseStream(file: string, key: Buffer | null): Promise<Readable> {
  if (!isEncryptedFile(file)) return fs.createReadStream(file);
  if (!key) throw new UnreadableBackup('The backup is encrypted: give the key it was made with (POS_BACKUP_KEY_FILE)');
  const { size } = await fs.promises.stat(file);
  if (size < MAGIC.length + IV_BYTES + TAG_BYTES) throw new UnreadableBackup('The encrypted backup is cut off');
  const fd = await fs.promises.open(file, 'r');
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await fd.read(iv, 0, IV_BYTES, MAGIC.length);
    await fd.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await fd.close();
  }
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  const body = fs.createReadStream(file, { start: MAGIC.length + IV_BYTES, end: size - TAG_BYTES - 1 });
  body.on('error', (err) => decipher.destroy(err));
  return body.pipe(decipher);
}

/**
 * Reads a stored backup back whole and answers the SHA-256 of the database in it; an encrypted
 * one must decrypt and authenticate with the key (GCM's tag), or it is refused.
 */
export async function readBackHash(file: string, key: Buffer | null): Promise<string> {
  const hash = crypto.createHash('sha256');
  const stream = await databaseStream(file, key);
  try {
    for await (const chunk of stream) hash.update(chunk as Buffer);
  } catch (err) {
    throw new UnreadableBackup(`The backup does not decrypt with this key, or it was changed or cut off (${(err as Error).message})`);
  }
  return hash.digest('hex');
}

/** Writes the database inside a backup to `target` (decrypting it), flushed to disk. */
export async function extractDatabase(file: string, target: string, key: Buffer | null): Promise<void> {
  const stream = await databaseStream(file, key);
  try {
    await pipeline(stream, fs.createWriteStream(target));
  } catch (err) {
    fs.rmSync(target, { force: true });
    throw new UnreadableBackup(`The backup does not decrypt with this key, or it was changed or cut off (${(err as Error).message})`);
  }
  await fsyncFile(target);
}

/** Writes a small JSON file atomically (temporary name, flush, rename). */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temporary, JSON.stringify(value, null, 2));
  await fsyncFile(temporary);
  await fs.promises.rename(temporary, file);
}
