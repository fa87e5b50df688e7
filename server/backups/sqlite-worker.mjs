// Runs off the main thread, so that sales keep committing while a database is copied or checked:
// `snapshot` copies the live database with SQLite's online backup API in one step, under one read
// transaction (a consistent snapshot; in WAL mode the registers' writes go on meanwhile), and
// makes the copy a single self-contained file; `inspect` (and every snapshot) then opens the file
// and reports PRAGMA integrity_check and what Till database it is. Plain JavaScript: a worker
// thread does not inherit the TypeScript loader of the process that starts it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const ALL_PAGES = 0x7fffffff;

async function run({ task, source, target }) {
  if (task === 'snapshot') {
    const live = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await live.backup(target, { progress: () => ALL_PAGES });
    } finally {
      live.close();
    }
  }
  const db = new Database(target, { fileMustExist: true });
  try {
    if (task === 'snapshot') db.pragma('journal_mode = DELETE');
    const integrity = db.pragma('integrity_check').map((row) => row.integrity_check);
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all());
    const till = tables.has('_migrations') && tables.has('Outlet');
    const migrations = till ? db.prepare(`SELECT name FROM "_migrations" ORDER BY name`).pluck().all() : [];
    const outlet = till ? db.prepare(`SELECT id, code, name FROM "Outlet" ORDER BY createdAt LIMIT 1`).get() ?? null : null;
    const newestDocumentAt = tables.has('OutboxEntry') ? db.prepare(`SELECT MAX(createdAt) FROM "OutboxEntry"`).pluck().get() ?? null : null;
    return { ok: true, integrity, till, migrations, outlet, newestDocumentAt };
  } finally {
    db.close();
  }
}

run(workerData).then(
  (result) => parentPort.postMessage(result),
  (err) => parentPort.postMessage({ ok: false, code: err.code ?? null, message: err.message }),
);
