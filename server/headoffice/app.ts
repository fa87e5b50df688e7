import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { installErrorHandler } from '../http/errors.ts';
import { installHeadOfficeAuth } from './auth.ts';
import { OutletRegistry } from './credentials.ts';
import type { HeadOfficeDb } from './db.ts';
import { DocumentIngest } from './ingest.ts';
import { headOfficeRoutes } from './routes.ts';
import { MasterData } from './master-data.ts';

export interface HeadOfficeOptions {
  db: HeadOfficeDb;
  /** Head office administrator's bearer token (from the environment). */
  adminToken: string;
  logger?: FastifyServerOptions['logger'];
}

/** The server in head-office mode: the chain's documents and master data on PostgreSQL. */
export async function buildHeadOfficeApp({ db, adminToken, logger = false }: HeadOfficeOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  const registry = new OutletRegistry(db);
  installHeadOfficeAuth(app, registry, adminToken);
  await app.register(headOfficeRoutes, { db, registry, ingest: new DocumentIngest(db), master: new MasterData(db) });
  return app;
}
