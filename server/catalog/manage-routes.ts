import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema, OkSchema } from '../../shared/schemas/common.ts';
import {
  BulkProductActionSchema,
  CategoryChangeSchema,
  CategoryListSchema,
  CategorySchema,
  ChangedTodaySchema,
  NewCategorySchema,
  PriceChangePreviewSchema,
  PriceChangeRequestSchema,
  PriceChangeResultSchema,
  PriceHistorySchema,
  ProductDetailsSchema,
  ProductInputSchema,
  ProductListQuerySchema,
  ProductPageSchema,
  SavedProductSchema,
} from '../../shared/schemas/products.ts';
import { z } from 'zod';
import { callerOf } from '../auth/plugin.ts';
import type { Db } from '../db/client.ts';
import { errorResponses } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { Categories } from './categories.ts';
import { PriceChanges } from './prices.ts';
import { bulkProductAction, ProductEditor } from './product-editor.ts';
import { ProductList } from './product-list.ts';

/**
 * The catalogue as the back office manages it: the product list, a product's form, price changes
 * now or from a moment (with a preview), the category tree. Reading is back-office work, changing
 * needs manage-catalog; in a chain head office owns it all (409 owned-by-head-office).
 */
export const catalogManagementRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; chain: boolean }> = async (app, { db, outlet, chain }) => {
  const list = new ProductList(db, outlet.id, chain);
  const editor = new ProductEditor(db, outlet, chain);
  const prices = new PriceChanges(db, outlet, chain);
  const categories = new Categories(db, outlet, chain);

  app.get('/api/products', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'The product list: searched, filtered, sorted, a page at a time',
      description: 'Products (a product with variants with its variants), by name words in any order, SKU or barcode, and filters; pages follow by the cursor `next`.',
      operationId: 'listProducts', tags: ['catalog'], querystring: ProductListQuerySchema, response: { 200: ProductPageSchema, ...errorResponses(422) },
    },
    handler: async (request) => list.page(request.query),
  });

  app.post('/api/products', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Creates a product, with its variants, barcodes, suppliers and picture', operationId: 'createProduct', tags: ['catalog'], body: ProductInputSchema, response: { 201: SavedProductSchema, ...errorResponses(403, 404, 409, 422) } },
    handler: async (request, reply) => {
      const saved = await editor.create(callerOf(request), request.body);
      return reply.code(201).send({ product: await editor.details(saved.id), priceChangedIds: saved.priceChangedIds });
    },
  });

  app.get('/api/products/:id/details', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A product as its form shows it, variants included', operationId: 'getProductDetails', tags: ['catalog'], params: IdParamsSchema, response: { 200: ProductDetailsSchema, ...errorResponses(404) } },
    handler: async (request) => editor.details(request.params.id),
  });

  app.put('/api/products/:id', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Changes a product with everything its form holds', description: 'A price changed here takes effect now; variants left out are archived.', operationId: 'updateProduct', tags: ['catalog'], params: IdParamsSchema, body: ProductInputSchema, response: { 200: SavedProductSchema, ...errorResponses(403, 404, 409, 422) } },
    handler: async (request) => {
      const saved = await editor.update(callerOf(request), request.params.id, request.body);
      return { product: await editor.details(saved.id), priceChangedIds: saved.priceChangedIds };
    },
  });

  app.post('/api/products/bulk', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Archives, restores or re-files products chosen in the list', operationId: 'bulkProductAction', tags: ['catalog'], body: BulkProductActionSchema, response: { 200: z.object({ changed: z.number().int() }), ...errorResponses(404, 409, 422) } },
    handler: async (request) => bulkProductAction(db, outlet, chain, callerOf(request), request.body),
  });

  app.get('/api/products/:id/price-history', {
    config: { permission: 'backoffice' },
    schema: { summary: "A product's prices over time: who set each, when, before and after", operationId: 'productPriceHistory', tags: ['catalog'], params: IdParamsSchema, response: { 200: PriceHistorySchema, ...errorResponses(404) } },
    handler: async (request) => prices.history(request.params.id),
  });

  app.post('/api/products/prices/preview', {
    config: { permission: 'backoffice' },
    schema: { summary: 'What a price change would make of each product, changing nothing', operationId: 'previewPriceChange', tags: ['catalog'], body: PriceChangeRequestSchema, response: { 200: PriceChangePreviewSchema, ...errorResponses(404, 422) } },
    handler: async (request) => prices.preview(request.body),
  });

  app.post('/api/products/prices', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Changes prices now or from a moment: set, up or down by a percentage, rounded', operationId: 'changePrices', tags: ['catalog'], body: PriceChangeRequestSchema, response: { 200: PriceChangeResultSchema, ...errorResponses(403, 404, 409, 422) } },
    handler: async (request) => prices.apply(callerOf(request), request.body),
  });

  app.get('/api/price-changes/today', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Products whose price changed today, for their labels', operationId: 'pricesChangedToday', tags: ['catalog'], response: { 200: ChangedTodaySchema } },
    handler: async () => prices.changedToday(),
  });

  app.delete('/api/price-changes/:id', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Withdraws a scheduled price change before its time', operationId: 'cancelPriceChange', tags: ['catalog'], params: IdParamsSchema, response: { 200: OkSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      await prices.cancel(callerOf(request), request.params.id);
      return { ok: true as const };
    },
  });

  app.get('/api/categories', {
    config: { permission: 'authenticated' },
    schema: { summary: 'The category tree, archived categories included', operationId: 'listCategories', tags: ['catalog'], response: { 200: CategoryListSchema } },
    handler: async () => ({ items: await categories.list() }),
  });

  app.post('/api/categories', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Adds a category, at the top or under another', operationId: 'createCategory', tags: ['catalog'], body: NewCategorySchema, response: { 201: CategorySchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await categories.create(callerOf(request), request.body)),
  });

  app.put('/api/categories/:id', {
    config: { permission: 'manage-catalog' },
    schema: { summary: 'Renames, moves, archives or restores a category', operationId: 'changeCategory', tags: ['catalog'], params: IdParamsSchema, body: CategoryChangeSchema, response: { 200: CategorySchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => categories.change(callerOf(request), request.params.id, request.body),
  });
};
