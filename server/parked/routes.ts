import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { ParkSaleRequestSchema, ParkedSaleListSchema, ParkedSaleViewSchema } from '../../shared/schemas/parked.ts';
import { callerOf, registerOf } from '../auth/plugin.ts';
import type { ParkedSalesService } from './service.ts';
import { errorResponses } from '../http/errors.ts';

export const parkedRoutes: FastifyPluginAsyncZod<{ parked: ParkedSalesService }> = async (app, { parked }) => {
  app.get('/api/parked', {
    config: { permission: 'sell' },
    schema: { summary: "The register's parked carts", operationId: 'listParkedSales', tags: ['sales'], response: { 200: ParkedSaleListSchema, ...errorResponses(409) } },
    handler: async (request) => ({ items: await parked.list(registerOf(request)) }),
  });

  app.post('/api/parked', {
    config: { permission: 'sell' },
    schema: { summary: 'Sets the open cart aside', operationId: 'parkSale', tags: ['sales'], body: ParkSaleRequestSchema, response: { 201: ParkedSaleViewSchema, ...errorResponses(409) } },
    handler: async (request, reply) =>
      reply.code(201).send(await parked.park(callerOf(request), registerOf(request), request.body.cart, request.body.label)),
  });

  app.post('/api/parked/:id/resume', {
    config: { permission: 'sell' },
    schema: { summary: 'Takes a parked cart back (it leaves the list)', operationId: 'resumeParkedSale', tags: ['sales'], params: IdParamsSchema, response: { 200: ParkedSaleViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => parked.resume(registerOf(request), request.params.id),
  });
};
