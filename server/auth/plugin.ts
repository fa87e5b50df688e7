import type { FastifyInstance, FastifyRequest } from 'fastify';
import { installRouteAccess } from '../http/access.ts';
import { AppError, forbidden } from '../http/errors.ts';
import type { AuthService } from './service.ts';
import type { AuthContext } from './context.ts';

/**
 * Every outlet route is private unless it is declared public, and a private route names the
 * permission it needs ('authenticated' for any signed-in user).
 */
export function installAuth(app: FastifyInstance, auth: AuthService): void {
  installRouteAccess(app, {
    declares: (config) => config.permission !== undefined,
    async admit(request, token) {
      const context = await auth.authenticate(token);
      const { permission } = request.routeOptions.config;
      if (permission !== 'authenticated' && !context.permissions.includes(permission!)) {
        throw forbidden('not-permitted', `Your role (${context.role}) may not do this (${permission})`, undefined, { role: context.role, permission });
      }
      request.auth = context;
    },
  });
}

/** The caller of an authenticated route (the onRequest hook guarantees it is set). */
export function callerOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new AppError(401, 'unauthenticated', 'Sign in first');
  return request.auth;
}

/** The register the caller signed in at, required by register-only routes. */
export function registerOf(request: FastifyRequest): string {
  const id = callerOf(request).registerId;
  if (!id) throw new AppError(409, 'no-register', 'This session is not bound to a register: sign in at a register');
  return id;
}
