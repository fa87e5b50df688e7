import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SyncStatusSchema } from '../../shared/schemas/sync.ts';
import type { Db } from '../db/client.ts';
import type { OutboxPusher } from './pusher.ts';

/** How the link to head office stands: every signed-in user may see it (the register shows it). */
export const syncRoutes: FastifyPluginAsyncZod<{ db: Db; pusher: OutboxPusher | null }> = async (app, { db, pusher }) => {
  app.get('/api/sync/status', {
    config: { permission: 'authenticated' },
    schema: { operationId: 'syncStatus', tags: ['sync'], response: { 200: SyncStatusSchema } },
    handler: async () =>
      pusher?.status() ?? { configured: false, backlog: await db.outboxEntry.count({ where: { ackedAt: null } }), lastContactAt: null, unreachableSince: null, lastError: null },
  });
};
