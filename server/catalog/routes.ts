import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ProductListSchema,
  ProductViewSchema,
  ProductSearchQuerySchema,
  ScanParamsSchema,
  ScanResultSchema,
} from '../../shared/schemas/catalog.ts';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import type { CatalogService } from './service.ts';
import { callerOf } from '../auth/plugin.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: CatalogService; visibility: CustomerVisibility }> = async (app, { catalog, visibility }) => {
  app.get('/api/products/search', {
    config: { permission: 'authenticated' },
    schema: { summary: 'Finds products by name, SKU or barcode', operationId: 'searchProducts', tags: ['catalog'], querystring: ProductSearchQuerySchema, response: { 200: ProductListSchema } },
    handler: async (request) => ({ items: await catalog.search(request.query.q, request.query.limit) }),
  });

  app.get('/api/products/:id', {
    config: { permission: 'authenticated' },
    schema: { summary: 'One product as the register sells it', operationId: 'getProduct', tags: ['catalog'], params: IdParamsSchema, response: { 200: ProductViewSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      const product = await catalog.byId(request.params.id);
      if (!product) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
      return product;
    },
  });

  app.get('/api/scan/:code', {
    config: { permission: 'sell' },
    schema: { summary: 'Resolves a scanned code: a product barcode or in-store label, a GS1 code, a customer card or a receipt number', operationId: 'scanCode', tags: ['catalog'], params: ScanParamsSchema, response: { 200: ScanResultSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => {
      const found = await catalog.scan(request.params.code);
      return found.type === 'customer' ? { ...found, customer: visibility.shown(callerOf(request), found.customer) } : found;
    },
  });
};
