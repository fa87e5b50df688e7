import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../../shared/schemas/common.ts';
import { CustomerStatusViewSchema, FunnelDefinitionSchema, FunnelQuerySchema, FunnelReportSchema, FunnelViewSchema, StatusMoveInputSchema } from '../../../shared/schemas/funnel.ts';
import { callerOf } from '../../auth/plugin.ts';
import { errorResponses } from '../../http/errors.ts';
import type { FunnelReports } from './report.ts';
import type { CustomerStatuses } from './statuses.ts';

/** The owner's funnel of customer statuses, customers' moves through it, and its report. */
export const funnelRoutes: FastifyPluginAsyncZod<{ statuses: CustomerStatuses; reports: FunnelReports }> = async (app, { statuses, reports }) => {
  app.get('/api/customer-statuses', {
    config: { permission: 'backoffice' },
    schema: { summary: "The funnel's customer statuses in order and the moves allowed between them", operationId: 'getCustomerFunnel', tags: ['customers'], response: { 200: FunnelViewSchema } },
    handler: () => statuses.view(),
  });

  app.put('/api/customer-statuses', {
    config: { permission: 'manage-users' },
    schema: {
      summary: "Sets the funnel: its statuses in order and the moves allowed between them",
      description: 'Statuses left out are removed, unless a customer is or was in them (409 customer-status-in-use). A customer without a status may be given only an initial one. In a chain head office keeps the funnel (409 owned-by-head-office).',
      operationId: 'defineCustomerFunnel',
      tags: ['customers'],
      body: FunnelDefinitionSchema,
      response: { 200: FunnelViewSchema, ...errorResponses(409, 422) },
    },
    handler: (request) => statuses.define(callerOf(request), request.body),
  });

  app.get('/api/customers/:id/status', {
    config: { permission: 'backoffice' },
    schema: { summary: "A customer's status, the statuses they may move to, and every move they made", operationId: 'getCustomerStatus', tags: ['customers'], params: IdParamsSchema, response: { 200: CustomerStatusViewSchema, ...errorResponses(404) } },
    handler: (request) => statuses.ofCustomer(callerOf(request), request.params.id),
  });

  app.post('/api/customers/:id/status', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'Moves a customer to another status of the funnel',
      description: 'Only a move the funnel allows from the status the customer is in (from none: to an initial status); each move is kept in their history.',
      operationId: 'moveCustomerStatus',
      tags: ['customers'],
      params: IdParamsSchema,
      body: StatusMoveInputSchema,
      response: { 200: CustomerStatusViewSchema, ...errorResponses(404, 422) },
    },
    handler: (request) => statuses.move(callerOf(request), request.params.id, request.body.statusId),
  });

  app.get('/api/reports/funnel', {
    config: { permission: 'backoffice' },
    schema: {
      summary: 'The funnel: customers per stage, conversion between stages, time in each stage and the value of its customers',
      description: 'Of the customers the caller sees (one manager\'s when managerId is given), over days in the outlet\'s time zone.',
      operationId: 'funnelReport',
      tags: ['reports'],
      querystring: FunnelQuerySchema,
      response: { 200: FunnelReportSchema, ...errorResponses(422) },
    },
    handler: (request) => reports.report(callerOf(request), request.query),
  });
};
