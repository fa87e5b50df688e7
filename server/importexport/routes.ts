import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CustomerExportQuerySchema, CustomerImportQuerySchema, CustomerImportReportSchema, ImportPreviewSchema } from '../../shared/schemas/importexport.ts';
import { callerOf } from '../auth/plugin.ts';
import type { CustomerService } from '../customers/service.ts';
import type { Db } from '../db/client.ts';
import { badRequest } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { customersCsv, customersXlsx } from './customer-export.ts';
import { importCustomers, suggestMapping } from './customer-import.ts';
import { readTable } from './table.ts';

const MAX_FILE = 200 * 1024 * 1024;

/** Customer import (CSV, XLSX; dry run first) and export. The file is the raw request body. */
export const importExportRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; customers: CustomerService; phoneCountryCode: string }> = async (app, { db, outlet, customers, phoneCountryCode }) => {
  app.addContentTypeParser(['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], { parseAs: 'buffer', bodyLimit: MAX_FILE }, (_request, body, done) => done(null, body));

  const fileOf = (body: unknown): Buffer => {
    if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('no-file', 'Send the file as the request body (text/csv or an .xlsx)', [{ path: 'body', message: 'a file is required' }]);
    return body;
  };

  app.post('/api/customers/import/preview', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'previewCustomerImport', tags: ['customers'], querystring: CustomerImportQuerySchema.pick({ fileName: true, encoding: true, delimiter: true }), response: { 200: ImportPreviewSchema } },
    handler: async (request) => {
      const table = await readTable(fileOf(request.body), request.query.fileName, request.query);
      return { encoding: table.encoding, delimiter: table.delimiter, headers: table.headers, rows: table.rows.slice(0, 10), total: table.rows.length, suggestedMapping: suggestMapping(table.headers) };
    },
  });

  app.post('/api/customers/import', {
    config: { permission: 'backoffice' },
    schema: {
      description: 'Imports customers. dryRun=true (the default) only reports what would be created, updated, skipped or rejected.',
      operationId: 'importCustomers',
      tags: ['customers'],
      querystring: CustomerImportQuerySchema,
      response: { 200: CustomerImportReportSchema },
    },
    handler: async (request) => {
      const table = await readTable(fileOf(request.body), request.query.fileName, request.query);
      return importCustomers(db, outlet, callerOf(request), table, request.query, phoneCountryCode);
    },
  });

  app.get('/api/customers/export', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'exportCustomers', tags: ['customers'], querystring: CustomerExportQuerySchema },
    handler: async (request, reply) => {
      const list = request.query.q ? await customers.search(request.query.q, 50) : (await customers.list(1_000_000, 0)).items;
      const xlsx = request.query.format === 'xlsx';
      reply.header('content-disposition', `attachment; filename="customers.${xlsx ? 'xlsx' : 'csv'}"`);
      reply.type(xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
      return xlsx ? customersXlsx(list) : customersCsv(list);
    },
  });
};
