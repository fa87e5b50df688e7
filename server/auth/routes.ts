import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
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
import { bearerToken } from '../http/access.ts';
import { callerOf } from './plugin.ts';
import type { AuthService, Client } from './service.ts';

const DEVICE_COOKIE = 'till_device';

/** Who is attempting: the address, and the device cookie a browser got at an earlier sign-in. */
export const clientOf = (request: FastifyRequest): Client => ({ address: request.ip, deviceToken: request.cookies[DEVICE_COOKIE] ?? null });
import { errorResponses } from '../http/errors.ts';
import { RegisterSignInRequestSchema } from '../../shared/schemas/register-touch.ts';
import { pairedRegisterOf } from './plugin.ts';

/** The session of a sign-in, with the browser's device cookie set: only the server reads it (HttpOnly), only on this site (SameSite), for about a year. */
function signedIn(request: FastifyRequest, reply: FastifyReply, { deviceToken, ...session }: Awaited<ReturnType<AuthService['login']>>) {
  reply.setCookie(DEVICE_COOKIE, deviceToken, { path: '/api', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https', maxAge: 400 * 86_400 });
  return session;
}

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; loginRateLimit: number }> = async (app, { auth, loginRateLimit }) => {
  app.post('/api/auth/login', {
    config: { public: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: { summary: 'Signs in at a register with a PIN, or to the back office with a password', operationId: 'login', tags: ['auth'], body: LoginRequestSchema, response: { 200: LoginResponseSchema, ...errorResponses(422, 423, 429), 401: ErrorEnvelopeSchema.describe('The login, PIN or password is wrong') } },
    handler: async (request, reply) => signedIn(request, reply, await auth.login(request.body, clientOf(request))),
  });

  app.post('/api/registers/this/sign-in', {
    config: { pairedRegister: true, rateLimit: { max: loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      description: "At a paired register (its register token as the bearer token): the PIN of the user whose tile was tapped, or the PIN alone where the owner allows it. Wrong PINs back off as at /api/auth/login.",
      summary: 'Signs in at a paired register by tile and PIN, or by PIN alone',
      operationId: 'signInAtRegister', tags: ['auth'], body: RegisterSignInRequestSchema,
      response: { 200: LoginResponseSchema, ...errorResponses(422, 423, 429), 401: ErrorEnvelopeSchema.describe('The PIN is wrong, or this browser is not a paired register') },
    },
    handler: async (request, reply) => signedIn(request, reply, await auth.loginAtRegister(pairedRegisterOf(request), request.body, clientOf(request))),
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
    schema: { description: "A supervisor's PIN approves one act of the caller: bound to the document (sale, return or pre-order id), its line and the amount or share, within the supervisor's own limits; used once, within five minutes.", summary: "A supervisor's PIN authorises one act at the register", operationId: 'createApproval', tags: ['auth'], body: ApprovalRequestSchema, response: { 200: ApprovalResponseSchema, ...errorResponses(423, 429), 403: ErrorEnvelopeSchema.describe('The login or PIN is wrong, or that supervisor may not authorise this act (the two look alike)') } },
    handler: (request) => {
      const { login, pin, ...act } = request.body;
      return auth.approve(callerOf(request), act, login, pin, clientOf(request));
    },
  });
};
