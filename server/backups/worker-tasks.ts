import { Worker } from 'node:worker_threads';

/** What a database file is, as read by opening it. */
export interface DatabaseInspection {
  /** PRAGMA integrity_check's rows: `['ok']` for a sound file. */
  integrity: string[];
  /** Whether it has Till's tables (`_migrations`, `Outlet`). */
  till: boolean;
  /** The migrations applied to it, in name order. */
  migrations: string[];
  outlet: { id: string; code: string; name: string } | null;
  /** When its newest outbox document was made (SQLite's stored value), if it has any. */
  newestDocumentAt: string | number | null;
}

/** A database file that could not be opened or read at all (not SQLite, truncated, unreadable). */
export class UnreadableDatabase extends Error {
  constructor(
    message: string,
    readonly sqliteCode: string | null,
  ) {
    super(message);
  }
}

/** Why a stored backup cannot be read back: a wrong or missing key, or a changed or cut-off file. */
export class UnreadableBackup extends Error {}

/** A file operation of a task that failed, with the system's code (ENOSPC, EACCES, EFBIG, ...). */
export class FileTaskFailed extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

const WORKER = new URL('./backup-worker.mjs', import.meta.url);

type Task =
  | { task: 'snapshot'; source: string; work: string }
  | { task: 'inspect'; file: string }
  | { task: 'store'; source: string; target: string; key: Buffer | null }
  | { task: 'extract'; file: string; target: string; key: Buffer | null }
  | { task: 'readBack'; file: string; key: Buffer | null };

/** Runs one task in a worker of its own (backup-worker.mjs: below the server's priority, in paced steps). */
function inWorker<T>(workerData: Task): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData });
    worker.once('message', (answer: { ok: true; result: T } | { ok: false; code: string | null; message: string }) => {
      if (answer.ok) resolve(answer.result);
      else if (answer.code === 'unreadable-backup') reject(new UnreadableBackup(answer.message));
      else if (answer.code?.startsWith('SQLITE_')) reject(new UnreadableDatabase(answer.message, answer.code));
      else reject(new FileTaskFailed(answer.message, answer.code));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the backup worker stopped (${code})`)));
  });
}

/**
 * Copies the live database into `work` with SQLite's online backup API (never a file copy: the
 * live file and its WAL are only consistent through SQLite), as one snapshot taken while the
 * registers go on selling, and inspects the copy.
 */
export function snapshotDatabase(source: string, work: string): Promise<DatabaseInspection> {
  return inWorker({ task: 'snapshot', source, work });
}

/** Opens a database file and reports its integrity and identity. */
export function inspectDatabase(file: string): Promise<DatabaseInspection> {
  return inWorker({ task: 'inspect', file });
}

/**
 * Writes a database file into `target` as a backup (encrypted when a key is given), flushed to
 * disk, then reads it back whole; answers the SHA-256 of the database, the same both ways.
 */
export function storeBackup(source: string, target: string, key: Buffer | null): Promise<string> {
  return inWorker({ task: 'store', source, target, key });
}

/** Reads a stored backup back whole (decrypting and authenticating it) and answers the SHA-256 of the database in it. */
export function readBackHash(file: string, key: Buffer | null): Promise<string> {
  return inWorker({ task: 'readBack', file, key });
}

/** Writes the database inside a backup to `target` (decrypting it), flushed to disk. */
export function extractDatabase(file: string, target: string, key: Buffer | null): Promise<void> {
  return inWorker({ task: 'extract', file, target, key });
}
