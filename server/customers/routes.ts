import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileSchema, IdParamsSchema } from '../../shared/schemas/common.ts';
import { z } from 'zod';
import { CustomerContactInputSchema, DuplicateListSchema, MergeCustomersRequestSchema, CustomerHistorySchema, CustomerInputSchema, CustomerListSchema, CustomerPageQuerySchema, CustomerPageSchema, CustomerProfileSchema, CustomerSearchQuerySchema, CustomerViewSchema } from '../../shared/schemas/customers.ts';
import { callerOf } from '../auth/plugin.ts';
import type { CustomerProfiles } from './profiles.ts';
import { findDuplicates, mergeCustomers } from './duplicates.ts';
import { currencyDigits } from '../../shared/money.ts';
import { historyCsv } from '../importexport/customer-export.ts';
import type { Db } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CustomerService } from './service.ts';
import { seesWholeCustomers } from './register-view.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';
import { badRequest, errorResponses, notFound } from '../http/errors.ts';
import { CJK } from '../../shared/search-text.ts';
import attachment from 'content-disposition';

/**
 * What a register may search: a few customers at a time, by at least three characters (a CJK
 * character counts for two: "王芳" is a whole name; the last four digits of a phone are enough),
 * at the pace of a queue.
 */
const REGISTER_SEARCH = { perMinute: 30, minLength: 3, results: 10 };
const searchLength = (q: string) => [...q].reduce((n, c) => n + (CJK.test(c) ? 2 : 1), 0);

export const customerRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; customers: CustomerService; profiles: CustomerProfiles; visibility: CustomerVisibility }> = async (app, { db, outlet, customers, profiles, visibility }) => {
  const keptId = (id: string) => customers.keptId(id);

  app.get('/api/customers', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A page of customers, filtered', operationId: 'listCustomers', tags: ['customers'], querystring: CustomerPageQuerySchema, response: { 200: CustomerPageSchema, ...errorResponses(422) } },
    handler: (request) => {
      const { limit, offset, ...filter } = request.query;
      return customers.list(visibility.seenBy(callerOf(request)), limit, offset, filter, outlet.view.timezone);
    },
  });

  app.get('/api/customers/duplicates', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Pairs of customers that look like the same person', operationId: 'findDuplicateCustomers', tags: ['customers'], response: { 200: DuplicateListSchema } },
    handler: async (request) => {
      const seen = visibility.seenBy(callerOf(request));
      const found = await findDuplicates(db);
      const visible = visibility.seenAmong(seen, found.flatMap((p) => [p.a, p.b]));
      const pairs = found.filter((p) => visible.has(p.a) && visible.has(p.b));
      const views = new Map((await Promise.all(pairs.flatMap((p) => [p.a, p.b]).map((id) => customers.byId(id)))).filter((c) => c !== null).map((c) => [c!.id, c!]));
      return { items: pairs.map((p) => ({ a: views.get(p.a)!, b: views.get(p.b)!, reason: p.reason })) };
    },
  });

  app.post('/api/customers/merge', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Merges one customer into another (history, cards and points move)', operationId: 'mergeCustomers', tags: ['customers'], body: MergeCustomersRequestSchema, response: { 200: CustomerProfileSchema, ...errorResponses(404, 422) } },
    handler: async (request) => {
      const auth = callerOf(request);
      visibility.assertSees(auth, request.body.keepId, 'body.keepId');
      visibility.assertSees(auth, request.body.mergeId, 'body.mergeId');
      await mergeCustomers(db, outlet, auth, request.body.keepId, request.body.mergeId);
      return profiles.profile(request.body.keepId);
    },
  });

  app.get('/api/customers/:id', {
    config: { permission: 'sell' },
    schema: {
      summary: "A customer's card: contact details, spend and favourites",
      description:
        "The whole profile with the back-office right, for a customer within the caller's view of the customer base; otherwise the customer as the register shows them (phone and cards by their last four characters, no e-mail). The id of a customer merged into another answers with the one kept (the profile says mergedFrom).",
      operationId: 'getCustomer',
      tags: ['customers'],
      params: IdParamsSchema,
      response: { 200: z.union([CustomerProfileSchema, CustomerViewSchema]), ...errorResponses(404) },
    },
    handler: async (request) => {
      const auth = callerOf(request);
      const customer = await customers.byId(request.params.id);
      if (!customer) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
      return visibility.sees(auth, customer.id) ? profiles.profile(request.params.id) : visibility.shown(auth, customer);
    },
  });

  app.get('/api/customers/:id/history', {
    config: { permission: 'backoffice' },
    schema: { description: "A customer's purchases and returns, and their figures on one basis: goods only, net of returns (spend with VAT, revenue, gross profit and margin, by category and by local month; deposits apart).", summary: "A customer's purchases and returns", operationId: 'getCustomerHistory', tags: ['customers'], params: IdParamsSchema, response: { 200: CustomerHistorySchema, ...errorResponses(404) } },
    handler: (request) => {
      visibility.assertSees(callerOf(request), keptId(request.params.id));
      return profiles.history(request.params.id);
    },
  });

  app.get('/api/customers/:id/history.csv', {
    config: { permission: 'backoffice' },
    schema: { summary: "A customer's purchases and returns as CSV", operationId: 'exportCustomerHistory', tags: ['customers'], params: IdParamsSchema, produces: ['text/csv'], response: { 200: FileSchema, ...errorResponses(404) } },
    handler: async (request, reply) => {
      visibility.assertSees(callerOf(request), keptId(request.params.id));
      const history = await profiles.history(request.params.id, 100_000);
      reply.header('content-disposition', attachment('customer-history.csv')).type('text/csv; charset=utf-8');
      return historyCsv(history, outlet.view.timezone, currencyDigits(outlet.view.currency));
    },
  });

  // A cashier may register a new customer at the till; changing one is back-office work. A
  // category or personal discount, new or changed, needs manage-loyalty as well (profiles.ts).
  app.post('/api/customers', {
    config: { permission: 'sell' },
    schema: { summary: 'Registers a new customer', operationId: 'createCustomer', tags: ['customers'], body: CustomerInputSchema, response: { 201: CustomerProfileSchema, ...errorResponses(409, 422) } },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      // Someone who sees only some customers keeps the ones they register: they manage them.
      const seen = visibility.seenBy(auth);
      return reply.code(201).send(await profiles.create(auth, request.body, seesWholeCustomers(auth) && !seen.all ? auth.userId : null));
    },
  });

  app.put('/api/customers/:id', {
    config: { permission: 'backoffice' },
    schema: {
      summary: "Changes a customer's details",
      description: 'A customer merged into another is refused (409 customer-merged, naming the one it was merged into).',
      operationId: 'updateCustomer',
      tags: ['customers'],
      params: IdParamsSchema,
      body: CustomerInputSchema,
      response: { 200: CustomerProfileSchema, ...errorResponses(404, 409, 422) },
    },
    handler: (request) => {
      const auth = callerOf(request);
      visibility.assertSees(auth, keptId(request.params.id));
      return profiles.update(auth, request.params.id, request.body);
    },
  });

  // The register changes how to reach a customer and their language (nothing of their pricing or
  // cards), and sees the customer as before: phone by its last four, no e-mail.
  app.put('/api/customers/:id/contact', {
    config: { permission: 'sell' },
    schema: {
      summary: "Changes a customer's phone, e-mail and language",
      description: 'What a register may change on a customer; fields left out stay as they are, null clears one. Answers the customer as the caller sees them.',
      operationId: 'updateCustomerContact',
      tags: ['customers'],
      params: IdParamsSchema,
      body: CustomerContactInputSchema,
      response: { 200: z.union([CustomerProfileSchema, CustomerViewSchema]), ...errorResponses(404, 409, 422) },
    },
    handler: async (request) => {
      const auth = callerOf(request);
      const id = keptId(request.params.id);
      await profiles.updateContact(auth, id, request.body);
      const customer = (await customers.byId(id))!;
      return visibility.sees(auth, customer.id) ? profiles.profile(id) : visibility.shown(auth, customer);
    },
  });

  app.get('/api/customers/search', {
    config: {
      permission: 'sell',
      // Per user: the back office lists the whole base anyway, a register is held to the pace of a queue.
      rateLimit: {
        max: REGISTER_SEARCH.perMinute,
        timeWindow: '1 minute',
        keyGenerator: (request) => request.auth?.userId ?? request.ip,
        allowList: (request) => request.auth !== undefined && seesWholeCustomers(request.auth),
      },
    },
    schema: {
      summary: 'Finds customers by name, phone, card, e-mail or company code',
      description: `With the back-office right, whole customers; otherwise as the register shows them, at most ${REGISTER_SEARCH.results}, for at least ${REGISTER_SEARCH.minLength} characters, ${REGISTER_SEARCH.perMinute} searches a minute.`,
      operationId: 'searchCustomers',
      tags: ['customers'],
      querystring: CustomerSearchQuerySchema,
      response: { 200: CustomerListSchema, ...errorResponses(422, 429) },
    },
    handler: async (request) => {
      const { q, limit } = request.query;
      const auth = callerOf(request);
      if (seesWholeCustomers(auth)) return { items: visibility.shownAll(auth, await customers.search(q, limit)) };
      if (searchLength(q) < REGISTER_SEARCH.minLength) {
        throw badRequest('query-too-short', `Type at least ${REGISTER_SEARCH.minLength} characters (two CJK characters)`, [{ path: 'querystring.q', message: `at least ${REGISTER_SEARCH.minLength} characters` }], { minLength: REGISTER_SEARCH.minLength });
      }
      return { items: visibility.shownAll(auth, await customers.search(q, Math.min(limit, REGISTER_SEARCH.results))) };
    },
  });
};
