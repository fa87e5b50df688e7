import fs from 'node:fs';
import path from 'node:path';

/** How many of the newest backups of each kind of period to keep: the newest one in each of the last N hours, days and months. */
export interface Retention {
  hourly: number;
  daily: number;
  monthly: number;
  /** Backups taken on demand and before migrations: the newest this many of each are kept besides the periods. */
  keptApart: number;
}

export interface BackupSettings {
  /** The owner's folder for backups (another disk or a mounted share). */
  folder: string;
  /** Whether `folder` is the default one beside the database, which may be created. */
  defaultFolder: boolean;
  /** AES-256 key the owner keeps (from POS_BACKUP_KEY_FILE); null: backups are not encrypted. */
  key: Buffer | null;
  /** Minutes between scheduled backups; 0: only at a Z, before migrations and on demand. */
  everyMinutes: number;
  retention: Retention;
}

export const DEFAULT_RETENTION = '48h,30d,12m';
const KEPT_APART = 5;

/** Reads `48h,30d,12m`: the periods may come in any order, a missing one keeps none of that kind. */
export function parseRetention(text: string): Retention {
  const retention: Retention = { hourly: 0, daily: 0, monthly: 0, keptApart: KEPT_APART };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^(\d{1,4})([hdm])$/.exec(part);
    if (!match) throw new Error(`POS_BACKUP_KEEP: "${part}" is not a count and h, d or m (for example ${DEFAULT_RETENTION})`);
    retention[({ h: 'hourly', d: 'daily', m: 'monthly' } as const)[match[2] as 'h' | 'd' | 'm']] = Number(match[1]);
  }
  if (retention.hourly + retention.daily + retention.monthly === 0) throw new Error('POS_BACKUP_KEEP keeps no backup at all');
  return retention;
}

/** The key file holds 32 random bytes in base64 or hex (`openssl rand -base64 32`); anything else stops the start. */
export function readBackupKey(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32 || (!/^[0-9a-f]{64}$/i.test(text) && key.toString('base64') !== text)) {
    throw new Error(`POS_BACKUP_KEY_FILE ${file}: the key must be 32 bytes in base64 or hex (openssl rand -base64 32)`);
  }
  return key;
}

export function backupSettingsFrom(env: { databaseFile: string; folder?: string; keyFile?: string; everyMinutes: number; keep: string }): BackupSettings {
  const folder = env.folder ? path.resolve(env.folder) : path.join(path.dirname(path.resolve(env.databaseFile)), 'backups');
  return {
    folder,
    defaultFolder: !env.folder,
    key: env.keyFile ? readBackupKey(env.keyFile) : null,
    everyMinutes: env.everyMinutes,
    retention: parseRetention(env.keep),
  };
}
