import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, unauthorized } from '../http/errors.ts';
import type { OutletRegistry } from './credentials.ts';
import type { HeadOfficeUser, HeadOfficeUsers } from './users.ts';

/**
 * Who may call a head-office route: anyone, an outlet with its sync credential, or head office's
 * administration (a signed-in head-office user, or the administrator token for scripts).
 */
export type HeadOfficePermission = 'public' | 'outlet' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: HeadOfficePermission;
  }
  interface FastifyRequest {
    /** The outlet whose credential came with the request (routes with access 'outlet'). */
    syncOutlet?: { id: string; code: string };
    /** The signed-in head-office user (access 'admin' by session). */
    headOfficeUser?: HeadOfficeUser;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

export function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
}

/**
 * Every route declares its access; a route without one fails at start. Outlets present their own
 * credential; the administrator's token comes from the environment (never the repository).
 */
export function installHeadOfficeAuth(app: FastifyInstance, registry: OutletRegistry, users: HeadOfficeUsers, adminToken: string): void {
  const adminDigest = digest(adminToken);
  app.addHook('onRoute', (route) => {
    // Static files (the UIs) are public; every API route says who may call it.
    if (!route.config?.access && route.url.startsWith('/api')) {
      throw new Error(`route ${route.method} ${route.url} declares no access`);
    }
  });
  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const token = bearerOf(request);
    if (!token) throw unauthorized('Present a credential: Authorization: Bearer …');
    if (access === 'admin') {
      if (timingSafeEqual(digest(token), adminDigest)) return;
      const user = await users.userForToken(token);
      if (!user) throw new AppError(401, 'unauthenticated', 'Sign in first');
      request.headOfficeUser = user;
      return;
    }
    const outlet = await registry.outletForToken(token);
    if (!outlet) throw new AppError(401, 'credential-refused', 'Unknown or revoked outlet credential');
    request.syncOutlet = outlet;
  });
}
