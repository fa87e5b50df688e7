// Backup folders that refuse writes and power cuts during a backup, made by the operating system
// rather than by the code: a folder the server's user may not write to (chmod; a server run by
// root is run as nobody, as root ignores permissions), a file size limit set on the running server
// (prlimit: its writes fail part-way with EFBIG, as on a disk that fills up or a FAT32 stick's
// 4 GB), and SIGKILL of the server process in the middle of a backup. None needs the right to
// mount a file system.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutletDatabase } from '../../server/db/client.ts';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import { listBackups } from '../../server/backups/archive.ts';
import { readBackHash } from '../../server/backups/worker-tasks.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { backOffice, filesIn, readDatabase, tornSales } from '../support/backups.ts';
import { startOutletProcess, type OutletProcess } from '../support/outlet-process.ts';
import { startTestServer } from '../support/server.ts';

const NOBODY = { uid: 65534, gid: 65534 };
/** The user the server runs as: root would write through any permission, so a root test runs it as nobody. */
const serverUser = process.getuid?.() === 0 ? NOBODY : null;

let template: Promise<string> | null = null;

/** A seeded outlet database with a few sales, big enough that a backup takes many paced steps (made once, copied for each test). */
function seededTemplate(): Promise<string> {
  template ??= (async () => {
    const databaseFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'till-backup-faults-template-')), 'outlet.db');
    const db = await openOutletDatabase(`file:${databaseFile}`);
    await seedDemoData(db, { productCount: 4000, customerCount: 20 });
    await db.$disconnect();
    const selling = await startTestServer({ databaseFile });
    const cashier = await selling.login('anna', '3333');
    await cashier.post('/api/shifts', { openingFloat: 0 });
    await sellSimpleSales(selling.db, cashier, 4);
    await selling.close();
    return databaseFile;
  })();
  return template;
}

/** A copy of the seeded outlet database, with a backup folder, in a folder of its own that the server's user owns. */
async function seededOutlet(): Promise<{ dir: string; databaseFile: string; folder: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-backup-faults-'));
  const databaseFile = path.join(dir, 'outlet.db');
  fs.copyFileSync(await seededTemplate(), databaseFile);
  const folder = path.join(dir, 'backups');
  fs.mkdirSync(folder);
  if (serverUser) for (const file of [dir, folder, databaseFile]) fs.chownSync(file, serverUser.uid, serverUser.gid);
  return { dir, databaseFile, folder };
}

afterAll(async () => {
  if (template) fs.rmSync(path.dirname(await template), { recursive: true, force: true });
});

const startServer = (databaseFile: string, folder: string, user = serverUser) =>
  startOutletProcess({ DATABASE_URL: `file:${databaseFile}`, POS_BACKUP_DIR: folder, POS_BACKUP_EVERY_MINUTES: '0', POS_DEMO_DATA: 'false' }, user);

/**
 * Posts a backup and, while it runs, waits for `midBackup` to see on disk what it looks for, then
 * calls `then`; answers the backup's answer, or null when it ended before that was seen.
 */
async function catchMidBackup(server: OutletProcess, midBackup: () => boolean, then: () => void) {
  const owner = await backOffice(server.url);
  let ended = false;
  const answer = owner.post('/api/backups').then(
    (res) => res,
    () => null,
  );
  void answer.finally(() => (ended = true));
  while (!ended && !safely(midBackup)) await new Promise((r) => setImmediate(r));
  if (ended) return null;
  then();
  return { answer: await answer };
}

/** A look at files a running backup may remove at any moment: false when they went meanwhile. */
function safely(look: () => boolean): boolean {
  try {
    return look();
  } catch {
    return false;
  }
}

/** The verified backups as the sidecars list them, each read back to the hash its sidecar holds. */
async function expectIntact(folder: string, backups: { file: string; sha256: string }[]): Promise<void> {
  for (const backup of backups) expect(await readBackHash(path.join(folder, backup.file), null)).toBe(backup.sha256);
}

describe('a backup folder the server may not write to', { timeout: 180_000 }, () => {
  let outlet: Awaited<ReturnType<typeof seededOutlet>>;
  let server: OutletProcess;
  beforeAll(async () => {
    outlet = await seededOutlet();
    server = await startServer(outlet.databaseFile, outlet.folder);
  });
  afterAll(async () => {
    await server.stop();
    fs.chmodSync(outlet.folder, 0o755);
    fs.rmSync(outlet.dir, { recursive: true, force: true });
  });

  it('refuses the backup naming the folder, keeps the backups in it and the live database as they were, and the dashboard warns', async () => {
    const owner = await backOffice(server.url);
    const first = await owner.post('/api/backups');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await listBackups(outlet.folder, null);
    const live = readDatabase(outlet.databaseFile);
    fs.chmodSync(outlet.folder, 0o555);

    const res = await owner.post('/api/backups');
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe('backup-folder-unwritable');
    expect(res.body.error.message).toContain(outlet.folder);
    expect(filesIn(outlet.folder)).toEqual([first.body.file, `${first.body.file}.json`]);
    await expectIntact(outlet.folder, before);
    expect(fs.readdirSync(outlet.dir).filter((n) => n.includes('.backup-'))).toEqual([]);
    expect(readDatabase(outlet.databaseFile)).toEqual(live);
    const status = (await owner.get('/api/backups')).body;
    expect(status.warnings).toEqual(expect.arrayContaining(['folder-unwritable', 'last-failed']));
    expect(status.lastFailure.code).toBe('backup-folder-unwritable');
    expect(status.backups.map((b: { file: string }) => b.file)).toEqual([first.body.file]);
  });
});

describe('a backup folder that stops taking writes part-way', { timeout: 180_000 }, () => {
  let outlet: Awaited<ReturnType<typeof seededOutlet>>;
  let server: OutletProcess;
  beforeAll(async () => {
    outlet = await seededOutlet();
    // As the test's own user: the file size limit binds root too, and only a process of the
    // same user (or one with CAP_SYS_RESOURCE) may set another's.
    server = await startServer(outlet.databaseFile, outlet.folder, null);
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(outlet.dir, { recursive: true, force: true });
  });

  it('fails the backup, removes its partial file, keeps the backups before it and the live database, warns, and the next backup succeeds', async () => {
    const owner = await backOffice(server.url);
    expect((await owner.post('/api/backups')).status).toBe(201);
    let before = await listBackups(outlet.folder, null);
    let kept = filesIn(outlet.folder);
    const live = readDatabase(outlet.databaseFile);

    // Once the backup has written its first megabyte into the folder, the server may write no
    // file past what that file holds: its next write there fails (EFBIG), part-way.
    const partial = () => path.join(outlet.folder, filesIn(outlet.folder).find((n) => n.endsWith('.partial'))!);
    let limit = 0;
    let caught = null;
    for (let attempt = 0; attempt < 5 && !caught; attempt++) {
      before = await listBackups(outlet.folder, null);
      kept = filesIn(outlet.folder);
      caught = await catchMidBackup(server, () => fs.statSync(partial()).size >= 1024 * 1024, () => {
        process.kill(server.pid, 'SIGSTOP');
        limit = fs.statSync(partial()).size + 1;
        execFileSync('prlimit', ['--pid', String(server.pid), `--fsize=${limit}:unlimited`]);
        process.kill(server.pid, 'SIGCONT');
      });
    }
    execFileSync('prlimit', ['--pid', String(server.pid), '--fsize=unlimited:unlimited']);
    const res = caught!.answer!;

    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.code).toBe('backup-folder-full');
    expect(filesIn(outlet.folder)).toEqual(kept);
    await expectIntact(outlet.folder, before);
    expect(fs.readdirSync(outlet.dir).filter((n) => n.includes('.backup-'))).toEqual([]);
    expect(readDatabase(outlet.databaseFile)).toEqual(live);
    const status = (await owner.get('/api/backups')).body;
    expect(status.warnings).toContain('last-failed');
    expect(status.lastFailure.code).toBe('backup-folder-full');

    const next = await owner.post('/api/backups');
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(fs.statSync(path.join(outlet.folder, next.body.file)).size).toBeGreaterThan(limit);
    expect((await owner.get('/api/backups')).body.warnings).toEqual([]);
  });
});

describe('a power cut during a backup', { timeout: 180_000 }, () => {
  const points: [string, (outlet: { dir: string; folder: string; databaseFile: string }) => boolean][] = [
    ['while the live database is copied', ({ dir }) => fs.readdirSync(dir).some((n) => n.startsWith('.outlet.db.backup-'))],
    [
      'while the backup is written into the folder',
      ({ folder, databaseFile }) => {
        const partial = filesIn(folder).find((n) => n.endsWith('.partial'));
        return !!partial && fs.statSync(path.join(folder, partial)).size > 0 && fs.statSync(path.join(folder, partial)).size < fs.statSync(databaseFile).size / 2;
      },
    ],
    [
      'while the written backup is read back',
      ({ folder, databaseFile }) => {
        const partial = filesIn(folder).find((n) => n.endsWith('.partial'));
        return !!partial && fs.statSync(path.join(folder, partial)).size >= fs.statSync(databaseFile).size;
      },
    ],
  ];

  it.each(points)('%s leaves the backups before it and the live database whole, and the next start clears what it left', async (_point, midBackup) => {
    const outlet = await seededOutlet();
    try {
      let server = await startServer(outlet.databaseFile, outlet.folder);
      const owner = await backOffice(server.url);
      expect((await owner.post('/api/backups')).status).toBe(201);
      const before = await listBackups(outlet.folder, null);
      const live = readDatabase(outlet.databaseFile);

      let cut = null;
      for (let attempt = 0; attempt < 5 && !cut; attempt++) {
        cut = await catchMidBackup(server, () => midBackup(outlet), () => process.kill(server.pid, 'SIGKILL'));
      }
      expect(cut).not.toBeNull();
      await server.stop();
      const left = [...fs.readdirSync(outlet.dir).filter((n) => n.includes('.backup-')), ...filesIn(outlet.folder).filter((n) => n.endsWith('.partial'))];
      expect(left.length).toBeGreaterThan(0);

      await expectIntact(outlet.folder, before);
      expect((await listBackups(outlet.folder, null)).map((b) => b.file)).toEqual(expect.arrayContaining(before.map((b) => b.file)));
      const afterCut = readDatabase(outlet.databaseFile);
      expect(afterCut.integrity).toBe('ok');
      expect(afterCut.saleIds).toEqual(live.saleIds);
      expect(tornSales(outlet.databaseFile)).toEqual({});

      server = await startServer(outlet.databaseFile, outlet.folder);
      try {
        const notVerified = async () => {
          const verified = new Set((await listBackups(outlet.folder, null)).flatMap((b) => [b.file, `${b.file}.json`]));
          return filesIn(outlet.folder).filter((n) => !verified.has(n));
        };
        await expect.poll(notVerified, { timeout: 20_000 }).toEqual([]);
        await expect.poll(() => fs.readdirSync(outlet.dir).filter((n) => n.includes('.backup-')), { timeout: 20_000 }).toEqual([]);
        expect((await (await backOffice(server.url)).post('/api/backups')).status).toBe(201);
      } finally {
        await server.stop();
      }
      expect(readDatabase(outlet.databaseFile)).toMatchObject({ integrity: 'ok', saleIds: live.saleIds });
    } finally {
      fs.rmSync(outlet.dir, { recursive: true, force: true });
    }
  });
});
