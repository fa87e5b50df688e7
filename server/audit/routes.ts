import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListSchema, AuditQuerySchema } from '../../shared/schemas/reports.ts';
import { addDays, startOfLocalDay } from '../../shared/time.ts';
import type { Db } from '../db/client.ts';
import type { DeviceHub } from '../devices/hub.ts';
import type { OutletInfo } from '../outlet.ts';

/** Ids an entry's details refer to by these keys, besides the entry's own record. */
const REFERENCES = ['productId', 'customerId', 'supplierId', 'categoryId'] as const;

/**
 * The names of the records audit entries refer to (users, customers, products, suppliers, categories,
 * registers, discount rules, devices), by id, so that the log reads as sentences and shows no ids.
 */
async function namesOf(db: Db, devices: DeviceHub | null, rows: { entityType: string | null; entityId: string | null; details: string }[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const r of rows) {
    if (r.entityId) ids.add(r.entityId);
    const details = JSON.parse(r.details) as Record<string, unknown>;
    for (const key of REFERENCES) if (typeof details[key] === 'string') ids.add(details[key]);
  }
  const wanted = { where: { id: { in: [...ids] } }, select: { id: true, name: true } as const };
  const found = await Promise.all([db.user.findMany(wanted), db.customer.findMany(wanted), db.product.findMany(wanted), db.supplier.findMany(wanted), db.category.findMany(wanted), db.register.findMany(wanted), db.discountRule.findMany(wanted), db.device.findMany(wanted)]);
  const live = devices ? (await devices.statuses()).filter((d) => ids.has(d.id)) : [];
  return Object.fromEntries([...found.flat(), ...live].map((r) => [r.id, r.name]));
}

/** The audit log for the owner: who did what, who approved it, filtered by action and days. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; devices: DeviceHub | null }> = async (app, { db, outlet, devices }) => {
  const zone = outlet.view.timezone;

  app.get('/api/audit', {
    config: { permission: 'manage-users' },
    schema: { description: 'The audit log, newest first, with filters.', summary: 'The audit log, newest first', operationId: 'auditLog', tags: ['reports'], querystring: AuditQuerySchema, response: { 200: AuditListSchema } },
    handler: async (request) => {
      const { action, userId, from, to, limit, offset } = request.query;
      const where = {
        ...(action ? { action } : {}),
        ...(userId ? { OR: [{ userId }, { approvedById: userId }] } : {}),
        ...(from || to ? { createdAt: { ...(from ? { gte: startOfLocalDay(zone, from) } : {}), ...(to ? { lt: startOfLocalDay(zone, addDays(to, 1)) } : {}) } } : {}),
      };
      const [rows, total] = await Promise.all([db.auditLog.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit, skip: offset }), db.auditLog.count({ where })]);
      const users = new Map((await db.user.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
      const actions = (await db.auditLog.groupBy({ by: ['action'], orderBy: { action: 'asc' } })).map((a) => a.action);
      return {
        names: await namesOf(db, devices, rows),
        items: rows.map((r) => ({
          id: r.id,
          createdAt: r.createdAt.toISOString(),
          action: r.action,
          user: r.userId ? users.get(r.userId) ?? '?' : null,
          approvedBy: r.approvedById ? users.get(r.approvedById) ?? '?' : null,
          entityType: r.entityType,
          entityId: r.entityId,
          details: r.details,
        })),
        actions,
        total,
      };
    },
  });
};
