import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutletDatabase } from '../../server/db/client.ts';
import { knownMigrations } from '../../server/db/migrate.ts';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { backOffice, backupSettings, filesIn, readDatabase, sha256 } from '../support/backups.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startOutletProcess } from '../support/outlet-process.ts';
import { startTestServer } from '../support/server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const FAST = { batchSize: 50, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 3000 };

/** A seeded outlet database in a folder of the test's own (it outlives the servers opened on it). */
async function seededDatabase(dir: string, name = 'outlet.db', code = 'main'): Promise<string> {
  const file = path.join(dir, name);
  const db = await openOutletDatabase(`file:${file}`);
  await seedDemoData(db, { productCount: 60, customerCount: 5 });
  await db.$transaction((tx) => tx.outlet.updateMany({ data: { code } }));
  await db.$disconnect();
  return file;
}

/** The command as an owner runs it (asynchronously: head office answers from this very process). */
function restoreCommand(file: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/restore.ts', file, '--yes'], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('npm run restore, in a chain', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let headOffice: TestHeadOffice;
  let dir: string;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    headOffice = await startHeadOffice(database.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-restore-chain-'));
  });
  afterAll(async () => {
    await headOffice.close();
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores an earlier backup, says which documents head office holds that it lacks and which receipt numbers repeat, and catches up', async () => {
    const token = await headOffice.addOutlet('VLN-1');
    const file = await seededDatabase(dir, 'outlet.db', 'VLN-1');
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder);
    const link = { url: headOffice.url, token, ...FAST };
    let outlet = await startTestServer({ databaseFile: file, headOffice: link, backups: { settings: backupSettings(folder) } });
    const owner = await backOffice(outlet.url);
    let cashier = await outlet.login('anna', '3333');
    await cashier.post('/api/shifts', { openingFloat: 0 });
    await sellSimpleSales(outlet.db, cashier, 3);
    const caughtUp = (api: ApiClient) => expect.poll(async () => (await api.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);
    await caughtUp(cashier);
    const taken = await owner.post('/api/backups');
    expect(taken.status, JSON.stringify(taken.body)).toBe(201);
    const backup = taken.body.file as string;
    const lostIds = await sellSimpleSales(outlet.db, cashier, 2);
    const lostNumbers = (await outlet.db.sale.findMany({ where: { id: { in: lostIds } }, orderBy: { seq: 'asc' } })).map((s) => s.number);
    await caughtUp(cashier);
    await outlet.app.close();
    await outlet.db.$disconnect();

    const restored = await restoreCommand(path.join(folder, backup), { DATABASE_URL: `file:${file}`, POS_BACKUP_DIR: folder, HEAD_OFFICE_URL: headOffice.url, HEAD_OFFICE_TOKEN: token });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toContain(`Restored from ${backup}`);
    expect(restored.stdout).toContain('Head office holds documents this database lacks: 2 × sale.');
    for (const number of lostNumbers) expect(restored.stdout).toContain(`* ${number}`);
    expect(readDatabase(file).sales).toBe(3);
    expect(filesIn(dir).some((n) => n.startsWith('outlet.db.replaced-'))).toBe(true);

    outlet = await startTestServer({ databaseFile: file, headOffice: link, backups: { settings: backupSettings(folder) } });
    const note = (await (await backOffice(outlet.url)).get('/api/backups/last-restore')).body.note;
    expect(note).toMatchObject({ backup, headOffice: 'compared', lacking: { sale: 2 } });
    expect(note.repeatingReceiptNumbers.map((r: { number: string }) => r.number)).toEqual(lostNumbers);
    cashier = await outlet.login('anna', '3333');
    const again = await sellSimpleSales(outlet.db, cashier, 2);
    await caughtUp(cashier);
    // The registers gave the noted numbers again; head office keeps every document once, none lost.
    expect((await outlet.db.sale.findMany({ where: { id: { in: again } }, orderBy: { seq: 'asc' } })).map((s) => s.number)).toEqual(lostNumbers);
    const held = await headOffice.db.prisma.syncedDocument.findMany({ where: { type: 'sale' }, select: { documentId: true } });
    expect(held).toHaveLength(7);
    expect(new Set(held.map((d) => d.documentId))).toEqual(new Set([...(await outlet.db.sale.findMany({ select: { id: true } })).map((s) => s.id), ...lostIds]));
    expect((await cashier.get('/api/sync/status')).body.lastError).toBeNull();
    await outlet.app.close();
    await outlet.db.$disconnect();
  });
});

describe('restoring from the back office', () => {
  it('stops taking sales, swaps the backup in, starts again with it, and refuses a damaged backup leaving the running database as it was', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-restore-ui-'));
    const folder = path.join(dir, 'backups');
    const file = path.join(dir, 'outlet.db');
    const server = await startOutletProcess({ DATABASE_URL: `file:${file}`, POS_BACKUP_DIR: folder, POS_BACKUP_EVERY_MINUTES: '0' });
    try {
      const cashierOf = async () => {
        const res = await new ApiClient(server.url).post('/api/auth/login', { login: 'anna', pin: '3333', registerCode: 'R1' });
        return new ApiClient(server.url, res.body.token);
      };
      fs.mkdirSync(folder, { recursive: true });
      let owner = await backOffice(server.url);
      const cashier = await cashierOf();
      await cashier.post('/api/shifts', { openingFloat: 0 });
      const db = await openOutletDatabase(`file:${file}`);
      await sellSimpleSales(db, cashier, 2);
      const good = (await owner.post('/api/backups')).body.file as string;
      const damaged = (await owner.post('/api/backups')).body.file as string;
      await sellSimpleSales(db, cashier, 3);
      await db.$disconnect();

      const stored = fs.readFileSync(path.join(folder, damaged));
      stored.fill(0x5a, 4096 * 3, 4096 * 6);
      fs.writeFileSync(path.join(folder, damaged), stored);
      const refused = await owner.post('/api/backups/restore', { file: damaged, confirm: 'main' });
      expect(refused.status).toBe(422);
      expect(['corrupt-backup']).toContain(refused.body.error.code);
      expect(readDatabase(file).sales).toBe(5);
      expect((await owner.post('/api/backups/restore', { file: good, confirm: 'wrong' })).body.error.code).toBe('confirmation-mismatch');
      expect((await owner.post('/api/backups/restore', { file: '../outlet.db', confirm: 'main' })).body.error.code).toBe('backup-not-found');

      // Only the owner restores: a manager and a cashier are refused and nothing is staged.
      const manager = await backOffice(server.url, 'manager', 'manager-demo-pass');
      expect((await manager.post('/api/backups/restore', { file: good, confirm: 'main' })).status).toBe(403);
      expect((await cashier.post('/api/backups/restore', { file: good, confirm: 'main' })).status).toBe(403);
      expect(fs.existsSync(`${file}.restore`)).toBe(false);

      const staged = await owner.post('/api/backups/restore', { file: good, confirm: 'main' });
      expect(staged.status).toBe(202);
      const during = await cashier.post('/api/sales', {}).catch(() => ({ status: 0 }));
      expect(during.status === 0 || during.status === 503).toBe(true);
      await server.up();
      expect(readDatabase(file).sales).toBe(2);
      owner = await backOffice(server.url);
      const note = (await owner.get('/api/backups/last-restore')).body.note;
      expect(note).toMatchObject({ backup: good, headOffice: 'not-configured' });
      const after = await cashierOf();
      const reopened = await openOutletDatabase(`file:${file}`);
      await sellSimpleSales(reopened, after, 1);
      await reopened.$disconnect();
      expect(readDatabase(file).sales).toBe(3);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run restore refuses', () => {
  let dir: string;
  let live: string;
  let folder: string;
  let liveHash: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-restore-refusals-'));
    live = await seededDatabase(dir);
    folder = path.join(dir, 'backups');
    fs.mkdirSync(folder);
    liveHash = sha256(live);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const refusedWith = async (candidate: string, pattern: RegExp, env: Record<string, string> = {}) => {
    const run = await restoreCommand(candidate, { DATABASE_URL: `file:${live}`, POS_BACKUP_DIR: folder, ...env });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr).toContain('The live database is untouched');
    expect(sha256(live)).toBe(liveHash);
    expect(filesIn(dir).filter((n) => n.includes('.restore'))).toEqual([]);
  };

  it('a file that is not a database', async () => {
    const file = path.join(dir, 'notes.db');
    fs.writeFileSync(file, 'these are not the pages of a database\n'.repeat(500));
    await refusedWith(file, /notes\.db is not a SQLite database/);
  });

  it('a SQLite database that is not Till\'s', async () => {
    const file = path.join(dir, 'other-app.db');
    const other = new Database(file);
    other.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)');
    other.close();
    await refusedWith(file, /other-app\.db is a SQLite database but not a Till database/);
  });

  it('the database of another outlet', async () => {
    const file = await seededDatabase(dir, 'riga.db', 'RIX-1');
    await refusedWith(file, /riga\.db is the database of outlet RIX-1/);
  });

  it('a database made by a newer version', async () => {
    const file = path.join(dir, 'newer.db');
    fs.copyFileSync(live, file);
    const newer = new Database(file);
    newer.prepare(`INSERT INTO "_migrations" VALUES (?, ?)`).run('9999_from_the_future', new Date().toISOString());
    newer.close();
    await refusedWith(file, /newer\.db was made by a newer version of Till \(it has migration 9999_from_the_future\)/);
    expect(knownMigrations()).not.toContain('9999_from_the_future');
  });

  it('a damaged backup', async () => {
    const file = path.join(dir, 'damaged.db');
    const bytes = fs.readFileSync(live);
    bytes.fill(0xa5, 4096 * 2, 4096 * 5);
    fs.writeFileSync(file, bytes);
    await refusedWith(file, /damaged\.db (is damaged|fails its integrity check)/);
  });

  it('an encrypted backup without its key, or with another', async () => {
    const keyFile = path.join(dir, 'backup.key');
    fs.writeFileSync(keyFile, Buffer.alloc(32, 3).toString('base64'));
    const server = await startTestServer({ databaseFile: live });
    const { BackupService } = await import('../../server/backups/service.ts');
    const outletId = (await server.db.outlet.findFirstOrThrow()).id;
    const record = await new BackupService({ settings: backupSettings(folder, { key: Buffer.alloc(32, 3) }), databaseFile: live, outlet: { id: outletId, timeZone: 'UTC' }, logger: { info() {}, warn() {}, error() {} } }).take('manual');
    await server.app.close();
    await server.db.$disconnect();
    liveHash = sha256(live);
    await refusedWith(path.join(folder, record.file), /is encrypted: give the key/);
    const otherKey = path.join(dir, 'other.key');
    fs.writeFileSync(otherKey, Buffer.alloc(32, 4).toString('base64'));
    await refusedWith(path.join(folder, record.file), /does not decrypt with this key/, { POS_BACKUP_KEY_FILE: otherKey });
    const run = await restoreCommand(path.join(folder, record.file), { DATABASE_URL: `file:${live}`, POS_BACKUP_DIR: folder, POS_BACKUP_KEY_FILE: keyFile });
    expect(run.status, run.stderr).toBe(0);
    expect(readDatabase(live).outletId).toBe(outletId);
  });
});
