import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from '../../shared/ids.ts';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import {
  CountLineRequestSchema,
  DeliveryRequestSchema,
  PeerOutletRequestSchema,
  StartCountRequestSchema,
  StockDocumentListQuerySchema,
  StockDocumentListSchema,
  StockDocumentViewSchema,
  StockLevelRequestSchema,
  StockListQuerySchema,
  StockListSchema,
  SupplierInputSchema,
  SupplierListSchema,
  SupplierViewSchema,
  TransferKeysSchema,
  TransferNoteSchema,
  TransferReceiveRequestSchema,
  TransferSendRequestSchema,
  WriteOffRequestSchema,
} from '../../shared/schemas/stock.ts';
import { callerOf } from '../auth/plugin.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { errorResponses, AppError, notFound } from '../http/errors.ts';
import { created } from '../http/created.ts';
import type { OutletInfo } from '../outlet.ts';
import type { StockService } from './service.ts';
import type { StockTransfers } from './transfers.ts';

/** Stock on hand, minimum levels, suppliers, and the documents that move stock. */
export const stockRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; stock: StockService; transfers: StockTransfers }> = async (app, { db, outlet, stock, transfers }) => {
  app.get('/api/stock', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Stock on hand with value, minimum levels and reservations', operationId: 'listStock', tags: ['stock'], querystring: StockListQuerySchema, response: { 200: StockListSchema } },
    handler: async (request) => {
      const { q, categoryId, low, limit, offset } = request.query;
      const where = [`p."kind" = 'goods'`, `p."active" = 1`];
      const params: Record<string, unknown> = { outletId: outlet.id, limit, offset };
      if (q) {
        where.push(`(p."sku" = @q OR p."searchName" LIKE @like OR p."id" IN (SELECT "productId" FROM "Barcode" WHERE "code" = @q))`);
        params.q = q;
        params.like = `%${q.toLowerCase()}%`;
      }
      if (categoryId) {
        where.push(`p."categoryId" = @categoryId`);
        params.categoryId = categoryId;
      }
      const base = `FROM "Product" p
        LEFT JOIN "StockBalance" b ON b."outletId" = @outletId AND b."productId" = p."id"
        LEFT JOIN "StockLevel" l ON l."outletId" = @outletId AND l."productId" = p."id"
        LEFT JOIN "Category" c ON c."id" = p."categoryId"
        WHERE ${where.join(' AND ')}`;
      const lowCondition = `COALESCE(b."quantityMilli", 0) < l."minMilli"`;
      const sql = sqliteOf(db);
      const rows = statement(
        sql,
        `SELECT p."id" AS "productId", p."sku", p."name", p."unit", c."name" AS "categoryName", COALESCE(b."quantityMilli", 0) AS "onHandMilli", l."minMilli", p."cost",
           (SELECT COALESCE(SUM(pl."quantityMilli"), 0) FROM "PreOrderLine" pl JOIN "PreOrder" o ON o."id" = pl."preOrderId" WHERE pl."productId" = p."id" AND o."outletId" = @outletId AND o."status" = 'arrived') AS "reservedMilli"
         ${base} ${low ? `AND ${lowCondition}` : ''} ORDER BY p."name" LIMIT @limit OFFSET @offset`,
      ).all(params) as { productId: string; sku: string; name: string; unit: 'piece' | 'kg'; categoryName: string | null; onHandMilli: number; reservedMilli: number; minMilli: number | null; cost: number }[];
      const { total, lowCount } = statement(sql, `SELECT COUNT(*) AS "total", COALESCE(SUM(${lowCondition}), 0) AS "lowCount" ${base}`).get(params) as { total: number; lowCount: number };
      return {
        items: rows.map((r) => ({ ...r, availableMilli: r.onHandMilli - r.reservedMilli, low: r.minMilli !== null && r.onHandMilli < r.minMilli, value: Math.round((Math.max(0, r.onHandMilli) * r.cost) / 1000) })),
        total: low ? lowCount : total,
        lowCount,
      };
    },
  });

  app.put('/api/stock/levels/:id', {
    config: { permission: 'manage-stock' },
    schema: { description: 'Sets (or, with null, removes) the minimum level of a product.', summary: "Sets or removes a product's minimum level", operationId: 'setStockLevel', tags: ['stock'], params: IdParamsSchema, body: StockLevelRequestSchema, response: { 200: StockLevelRequestSchema, ...errorResponses(404) } },
    handler: async (request) => {
      const productId = request.params.id;
      const { minMilli } = request.body;
      await db.$transaction(async (tx) => {
        if (!(await tx.product.findUnique({ where: { id: productId }, select: { id: true } }))) throw notFound('product-not-found', 'Unknown product', [{ path: 'id', message: 'unknown product' }]);
        const key = { outletId_productId: { outletId: outlet.id, productId } };
        if (minMilli === null) await tx.stockLevel.deleteMany({ where: { outletId: outlet.id, productId } });
        else await tx.stockLevel.upsert({ where: key, create: { outletId: outlet.id, productId, minMilli }, update: { minMilli } });
      });
      return { minMilli };
    },
  });

  app.get('/api/suppliers', {
    config: { permission: 'backoffice' },
    schema: { summary: 'The suppliers', operationId: 'listSuppliers', tags: ['stock'], response: { 200: SupplierListSchema } },
    handler: async () => ({ items: await db.supplier.findMany({ orderBy: { name: 'asc' }, select: { id: true, code: true, name: true, contact: true, leadTimeDays: true } }) }),
  });

  app.post('/api/suppliers', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Adds a supplier', operationId: 'createSupplier', tags: ['stock'], body: SupplierInputSchema, response: { 201: SupplierViewSchema, ...errorResponses(409) } },
    handler: async (request, reply) => {
      const created = await db.$transaction(async (tx) => {
        if (await tx.supplier.findUnique({ where: { code: request.body.code } })) throw new AppError(409, 'supplier-exists', `A supplier ${request.body.code} exists`, [{ path: 'body.code', message: 'already used' }], { code: request.body.code });
        return tx.supplier.create({ data: { id: newId(), ...request.body }, select: { id: true, code: true, name: true, contact: true, leadTimeDays: true } });
      });
      return reply.code(201).send(created);
    },
  });

  app.get('/api/stock/documents', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Stock documents, newest first', operationId: 'listStockDocuments', tags: ['stock'], querystring: StockDocumentListQuerySchema, response: { 200: StockDocumentListSchema } },
    handler: async (request) => {
      const where = { outletId: outlet.id, ...(request.query.kind ? { kind: request.query.kind } : {}) };
      const [docs, total] = await Promise.all([
        db.stockDocument.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: request.query.limit, skip: request.query.offset, select: { id: true } }),
        db.stockDocument.count({ where }),
      ]);
      const views = await Promise.all(docs.map((d) => stock.view(d.id)));
      return { items: views.map(({ lines, uncounted: _u, labelsPrintJob: _l, ...v }) => ({ ...v, lineCount: lines.length })), total };
    },
  });

  app.get('/api/stock/documents/:id', {
    config: { permission: 'backoffice' },
    schema: { summary: 'A stock document with its lines', operationId: 'getStockDocument', tags: ['stock'], params: IdParamsSchema, response: { 200: StockDocumentViewSchema, ...errorResponses(404) } },
    handler: (request) => stock.view(request.params.id),
  });

  app.post('/api/stock/deliveries', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Posts a delivery from a supplier', operationId: 'receiveDelivery', tags: ['stock'], body: DeliveryRequestSchema, response: { 200: StockDocumentViewSchema, 201: StockDocumentViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => created(reply, await stock.delivery(callerOf(request), request.body)),
  });

  app.post('/api/stock/write-offs', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Writes off damaged, expired or stolen goods', operationId: 'writeOffStock', tags: ['stock'], body: WriteOffRequestSchema, response: { 200: StockDocumentViewSchema, 201: StockDocumentViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => created(reply, await stock.writeOff(callerOf(request), request.body)),
  });

  app.post('/api/stock/transfers', {
    config: { permission: 'manage-stock' },
    schema: { description: 'Sends goods to another outlet: off this stock now, in transit until received there.', summary: 'Sends goods to another outlet', operationId: 'sendTransfer', tags: ['stock'], body: TransferSendRequestSchema, response: { 200: StockDocumentViewSchema, 201: StockDocumentViewSchema, ...errorResponses(404, 409, 422) } },
    handler: async (request, reply) => created(reply, await transfers.send(callerOf(request), request.body)),
  });

  app.get('/api/stock/transfers/:id/note', {
    config: { permission: 'backoffice' },
    schema: { description: 'The transfer note that travels with the goods.', summary: 'The note that travels with a transfer', operationId: 'getTransferNote', tags: ['stock'], params: IdParamsSchema, response: { 200: TransferNoteSchema, ...errorResponses(404) } },
    handler: (request) => transfers.note(request.params.id),
  });

  app.post('/api/stock/transfers/receive', {
    config: { permission: 'manage-stock' },
    schema: {
      description: "Posts what arrived of another outlet's transfer note, if it is addressed here and signed by its sender; a note received before answers its receipt (200).",
      summary: "Posts what arrived of another outlet's transfer",
      operationId: 'receiveTransfer',
      tags: ['stock'],
      body: TransferReceiveRequestSchema,
      response: { 200: StockDocumentViewSchema, 201: StockDocumentViewSchema, ...errorResponses(404, 409, 422) },
    },
    handler: async (request, reply) => created(reply, await transfers.receive(callerOf(request), request.body.note, request.body.lines)),
  });

  app.get('/api/stock/transfer-keys', {
    config: { permission: 'backoffice' },
    schema: { summary: "This outlet's transfer-note key and the outlets whose notes it takes", description: "This outlet's public key for transfer notes, and the outlets whose notes it takes.", operationId: 'getTransferKeys', tags: ['stock'], response: { 200: TransferKeysSchema } },
    handler: () => transfers.keys(),
  });

  app.put('/api/stock/transfer-keys/:code', {
    config: { permission: 'manage-users' },
    schema: {
      description: "Takes transfer notes from another outlet: its public key, as its owner gave it (a chain's outlets get them from head office).",
      summary: "Takes transfer notes from another outlet by its public key",
      operationId: 'registerTransferKey',
      tags: ['stock'],
      params: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) }),
      body: PeerOutletRequestSchema,
      response: { 200: TransferKeysSchema, ...errorResponses(422) },
    },
    handler: async (request) => {
      await transfers.registerOutlet(callerOf(request), request.params.code, request.body);
      return transfers.keys();
    },
  });

  app.post('/api/stock/counts', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Starts a stock count, of the shop or one category', operationId: 'startStockCount', tags: ['stock'], body: StartCountRequestSchema, response: { 200: StockDocumentViewSchema, 201: StockDocumentViewSchema, ...errorResponses(404, 409) } },
    handler: async (request, reply) => created(reply, await stock.startCount(callerOf(request), request.body)),
  });

  app.post('/api/stock/counts/:id/lines', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Records a counted quantity on a draft count', operationId: 'countStock', tags: ['stock'], params: IdParamsSchema, body: CountLineRequestSchema, response: { 200: StockDocumentViewSchema, ...errorResponses(404, 409, 422) } },
    handler: (request) => stock.countLine(request.params.id, request.body),
  });

  app.post('/api/stock/counts/:id/post', {
    config: { permission: 'manage-stock' },
    schema: { summary: 'Posts a count: the differences adjust the stock', operationId: 'postStockCount', tags: ['stock'], params: IdParamsSchema, response: { 200: StockDocumentViewSchema, ...errorResponses(404, 409) } },
    handler: (request) => stock.postCount(callerOf(request), request.params.id),
  });
};
