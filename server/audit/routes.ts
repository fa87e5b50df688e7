import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditListSchema, AuditQuerySchema } from '../../shared/schemas/reports.ts';
import { addDays, startOfLocalDay } from '../../shared/time.ts';
import type { Db } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';

/** The audit log for the owner: who did what, who approved it, filtered by action and days. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo }> = async (app, { db, outlet }) => {
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
