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

const WORKER = new URL('./sqlite-worker.mjs', import.meta.url);

function inWorker(workerData: { task: 'snapshot' | 'inspect'; source?: string; target: string }): Promise<DatabaseInspection> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData });
    worker.once('message', (answer: ({ ok: true } & DatabaseInspection) | { ok: false; code: string | null; message: string }) => {
      if (answer.ok) resolve(answer);
      else reject(new UnreadableDatabase(answer.message, answer.code));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the database worker stopped (${code})`)));
  });
}

/**
 * Copies the live database into `target` with SQLite's online backup API (never a file copy: the
 * live file and its WAL are only consistent through SQLite) and inspects the copy; all off the
 * main thread.
 */
export function snapshotDatabase(source: string, target: string): Promise<DatabaseInspection> {
  return inWorker({ task: 'snapshot', source, target });
}

/** Opens a database file and reports its integrity and identity, off the main thread. */
export function inspectDatabase(file: string): Promise<DatabaseInspection> {
  return inWorker({ task: 'inspect', target: file });
}
