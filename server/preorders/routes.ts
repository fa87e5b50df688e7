import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { CreatePreOrderRequestSchema, PreOrderListQuerySchema, PreOrderListSchema, PreOrderTransitionSchema, PreOrderViewSchema } from '../../shared/schemas/pre-orders.ts';
import { callerOf } from '../auth/plugin.ts';
import { errorResponses, forbidden } from '../http/errors.ts';
import { created } from '../http/created.ts';
import type { PreOrderService } from './service.ts';
import type { CatalogService } from '../catalog/service.ts';
import { ProductViewSchema } from '../../shared/schemas/catalog.ts';
import type { PreOrderView } from '../../shared/schemas/pre-orders.ts';
import type { AuthContext } from '../auth/context.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';

/**
 * Pre-orders. Anyone who sells takes and looks them up (at the register or in the back office) and
 * may cancel one whose deposit was refunded; moving an order through purchasing and arrival, or
 * cancelling while keeping the deposit, is stock work.
 */
export const preOrderRoutes: FastifyPluginAsyncZod<{ preOrders: PreOrderService; catalog: CatalogService; visibility: CustomerVisibility }> = async (app, { preOrders, catalog, visibility }) => {
  /** An order with its customer as the caller may see them (outside their view of the customer base, as the register does: no e-mail, the phone's last four). */
  const shown = (auth: AuthContext, order: PreOrderView): PreOrderView => ({ ...order, customer: visibility.shown(auth, order.customer) });

  app.get('/api/pre-orders', {
    config: { permission: 'sell' },
    schema: { summary: 'Pre-orders, by status', operationId: 'listPreOrders', tags: ['pre-orders'], querystring: PreOrderListQuerySchema, response: { 200: PreOrderListSchema } },
    handler: async (request) => {
      const list = await preOrders.list(request.query);
      return { ...list, items: list.items.map((order) => shown(callerOf(request), order)) };
    },
  });

  app.get('/api/pre-orders/:id', {
    config: { permission: 'sell' },
    schema: { summary: 'A pre-order with its lines and deposits', operationId: 'getPreOrder', tags: ['pre-orders'], params: IdParamsSchema, response: { 200: PreOrderViewSchema, ...errorResponses(404) } },
    handler: async (request) => shown(callerOf(request), await preOrders.view(request.params.id)),
  });

  app.get('/api/pre-orders/deposit-product', {
    config: { permission: 'sell' },
    schema: { description: 'The product a pre-order deposit is sold as at the register.', summary: 'The product a pre-order deposit is sold as', operationId: 'getDepositProduct', tags: ['pre-orders'], response: { 200: ProductViewSchema } },
    handler: async () => (await catalog.byId((await preOrders.depositProduct()).id))!,
  });

  app.post('/api/pre-orders', {
    config: { permission: 'sell' },
    schema: { summary: 'Takes a pre-order for a customer', operationId: 'createPreOrder', tags: ['pre-orders'], body: CreatePreOrderRequestSchema, response: { 200: PreOrderViewSchema, 201: PreOrderViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => {
      const { view, replayed } = await preOrders.create(callerOf(request), request.body);
      return created(reply, { view: shown(callerOf(request), view), replayed });
    },
  });

  app.post('/api/pre-orders/:id/status', {
    config: { permission: 'sell' },
    schema: { summary: 'Moves a pre-order on: confirmed, ordered, arrived or cancelled', operationId: 'changePreOrderStatus', tags: ['pre-orders'], params: IdParamsSchema, body: PreOrderTransitionSchema, response: { 200: PreOrderViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const t = request.body;
      const refundedCancel = t.to === 'cancelled' && t.depositPolicy === 'refund';
      if (!refundedCancel && !auth.permissions.includes('manage-stock')) {
        throw forbidden('forbidden', 'Only a manager moves a pre-order on or cancels it keeping the deposit', [{ path: 'body.to', message: 'needs manage-stock' }]);
      }
      return shown(auth, await preOrders.transition(auth, request.params.id, t));
    },
  });
};
