import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthorized } from '../http/errors.ts';
import type { AuthService } from './service.ts';
import type { AuthContext } from './context.ts';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  return header.slice(7).trim() || null;
}

/**
 * Every API route must say whether it is public or which permission it needs; a route that says
 * neither fails at start-up, so nothing is exposed by omission.
 */
export function installAuth(app: FastifyInstance, auth: AuthService): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const config = route.config as { public?: boolean; permission?: string } | undefined;
    if (!config?.public && !config?.permission) {
      throw new Error(`Route ${route.method} ${route.url} declares neither public nor a permission`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || config?.public || !config?.permission) return;
    const token = bearerToken(request);
    if (!token) throw unauthorized();
    const context = await auth.authenticate(token);
    if (config.permission !== 'authenticated' && !context.permissions.includes(config.permission)) {
      throw forbidden('not-permitted', `Your role (${context.role}) may not do this (${config.permission})`);
    }
    request.auth = context;
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
