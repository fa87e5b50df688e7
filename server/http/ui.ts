import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built UIs (when they are there) as deliberately public files, and sends `/` to the
 * server's own UI. Each file route is declared public as it is added: files carry no data, and
 * every API route stays private.
 */
export async function serveUi(app: FastifyInstance, uiDir: string, home: string): Promise<void> {
  if (!fs.existsSync(uiDir)) return;
  await app.register(async (files) => {
    files.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await files.register(fastifyStatic, { root: uiDir, prefix: '/' });
  });
  app.get('/', { config: { public: true } }, (_request, reply) => reply.redirect(home));
}
