// Starts the outlet server: database (a staged restore swapped in, migrated after a verified
// backup), then server/outlet-server.ts (demo data on first start, devices, backups, HTTP); or,
// with POS_MODE=head-office, the chain's server on PostgreSQL. A restore from the back office (or `npm run restore` while the
// server runs, through SIGHUP) stops the outlet and starts it again in the same process.
import fs from 'node:fs';
import path from 'node:path';
import { loadServerConfig, type ServerConfig } from './config.ts';
import { outletSettingsOf, startOutletServer } from './outlet-server.ts';
import { databasePath, openOutletDatabase } from './db/client.ts';
import { createLogger } from './system/logger.ts';
import { backupBeforeMigrating } from './backups/backup.ts';
import { restoreStaged } from './backups/restore.ts';
import { completeRestoreNote } from './backups/restore-note.ts';
import { serverPidFile } from './backups/running-server.ts';

/** The exit status of a start refused for a reason a restart cannot cure (systemd: RestartPreventExitStatus). */
const REFUSED_TO_START = 78;

let config: ServerConfig;
try {
  config = loadServerConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(REFUSED_TO_START);
}
const logger = await createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'), file: config.LOG_FILE });

if (config.POS_MODE === 'head-office') {
  const { runHeadOffice } = await import('./headoffice/main.ts');
  await runHeadOffice(config, logger);
} else {
  await runOutlet(config);
}

async function runOutlet(config: ServerConfig) {
  const databaseFile = path.resolve(databasePath(config.DATABASE_URL));
  const { backupSettings, headOffice } = outletSettingsOf(config, databaseFile);
  const pidFile = serverPidFile(databaseFile);

  let stop: (reason: 'exit' | 'restart') => void = () => {};
  const stopped = () => new Promise<'exit' | 'restart'>((resolve) => (stop = resolve));
  process.on('SIGINT', () => stop('exit'));
  process.on('SIGTERM', () => stop('exit'));
  process.on('SIGHUP', () => {
    if (restoreStaged(databaseFile)) stop('restart');
  });

  for (;;) {
    const next = stopped();
    let db;
    try {
      db = await openOutletDatabase(config.DATABASE_URL, { backupBeforeMigrating: backupBeforeMigrating(backupSettings, logger) });
    } catch (err) {
      logger.fatal((err as Error).message);
      process.exit(REFUSED_TO_START);
    }
    const { app, outlet, devices } = await startOutletServer({ config, logger, db, backupSettings, headOffice, onRestoreStaged: () => stop('restart') });
    fs.writeFileSync(pidFile, JSON.stringify({ pid: process.pid, port: config.PORT }));
    const where = `${outlet.view.name}: register at http://localhost:${config.PORT}/pos-ui/, back office at /backoffice-ui/`;
    // A person who ran `npm start` at a terminal is told where it is, whatever the log level; a service logs it at info.
    if (process.stdout.isTTY) process.stdout.write(`${where}\n`);
    else logger.info(where);
    void completeRestoreNote(db, databaseFile, headOffice).then(
      (note) => note && logger.warn(`restored from ${note.backup}; see the back office's Backups page for what it lacks compared with head office`),
      (err) => logger.error(`the restore note could not be written: ${(err as Error).message}`),
    );

    const reason = await next;
    logger.info(reason === 'restart' ? 'stopping to swap in the restored database' : 'stopping');
    await app.close();
    await devices.stop();
    await db.$disconnect();
    if (reason === 'exit') {
      fs.rmSync(pidFile, { force: true });
      logger.flush?.();
      process.exit(0);
    }
  }
}
