// Starts the server in head-office mode: PostgreSQL (migrated at start), sync and chain routes.
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { buildHeadOfficeApp } from './app.ts';
import { openHeadOfficeDatabase } from './db.ts';

export async function runHeadOffice(config: ServerConfig, logger: FastifyBaseLogger): Promise<void> {
  const db = await openHeadOfficeDatabase(config.DATABASE_URL);
  const app = await buildHeadOfficeApp({ db, adminToken: config.HEAD_OFFICE_ADMIN_TOKEN!, loggerInstance: logger });
  const shutdown = async (signal: string) => {
    app.log.info(`${signal}: stopping`);
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.warn(`head office: sync at http://localhost:${config.PORT}/api/sync/push (put HTTPS in front in production: docs/head-office.md)`);
}
