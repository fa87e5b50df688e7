import attachment from 'content-disposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileSchema, IdParamsSchema } from '../../shared/schemas/common.ts';
import { ContractListQuerySchema, ContractListSchema, ContractRenewalSchema, ContractRequestSchema, ContractViewSchema } from '../../shared/schemas/contracts.ts';
import { PrintLanguageQuerySchema } from '../../shared/schemas/invoicing.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../auth/context.ts';
import type { Db } from '../db/client.ts';
import type { InvoiceService } from '../invoicing/service.ts';
import { renderContractPdf } from '../print-forms/service.ts';
import type { ContractService } from './service.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';

/** Contracts with company customers, for whoever invoices them (manage-invoices), of the customers their scope shows them. */
export const contractRoutes: FastifyPluginAsyncZod<{ db: Db; contracts: ContractService; invoices: Pick<InvoiceService, 'parties'>; visibility: CustomerVisibility }> = async (app, { db, contracts, invoices, visibility }) => {
  // A caller works on the contracts of the customers their scope shows them; another's is not found.
  const seenContract = async (request: FastifyRequest, id: string): Promise<AuthContext> => {
    const auth = callerOf(request);
    const row = await db.contract.findUnique({ where: { id }, select: { customerId: true } });
    if (row && !visibility.sees(auth, row.customerId)) throw notFound('contract-not-found', 'No such contract', [{ path: 'params.id', message: 'unknown contract' }]);
    return auth;
  };
  const tags = ['contracts'];
  const permission = 'manage-invoices' as const;

  app.get('/api/contracts', {
    config: { permission },
    schema: { summary: 'Contracts, those ending soonest first (status=ending: the ones to renew)', operationId: 'listContracts', tags, querystring: ContractListQuerySchema, response: { 200: ContractListSchema } },
    handler: async (request) => contracts.list(request.query, visibility.customerIdFilter(callerOf(request))),
  });

  app.get('/api/contracts/:id', {
    config: { permission },
    schema: { summary: 'A contract with its agreed prices', operationId: 'getContract', tags, params: IdParamsSchema, response: { 200: ContractViewSchema, ...errorResponses(404) } },
    handler: async (request) => {
      await seenContract(request, request.params.id);
      return contracts.view(request.params.id);
    },
  });

  app.get('/api/contracts/:id/pdf', {
    config: { permission },
    schema: { summary: 'A contract as PDF, through the contract print form', operationId: 'getContractPdf', tags, params: IdParamsSchema, querystring: PrintLanguageQuerySchema, produces: ['application/pdf'], response: { 200: FileSchema, ...errorResponses(404, 422) } },
    handler: async (request, reply) => {
      await seenContract(request, request.params.id);
      const doc = await contracts.document(request.params.id, (customerId) => invoices.parties(db, customerId));
      const pdf = await renderContractPdf(db, { ...doc, language: request.query.language ?? doc.language });
      return reply.type('application/pdf').header('content-disposition', attachment(`contract-${doc.number}.pdf`)).send(pdf);
    },
  });

  app.post('/api/contracts', {
    config: { permission },
    schema: { summary: 'Makes a contract with a company customer', operationId: 'createContract', tags, body: ContractRequestSchema, response: { 201: ContractViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      visibility.assertSees(auth, request.body.customerId, 'body.customerId');
      return reply.code(201).send(await contracts.create(auth, request.body));
    },
  });

  app.post('/api/contracts/:id/renewals', {
    config: { permission },
    schema: { summary: 'Renews a contract as a new one that follows it', operationId: 'renewContract', tags, params: IdParamsSchema, body: ContractRenewalSchema, response: { 201: ContractViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await contracts.renew(await seenContract(request, request.params.id), request.params.id, request.body)),
  });
};
