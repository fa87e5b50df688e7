import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import {
  ApprovalRequestSchema,
  ApprovalResponseSchema,
  LoginRequestSchema,
  LoginResponseSchema,
  SessionViewSchema,
} from '../../shared/schemas/auth.ts';
import { ErrorEnvelopeSchema, OkSchema } from '../../shared/schemas/common.ts';
import { LOCALE_CODES, type Locale } from '../../shared/locales.ts';
import { z } from 'zod';
import type { Permission } from '../../shared/permissions.ts';
import { bearerToken, callerOf } from './plugin.ts';
import type { AuthService } from './service.ts';
import { errorResponses } from '../http/errors.ts';

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; loginRateLimit: number }> = async (app, { auth, loginRateLimit }) => {
  await app.register(rateLimit, { global: false });

  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { summary: 'Signs in at a register with a PIN, or to the back office with a password', operationId: 'login', tags: ['auth'], body: LoginRequestSchema, response: { 200: LoginResponseSchema, ...errorResponses(422, 423, 429), 401: ErrorEnvelopeSchema.describe('The login, PIN or password is wrong') } },
    handler: (request) => auth.login(request.body),
  });

  app.post('/api/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { summary: 'Ends the current session', operationId: 'logout', tags: ['auth'], response: { 200: OkSchema } },
    handler: async (request) => {
      await auth.logout(bearerToken(request)!);
      return { ok: true as const };
    },
  });

  app.get('/api/auth/session', {
    config: { permission: 'authenticated' },
    schema: { summary: 'The signed-in user, their rights and register', operationId: 'getSession', tags: ['auth'], response: { 200: SessionViewSchema } },
    handler: (request) => auth.sessionView(callerOf(request)),
  });

  app.put('/api/auth/locale', {
    config: { permission: 'authenticated' },
    schema: { description: "The signed-in user's language, for both UIs and their receipts.", summary: "Sets the signed-in user's language", operationId: 'setLocale', tags: ['auth'], body: z.object({ locale: z.enum(LOCALE_CODES as [Locale, ...Locale[]]) }), response: { 200: OkSchema } },
    handler: async (request) => {
      await auth.setLocale(callerOf(request), bearerToken(request)!, request.body.locale);
      return { ok: true as const };
    },
  });

  app.post('/api/approvals', {
    config: { permission: 'authenticated', rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { summary: "A supervisor's PIN authorises one act at the register", operationId: 'createApproval', tags: ['auth'], body: ApprovalRequestSchema, response: { 200: ApprovalResponseSchema, ...errorResponses(423, 429), 401: ErrorEnvelopeSchema.describe("Not signed in, or the supervisor's login or PIN is wrong"), 403: ErrorEnvelopeSchema.describe('The supervisor may not authorise this act') } },
    handler: (request) => auth.approve(callerOf(request), request.body.action as Permission, request.body.login, request.body.pin),
  });
};
