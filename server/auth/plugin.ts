import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { installRouteAccess } from '../http/access.ts';
import { AppError, forbidden } from '../http/errors.ts';
import type { AuthService } from './service.ts';
import type { AuthContext } from './context.ts';
import type { PairedRegisterRef } from '../registers/touch-service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The register whose paired browser calls (routes declaring `pairedRegister`). */
    pairedRegister?: PairedRegisterRef;
  }
  interface FastifyContextConfig {
    /** Called by a paired register's browser with its register token, before anyone signs in. */
    pairedRegister?: boolean;
  }
}

/**
 * Every outlet route is private unless it is declared public, and a private route names the
 * permission it needs ('authenticated' for any signed-in user), or that a paired register calls it
 * (its register token as the bearer token).
 */
export function installAuth(app: FastifyInstance, auth: AuthService, registers: { byToken(token: string): Promise<PairedRegisterRef> }, metricsToken: string | null = null): void {
  installRouteAccess(app, {
    declares: (config) => config.permission !== undefined || config.pairedRegister === true,
    async admit(request, token) {
      if (request.routeOptions.config.metricsToken && metricsToken && sameToken(token, metricsToken)) return;
      if (request.routeOptions.config.pairedRegister) {
        request.pairedRegister = await registers.byToken(token);
        return;
      }
      const context = await auth.authenticate(token);
      const { permission } = request.routeOptions.config;
      if (permission !== 'authenticated' && !context.permissions.includes(permission!)) {
        throw forbidden('not-permitted', `Your role (${context.role}) may not do this (${permission})`, undefined, { role: context.role, permission });
      }
      request.auth = context;
    },
  });
}

/** Compares a presented token with the configured one in constant time. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The caller of an authenticated route (the onRequest hook guarantees it is set). */
export function callerOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError(401, 'unauthenticated', 'Sign in first');
  return request.auth;
}

/** The paired register calling a `pairedRegister` route (the onRequest hook guarantees it is set). */
export function pairedRegisterOf(request: FastifyRequest): PairedRegisterRef {
  if (!request.pairedRegister) throw new AppError(401, 'unauthenticated', 'Pair this register first', undefined, { variant: 'unpaired' });
  return request.pairedRegister;
}

/** The register the caller signed in at, required by register-only routes. */
export function registerOf(request: FastifyRequest): string {
  const id = callerOf(request).registerId;
  if (!id) throw new AppError(409, 'no-register', 'This session is not bound to a register: sign in at a register');
  return id;
}
