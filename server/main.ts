// Starts the outlet server: database (migrated, demo data on first start), devices, HTTP; or, with
// POS_MODE=head-office, the chain's server on PostgreSQL.
import { buildApp } from './app.ts';
import { loadServerConfig, phoneCountryOf } from './config.ts';
import { openOutletDatabase } from './db/client.ts';
import { seedOutletIfEmpty } from '../prisma/seed/demo.ts';
import { startDeviceHub } from './devices/hub.ts';
import { loadMessaging } from './campaigns/senders.ts';
import { recoverInterruptedImports } from './importexport/import-undo.ts';

const config = loadServerConfig();
if (config.POS_MODE === 'head-office') {
  const { runHeadOffice } = await import('./headoffice/main.ts');
  await runHeadOffice(config);
} else {
  await runOutlet();
}

async function runOutlet() {
  const db = await openOutletDatabase(config.DATABASE_URL);
  if (config.POS_DEMO_DATA === 'true') await seedOutletIfEmpty(db);
  await recoverInterruptedImports(db);

  const logger = { level: config.LOG_LEVEL };
  const devices = await startDeviceHub(db, process.env);
  const { app, outlet } = await buildApp({
    db,
    devices,
    messaging: loadMessaging(process.env),
    logger,
    loginRateLimit: config.POS_LOGIN_RATE_LIMIT,
    phoneCountry: phoneCountryOf(config),
    headOffice: config.HEAD_OFFICE_URL && config.HEAD_OFFICE_TOKEN ? { url: config.HEAD_OFFICE_URL, token: config.HEAD_OFFICE_TOKEN } : null,
  });

  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: stopping`);
    await app.close();
    await devices.stop();
    await db.$disconnect();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`${outlet.view.name}: register at http://localhost:${config.PORT}/pos-ui/, back office at /backoffice-ui/`);
}
