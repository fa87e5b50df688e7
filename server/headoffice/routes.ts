import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HELD_DOCUMENTS_LIMIT, HeldDocumentsQuerySchema, HeldDocumentsSchema, PushAckSchema, PushBatchSchema } from '../../shared/schemas/sync.ts';
import { ChainCustomerBalanceSchema, ChainFunnelQuerySchema, ChainFunnelReportSchema, ChainReceivablesQuerySchema, ChainReceivablesSchema, ChainOutletSchema, ChainSalesQuerySchema, CustomerProposalSchema, ChainSalesSchema, ChainStockQuerySchema, ChainStockSchema, ChainTransferSchema, IssuedCredentialSchema, NewOutletSchema, OutletCodeSchema } from '../../shared/schemas/headoffice.ts';
import { errorResponses, forbidden } from '../http/errors.ts';
import { MAX_PRICE } from '../../shared/schemas/products.ts';
import type { HeadOfficeDb } from './db.ts';
import type { OutletRegistry } from './credentials.ts';
import type { DocumentIngest } from './ingest.ts';
import { chainSales, chainStock, chainTransfers } from './chain.ts';
import { chainFunnelReport } from './funnel.ts';
import { chainReceivables, customerBalance } from './receivables.ts';
import type { MasterData } from './master-data.ts';
import type { HeadOfficeCatalogue } from './catalogue.ts';
import { CustomerProposals } from './customer-proposals.ts';
import { MASTER_ENTITIES, PullPageSchema, PullQuerySchema } from '../../shared/schemas/master-data.ts';
import { OwnPricePermissionInputSchema, OwnPricePermissionSchema, OwnPriceProductPermissionInputSchema, OwnPriceProductPermissionSchema } from '../../shared/schemas/own-prices.ts';
import { OwnPricePermissions } from './own-prices.ts';

/** 500 five-line sales are about 1.5 MB of JSON. */
const PUSH_BODY_LIMIT = 32 * 1024 * 1024;

export const headOfficeRoutes: FastifyPluginAsyncZod<{ db: HeadOfficeDb; registry: OutletRegistry; ingest: DocumentIngest; master: MasterData; catalogue: HeadOfficeCatalogue }> = async (
  app,
  { db, registry, ingest, master, catalogue },
) => {
  const proposals = new CustomerProposals(db);
  const ownPrices = new OwnPricePermissions(db);

  app.get('/api/health', {
    config: { public: true },
    schema: { response: { 200: z.object({ status: z.literal('ok'), mode: z.literal('head-office') }) } },
    handler: async () => ({ status: 'ok' as const, mode: 'head-office' as const }),
  });

  app.post('/api/sync/push', {
    config: { access: 'outlet' },
    bodyLimit: PUSH_BODY_LIMIT,
    schema: { body: PushBatchSchema, response: { 200: PushAckSchema } },
    handler: async (request) => {
      const outlet = request.syncOutlet!;
      if (request.body.outletCode !== outlet.code) {
        throw forbidden('wrong-outlet', `This credential belongs to outlet ${outlet.code}`, [{ path: 'outletCode', message: 'not this credential’s outlet' }]);
      }
      try {
        return { held: await ingest.ingest(outlet, request.body) };
      } catch (err) {
        await ingest.recordRefusal(outlet.id, err);
        throw err;
      }
    },
  });

  app.get('/api/sync/pull', {
    config: { access: 'outlet' },
    schema: { querystring: PullQuerySchema, response: { 200: PullPageSchema } },
    handler: async (request) => {
      await registry.touch(request.syncOutlet!.id);
      return master.pull(request.syncOutlet!.id, request.query.after, request.query.limit, request.query.accepts);
    },
  });

  // A restored outlet compares its database with what head office holds from it (docs/upgrading.md).
  app.get('/api/sync/documents', {
    config: { access: 'outlet' },
    schema: { querystring: HeldDocumentsQuerySchema, response: { 200: HeldDocumentsSchema } },
    handler: async (request) => {
      const rows = await db.prisma.syncedDocument.findMany({
        where: { outletId: request.syncOutlet!.id, createdAt: { gte: new Date(request.query.since) } },
        orderBy: { createdAt: 'asc' },
        take: HELD_DOCUMENTS_LIMIT + 1,
        select: { documentId: true, type: true, createdAt: true, payload: true },
      });
      return {
        documents: rows.slice(0, HELD_DOCUMENTS_LIMIT).map((row) => {
          const number = (row.payload as { number?: unknown }).number;
          return { documentId: row.documentId, type: row.type, createdAt: row.createdAt.toISOString(), number: typeof number === 'string' ? number : null };
        }),
        more: rows.length > HELD_DOCUMENTS_LIMIT,
      };
    },
  });

  app.put('/api/head-office/master/:entity/:id', {
    config: { access: 'admin' },
    schema: { params: z.object({ entity: z.enum(MASTER_ENTITIES), id: z.uuid() }), body: z.unknown() },
    handler: async (request, reply) => {
      await master.put(request.params.entity, request.params.id, request.body);
      return reply.code(204).send();
    },
  });

  app.get('/api/head-office/customer-proposals', {
    config: { access: 'admin' },
    schema: { response: { 200: z.array(CustomerProposalSchema) } },
    handler: () => proposals.pending(),
  });

  app.post('/api/head-office/customer-proposals/:id/:decision', {
    config: { access: 'admin' },
    schema: { params: z.object({ id: z.uuid(), decision: z.enum(['approve', 'reject']) }) },
    handler: async (request, reply) => {
      await proposals.decide(request.params.id, request.params.decision === 'approve' ? 'approved' : 'rejected', request.headOfficeUser?.login ?? null);
      return reply.code(204).send();
    },
  });

  app.put('/api/head-office/outlets/:code/prices/:productId', {
    config: { access: 'admin' },
    schema: {
      summary: "Sets (or, with null, drops) an outlet's own price of a product or variant",
      params: z.object({ code: OutletCodeSchema, productId: z.uuid() }), body: z.object({ price: z.number().int().min(0).max(MAX_PRICE).nullable() }), response: { 204: z.null(), ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => {
      await catalogue.checkSellable(request.params.productId);
      await master.setOutletPrice(await registry.idOf(request.params.code), request.params.productId, request.body.price);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/head-office/outlets/:code/own-prices', {
    config: { access: 'admin' },
    schema: {
      summary: 'Whether an outlet may set its own sale prices (for all products, or per category) and within what bound',
      params: z.object({ code: OutletCodeSchema }), response: { 200: z.array(OwnPricePermissionSchema), ...errorResponses(404) },
    },
    handler: async (request) => ownPrices.list(await registry.idOf(request.params.code)),
  });

  app.put('/api/head-office/outlets/:code/own-prices', {
    config: { access: 'admin' },
    schema: {
      summary: 'Lets an outlet set its own sale prices (or not), for all products or one category, with a bound; a withdrawal reverts its own prices to the chain’s',
      params: z.object({ code: OutletCodeSchema }), body: OwnPricePermissionInputSchema, response: { 204: z.null(), ...errorResponses(404, 422) },
    },
    handler: async (request, reply) => {
      await ownPrices.set(await registry.idOf(request.params.code), request.body);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/head-office/outlets/:code/own-prices/products', {
    config: { access: 'admin' },
    schema: {
      summary: "An outlet's own-price permissions of single products, each deciding for its product (and its variants) whatever its category's says",
      params: z.object({ code: OutletCodeSchema }), response: { 200: z.array(OwnPriceProductPermissionSchema), ...errorResponses(404) },
    },
    handler: async (request) => ownPrices.listProducts(await registry.idOf(request.params.code)),
  });

  app.put('/api/head-office/outlets/:code/own-prices/products/:productId', {
    config: { access: 'admin' },
    schema: {
      summary: 'Lets an outlet set its own price of one product and its variants (or withdraws it), whatever its category’s permission says; a withdrawal reverts its own price to the chain’s',
      params: z.object({ code: OutletCodeSchema, productId: z.uuid() }), body: OwnPriceProductPermissionInputSchema, response: { 204: z.null(), ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => {
      await ownPrices.setProduct(await registry.idOf(request.params.code), request.params.productId, request.body);
      return reply.code(204).send(null);
    },
  });

  app.delete('/api/head-office/outlets/:code/own-prices/products/:productId', {
    config: { access: 'admin' },
    schema: {
      summary: "Takes a product's own permission away: it follows its category's permission again (an own price that one does not allow reverts)",
      params: z.object({ code: OutletCodeSchema, productId: z.uuid() }), response: { 204: z.null(), ...errorResponses(404, 409) },
    },
    handler: async (request, reply) => {
      await ownPrices.removeProduct(await registry.idOf(request.params.code), request.params.productId);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/head-office/outlets', {
    config: { access: 'admin' },
    schema: { response: { 200: z.array(ChainOutletSchema) } },
    handler: () => registry.list(),
  });

  app.post('/api/head-office/outlets', {
    config: { access: 'admin' },
    schema: { body: NewOutletSchema, response: { 201: IssuedCredentialSchema } },
    handler: async (request, reply) => reply.code(201).send(await registry.addOutlet(request.body)),
  });

  app.post('/api/head-office/outlets/:code/credentials', {
    config: { access: 'admin' },
    schema: { params: z.object({ code: OutletCodeSchema }), response: { 201: IssuedCredentialSchema } },
    handler: async (request, reply) => reply.code(201).send(await registry.issueCredential(request.params.code)),
  });

  app.post('/api/head-office/outlets/:code/revoke', {
    config: { access: 'admin' },
    schema: { params: z.object({ code: OutletCodeSchema }), response: { 200: z.object({ revoked: z.number().int() }) } },
    handler: async (request) => ({ revoked: await registry.revoke(request.params.code) }),
  });

  app.get('/api/head-office/stock', {
    config: { access: 'admin' },
    schema: { querystring: ChainStockQuerySchema, response: { 200: ChainStockSchema } },
    handler: (request) => chainStock(db, request.query.q),
  });

  app.get('/api/head-office/transfers', {
    config: { access: 'admin' },
    schema: { querystring: ChainSalesQuerySchema, response: { 200: z.array(ChainTransferSchema) } },
    handler: (request) => chainTransfers(db, request.query),
  });

  app.get('/api/head-office/receivables', {
    config: { access: 'admin' },
    schema: { summary: 'Aged receivables of the chain by customer and outlet as of a day', querystring: ChainReceivablesQuerySchema, response: { 200: ChainReceivablesSchema } },
    handler: (request) => chainReceivables(db, request.query.asOf),
  });

  app.get('/api/head-office/customers/:id/receivables', {
    config: { access: 'admin' },
    schema: { summary: "A customer's balance at every outlet as of a day", params: z.object({ id: z.uuid() }), querystring: ChainReceivablesQuerySchema, response: { 200: ChainCustomerBalanceSchema, ...errorResponses(404) } },
    handler: (request) => customerBalance(db, request.params.id, request.query.asOf),
  });

  app.get('/api/head-office/reports/funnel', {
    config: { access: 'admin' },
    schema: {
      summary: "The chain's funnel: customers per stage, conversion, time in each stage, value and gross profit, across outlets, per outlet and per manager",
      querystring: ChainFunnelQuerySchema,
      response: { 200: ChainFunnelReportSchema, ...errorResponses(422) },
    },
    handler: (request) => chainFunnelReport(db, request.query),
  });

  app.get('/api/head-office/sales', {
    config: { access: 'admin' },
    schema: { querystring: ChainSalesQuerySchema, response: { 200: ChainSalesSchema } },
    handler: (request) => chainSales(db, request.query),
  });
};
