import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SyncStatusSchema } from '../../shared/schemas/sync.ts';
import type { Db } from '../db/client.ts';
import type { HeadOfficeSync } from './head-office-sync.ts';

/** How the link to head office stands: every signed-in user may see it (the register shows it). */
export const syncRoutes: FastifyPluginAsyncZod<{ db: Db; sync: HeadOfficeSync | null }> = async (app, { db, sync }) => {
  app.get('/api/sync/status', {
    config: { permission: 'authenticated' },
    schema: { summary: 'How the link to head office stands', operationId: 'syncStatus', tags: ['sync'], response: { 200: SyncStatusSchema } },
    handler: async () =>
      sync?.status() ?? { configured: false, backlog: await db.outboxEntry.count({ where: { ackedAt: null } }), masterDataCursor: null, lastContactAt: null, unreachableSince: null, lastError: null },
  });
};
