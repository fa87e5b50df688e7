// Starts the outlet server: database (a staged restore swapped in, migrated after a verified
// backup, demo data on first start), devices, backups, HTTP; or, with POS_MODE=head-office, the
// chain's server on PostgreSQL. A restore from the back office (or `npm run restore` while the
// server runs, through SIGHUP) stops the outlet and starts it again in the same process.
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { loadServerConfig, phoneCountryOf, type ServerConfig } from './config.ts';
import { databasePath, openOutletDatabase } from './db/client.ts';
import { seedOutletIfEmpty } from '../prisma/seed/demo.ts';
import { startDeviceHub } from './devices/hub.ts';
import { loadMessaging } from './campaigns/senders.ts';
import { recoverInterruptedImports } from './importexport/import-undo.ts';
import { createLogger } from './system/logger.ts';
import { backupBeforeMigrating } from './backups/backup.ts';
import { backupSettingsFrom } from './backups/settings.ts';
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
  const backupSettings = backupSettingsFrom({
    databaseFile,
    folder: config.POS_BACKUP_DIR,
    keyFile: config.POS_BACKUP_KEY_FILE,
    everyMinutes: config.POS_BACKUP_EVERY_MINUTES,
    keep: config.POS_BACKUP_KEEP,
  });
  const headOffice = config.HEAD_OFFICE_URL && config.HEAD_OFFICE_TOKEN ? { url: config.HEAD_OFFICE_URL, token: config.HEAD_OFFICE_TOKEN } : null;
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
    if (config.POS_DEMO_DATA === 'true') await seedOutletIfEmpty(db);
    await recoverInterruptedImports(db);
    const devices = await startDeviceHub(db, process.env, logger);
    const { app, outlet } = await buildApp({
      db,
      devices,
      messaging: loadMessaging(process.env),
      loggerInstance: logger,
      loginRateLimit: config.POS_LOGIN_RATE_LIMIT,
      phoneCountry: phoneCountryOf(config),
      headOffice,
      backups: { settings: backupSettings, automatic: true },
      onRestoreStaged: () => stop('restart'),
      metricsToken: config.POS_METRICS_TOKEN ?? null,
    });
    await app.listen({ port: config.PORT, host: config.HOST });
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
