import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CurrencyChangeSchema, RoleMatrixSchema, ShopSettingsChangeSchema, ShopSettingsSchema, TaxRateChangeSchema, TaxRateListSchema, TaxRateViewSchema, type ShopSettings } from '../../shared/schemas/settings.ts';
import { roleMatrix } from '../auth/roles.ts';
import type { AuthService } from '../auth/service.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { Db } from '../db/client.ts';
import { AppError, errorResponses, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

const editable = (s: OutletInfo['settings']): ShopSettings => ShopSettingsSchema.parse(s);

/**
 * The shop's settings and tax rates, for the owner. A change applies at once (the running server
 * reads the same settings object) and is audited with the values before and after.
 */
export const settingsRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; auth: AuthService }> = async (app, { db, outlet, auth: sessions }) => {
  app.put('/api/settings/currency', {
    config: { permission: 'manage-users' },
    schema: { description: "Sets the shop's currency; refused once the shop has sold (amounts are kept in its minor units).", summary: "Sets the shop's currency", operationId: 'setCurrency', tags: ['settings'], body: CurrencyChangeSchema, response: { 200: CurrencyChangeSchema, ...errorResponses(409, 422) } },
    handler: async (request) => {
      const { currency } = request.body;
      if (!Intl.supportedValuesOf('currency').includes(currency)) throw new AppError(422, 'unknown-currency', `${currency} is not a currency`, [{ path: 'body.currency', message: 'unknown ISO 4217 code' }], { currency });
      const caller = callerOf(request);
      await db.$transaction(async (tx) => {
        if (currency !== outlet.view.currency && (await tx.sale.count({ where: { outletId: outlet.id } }))) {
          throw new AppError(409, 'currency-fixed', `The shop has sold in ${outlet.view.currency}: its currency cannot change`, [{ path: 'body.currency', message: 'fixed after the first sale' }], { currency: outlet.view.currency });
        }
        await tx.outlet.update({ where: { id: outlet.id }, data: { currency } });
        await writeAudit(tx, { outletId: outlet.id, userId: caller.userId, action: 'settings-change', entityType: 'outlet', entityId: outlet.id, details: { before: { currency: outlet.view.currency }, after: { currency } } });
      });
      outlet.view.currency = currency;
      return { currency };
    },
  });

  app.get('/api/roles', {
    config: { permission: 'manage-users' },
    schema: { description: 'What cashiers, senior cashiers and managers may do, and their limits.', summary: 'What each role may do, and its limits', operationId: 'getRoles', tags: ['settings'], response: { 200: RoleMatrixSchema } },
    handler: async () => roleMatrix(outlet),
  });

  app.put('/api/roles', {
    config: { permission: 'manage-users' },
    schema: { description: 'Replaces the role matrix; signed-in users get the new rights on their next request.', summary: 'Replaces the role matrix', operationId: 'changeRoles', tags: ['settings'], body: RoleMatrixSchema, response: { 200: RoleMatrixSchema } },
    handler: async (request) => {
      const caller = callerOf(request);
      const before = roleMatrix(outlet);
      const next = { ...outlet.settings, roles: request.body };
      await db.$transaction(async (tx) => {
        await tx.outlet.update({ where: { id: outlet.id }, data: { settings: JSON.stringify(next) } });
        await writeAudit(tx, { outletId: outlet.id, userId: caller.userId, action: 'roles-change', entityType: 'outlet', entityId: outlet.id, details: { before, after: request.body } });
      });
      outlet.settings.roles = request.body;
      sessions.forgetCachedSessions();
      return roleMatrix(outlet);
    },
  });

  app.get('/api/settings', {
    config: { permission: 'manage-users' },
    schema: { summary: "The shop's settings", operationId: 'getSettings', tags: ['settings'], response: { 200: ShopSettingsSchema } },
    handler: async () => editable(outlet.settings),
  });

  app.put('/api/settings', {
    config: { permission: 'manage-users' },
    schema: { description: 'Changes the settings given; the others stay.', summary: "Changes some of the shop's settings", operationId: 'changeSettings', tags: ['settings'], body: ShopSettingsChangeSchema, response: { 200: ShopSettingsSchema } },
    handler: async (request) => {
      const auth = callerOf(request);
      const before = editable(outlet.settings);
      const next = { ...outlet.settings, ...request.body };
      await db.$transaction(async (tx) => {
        await tx.outlet.update({ where: { id: outlet.id }, data: { settings: JSON.stringify(next) } });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'settings-change', entityType: 'outlet', entityId: outlet.id, details: { before: Object.fromEntries(Object.keys(request.body).map((k) => [k, before[k as keyof ShopSettings]])), after: request.body } });
      });
      Object.assign(outlet.settings, request.body);
      return editable(outlet.settings);
    },
  });

  const taxRates = async () => {
    const rows = await db.taxRate.findMany({ orderBy: { rateBp: 'desc' }, include: { _count: { select: { products: true } } } });
    return rows.map((t) => ({ id: t.id, code: t.code, name: t.name, rateBp: t.rateBp, products: t._count.products }));
  };

  app.get('/api/tax-rates', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Tax rates with how many products use each', operationId: 'listTaxRates', tags: ['settings'], response: { 200: TaxRateListSchema } },
    handler: async () => ({ items: await taxRates() }),
  });

  app.put('/api/tax-rates/:code', {
    config: { permission: 'manage-users' },
    schema: {
      description: 'Changes a tax rate: prices stay as they are (they include tax); sales from now on carry the new rate. Sold lines keep theirs.',
      summary: "Changes a tax rate's name or rate",
      operationId: 'changeTaxRate',
      tags: ['settings'],
      params: z.object({ code: z.string().trim().min(1).max(40) }),
      body: TaxRateChangeSchema,
      response: { 200: TaxRateViewSchema, ...errorResponses(404) },
    },
    handler: async (request) => {
      const auth = callerOf(request);
      await db.$transaction(async (tx) => {
        const before = await tx.taxRate.findUnique({ where: { code: request.params.code } });
        if (!before) throw notFound('tax-rate-not-found', `No tax rate ${request.params.code}`, [{ path: 'code', message: 'unknown tax rate' }]);
        await tx.taxRate.update({ where: { code: before.code }, data: request.body });
        await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'tax-rate-change', entityType: 'tax-rate', entityId: before.code, details: { before: { name: before.name, rateBp: before.rateBp }, after: request.body } });
      });
      return (await taxRates()).find((t) => t.code === request.params.code)!;
    },
  });
};
