import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CategoryListSchema,
  ProductListSchema,
  ProductViewSchema,
  ProductSearchQuerySchema,
  ScanParamsSchema,
  ScanResultSchema,
} from '../../shared/schemas/catalog.ts';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { notFound } from '../http/errors.ts';
import type { CatalogService } from './service.ts';
import { callerOf } from '../auth/plugin.ts';
import { customerFor } from '../customers/register-view.ts';

export const catalogRoutes: FastifyPluginAsyncZod<{ catalog: CatalogService }> = async (app, { catalog }) => {
  app.get('/api/products/search', {
    config: { permission: 'authenticated' },
    schema: { operationId: 'searchProducts', tags: ['catalog'], querystring: ProductSearchQuerySchema, response: { 200: ProductListSchema } },
    handler: async (request) => ({ items: await catalog.search(request.query.q, request.query.limit) }),
  });

  app.get('/api/products/:id', {
    config: { permission: 'authenticated' },
    schema: { operationId: 'getProduct', tags: ['catalog'], params: IdParamsSchema, response: { 200: ProductViewSchema } },
    handler: async (request) => {
      const product = await catalog.byId(request.params.id);
      if (!product) throw notFound('product-not-found', 'No such product', [{ path: 'id', message: 'unknown product' }]);
      return product;
    },
  });

  app.get('/api/categories', {
    config: { permission: 'authenticated' },
    schema: { operationId: 'listCategories', tags: ['catalog'], response: { 200: CategoryListSchema } },
    handler: async () => ({ items: await catalog.categories() }),
  });

  app.get('/api/scan/:code', {
    config: { permission: 'sell' },
    schema: { operationId: 'scanCode', tags: ['catalog'], params: ScanParamsSchema, response: { 200: ScanResultSchema } },
    handler: async (request) => {
      const found = await catalog.scan(request.params.code);
      return found.type === 'customer' ? { ...found, customer: customerFor(callerOf(request), found.customer) } : found;
    },
  });
};
