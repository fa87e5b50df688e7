// One start of the outlet server as a shop runs it, on a database already open: demo data on
// first start, interrupted imports recovered, devices, the app with the options the settings give,
// HTTP. server/main.ts starts it (again after a restore); the customer-search bench starts it in a
// process of its own (bench/outlet-server.ts), so that what it measures is a shop's server.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import { phoneCountryOf, type ServerConfig } from './config.ts';
import type { Db } from './db/client.ts';
import { seedOutletIfEmpty } from '../prisma/seed/demo.ts';
import { startDeviceHub } from './devices/hub.ts';
import { loadMessaging } from './campaigns/senders.ts';
import { recoverInterruptedImports } from './importexport/import-undo.ts';
import { backupSettingsFrom, type BackupSettings } from './backups/settings.ts';
import type { HeadOfficeLink } from './sync/connection.ts';

/** The database file, backup settings and head office link the settings give. */
export function outletSettingsOf(config: ServerConfig, databaseFile: string) {
  const backupSettings = backupSettingsFrom({
    databaseFile,
    folder: config.POS_BACKUP_DIR,
    keyFile: config.POS_BACKUP_KEY_FILE,
    everyMinutes: config.POS_BACKUP_EVERY_MINUTES,
    keep: config.POS_BACKUP_KEEP,
  });
  const headOffice = config.HEAD_OFFICE_URL && config.HEAD_OFFICE_TOKEN ? { url: config.HEAD_OFFICE_URL, token: config.HEAD_OFFICE_TOKEN } : null;
  return { backupSettings, headOffice };
}

export interface OutletStart {
  config: ServerConfig;
  logger: Logger;
  db: Db;
  backupSettings: BackupSettings;
  headOffice: HeadOfficeLink | null;
  onRestoreStaged: () => void;
  /** Hooks added before the server listens (the bench's Server-Timing header). */
  beforeListen?: (app: FastifyInstance) => void;
}

/** Starts the outlet on `db` and listens on the configured port; the app, outlet and devices to stop later. */
export async function startOutletServer({ config, logger, db, backupSettings, headOffice, onRestoreStaged, beforeListen }: OutletStart) {
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
    onRestoreStaged,
    metricsToken: config.POS_METRICS_TOKEN ?? null,
  });
  beforeListen?.(app);
  await app.listen({ port: config.PORT, host: config.HOST });
  return { app, outlet, devices };
}
