import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HeadOfficeLoginSchema, HeadOfficeUserSchema, NewHeadOfficeUserSchema } from '../../shared/schemas/headoffice.ts';
import { bearerToken } from '../http/access.ts';
import type { HeadOfficeUsers } from './users.ts';

/** Sign-in for head office's own users, and adding them (the first one with the administrator token). */
export const headOfficeAuthRoutes: FastifyPluginAsyncZod<{ users: HeadOfficeUsers; loginRateLimit: number }> = async (app, { users, loginRateLimit }) => {
  await app.register(rateLimit, { global: false });

  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { body: HeadOfficeLoginSchema, response: { 200: z.object({ token: z.string(), user: HeadOfficeUserSchema }) } },
    handler: (request) => users.signIn(request.body.login, request.body.password),
  });

  app.post('/api/auth/logout', {
    config: { access: 'admin' },
    handler: async (request, reply) => {
      await users.signOut(bearerToken(request)!);
      return reply.code(204).send();
    },
  });

  app.get('/api/auth/me', {
    config: { access: 'admin' },
    schema: { response: { 200: HeadOfficeUserSchema.nullable() } },
    handler: async (request) => request.headOfficeUser ?? null,
  });

  app.post('/api/head-office/users', {
    config: { access: 'admin' },
    schema: { body: NewHeadOfficeUserSchema, response: { 201: HeadOfficeUserSchema } },
    handler: async (request, reply) => reply.code(201).send(await users.add(request.body)),
  });
};
