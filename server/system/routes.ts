import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const systemRoutes: FastifyPluginAsyncZod<{ version: string; mode: string }> = async (app, { version, mode }) => {
  app.get('/api/health', {
    config: { public: true },
    schema: {
      summary: 'Whether the server is up, its mode and version',
      operationId: 'getHealth',
      tags: ['system'],
      response: { 200: z.object({ status: z.literal('ok'), mode: z.string(), version: z.string(), time: z.string() }) },
    },
    handler: async () => ({ status: 'ok' as const, mode, version, time: new Date().toISOString() }),
  });

  app.get('/api/openapi.json', {
    config: { public: true },
    schema: { hide: true },
    handler: async () => app.swagger(),
  });
};
