import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newId } from '../../shared/ids.ts';
import { IdParamsSchema } from '../../shared/schemas/common.ts';
import { DiscountRuleListSchema, DiscountRuleSchema, DiscountRuleViewSchema, NewDiscountRuleSchema, RuleActiveRequestSchema } from '../../shared/schemas/pricing.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { PricingRules } from './service.ts';

type RuleRow = { id: string; name: string; kind: string; params: string; priority: number; active: boolean };

function toView(row: RuleRow) {
  return { rule: DiscountRuleSchema.parse({ ...JSON.parse(row.params), id: row.id, name: row.name, kind: row.kind }), priority: row.priority, active: row.active };
}

/** Discount rules as the back office keeps them; every change is audited and reaches registers within seconds. */
export const discountRuleRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; rules: PricingRules }> = async (app, { db, outlet, rules }) => {
  app.get('/api/discount-rules', {
    config: { permission: 'manage-discounts' },
    schema: { summary: 'Every discount rule', operationId: 'listDiscountRules', tags: ['pricing'], response: { 200: DiscountRuleListSchema } },
    handler: async () => {
      const rows = await db.discountRule.findMany({ orderBy: [{ priority: 'desc' }, { id: 'asc' }] });
      // A rule of a kind this version cannot read is left out rather than failing the list.
      return { items: rows.flatMap((row) => (DiscountRuleSchema.safeParse({ ...JSON.parse(row.params), id: row.id, name: row.name, kind: row.kind }).success ? [toView(row)] : [])) };
    },
  });

  app.post('/api/discount-rules', {
    config: { permission: 'manage-discounts' },
    schema: { summary: 'Adds a discount rule', operationId: 'createDiscountRule', tags: ['pricing'], body: NewDiscountRuleSchema, response: { 201: DiscountRuleViewSchema } },
    handler: async (request, reply) => {
      const { rule, priority } = request.body;
      const { name, kind, ...params } = rule;
      const id = newId();
      const auth = callerOf(request);
      const row = await db.$transaction(async (tx) => {
        const created = await tx.discountRule.create({ data: { id, name, kind, params: JSON.stringify(params), priority } });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'discount-rule-create', entityType: 'discount-rule', entityId: id, details: rule });
        return created;
      });
      rules.invalidate();
      return reply.code(201).send(toView(row));
    },
  });

  app.post('/api/discount-rules/:id/active', {
    config: { permission: 'manage-discounts' },
    schema: { summary: 'Turns a discount rule on or off', operationId: 'setDiscountRuleActive', tags: ['pricing'], params: IdParamsSchema, body: RuleActiveRequestSchema, response: { 200: DiscountRuleViewSchema, ...errorResponses(404) } },
    handler: async (request) => {
      const auth = callerOf(request);
      const row = await db.$transaction(async (tx) => {
        const found = await tx.discountRule.findUnique({ where: { id: request.params.id } });
        if (!found) throw notFound('rule-not-found', 'No such discount rule', [{ path: 'id', message: 'unknown rule' }]);
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: request.body.active ? 'discount-rule-enable' : 'discount-rule-disable', entityType: 'discount-rule', entityId: found.id });
        return tx.discountRule.update({ where: { id: found.id }, data: { active: request.body.active } });
      });
      rules.invalidate();
      return toView(row);
    },
  });
};
