import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newId } from '../../shared/ids.ts';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import {
  CustomerCategoryInputSchema,
  CustomerCategoryListSchema,
  CustomerCategoryViewSchema,
  GiftCardBalanceSchema,
  GiftCardParamsSchema,
  GiftCardViewSchema,
  IssueGiftCardRequestSchema,
  PointsAdjustmentRequestSchema,
  PointsHistorySchema,
} from '../../shared/schemas/loyalty.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { conflict, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { LoyaltyLedger } from './ledger.ts';
import type { GiftCardGuesses } from './gift-card-guesses.ts';
import { lastFour } from '../../shared/masking.ts';
import { seesWholeCustomers } from '../customers/register-view.ts';
import { z } from 'zod';
import type { CustomerVisibility } from '../crm/visibility.ts';

/** Gift cards, points and the customer categories that set discount and points rates. */
export const loyaltyRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; giftCardGuesses: GiftCardGuesses; visibility: CustomerVisibility }> = async (app, { db, outlet, giftCardGuesses, visibility }) => {
  const ledger = new LoyaltyLedger(db);
  const saleNumbers = async (ids: (string | null)[]) => {
    const known = ids.filter((id): id is string => id !== null);
    const rows = known.length ? await db.sale.findMany({ where: { id: { in: known } }, select: { id: true, number: true } }) : [];
    return new Map(rows.map((r) => [r.id, r.number]));
  };

  const giftCardView = async (code: string) => {
    const card = await db.giftCard.findUnique({ where: { code }, include: { movements: { orderBy: { createdAt: 'asc' } } } });
    if (!card) throw notFound('gift-card-not-found', `No gift card ${code}`, [{ path: 'code', message: 'unknown gift card' }], { code });
    const numbers = await saleNumbers(card.movements.map((m) => m.saleId));
    return {
      code: card.code,
      initialAmount: card.initialAmount,
      balance: card.movements.reduce((s, m) => s + m.amount, 0),
      createdAt: card.createdAt.toISOString(),
      note: card.note,
      movements: card.movements.map((m) => ({ kind: m.kind, amount: m.amount, saleNumber: m.saleId ? numbers.get(m.saleId) ?? null : null, createdAt: m.createdAt.toISOString() })),
    };
  };

  app.get('/api/gift-cards/:code', {
    config: { permission: 'sell' },
    schema: {
      summary: "A gift card's balance (and, in the back office, its movements)",
      description: 'By the whole code only. The back-office right sees the card and its movements; the register sees the balance and the code by its last four characters. Unknown codes count toward a back-off per user and address (423).',
      operationId: 'getGiftCard',
      tags: ['loyalty'],
      params: GiftCardParamsSchema,
      response: { 200: z.union([GiftCardViewSchema, GiftCardBalanceSchema]), ...errorResponses(404, 423) },
    },
    handler: async (request) => {
      const auth = callerOf(request);
      const attempt = await giftCardGuesses.begin(auth, request.ip);
      const card = await giftCardView(request.params.code);
      await attempt.succeeded();
      return seesWholeCustomers(auth) ? card : { code: lastFour(card.code), balance: card.balance };
    },
  });

  app.post('/api/gift-cards', {
    config: { permission: 'manage-loyalty' },
    schema: { summary: 'Issues a gift card from the back office', operationId: 'issueGiftCard', tags: ['loyalty'], body: IssueGiftCardRequestSchema, response: { 201: GiftCardViewSchema, ...errorResponses(422) } },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      const { code, amount, customerId, note } = request.body;
      await db.$transaction(async (tx) => {
        ledger.issueGiftCard({ code, amount, soldInSaleId: null, issuedById: auth.userId, customerId: customerId ?? null, note }, new Date(), 'code');
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'gift-card-issue', entityType: 'gift-card', entityId: code, details: { amount, note, customerId } });
      });
      return reply.code(201).send(await giftCardView(code));
    },
  });

  app.get('/api/customers/:id/points', {
    config: { permission: 'sell' },
    schema: { summary: "A customer's points balance and movements", operationId: 'getCustomerPoints', tags: ['loyalty'], params: IdParamsSchema, response: { 200: PointsHistorySchema, ...errorResponses(404) } },
    handler: async (request) => {
      const id = request.params.id;
      if (!(await db.customer.findUnique({ where: { id }, select: { id: true } }))) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
      const merged = await db.customer.findMany({ where: { mergedIntoId: id }, select: { id: true } });
      const rows = await db.pointsMovement.findMany({ where: { customerId: { in: [id, ...merged.map((m) => m.id)] } }, orderBy: { createdAt: 'desc' }, take: 200 });
      const numbers = await saleNumbers(rows.map((r) => r.saleId));
      return {
        balance: ledger.pointsBalance(id),
        movements: rows.map((r) => ({ kind: r.kind, points: r.points, saleNumber: r.saleId ? numbers.get(r.saleId) ?? null : null, createdAt: r.createdAt.toISOString() })),
      };
    },
  });

  app.post('/api/customers/:id/points/adjust', {
    config: { permission: 'manage-loyalty' },
    schema: { summary: 'Adds or takes points by hand, with a reason', operationId: 'adjustCustomerPoints', tags: ['loyalty'], params: IdParamsSchema, body: PointsAdjustmentRequestSchema, response: { 200: PointsHistorySchema.pick({ balance: true }), ...errorResponses(404, 409) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const id = request.params.id;
      visibility.assertSees(auth, id);
      return db.$transaction(async (tx) => {
        const customer = await tx.customer.findUnique({ where: { id }, select: { mergedIntoId: true } });
        if (!customer) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
        if (customer.mergedIntoId) throw conflict('customer-merged', 'This customer was merged: adjust the one kept');
        ledger.postPoints(id, 'adjust', request.body.points, null, new Date());
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'points-adjust', entityType: 'customer', entityId: id, details: request.body });
        return { balance: ledger.pointsBalance(id) };
      });
    },
  });

  const categoryList = async () => {
    const rows = await db.customerCategory.findMany({ orderBy: { code: 'asc' }, include: { _count: { select: { customers: { where: { mergedIntoId: null } } } } } });
    return rows.map(({ _count, ...c }) => ({ ...c, customers: _count.customers }));
  };

  app.get('/api/customer-categories', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Customer categories with their discount and points rates', operationId: 'listCustomerCategories', tags: ['loyalty'], response: { 200: CustomerCategoryListSchema } },
    handler: async () => ({ items: await categoryList() }),
  });

  app.put('/api/customer-categories/:code', {
    config: { permission: 'manage-loyalty' },
    schema: {
      summary: 'Creates or changes a customer category',
      operationId: 'saveCustomerCategory',
      tags: ['loyalty'],
      params: CustomerCategoryInputSchema.pick({ code: true }),
      body: CustomerCategoryInputSchema.omit({ code: true }),
      response: { 200: CustomerCategoryViewSchema },
    },
    handler: async (request) => {
      const auth = callerOf(request);
      const { code } = request.params;
      await db.$transaction(async (tx) => {
        const before = await tx.customerCategory.findUnique({ where: { code } });
        await tx.customerCategory.upsert({ where: { code }, create: { id: newId(), code, ...request.body }, update: request.body });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'customer-category-save', entityType: 'customer-category', entityId: code, details: { before, after: request.body } });
      });
      return (await categoryList()).find((c) => c.code === code)!;
    },
  });
};
