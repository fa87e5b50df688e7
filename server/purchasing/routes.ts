import type { Unit } from '../../shared/schemas/common.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FileSchema, IdParamsSchema, IdSchema, OkSchema } from '../../shared/schemas/common.ts';
import {
  CreatePurchaseOrderSchema,
  PlanQuerySchema,
  PlanSchema,
  PurchaseOrderListSchema,
  PurchaseOrderViewSchema,
  ReceivePurchaseOrderSchema,
  SendPurchaseOrderSchema,
  SupplierInputSchema,
  SupplierListQuerySchema,
  SupplierListSchema,
  SupplierProductInputSchema,
  SupplierProductListSchema,
  SupplierViewSchema,
  UpdatePurchaseOrderSchema,
} from '../../shared/schemas/purchasing.ts';
import { callerOf } from '../auth/plugin.ts';
import type { Db } from '../db/client.ts';
import { badRequest, errorResponses, notFound } from '../http/errors.ts';
import { created } from '../http/created.ts';
import type { PurchasingService } from './service.ts';
import type { SupplierService } from './suppliers.ts';
import attachment from 'content-disposition';

/** Suppliers, their price lists, the purchase plan and purchase orders. Reading is back-office work, changing it stock work. */
export const purchasingRoutes: FastifyPluginAsyncZod<{ db: Db; purchasing: PurchasingService; suppliers: SupplierService }> = async (app, { db, purchasing, suppliers }) => {
  app.get('/api/suppliers', {
    config: { permission: 'backoffice' },
    schema: { summary: 'The suppliers, without the archived ones unless asked', operationId: 'listSuppliers', tags: ['purchasing'], querystring: SupplierListQuerySchema, response: { 200: SupplierListSchema } },
    handler: async (request) => ({ items: await suppliers.list(request.query.archived) }),
  });

  app.get('/api/suppliers/:id', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A supplier', operationId: 'getSupplier', tags: ['purchasing'], params: IdParamsSchema, response: { 200: SupplierViewSchema, ...errorResponses(404) } },
    handler: (request) => suppliers.view(request.params.id),
  });

  app.post('/api/suppliers', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Adds a supplier', operationId: 'createSupplier', tags: ['purchasing'], body: SupplierInputSchema, response: { 201: SupplierViewSchema, ...errorResponses(409) } },
    handler: async (request, reply) => reply.code(201).send(await suppliers.create(callerOf(request), request.body)),
  });

  app.put('/api/suppliers/:id', {
    config: { permission: 'manage-stock' },
    schema: { description: "Changes a supplier kept by this outlet; its currency only while no price list or open order is in it.", summary: 'Changes a supplier', operationId: 'editSupplier', tags: ['purchasing'], params: IdParamsSchema, body: SupplierInputSchema, response: { 200: SupplierViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => suppliers.update(callerOf(request), request.params.id, request.body),
  });

  app.post('/api/suppliers/:id/archive', {
    config: { permission: 'manage-stock' },
    schema: { description: 'Archives a supplier: its price list and orders stay readable, nothing more is ordered from it; sent orders can still be received.', summary: 'Archives a supplier', operationId: 'archiveSupplier', tags: ['purchasing'], params: IdParamsSchema, response: { 200: SupplierViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => suppliers.setArchived(callerOf(request), request.params.id, true),
  });

  app.post('/api/suppliers/:id/restore', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Restores an archived supplier', operationId: 'restoreSupplier', tags: ['purchasing'], params: IdParamsSchema, response: { 200: SupplierViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => suppliers.setArchived(callerOf(request), request.params.id, false),
  });

  app.get('/api/suppliers/:id/products', {
    config: { permission: 'backoffice' },
    schema: { summary: "A supplier's price list", operationId: 'listSupplierProducts', tags: ['purchasing'], params: IdParamsSchema, response: { 200: SupplierProductListSchema } },
    handler: async (request) => {
      const rows = await db.supplierProduct.findMany({ where: { supplierId: request.params.id } });
      const products = new Map((await db.product.findMany({ where: { id: { in: rows.map((r) => r.productId) } }, select: { id: true, sku: true, name: true, unit: true } })).map((p) => [p.id, p]));
      const items = rows.flatMap((r) => {
        const p = products.get(r.productId);
        return p ? [{ productId: r.productId, supplierSku: r.supplierSku, unitCost: r.unitCost, packMilli: r.packMilli, sku: p.sku, name: p.name, unit: p.unit as Unit }] : [];
      });
      return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
    },
  });

  app.put('/api/suppliers/:id/products', {
    config: { permission: 'manage-stock' },
    schema: {
      description: "Adds a product to the supplier's price list, or changes its price, code or pack. Left out, the price is our average cost (a supplier in another currency needs its own).",
      summary: "Adds or changes a product on a supplier's price list",
      operationId: 'setSupplierProduct',
      tags: ['purchasing'],
      params: IdParamsSchema,
      body: SupplierProductInputSchema,
      response: { 200: OkSchema, ...errorResponses(404, 409, 422) },
    },
    handler: async (request) => {
      const supplierId = request.params.id;
      const { productId, unitCost, ...rest } = request.body;
      await db.$transaction(async (tx) => {
        const supplier = await suppliers.orderable(tx, supplierId, 'id');
        const product = await tx.product.findUnique({ where: { id: productId }, select: { kind: true, cost: true } });
        if (product?.kind !== 'goods') throw notFound('product-not-found', 'Unknown product', [{ path: 'body.productId', message: 'unknown product' }]);
        const currency = suppliers.currencyOf(supplier);
        if (unitCost === undefined && suppliers.isForeign(supplier)) throw badRequest('unit-cost-required', `${supplier.name}'s prices are in ${currency}: give its price`, [{ path: 'body.unitCost', message: `required (in ${currency})` }], { currency });
        const terms = { ...rest, unitCost: unitCost ?? product.cost };
        await tx.supplierProduct.upsert({ where: { supplierId_productId: { supplierId, productId } }, create: { supplierId, productId, ...terms }, update: terms });
      });
      return { ok: true as const };
    },
  });

  app.delete('/api/suppliers/:id/products/:productId', {
    config: { permission: 'manage-stock' },
    schema: { summary: "Takes a product off a supplier's price list", operationId: 'removeSupplierProduct', tags: ['purchasing'], params: z.object({ id: IdSchema, productId: IdSchema }), response: { 200: OkSchema, ...errorResponses(404, 409) } },
    handler: async (request) => {
      await db.$transaction(async (tx) => {
        await suppliers.orderable(tx, request.params.id, 'id');
        await tx.supplierProduct.deleteMany({ where: { supplierId: request.params.id, productId: request.params.productId } });
      });
      return { ok: true as const };
    },
  });

  app.get('/api/purchasing/plan', {
    config: { permission: 'backoffice' },
    schema: { description: 'The suggested order for a supplier from sales, stock, pre-orders, minimum levels and lead time.', summary: 'The suggested order for a supplier', operationId: 'purchasePlan', tags: ['purchasing'], querystring: PlanQuerySchema, response: { 200: PlanSchema, ...errorResponses(404, 409) } },
    handler: (request) => purchasing.plan(request.query),
  });

  app.get('/api/purchase-orders', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Purchase orders, by status', operationId: 'listPurchaseOrders', tags: ['purchasing'], querystring: z.object({ status: z.enum(['draft', 'sent', 'received', 'cancelled']).optional() }), response: { 200: PurchaseOrderListSchema } },
    handler: (request) => purchasing.list(request.query.status),
  });

  app.get('/api/purchase-orders/:id', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A purchase order with its lines', operationId: 'getPurchaseOrder', tags: ['purchasing'], params: IdParamsSchema, response: { 200: PurchaseOrderViewSchema, ...errorResponses(404) } },
    handler: (request) => purchasing.view(request.params.id),
  });

  app.get('/api/purchase-orders/:id/csv', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A purchase order as CSV for the supplier', operationId: 'exportPurchaseOrder', tags: ['purchasing'], params: IdParamsSchema, produces: ['text/csv'], response: { 200: FileSchema, ...errorResponses(404) } },
    handler: async (request, reply) => {
      const { filename, body } = await purchasing.csv(request.params.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachment(filename)).send(body);
    },
  });

  app.post('/api/purchase-orders', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Drafts a purchase order', operationId: 'createPurchaseOrder', tags: ['purchasing'], body: CreatePurchaseOrderSchema, response: { 200: PurchaseOrderViewSchema, 201: PurchaseOrderViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => created(reply, await purchasing.create(callerOf(request), request.body)),
  });

  app.put('/api/purchase-orders/:id', {
    config: { permission: 'manage-stock' },
    schema: { summary: "Replaces a draft order's lines", operationId: 'editPurchaseOrder', tags: ['purchasing'], params: IdParamsSchema, body: UpdatePurchaseOrderSchema, response: { 200: PurchaseOrderViewSchema, ...errorResponses(404, 409, 422) } },
    handler: (request) => purchasing.update(callerOf(request), request.params.id, request.body.lines),
  });

  app.post('/api/purchase-orders/:id/send', {
    config: { permission: 'manage-stock' },
    schema: { description: "Marks an order sent; one under the supplier's minimum order only with belowMinimum.", summary: 'Marks an order sent to the supplier', operationId: 'sendPurchaseOrder', tags: ['purchasing'], params: IdParamsSchema, body: SendPurchaseOrderSchema, response: { 200: PurchaseOrderViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => purchasing.send(callerOf(request), request.params.id, request.body?.belowMinimum ?? false),
  });

  app.post('/api/purchase-orders/:id/cancel', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Cancels an order', operationId: 'cancelPurchaseOrder', tags: ['purchasing'], params: IdParamsSchema, response: { 200: PurchaseOrderViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => purchasing.cancel(callerOf(request), request.params.id),
  });

  app.post('/api/purchase-orders/:id/receive', {
    config: { permission: 'manage-stock' },
    schema: { description: 'Receives the order as a goods receipt (a delivery) from its supplier; what did not come stays on order as a back-order unless remainder is close.', summary: 'Receives an order as a delivery', operationId: 'receivePurchaseOrder', tags: ['purchasing'], params: IdParamsSchema, body: ReceivePurchaseOrderSchema, response: { 200: PurchaseOrderViewSchema, ...errorResponses(404, 409, 422) } },
    handler: (request) => purchasing.receive(callerOf(request), request.params.id, request.body),
  });
};
