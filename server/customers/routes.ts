import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CustomerListSchema, CustomerSearchQuerySchema } from '../../shared/schemas/customers.ts';
import type { CustomerService } from './service.ts';

export const customerRoutes: FastifyPluginAsyncZod<{ customers: CustomerService }> = async (app, { customers }) => {
  app.get('/api/customers/search', {
    config: { permission: 'sell' },
    schema: { operationId: 'searchCustomers', tags: ['customers'], querystring: CustomerSearchQuerySchema, response: { 200: CustomerListSchema } },
    handler: async (request) => ({ items: await customers.search(request.query.q, request.query.limit) }),
  });
};
