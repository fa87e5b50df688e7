import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../../shared/ids.ts';
import { FileSchema, IdParamsSchema } from '../../shared/schemas/common.ts';
import {
  CustomerExportQuerySchema,
  CustomerImportQuerySchema,
  CustomerImportReportSchema,
  ImportPreviewSchema,
  ImportListQuerySchema,
  ImportRunListSchema,
  ProductExportQuerySchema,
  ProductImportQuerySchema,
  ProductImportReportSchema,
  ImportTemplateInputSchema,
  ImportTemplateListSchema,
  ImportTemplateSchema,
  UndoImportResultSchema,
} from '../../shared/schemas/importexport.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { CustomerService } from '../customers/service.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { currencyDigits } from '../../shared/money.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { valuesOf } from '../custom-fields/values.ts';
import { AppError, badRequest, conflict, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { customersCsv, customersXlsx } from './customer-export.ts';
import { importCustomers, suggestMapping } from './customer-import.ts';
import { undoImport, unsendableUndo, type ImportKind } from './import-undo.ts';
import { importProducts, suggestProductMapping } from './product-import.ts';
import { productsCsv, productsXlsx } from './product-export.ts';
import { csvFile } from './csv-file.ts';
import { acceptFileBodies, FILE_TYPES, FileBodySchema, previewUpload, withUploadedTable } from './file-upload.ts';
import type { CountryCode } from '../../shared/phone.ts';
import attachment from 'content-disposition';
import type { CustomerVisibility } from '../crm/visibility.ts';

/**
 * Customer and product imports (CSV, XLSX; dry run first), their history with undo and
 * rejected-row downloads, saved templates, and exports. The file is the raw request body; an
 * import reads it as a stream.
 */
export const importExportRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; customers: CustomerService; visibility: CustomerVisibility; phoneCountry: CountryCode; chain: boolean }> = async (app, { db, outlet, customers, visibility, phoneCountry, chain }) => {
  /** The routes a file is sent to take the body as it comes, and only as a file. */
  const fileRoutes: FastifyPluginAsyncZod = async (files) => {
    acceptFileBodies(files);
    const monthFirst = outlet.view.locale === 'en-US';

    files.post('/api/customers/import/preview', {
      config: { permission: 'backoffice' },
      schema: {
        summary: 'The first rows of a customer file, its readings and a suggested column mapping',
        operationId: 'previewCustomerImport',
        tags: ['customers'],
        consumes: FILE_TYPES,
        body: FileBodySchema,
        querystring: CustomerImportQuerySchema.pick({ fileName: true, encoding: true, delimiter: true, sheet: true, mapping: true }),
        response: { 200: ImportPreviewSchema, ...errorResponses(422) },
      },
      handler: (request) => {
        visibility.assertSeesAll(callerOf(request));
        return previewUpload(request.body, request.query, suggestMapping, monthFirst);
      },
    });

    files.post('/api/customers/import', {
      config: { permission: 'backoffice' },
      schema: {
        description: 'Imports customers from a streamed file. dryRun=true (the default) only reports what would be created, updated, skipped or rejected.',
        summary: 'Imports customers from a CSV or XLSX file (a dry run by default)',
        operationId: 'importCustomers',
        tags: ['customers'],
        consumes: FILE_TYPES,
        body: FileBodySchema,
        querystring: CustomerImportQuerySchema,
        response: { 200: CustomerImportReportSchema, ...errorResponses(422) },
      },
      handler: (request) => {
        visibility.assertSeesAll(callerOf(request));
        return withUploadedTable(request.body, request.query, (table) => importCustomers(db, outlet, chain, callerOf(request), table, request.query, phoneCountry));
      },
    });

    files.post('/api/products/import/preview', {
      config: { permission: 'backoffice' },
      schema: {
        summary: 'The first rows of a price list and a suggested column mapping',
        operationId: 'previewProductImport',
        tags: ['catalog'],
        consumes: FILE_TYPES,
        body: FileBodySchema,
        querystring: ProductImportQuerySchema.pick({ fileName: true, encoding: true, delimiter: true, sheet: true }),
        response: { 200: ImportPreviewSchema.omit({ suggestedMapping: true }).extend({ suggestedMapping: z.record(z.string(), z.string()) }), ...errorResponses(422) },
      },
      handler: (request) => previewUpload(request.body, request.query, suggestProductMapping, monthFirst),
    });

    files.post('/api/products/import', {
      config: { permission: 'backoffice' },
      schema: {
        description: 'Imports products (a price list) from a streamed file, matched by SKU or barcode. dryRun=true (the default) only reports.',
        summary: 'Imports products from a price list in CSV or XLSX (a dry run by default)',
        operationId: 'importProducts',
        tags: ['catalog'],
        consumes: FILE_TYPES,
        body: FileBodySchema,
        querystring: ProductImportQuerySchema,
        response: { 200: ProductImportReportSchema, ...errorResponses(422) },
      },
      handler: (request) => withUploadedTable(request.body, request.query, (table) => importProducts(db, outlet, callerOf(request), table, request.query)),
    });
  };
  await app.register(fileRoutes);

  app.get('/api/imports', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Recent imports with their reports', operationId: 'listImports', tags: ['import'], querystring: ImportListQuerySchema, response: { 200: ImportRunListSchema } },
    handler: async (request) => {
      const runs = await db.importRun.findMany({ where: { kind: request.query.kind }, orderBy: { createdAt: 'desc' }, take: 20 });
      const users = await db.user.findMany({ where: { id: { in: [...new Set(runs.map((r) => r.createdById))] } }, select: { id: true, name: true } });
      return {
        items: runs.map((r) => {
          const report = JSON.parse(r.report) as Record<string, number>;
          return {
            id: r.id,
            fileName: r.fileName,
            dryRun: r.dryRun,
            status: r.status as 'running' | 'done' | 'failed' | 'undoing' | 'undone',
            createdAt: r.createdAt.toISOString(),
            createdBy: users.find((u) => u.id === r.createdById)?.name ?? '?',
            created: report.created ?? 0,
            updated: report.updated ?? 0,
            skipped: report.skipped ?? 0,
            rejectedCount: report.rejectedCount ?? 0,
          };
        }),
      };
    },
  });

  app.get('/api/imports/:id/rejected.csv', {
    config: { permission: 'backoffice' },
    schema: { summary: "An import's rejected rows with their reasons, as CSV", operationId: 'downloadRejectedRows', tags: ['import'], params: IdParamsSchema, produces: ['text/csv'], response: { 200: FileSchema, ...errorResponses(404) } },
    handler: async (request, reply) => {
      const run = await db.importRun.findUnique({ where: { id: request.params.id } });
      if (!run) throw notFound('import-not-found', 'No such import', [{ path: 'id', message: 'unknown import' }]);
      if (run.kind === 'customers') visibility.assertSeesAll(callerOf(request));
      const { headers = [] } = JSON.parse(run.options) as { headers?: string[] };
      const rows = await db.importRejectedRow.findMany({ where: { importId: run.id }, orderBy: { row: 'asc' } });
      // The file's own columns after the row number and the reasons: fix the cells, delete the two first columns, import again.
      const csv = csvFile([['Row', 'Reasons', ...headers], ...rows.map((r) => [r.row, (JSON.parse(r.reasons) as string[]).join('; '), ...(JSON.parse(r.cells) as string[])])]);
      reply.header('content-disposition', attachment(`rejected-${run.fileName}.csv`));
      reply.type('text/csv; charset=utf-8');
      return csv;
    },
  });

  app.post('/api/imports/:id/undo', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Undoes an import as a whole', operationId: 'undoImport', tags: ['import'], params: IdParamsSchema, response: { 200: UndoImportResultSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const run = await db.importRun.findUnique({ where: { id: request.params.id } });
      if (!run) throw notFound('import-not-found', 'No such import', [{ path: 'id', message: 'unknown import' }]);
      if (run.kind === 'customers') visibility.assertSeesAll(auth);
      if (run.dryRun || run.status !== 'done') throw conflict('import-not-undoable', run.dryRun ? 'A dry run changed nothing' : `This import is ${run.status}`);
      if (chain && run.kind === 'customers') refuseUnsendableUndo(db, run.id);
      const claimed = await db.$transaction((tx) => tx.importRun.updateMany({ where: { id: run.id, status: 'done' }, data: { status: 'undoing' } }));
      if (claimed.count === 0) throw conflict('import-not-undoable', 'This import is being undone already');
      const result = await undoImport(db, run.id, run.kind as ImportKind, { outletId: outlet.id });
      await db.$transaction(async (tx) => {
        await tx.importRun.update({ where: { id: run.id }, data: { status: 'undone' } });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'import-undo', entityType: 'import', entityId: run.id, details: { kind: run.kind, ...result } });
      });
      return result;
    },
  });

  const templateView = (t: { id: string; name: string; options: string }) => ImportTemplateSchema.parse({ ...JSON.parse(t.options), id: t.id, name: t.name });

  app.get('/api/customers/import/templates', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Saved import templates', operationId: 'listImportTemplates', tags: ['customers'], response: { 200: ImportTemplateListSchema } },
    handler: async () => ({ items: (await db.importTemplate.findMany({ orderBy: { name: 'asc' } })).map(templateView) }),
  });

  app.put('/api/customers/import/templates', {
    config: { permission: 'backoffice' },
    schema: { description: 'Saves a template by name (replacing one of the same name).', summary: 'Saves an import template by name', operationId: 'saveImportTemplate', tags: ['customers'], body: ImportTemplateInputSchema, response: { 200: ImportTemplateSchema } },
    handler: async (request) => {
      const { name, ...options } = request.body;
      const saved = await db.$transaction((tx) => tx.importTemplate.upsert({ where: { name }, create: { id: newId(), name, options: JSON.stringify(options) }, update: { options: JSON.stringify(options) } }));
      return templateView(saved);
    },
  });

  app.delete('/api/customers/import/templates/:id', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Deletes an import template', operationId: 'deleteImportTemplate', tags: ['customers'], params: IdParamsSchema, response: { 200: z.object({ deleted: z.boolean() }) } },
    handler: async (request) => ({ deleted: (await db.$transaction((tx) => tx.importTemplate.deleteMany({ where: { id: request.params.id } }))).count === 1 }),
  });

  app.get('/api/products/export', {
    config: { permission: 'backoffice' },
    schema: { summary: 'The catalogue as CSV or XLSX', operationId: 'exportProducts', tags: ['catalog'], querystring: ProductExportQuerySchema, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    handler: async (request, reply) => {
      const xlsx = request.query.format === 'xlsx';
      reply.header('content-disposition', attachment(`products.${xlsx ? 'xlsx' : 'csv'}`));
      reply.type(xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
      return xlsx ? productsXlsx(db, outlet.id) : productsCsv(db, outlet.id);
    },
  });

  app.get('/api/customers/export', {
    config: { permission: 'backoffice' },
    schema: { summary: 'The filtered or searched customers as CSV or XLSX, all of them, streamed', operationId: 'exportCustomers', tags: ['customers'], querystring: CustomerExportQuerySchema, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: { 200: FileSchema, ...errorResponses(422) } },
    handler: async (request, reply) => {
      const { q, format: _format, ...filter } = request.query;
      const pages = customers.pages(visibility.seenBy(callerOf(request)), q || undefined, filter, outlet.view.timezone);
      const xlsx = request.query.format === 'xlsx';
      reply.header('content-disposition', attachment(`customers.${xlsx ? 'xlsx' : 'csv'}`));
      reply.type(xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
      const sql = sqliteOf(db);
      const custom = { fields: fieldsOf(sql, 'customer'), valuesOf: (ids: string[]) => valuesOf(sql, custom.fields, ids), digits: currencyDigits(outlet.view.currency) };
      return reply.send(xlsx ? customersXlsx(pages, custom) : customersCsv(pages, custom));
    },
  });
};

/**
 * In a chain, head office holds the customers a done import brought and the cards it gave (no
 * document takes either back): undoing it there is refused, saying why; an import that only changed
 * fields is undone, its restored fields sent up as edits.
 */
function refuseUnsendableUndo(db: Db, importId: string): void {
  const { created, cards } = unsendableUndo(db, importId);
  if (!created && !cards) return;
  throw conflict('import-not-undoable-in-chain', `Head office holds the ${created} customers and ${cards} cards this import brought: in a chain it cannot be undone (change or merge the customers instead)`, { created, cards });
}
