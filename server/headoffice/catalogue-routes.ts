import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import {
  HeadOfficeProductInputSchema,
  HeadOfficeProductListQuerySchema,
  HeadOfficeProductPageSchema,
  HeadOfficeProductSchema,
  HeadOfficeSupplierListSchema,
} from '../../shared/schemas/headoffice-catalogue.ts';
import { SupplierDataSchema } from '../../shared/schemas/master-data.ts';
import { CategoryChangeSchema, CategoryListSchema, CategorySchema, NewCategorySchema } from '../../shared/schemas/products.ts';
import { errorResponses } from '../http/errors.ts';
import type { HeadOfficeCatalogue } from './catalogue.ts';

const SavedSchema = z.object({ id: z.uuid() });

/**
 * The chain's catalogue as head office's pages manage it: products with variants and barcodes,
 * the category tree, suppliers. Every write is master data: outlets get it by their next pull.
 */
export const headOfficeCatalogueRoutes: FastifyPluginAsyncZod<{ catalogue: HeadOfficeCatalogue }> = async (app, { catalogue }) => {
  app.get('/api/head-office/products', {
    config: { access: 'admin' },
    schema: { summary: "The chain's products by name words in any order, SKU or barcode, a page at a time", querystring: HeadOfficeProductListQuerySchema, response: { 200: HeadOfficeProductPageSchema, ...errorResponses(422) } },
    handler: async (request) => catalogue.page(request.query),
  });

  app.get('/api/head-office/products/:id', {
    config: { access: 'admin' },
    schema: { summary: 'A product as its form shows it: variants, barcodes, outlets’ own prices', params: IdParamsSchema, response: { 200: HeadOfficeProductSchema, ...errorResponses(404) } },
    handler: async (request) => catalogue.details(request.params.id),
  });

  app.post('/api/head-office/products', {
    config: { access: 'admin' },
    schema: { summary: 'Creates a product of the chain, with its variants and barcodes', body: HeadOfficeProductInputSchema, response: { 201: HeadOfficeProductSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await catalogue.details(await catalogue.save(null, request.body))),
  });

  app.put('/api/head-office/products/:id', {
    config: { access: 'admin' },
    schema: { summary: 'Changes a product of the chain, with its variants and barcodes', params: IdParamsSchema, body: HeadOfficeProductInputSchema, response: { 200: HeadOfficeProductSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => catalogue.details(await catalogue.save(request.params.id, request.body)),
  });

  app.delete('/api/head-office/price-changes/:id', {
    config: { access: 'admin' },
    schema: { summary: 'Withdraws a chain price scheduled from a later moment, before its time; answers the product as its form shows it', params: IdParamsSchema, response: { 200: HeadOfficeProductSchema, ...errorResponses(404, 409) } },
    handler: async (request) => catalogue.details(await catalogue.withdrawPriceChange(request.params.id)),
  });

  app.get('/api/head-office/tax-rates', {
    config: { access: 'admin' },
    schema: { summary: "The chain's tax rates, for a product's form", response: { 200: z.object({ items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), rateBp: z.number().int() })) }) } },
    handler: async () => ({ items: await catalogue.taxRates() }),
  });

  app.get('/api/head-office/categories', {
    config: { access: 'admin' },
    schema: { summary: "The chain's category tree, archived categories included", response: { 200: CategoryListSchema } },
    handler: async () => ({ items: await catalogue.categories() }),
  });

  app.post('/api/head-office/categories', {
    config: { access: 'admin' },
    schema: { summary: 'Adds a category of the chain, at the top or under another', body: NewCategorySchema, response: { 201: CategorySchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await catalogue.createCategory(request.body)),
  });

  app.put('/api/head-office/categories/:id', {
    config: { access: 'admin' },
    schema: { summary: 'Renames, moves, archives or restores a category of the chain', params: IdParamsSchema, body: CategoryChangeSchema, response: { 200: CategorySchema, ...errorResponses(404, 422) } },
    handler: async (request) => catalogue.changeCategory(request.params.id, request.body),
  });

  app.get('/api/head-office/suppliers', {
    config: { access: 'admin' },
    schema: { summary: "The chain's suppliers, archived ones included", response: { 200: HeadOfficeSupplierListSchema } },
    handler: async () => ({ items: await catalogue.suppliers() }),
  });

  app.post('/api/head-office/suppliers', {
    config: { access: 'admin' },
    schema: { summary: 'Adds a supplier of the chain', body: SupplierDataSchema, response: { 201: SavedSchema, ...errorResponses(409, 422) } },
    handler: async (request, reply) => reply.code(201).send({ id: await catalogue.saveSupplier(null, request.body) }),
  });

  app.put('/api/head-office/suppliers/:id', {
    config: { access: 'admin' },
    schema: { summary: 'Changes or archives a supplier of the chain', params: IdParamsSchema, body: SupplierDataSchema, response: { 200: SavedSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => ({ id: await catalogue.saveSupplier(request.params.id, request.body) }),
  });
};
