import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { DEMO_USERS } from '../../prisma/seed/demo.ts';
import { sqliteOf } from '../../server/db/client.ts';
import { listBackups } from '../../server/backups/archive.ts';
import { extractDatabase, readBackHash } from '../../server/backups/worker-tasks.ts';
import { liveDatabaseSize } from '../../server/backups/backup.ts';
import { BackupService } from '../../server/backups/service.ts';
import { parseRetention } from '../../server/backups/settings.ts';
import { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { backOffice, backupSettings, canMount, filesIn, mountTmpfs, readDatabase, sha256, tornSales } from '../support/backups.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const quiet = { info() {}, warn() {}, error() {} };

describe('backups while four registers sell', { timeout: 180_000 }, () => {
  let server: TestServer;
  let folder: string;
  let owner: ApiClient;
  const cashiers: ApiClient[] = [];

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'till-backups-'));
    // Big enough that a backup copies it in many steps, with sales committing between them.
    server = await startTestServer({ productCount: 4000, backups: { settings: backupSettings(folder) } });
    const outlet = await server.db.outlet.findFirstOrThrow();
    await server.db.$transaction(async (tx) => {
      for (const code of ['R3', 'R4']) await tx.register.create({ data: { id: newId(), outletId: outlet.id, code, name: `Register ${code}` } });
    });
    for (const [i, code] of ['R1', 'R2', 'R3', 'R4'].entries()) {
      const cashier = await server.login(DEMO_USERS[i + 1].login, DEMO_USERS[i + 1].pin, code);
      expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
      cashiers.push(cashier);
    }
    owner = await backOffice(server.url);
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('takes verified backups on demand while every sale of four registers commits, each a whole database holding what was committed before it', async () => {
    let committed = 0;
    let selling = true;
    const sold: { at: number }[] = [];
    const registers = cashiers.map(async (cashier) => {
      while (selling) {
        await sellSimpleSales(server.db, cashier, 1);
        committed++;
        sold.push({ at: performance.now() });
      }
    });
    const taken: { file: string; committedBefore: number; started: number; ended: number }[] = [];
    try {
      while (committed < 8) await new Promise((r) => setTimeout(r, 20));
      for (let i = 0; i < 3; i++) {
        const committedBefore = committed;
        const started = performance.now();
        const res = await owner.post('/api/backups');
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        taken.push({ file: res.body.file, committedBefore, started, ended: performance.now() });
      }
    } finally {
      selling = false;
      await Promise.all(registers);
    }
    // Sales went on committing while backups were being taken.
    expect(taken.some((b) => sold.some((s) => s.at > b.started && s.at < b.ended))).toBe(true);
    expect(await server.db.sale.count()).toBe(committed);

    const listed = (await owner.get('/api/backups')).body;
    expect(listed.backups.map((b: { file: string }) => b.file).sort()).toEqual(taken.map((b) => b.file).sort());
    expect(listed.warnings).toEqual([]);
    expect(tornSales(sqliteOf(server.db).name)).toEqual({});
    const outletId = (await server.db.outlet.findFirstOrThrow()).id;
    for (const backup of taken) {
      const copy = path.join(server.dir, `check-${backup.file}`);
      fs.copyFileSync(path.join(folder, backup.file), copy);
      const inside = readDatabase(copy);
      expect(inside.integrity).toBe('ok');
      expect(inside.outletId).toBe(outletId);
      expect(inside.sales).toBeGreaterThanOrEqual(backup.committedBefore);
      expect(inside.sales).toBeLessThanOrEqual(committed);
      expect(fs.statSync(copy).size).toBeGreaterThan(4 * 1024 * 1024);
      expect(tornSales(copy)).toEqual({});
      const sidecar = JSON.parse(fs.readFileSync(path.join(folder, `${backup.file}.json`), 'utf8'));
      expect(sidecar).toMatchObject({ integrity: 'ok', outletId, kind: 'manual', encrypted: false, sha256: sha256(copy), size: fs.statSync(copy).size });
    }
  });

  it('takes the backup of a Z that comes while a scheduled backup runs, once that one ends', async () => {
    const outletId = (await server.db.outlet.findFirstOrThrow()).id;
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'till-z-while-scheduled-'));
    const service = new BackupService({ settings: backupSettings(own), databaseFile: sqliteOf(server.db).name, outlet: { id: outletId, timeZone: 'UTC' }, logger: quiet, automatic: true });
    try {
      const scheduled = service.take('scheduled');
      service.afterZ();
      const first = await scheduled;
      expect(first.kind).toBe('scheduled');
      // Retention keeps the newest of the hour: the Z's, taken after the scheduled one.
      await expect.poll(async () => (await listBackups(own, null)).filter((b) => b.kind === 'z' && b.createdAt >= first.createdAt).length, { timeout: 60_000 }).toBe(1);
    } finally {
      await service.stop();
      fs.rmSync(own, { recursive: true, force: true });
    }
  });

  it('takes a backup after every Z', async () => {
    const before = (await listBackups(folder, null)).filter((b) => b.kind === 'z').length;
    const z = await startTestServer({ backups: { settings: backupSettings(folder), automatic: true } });
    try {
      const cashier = await z.login('anna', '3333');
      await cashier.post('/api/shifts', { openingFloat: 0 });
      expect((await cashier.post('/api/shifts/current/close', { countedCash: 0 })).status).toBe(200);
      await expect.poll(async () => (await listBackups(folder, null)).filter((b) => b.kind === 'z').length, { timeout: 20_000 }).toBe(before + 1);
    } finally {
      await z.close();
    }
  });

  it('refuses backups to a folder that disappeared, and the dashboard says so; the live database is untouched', async () => {
    const gone = fs.mkdtempSync(path.join(os.tmpdir(), 'till-gone-'));
    const other = await startTestServer({ backups: { settings: backupSettings(gone) } });
    try {
      const boss = await backOffice(other.url);
      expect((await boss.post('/api/backups')).status).toBe(201);
      fs.rmSync(gone, { recursive: true });
      const before = readDatabase(sqliteOf(other.db).name);
      const res = await boss.post('/api/backups');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('backup-folder-missing');
      expect(res.body.error.message).toContain(gone);
      expect(fs.existsSync(gone)).toBe(false);
      const status = (await boss.get('/api/backups')).body;
      expect(status.warnings).toEqual(expect.arrayContaining(['folder-missing', 'last-failed']));
      expect(readDatabase(sqliteOf(other.db).name)).toEqual(before);
      const cashier = await other.login('anna', '3333');
      await cashier.post('/api/shifts', { openingFloat: 0 });
      await sellSimpleSales(other.db, cashier, 1);
    } finally {
      await other.close();
    }
  });

  it.runIf(canMount)('refuses a backup into a full folder, keeps the backups before it, and warns', async () => {
    const mount = path.join(os.tmpdir(), `till-full-${process.pid}`);
    const full = await startTestServer({ backups: { settings: backupSettings(mount) } });
    const unmount = mountTmpfs(mount, `size=${Math.ceil(((await liveDatabaseSize(sqliteOf(full.db).name)) * 1.9) / 4096) * 4096}`);
    try {
      const boss = await backOffice(full.url);
      const first = await boss.post('/api/backups');
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const res = await boss.post('/api/backups');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('backup-folder-full');
      expect(filesIn(mount)).toEqual([first.body.file, `${first.body.file}.json`]);
      expect(await readBackHash(path.join(mount, first.body.file), null)).toBe(JSON.parse(fs.readFileSync(path.join(mount, `${first.body.file}.json`), 'utf8')).sha256);
      expect((await boss.get('/api/backups')).body.warnings).toEqual(expect.arrayContaining(['folder-full', 'last-failed']));
    } finally {
      await full.close();
      unmount();
    }
  });

  it.runIf(canMount)('refuses a backup into a folder it may not write to, and warns', async () => {
    const mount = path.join(os.tmpdir(), `till-ro-${process.pid}`);
    const unmount = mountTmpfs(mount, 'size=64m,ro');
    const readOnly = await startTestServer({ backups: { settings: backupSettings(mount) } });
    try {
      const boss = await backOffice(readOnly.url);
      const res = await boss.post('/api/backups');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('backup-folder-unwritable');
      expect((await boss.get('/api/backups')).body.warnings).toEqual(expect.arrayContaining(['folder-unwritable', 'no-backup']));
    } finally {
      await readOnly.close();
      unmount();
    }
  });
});

describe('the backup schedule and retention, by an injected clock', () => {
  let server: TestServer;
  let folder: string;
  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'till-retention-'));
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('takes a scheduled backup only when the newest is older than the interval', async () => {
    let now = new Date('2026-03-02T10:00:00Z');
    const outletId = (await server.db.outlet.findFirstOrThrow()).id;
    const service = new BackupService({ settings: backupSettings(folder), databaseFile: sqliteOf(server.db).name, outlet: { id: outletId, timeZone: 'UTC' }, logger: quiet, now: () => now });
    expect((await service.runDue())?.kind).toBe('scheduled');
    now = new Date('2026-03-02T10:59:00Z');
    expect(await service.runDue()).toBeNull();
    expect((await service.status()).warnings).toEqual([]);
    now = new Date('2026-03-02T11:00:00Z');
    expect((await service.runDue())?.createdAt).toBe('2026-03-02T11:00:00.000Z');
    now = new Date('2026-03-02T13:01:00Z');
    expect((await service.status()).warnings).toEqual(['too-old']);
  });

  it('keeps the newest backup of each of the last hours, days and months, and nothing else', async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder);
    let now = new Date();
    const outletId = (await server.db.outlet.findFirstOrThrow()).id;
    const service = new BackupService({ settings: backupSettings(folder, { retention: parseRetention('2h,2d,2m') }), databaseFile: sqliteOf(server.db).name, outlet: { id: outletId, timeZone: 'UTC' }, logger: quiet, now: () => now });
    const times = ['2026-02-15T12:00', '2026-03-01T10:00', '2026-03-01T23:00', '2026-03-02T09:00', '2026-03-02T22:00', '2026-03-03T08:00', '2026-03-03T09:00', '2026-03-03T10:00'];
    for (const at of times) {
      now = new Date(`${at}:00Z`);
      await service.take('scheduled');
    }
    // 2h: 03-03 10:00 and 09:00; 2d: 03-03 (10:00) and 03-02 (22:00); 2m: March (03-03 10:00) and February.
    expect((await listBackups(folder, null)).map((b) => b.createdAt.slice(0, 16)).sort()).toEqual(['2026-02-15T12:00', '2026-03-02T22:00', '2026-03-03T09:00', '2026-03-03T10:00']);
    expect(filesIn(folder)).toHaveLength(8);
  });

  it('encrypts with the owner\'s key: nothing readable in the file, and it opens only with that key', async () => {
    const key = Buffer.alloc(32, 7);
    const outletId = (await server.db.outlet.findFirstOrThrow()).id;
    const secret = fs.mkdtempSync(path.join(os.tmpdir(), 'till-encrypted-'));
    try {
      const service = new BackupService({ settings: backupSettings(secret, { key }), databaseFile: sqliteOf(server.db).name, outlet: { id: outletId, timeZone: 'UTC' }, logger: quiet });
      const record = await service.take('manual');
      expect(record.file.endsWith('.db.enc')).toBe(true);
      const stored = fs.readFileSync(path.join(secret, record.file));
      expect(stored.includes('SQLite format 3')).toBe(false);
      expect(stored.includes('Till Demo Market')).toBe(false);
      const plain = path.join(secret, 'plain.db');
      await extractDatabase(path.join(secret, record.file), plain, key);
      expect(readDatabase(plain)).toMatchObject({ integrity: 'ok', outletId });
      await expect(extractDatabase(path.join(secret, record.file), path.join(secret, 'wrong.db'), Buffer.alloc(32, 8))).rejects.toThrow(/does not decrypt/);
      expect(fs.existsSync(path.join(secret, 'wrong.db'))).toBe(false);
    } finally {
      fs.rmSync(secret, { recursive: true, force: true });
    }
  });
});

describe('a power cut during a backup', { timeout: 180_000 }, () => {
  it('leaves the backups before it and the live database intact, and the next backup clears what it left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-powercut-'));
    const folder = path.join(dir, 'backups');
    fs.mkdirSync(folder);
    const server = await startTestServer({ productCount: 3000 });
    const databaseFile = path.join(dir, 'outlet.db');
    try {
      const cashier = await server.login('anna', '3333');
      await cashier.post('/api/shifts', { openingFloat: 0 });
      await sellSimpleSales(server.db, cashier, 5);
      await server.app.close();
      await server.db.$disconnect();
      fs.copyFileSync(sqliteOf(server.db).name, databaseFile);
      const live = readDatabase(databaseFile);

      const child = fork(new URL('../support/backup-child.ts', import.meta.url).pathname, [databaseFile, folder], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await new Promise<void>((resolve) => child.once('message', () => resolve()));
      const before = await listBackups(folder, null);
      expect(before.length).toBeGreaterThanOrEqual(1);
      // Cut the power while the next backup is under way: its work file or its .partial exists.
      const midBackup = () => fs.readdirSync(dir).some((n) => n.startsWith('.backup-')) || fs.readdirSync(folder).some((n) => n.endsWith('.partial'));
      while (!midBackup()) await new Promise((r) => setImmediate(r));
      child.kill('SIGKILL');
      await exited;

      for (const backup of before) expect(await readBackHash(path.join(folder, backup.file), null)).toBe(backup.sha256);
      expect((await listBackups(folder, null)).map((b) => b.file)).toEqual(expect.arrayContaining(before.map((b) => b.file)));
      expect(readDatabase(databaseFile)).toEqual(live);

      const outletId = live.outletId;
      const service = new BackupService({ settings: backupSettings(folder), databaseFile, outlet: { id: outletId, timeZone: 'UTC' }, logger: quiet });
      await service.take('manual');
      expect(filesIn(folder).filter((n) => n.endsWith('.partial'))).toEqual([]);
      const verified = new Set((await listBackups(folder, null)).flatMap((b) => [b.file, `${b.file}.json`]));
      expect(filesIn(folder).filter((n) => !verified.has(n))).toEqual([]);
    } finally {
      fs.rmSync(server.dir, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
