import attachment from 'content-disposition';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileSchema, IdParamsSchema } from '../../shared/schemas/common.ts';
import { ContractListQuerySchema, ContractListSchema, ContractRenewalSchema, ContractRequestSchema, ContractViewSchema } from '../../shared/schemas/contracts.ts';
import { PrintLanguageQuerySchema } from '../../shared/schemas/invoicing.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses } from '../http/errors.ts';
import type { Db } from '../db/client.ts';
import type { InvoiceService } from '../invoicing/service.ts';
import { renderContractPdf } from '../print-forms/service.ts';
import type { ContractService } from './service.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';

/** Contracts with company customers, for whoever invoices them (manage-invoices). */
export const contractRoutes: FastifyPluginAsyncZod<{ db: Db; contracts: ContractService; invoices: Pick<InvoiceService, 'parties'>; visibility: CustomerVisibility }> = async (app, { db, contracts, invoices, visibility }) => {
  // Contracts name customers across the base: only for those who see every customer (as invoices).
  app.addHook('preValidation', async (request) => visibility.assertSeesAll(callerOf(request)));
  const tags = ['contracts'];
  const permission = 'manage-invoices' as const;

  app.get('/api/contracts', {
    config: { permission },
    schema: { summary: 'Contracts, those ending soonest first (status=ending: the ones to renew)', operationId: 'listContracts', tags, querystring: ContractListQuerySchema, response: { 200: ContractListSchema } },
    handler: async (request) => contracts.list(request.query),
  });

  app.get('/api/contracts/:id', {
    config: { permission },
    schema: { summary: 'A contract with its agreed prices', operationId: 'getContract', tags, params: IdParamsSchema, response: { 200: ContractViewSchema, ...errorResponses(404) } },
    handler: async (request) => contracts.view(request.params.id),
  });

  app.get('/api/contracts/:id/pdf', {
    config: { permission },
    schema: { summary: 'A contract as PDF, through the contract print form', operationId: 'getContractPdf', tags, params: IdParamsSchema, querystring: PrintLanguageQuerySchema, produces: ['application/pdf'], response: { 200: FileSchema, ...errorResponses(404, 422) } },
    handler: async (request, reply) => {
      const doc = await contracts.document(request.params.id, (customerId) => invoices.parties(db, customerId));
      const pdf = await renderContractPdf(db, { ...doc, language: request.query.language ?? doc.language });
      return reply.type('application/pdf').header('content-disposition', attachment(`contract-${doc.number}.pdf`)).send(pdf);
    },
  });

  app.post('/api/contracts', {
    config: { permission },
    schema: { summary: 'Makes a contract with a company customer', operationId: 'createContract', tags, body: ContractRequestSchema, response: { 201: ContractViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await contracts.create(callerOf(request), request.body)),
  });

  app.post('/api/contracts/:id/renewals', {
    config: { permission },
    schema: { summary: 'Renews a contract as a new one that follows it', operationId: 'renewContract', tags, params: IdParamsSchema, body: ContractRenewalSchema, response: { 201: ContractViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => reply.code(201).send(await contracts.renew(callerOf(request), request.params.id, request.body)),
  });
};
