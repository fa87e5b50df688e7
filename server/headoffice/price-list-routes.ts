import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PriceListImportQuerySchema, PriceListPreviewSchema, PriceListReportSchema } from '../../shared/schemas/importexport.ts';
import { errorResponses } from '../http/errors.ts';
import { acceptFileBodies, FILE_TYPES, FileBodySchema, previewUpload, withUploadedTable } from '../importexport/file-upload.ts';
import type { HeadOfficeDb } from './db.ts';
import { importPriceList, suggestPriceListColumns } from './price-list-import.ts';
import { callerOf } from './price-list-history-routes.ts';

/**
 * Price lists imported at head office as at an outlet (the same reading of CSV in any encoding and
 * of XLSX, the same preview and dry run), written as master data for outlets to pull. The file is
 * the raw request body.
 */
export const headOfficePriceListRoutes: FastifyPluginAsyncZod<{ db: HeadOfficeDb }> = async (app, { db }) => {
  acceptFileBodies(app);

  app.post('/api/head-office/products/import/preview', {
    config: { access: 'admin' },
    schema: {
      summary: 'The first rows of a price list for the chain and a suggested column mapping',
      consumes: FILE_TYPES,
      body: FileBodySchema,
      querystring: PriceListImportQuerySchema.pick({ fileName: true, encoding: true, delimiter: true, sheet: true }),
      response: { 200: PriceListPreviewSchema, ...errorResponses(413, 415, 422) },
    },
    // Head office keeps no shop's date habits: a price list's dates are not read anyway.
    handler: (request) => previewUpload(request.body, request.query, suggestPriceListColumns, false),
  });

  app.post('/api/head-office/products/import', {
    config: { access: 'admin' },
    schema: {
      description: 'Imports a price list into the chain\'s catalogue, matched by SKU or barcode; a row with an outlet code sets that outlet\'s own price. dryRun=true (the default) only reports; a real run with any refused row writes nothing.',
      summary: "Imports a price list into the chain's catalogue (a dry run by default), all rows or none",
      consumes: FILE_TYPES,
      body: FileBodySchema,
      querystring: PriceListImportQuerySchema,
      response: { 200: PriceListReportSchema, ...errorResponses(413, 415, 422) },
    },
    handler: (request) => withUploadedTable(request.body, request.query, (table) => importPriceList(db, table, request.query, callerOf(request))),
  });
};
