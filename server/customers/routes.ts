import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { DuplicateListSchema, MergeCustomersRequestSchema, CustomerHistorySchema, CustomerInputSchema, CustomerListSchema, CustomerPageQuerySchema, CustomerPageSchema, CustomerProfileSchema, CustomerSearchQuerySchema } from '../../shared/schemas/customers.ts';
import { callerOf } from '../auth/plugin.ts';
import type { CustomerProfiles } from './profiles.ts';
import { findDuplicates, mergeCustomers } from './duplicates.ts';
import { historyCsv } from '../importexport/customer-export.ts';
import type { Db } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CustomerService } from './service.ts';

export const customerRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; customers: CustomerService; profiles: CustomerProfiles }> = async (app, { db, outlet, customers, profiles }) => {
  app.get('/api/customers', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'listCustomers', tags: ['customers'], querystring: CustomerPageQuerySchema, response: { 200: CustomerPageSchema } },
    handler: (request) => {
      const { limit, offset, ...filter } = request.query;
      return customers.list(limit, offset, filter, outlet.view.timezone);
    },
  });

  app.get('/api/customers/duplicates', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'findDuplicateCustomers', tags: ['customers'], response: { 200: DuplicateListSchema } },
    handler: async () => {
      const pairs = await findDuplicates(db);
      const views = new Map((await Promise.all(pairs.flatMap((p) => [p.a, p.b]).map((id) => customers.byId(id)))).filter((c) => c !== null).map((c) => [c!.id, c!]));
      return { items: pairs.map((p) => ({ a: views.get(p.a)!, b: views.get(p.b)!, reason: p.reason })) };
    },
  });

  app.post('/api/customers/merge', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'mergeCustomers', tags: ['customers'], body: MergeCustomersRequestSchema, response: { 200: CustomerProfileSchema } },
    handler: async (request) => {
      await mergeCustomers(db, outlet, callerOf(request), request.body.keepId, request.body.mergeId);
      return profiles.profile(request.body.keepId);
    },
  });

  app.get('/api/customers/:id', {
    config: { permission: 'sell' },
    schema: { operationId: 'getCustomer', tags: ['customers'], params: IdParamsSchema, response: { 200: CustomerProfileSchema } },
    handler: (request) => profiles.profile(request.params.id),
  });

  app.get('/api/customers/:id/history', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'getCustomerHistory', tags: ['customers'], params: IdParamsSchema, response: { 200: CustomerHistorySchema } },
    handler: (request) => profiles.history(request.params.id),
  });

  app.get('/api/customers/:id/history.csv', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'exportCustomerHistory', tags: ['customers'], params: IdParamsSchema },
    handler: async (request, reply) => {
      const history = await profiles.history(request.params.id, 100_000);
      reply.header('content-disposition', `attachment; filename="customer-history.csv"`).type('text/csv; charset=utf-8');
      return historyCsv(history);
    },
  });

  // A cashier may register a new customer at the till; changing one is back-office work. A
  // category or personal discount, new or changed, needs manage-loyalty as well (profiles.ts).
  app.post('/api/customers', {
    config: { permission: 'sell' },
    schema: { operationId: 'createCustomer', tags: ['customers'], body: CustomerInputSchema, response: { 201: CustomerProfileSchema } },
    handler: async (request, reply) => reply.code(201).send(await profiles.create(callerOf(request), request.body)),
  });

  app.put('/api/customers/:id', {
    config: { permission: 'backoffice' },
    schema: { operationId: 'updateCustomer', tags: ['customers'], params: IdParamsSchema, body: CustomerInputSchema, response: { 200: CustomerProfileSchema } },
    handler: (request) => profiles.update(callerOf(request), request.params.id, request.body),
  });

  app.get('/api/customers/search', {
    config: { permission: 'sell' },
    schema: { operationId: 'searchCustomers', tags: ['customers'], querystring: CustomerSearchQuerySchema, response: { 200: CustomerListSchema } },
    handler: async (request) => ({ items: await customers.search(request.query.q, request.query.limit) }),
  });
};
