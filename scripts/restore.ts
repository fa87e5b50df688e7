// npm run restore -- <backup file> [--yes]
// Checks a backup (integrity, a Till database of this outlet, not of a newer version), stages it
// beside the live database and swaps it in: through the running server (SIGHUP: it stops taking
// sales, swaps and starts again) or, when none runs, here. Then prints what the restored database
// lacks compared with head office and which receipt numbers may repeat. See docs/upgrading.md.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import Database from 'better-sqlite3';
import { loadServerConfig } from '../server/config.ts';
import { databasePath, openOutletDatabase } from '../server/db/client.ts';
import { knownMigrations } from '../server/db/migrate.ts';
import { backupBeforeMigrating } from '../server/backups/backup.ts';
import { listBackups } from '../server/backups/archive.ts';
import { backupSettingsFrom } from '../server/backups/settings.ts';
import { applyStagedRestore, restoreFiles, restoreStaged, stageRestore } from '../server/backups/restore.ts';
import { completeRestoreNote, describeRestoreNote, lastRestoreNote } from '../server/backups/restore-note.ts';
import { runningServer } from '../server/backups/running-server.ts';

const args = process.argv.slice(2);
const given = args.find((a) => !a.startsWith('--'));
if (!given) {
  console.error('Usage: npm run restore -- <backup file> [--yes]');
  process.exit(2);
}
const config = loadServerConfig();
const databaseFile = path.resolve(databasePath(config.DATABASE_URL));
const settings = backupSettingsFrom({ databaseFile, folder: config.POS_BACKUP_DIR, keyFile: config.POS_BACKUP_KEY_FILE, everyMinutes: config.POS_BACKUP_EVERY_MINUTES, keep: config.POS_BACKUP_KEEP });
const backupFile = fs.existsSync(given) ? path.resolve(given) : path.join(settings.folder, given);

function liveOutlet(): { id: string; code: string } | null {
  if (!fs.existsSync(databaseFile)) return null;
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT id, code FROM "Outlet" ORDER BY createdAt LIMIT 1`).get() as { id: string; code: string } | undefined) ?? null;
  } finally {
    db.close();
  }
}

const live = liveOutlet();
let staged;
try {
  const record = fs.existsSync(settings.folder) ? (await listBackups(settings.folder, live?.id ?? null)).find((b) => path.join(settings.folder, b.file) === backupFile) : undefined;
  staged = await stageRestore({ databaseFile, backupFile, key: settings.key, outletId: live?.id ?? null, knownMigrations: knownMigrations(), backupCreatedAt: record?.createdAt ?? null });
} catch (err) {
  console.error(`Refused: ${(err as Error).message}\nThe live database is untouched.`);
  process.exit(1);
}

if (!args.includes('--yes')) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`Replace the database of outlet ${live?.code ?? staged.outletCode} with ${path.basename(backupFile)}? Type the outlet code (${staged.outletCode}) to confirm: `);
  rl.close();
  if (answer.trim() !== staged.outletCode) {
    fs.rmSync(restoreFiles(databaseFile).staged, { force: true });
    fs.rmSync(restoreFiles(databaseFile).stagedInfo, { force: true });
    console.error('Not confirmed: nothing was changed.');
    process.exit(1);
  }
}

const server = runningServer(databaseFile);
if (server) {
  const before = lastRestoreNote(databaseFile)?.restoredAt;
  console.log(`The server (process ${server.pid}) stops taking sales, swaps the backup in and starts again…`);
  process.kill(server.pid, 'SIGHUP');
  const deadline = Date.now() + 120_000;
  while (restoreStaged(databaseFile) || lastRestoreNote(databaseFile)?.restoredAt === before) {
    if (Date.now() > deadline) {
      console.error('The server has not finished the restore within two minutes: see its log.');
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(describeRestoreNote(lastRestoreNote(databaseFile)!));
} else {
  await applyStagedRestore(databaseFile);
  const db = await openOutletDatabase(config.DATABASE_URL, { backupBeforeMigrating: backupBeforeMigrating(settings, console) });
  const headOffice = config.HEAD_OFFICE_URL && config.HEAD_OFFICE_TOKEN ? { url: config.HEAD_OFFICE_URL, token: config.HEAD_OFFICE_TOKEN } : null;
  const note = await completeRestoreNote(db, databaseFile, headOffice);
  await db.$disconnect();
  console.log(describeRestoreNote(note!));
  console.log('The next start of the server serves the restored database.');
}
