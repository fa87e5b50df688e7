import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { PriceListImportHistoryQuerySchema, PriceListImportHistorySchema, PriceListUndoReportSchema, PriceListUndoRequestSchema } from '../../shared/schemas/importexport.ts';
import { errorResponses } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { importHistory, undoImport, type ImportedBy } from './price-list-history.ts';

/** Who is calling an admin route: a signed-in head-office user, or the administrator's token. */
export const callerOf = (request: FastifyRequest): ImportedBy =>
  request.headOfficeUser ? { id: request.headOfficeUser.id, name: request.headOfficeUser.name } : { id: null, name: 'administrator' };

/** The price lists applied at head office and their undoing (JSON bodies, unlike the file uploads'). */
export const headOfficePriceListHistoryRoutes: FastifyPluginAsyncZod<{ db: HeadOfficeDb }> = async (app, { db }) => {
  app.get('/api/head-office/products/imports', {
    config: { access: 'admin' },
    schema: { summary: 'The price lists applied at head office, newest first, with who, when, the file and counts', querystring: PriceListImportHistoryQuerySchema, response: { 200: PriceListImportHistorySchema } },
    handler: async (request) => ({ items: await importHistory(db, request.query.limit) }),
  });

  app.post('/api/head-office/products/imports/:id/undo', {
    config: { access: 'admin' },
    schema: {
      description: 'Puts back the prices an import set, as a new master-data change outlets pull. A product changed since the import is reported and left unless force is true; an import is undone once.',
      summary: 'Undoes a price list import (or, with dryRun, reports what undoing would do)',
      params: IdParamsSchema,
      body: PriceListUndoRequestSchema,
      response: { 200: PriceListUndoReportSchema, ...errorResponses(404, 409) },
    },
    handler: (request) => undoImport(db, request.params.id, callerOf(request), request.body),
  });
};
