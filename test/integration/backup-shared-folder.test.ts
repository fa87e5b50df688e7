import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteOf } from '../../server/db/client.ts';
import { BackupService } from '../../server/backups/service.ts';
import { parseRetention } from '../../server/backups/settings.ts';
import { backupSettings, readDatabase, sha256 } from '../support/backups.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const quiet = { info() {}, warn() {}, error() {} };

/**
 * Two shops back up into one folder on a NAS. Both kept the demo's outlet code `main`, as
 * standalone shops do. Each must see, keep and prune only its own backups.
 */
describe('two outlets sharing one backup folder', { timeout: 120_000 }, () => {
  let folder: string;
  const shops: { server: TestServer; service: BackupService; outletId: string; setNow: (at: string) => void }[] = [];

  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'till-shared-backups-'));
    for (let i = 0; i < 2; i++) {
      const server = await startTestServer();
      const outlet = await server.db.outlet.findFirstOrThrow();
      expect(outlet.code).toBe('main');
      let now = new Date('2026-03-02T10:00:00Z');
      const service = new BackupService({
        settings: backupSettings(folder, { retention: parseRetention('2h') }),
        databaseFile: sqliteOf(server.db).name,
        outlet: { id: outlet.id, timeZone: 'UTC' },
        logger: quiet,
        now: () => now,
      });
      shops.push({ server, service, outletId: outlet.id, setNow: (at) => (now = new Date(at)) });
    }
  });
  afterAll(async () => {
    for (const shop of shops) await shop.server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  /** The outlet each backup file in the folder is of, read from the file itself. */
  const outletsOfFiles = () =>
    fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.db'))
      .map((name) => readDatabase(path.join(folder, name)).outletId);

  it('keeps both shops\' backups taken at the same moment, each a database of its own outlet', async () => {
    const [a, b] = shops;
    a.setNow('2026-03-02T10:00:00Z');
    b.setNow('2026-03-02T10:00:00Z');
    const fromA = await a.service.take('manual');
    const fromB = await b.service.take('manual');
    expect(fromA.file).not.toBe(fromB.file);
    expect(readDatabase(path.join(folder, fromA.file)).outletId).toBe(a.outletId);
    expect(readDatabase(path.join(folder, fromB.file)).outletId).toBe(b.outletId);
    expect(outletsOfFiles().sort()).toEqual([a.outletId, b.outletId].sort());
  });

  it('takes a shop\'s scheduled backup when its own newest is old, whatever the other shop took since', async () => {
    const [a, b] = shops;
    a.setNow('2026-03-02T11:00:00Z');
    expect((await a.service.runDue())?.kind).toBe('scheduled');
    // B's own newest is 90 minutes old; A's, 30 minutes, is not B's.
    b.setNow('2026-03-02T11:30:00Z');
    const due = await b.service.runDue();
    expect(due?.kind).toBe('scheduled');
    expect(readDatabase(path.join(folder, due!.file)).outletId).toBe(b.outletId);
  });

  it('lists only the shop\'s own backups on its Backups page', async () => {
    for (const shop of shops) {
      const listed = (await shop.service.status()).backups;
      expect(listed.length).toBeGreaterThan(0);
      for (const backup of listed) expect(readDatabase(path.join(folder, backup.file)).outletId).toBe(shop.outletId);
    }
  });

  it('prunes by its retention only its own backups, and leaves the other shop\'s backup in progress alone', async () => {
    const [a, b] = shops;
    const ofB = (await b.service.status()).backups;
    const filesOfB = ofB.map((backup) => backup.file);
    const hashesOfB = filesOfB.map((file) => sha256(path.join(folder, file)));
    // B is writing a backup right now: its `.partial` file, named as B names its files.
    const newestOfB = filesOfB[0];
    const inProgress = `${newestOfB.replace(/\d{8}T\d{9}Z/, '20260302T130000000Z')}.partial`;
    expect(inProgress).not.toBe(`${newestOfB}.partial`);
    fs.writeFileSync(path.join(folder, inProgress), 'half of B\'s backup');

    // A keeps two hours: after four more hourly backups it has pruned its older ones.
    for (const at of ['12:00', '13:00', '14:00', '15:00']) {
      a.setNow(`2026-03-02T${at}:00Z`);
      await a.service.take('scheduled');
    }
    const ofA = (await a.service.status()).backups.filter((backup) => backup.kind === 'scheduled');
    expect(ofA.map((backup) => backup.createdAt.slice(11, 16))).toEqual(['15:00', '14:00']);

    expect(filesOfB.map((file) => fs.existsSync(path.join(folder, file)) && sha256(path.join(folder, file)))).toEqual(hashesOfB);
    expect(fs.readFileSync(path.join(folder, inProgress), 'utf8')).toBe('half of B\'s backup');
    expect((await b.service.status()).backups.map((backup) => backup.file)).toEqual(filesOfB);
  });

  it('clears at its start only its own cut-off files', async () => {
    const [a, b] = shops;
    const before = fs.readdirSync(folder).filter((name) => name.endsWith('.partial'));
    expect(before).toHaveLength(1);
    a.service.start();
    await a.service.stop();
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual(before);
    b.service.start();
    await b.service.stop();
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});
