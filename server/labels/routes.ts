import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PrintLabelsRequestSchema, PrintLabelsResponseSchema } from '../../shared/schemas/labels.ts';
import type { LabelContent } from '../../drivers/labels/label.ts';
import { ProductRepository } from '../catalog/repository.ts';
import { labelFor } from './content.ts';
import type { Db } from '../db/client.ts';
import { AppError, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { enqueuePrintJob } from '../devices/print-jobs.ts';
import type { PrintRouting } from '../devices/printing.ts';

/** Shelf and price labels for chosen products, on the outlet's label printer. */
export const labelRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; printing: PrintRouting }> = async (app, { db, outlet, printing }) => {
  const products = new ProductRepository(db, outlet.id, outlet.settings);

  app.post('/api/labels/print', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Prints shelf labels for products, at the prices in force now or at a given moment', operationId: 'printLabels', tags: ['labels'], body: PrintLabelsRequestSchema, response: { 201: PrintLabelsResponseSchema, ...errorResponses(404, 409) } },
    handler: async (request, reply) => {
      const printer = printing.labelPrinter();
      if (!printer) throw new AppError(409, 'no-label-printer', 'No label printer is configured');
      const at = request.body.at ? new Date(request.body.at) : new Date();
      const found = new Map(products.byIds(request.body.productIds, at).map((p) => [p.id, p]));
      const labels: LabelContent[] = [];
      for (const [i, id] of request.body.productIds.entries()) {
        const p = found.get(id);
        if (!p) throw notFound('product-not-found', `Unknown product ${id}`, [{ path: `productIds.${i}`, message: 'unknown product' }]);
        // A product with variants is labelled as its variants, each with its own price and barcode.
        const variants = p.kind === 'family' ? (await db.product.findMany({ where: { parentId: id, active: true }, select: { id: true }, orderBy: { name: 'asc' } })).map((v) => v.id) : [];
        for (const row of p.kind === 'family' ? products.byIds(variants, at) : [p]) labels.push(labelFor(row, outlet));
      }
      if (!labels.length) throw notFound('product-not-found', 'Those products have no variants to label', [{ path: 'productIds', message: 'nothing to label' }]);
      const job = await db.$transaction(async () =>
        enqueuePrintJob(db, { deviceId: printer, kind: 'labels', document: { type: 'labels', labels, copies: request.body.copies } }),
      );
      printing.notify(printer);
      return reply.code(201).send({ printJob: job, labels: labels.length });
    },
  });
};
