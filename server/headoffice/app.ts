import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { fastifyErrorOptions, installErrorHandler } from '../http/errors.ts';
import { installActivityLog, quietRequests } from '../http/activity-log.ts';
import { installTextInputCheck } from '../http/text-input.ts';
import { installSecurityHeaders } from '../http/security-headers.ts';
import { serveUi } from '../http/ui.ts';
import { installHeadOfficeAuth } from './auth.ts';
import { headOfficeAuthRoutes } from './auth-routes.ts';
import { OutletRegistry } from './credentials.ts';
import type { HeadOfficeDb } from './db.ts';
import { DocumentIngest } from './ingest.ts';
import { MasterData } from './master-data.ts';
import { headOfficeRoutes } from './routes.ts';
import { HeadOfficeCatalogue } from './catalogue.ts';
import { headOfficeCatalogueRoutes } from './catalogue-routes.ts';
import { HeadOfficeUsers } from './users.ts';
import { headOfficePriceListRoutes } from './price-list-routes.ts';
import { headOfficePriceListHistoryRoutes } from './price-list-history-routes.ts';

export interface HeadOfficeOptions {
  db: HeadOfficeDb;
  /** Head office administrator's bearer token (from the environment), for scripts and the first user. */
  adminToken: string;
  logger?: FastifyServerOptions['logger'];
  /** The process's logger (main.ts makes it); wins over `logger`. */
  loggerInstance?: FastifyBaseLogger;
  loginRateLimit?: number;
  /** Built UIs (vite build output); head office serves its own at /headoffice-ui/. */
  uiDir?: string;
}

const DEFAULT_UI_DIR = path.resolve(import.meta.dirname, '../../dist/ui');

/** The server in head-office mode: the chain's documents and master data on PostgreSQL. */
export async function buildHeadOfficeApp({ db, adminToken, logger = false, loggerInstance, loginRateLimit = 20, uiDir = DEFAULT_UI_DIR }: HeadOfficeOptions): Promise<FastifyInstance> {
  const app = Fastify({ ...(loggerInstance ? { loggerInstance } : { logger }), ...quietRequests(), forceCloseConnections: true, ...fastifyErrorOptions });
  installActivityLog(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await installSecurityHeaders(app);
  installTextInputCheck(app);
  const registry = new OutletRegistry(db);
  const users = new HeadOfficeUsers(db);
  installHeadOfficeAuth(app, registry, users, adminToken);
  await app.register(headOfficeAuthRoutes, { users, loginRateLimit });
  const catalogue = new HeadOfficeCatalogue(db);
  await app.register(headOfficeRoutes, { db, registry, ingest: new DocumentIngest(db), master: new MasterData(db), catalogue });
  await app.register(headOfficeCatalogueRoutes, { catalogue });
  await app.register(headOfficePriceListRoutes, { db });
  await app.register(headOfficePriceListHistoryRoutes, { db });
  await serveUi(app, uiDir, '/headoffice-ui/');
  return app;
}
