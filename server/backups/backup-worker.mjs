// The backups' file work, in a worker thread below the server's priority, so that the registers'
// sales keep their speed while a database is copied, checked, stored or read back: nothing here
// runs on the main thread or touches its database connection. Every task goes in bounded steps
// with a pause after each: the copy (SQLite's online backup API, a megabyte of pages a step),
// storing (hashing, encrypting, writing and flushing a megabyte at a time, so the disk never has
// a backup's worth of writes queued in front of a sale's commit) and reading back. Plain
// JavaScript: a worker thread does not inherit the TypeScript loader of the process that starts it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const PAGES_PER_STEP = 256;
const CHUNK_BYTES = 1 << 20;
const PAUSE_MS = 5;

// Encrypted backups: magic, 12-byte IV, AES-256-GCM ciphertext, 16-byte tag.
const MAGIC = Buffer.from('TILLBAK1');
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored backup that cannot be read back: a wrong key, or a changed or cut-off file. */
class UnreadableBackup extends Error {
  code = 'unreadable-backup';
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const pause = () => Atomics.wait(sleeper, 0, 0, PAUSE_MS);

function writeAll(fd, bytes) {
  for (let at = 0; at < bytes.length; ) at += fs.writeSync(fd, bytes, at, bytes.length - at);
}

/** Calls `each` with the file's bytes from `start` to `end` (exclusive), a chunk at a time, pausing after each. */
function eachChunk(file, start, end, each) {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let at = start; at < end; ) {
      const read = fs.readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, end - at), at);
      if (read === 0) break;
      each(buffer.subarray(0, read));
      at += read;
      pause();
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes the file's written pages to disk now (any descriptor of a file flushes it). */
function flush(file) {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Copies the live database into `work` with the online backup API. The read transaction opened
 * first is held over all the steps: sqlite3_backup_step uses an open one rather than opening its
 * own, so every step reads that one snapshot, and the registers' commits on the server's
 * connection meanwhile (WAL: they do not wait for this reader) do not restart the copy, as a
 * change by another connection between steps would. The copy is the database as it was when the
 * transaction began, whole.
 */
async function snapshot(source, work) {
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.exec('BEGIN');
    live.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    await live.backup(work, {
      progress() {
        flush(work);
        pause();
        return PAGES_PER_STEP;
      },
    });
    live.exec('COMMIT');
  } finally {
    live.close();
  }
  const copy = new Database(work, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** What a database file is: PRAGMA integrity_check (over the whole file, as only it checks every page's use) and what Till database it is. */
function inspect(file) {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check').map((row) => row.integrity_check);
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all());
    const till = tables.has('_migrations') && tables.has('Outlet');
    const migrations = till ? db.prepare(`SELECT name FROM "_migrations" ORDER BY name`).pluck().all() : [];
    const outlet = till ? (db.prepare(`SELECT id, code, name FROM "Outlet" ORDER BY createdAt LIMIT 1`).get() ?? null) : null;
    const newestDocumentAt = tables.has('OutboxEntry') ? (db.prepare(`SELECT MAX(createdAt) FROM "OutboxEntry"`).pluck().get() ?? null) : null;
    return { integrity, till, migrations, outlet, newestDocumentAt };
  } finally {
    db.close();
  }
}

/** Writes the database `source` into `target` (encrypted when a key is given), flushed as it goes; answers its SHA-256. */
function store(source, target, key) {
  const hash = crypto.createHash('sha256');
  const out = fs.openSync(target, 'w');
  try {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = key ? crypto.createCipheriv('aes-256-gcm', key, iv) : null;
    if (cipher) writeAll(out, Buffer.concat([MAGIC, iv]));
    eachChunk(source, 0, fs.statSync(source).size, (chunk) => {
      hash.update(chunk);
      writeAll(out, cipher ? cipher.update(chunk) : chunk);
      fs.fdatasyncSync(out);
    });
    if (cipher) writeAll(out, Buffer.concat([cipher.final(), cipher.getAuthTag()]));
    fs.fsyncSync(out);
  } finally {
    fs.closeSync(out);
  }
  return hash.digest('hex');
}

function isEncrypted(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a stored backup whole, giving the database inside to `each` chunk by chunk (decrypted and,
 * at the end, authenticated by GCM's tag: a wrong key or a changed or cut-off file is refused);
 * answers the database's SHA-256.
 */
function unpack(file, key, each) {
  const hash = crypto.createHash('sha256');
  const take = (chunk) => {
    hash.update(chunk);
    each(chunk);
  };
  if (!isEncrypted(file)) {
    eachChunk(file, 0, fs.statSync(file).size, take);
    return hash.digest('hex');
  }
  if (!key) throw new UnreadableBackup('The backup is encrypted: give the key it was made with (POS_BACKUP_KEY_FILE)');
  const { size } = fs.statSync(file);
  if (size < MAGIC.length + IV_BYTES + TAG_BYTES) throw new UnreadableBackup('The encrypted backup is cut off');
  const fd = fs.openSync(file, 'r');
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    fs.readSync(fd, iv, 0, IV_BYTES, MAGIC.length);
    fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    fs.closeSync(fd);
  }
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    eachChunk(file, MAGIC.length + IV_BYTES, size - TAG_BYTES, (chunk) => take(decipher.update(chunk)));
    take(decipher.final());
  } catch (err) {
    throw new UnreadableBackup(`The backup does not decrypt with this key, or it was changed or cut off (${err.message})`);
  }
  return hash.digest('hex');
}

/** Writes the database inside a stored backup to `target`, flushed; nothing is left of it when the backup does not read back. */
function extract(file, target, key) {
  const out = fs.openSync(target, 'w');
  try {
    unpack(file, key, (chunk) => writeAll(out, chunk));
    fs.fsyncSync(out);
  } catch (err) {
    fs.closeSync(out);
    fs.rmSync(target, { force: true });
    throw err;
  }
  fs.closeSync(out);
}

const tasks = {
  async snapshot({ source, work }) {
    await snapshot(source, work);
    return inspect(work);
  },
  inspect: ({ file }) => inspect(file),
  /** Stores the database `source` as a backup and reads it back: answers the SHA-256 both agree on. */
  store({ source, target, key }) {
    const sha256 = store(source, target, key);
    if (unpack(target, key, () => {}) !== sha256) throw Object.assign(new Error('The backup read back differs from what was written'), { code: 'read-back-differs' });
    return sha256;
  },
  extract: ({ file, target, key }) => extract(file, target, key),
  readBack: ({ file, key }) => unpack(file, key, () => {}),
};

// On Linux a thread's nice value is its own (setpriority on 0 is the calling thread): this lowers
// the worker only; elsewhere it would lower the whole server, so there the worker keeps its
// priority. Ten, not nineteen: the server's thread, which mostly sleeps between requests, still
// wins the core whenever a sale comes in, and on a machine busy with other work the backup still
// gets a share (at nineteen it would get next to none and might not end for hours).
if (process.platform === 'linux') os.setPriority(0, 10);

const { task, ...args } = workerData;
Promise.resolve()
  .then(() => tasks[task](args))
  .then(
    (result) => parentPort.postMessage({ ok: true, result }),
    (err) => parentPort.postMessage({ ok: false, code: err.code ?? null, message: err.message }),
  );
