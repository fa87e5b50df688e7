import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { installRouteAccess } from '../http/access.ts';
import { AppError, unauthorized } from '../http/errors.ts';
import type { OutletRegistry } from './credentials.ts';
import type { HeadOfficeUser, HeadOfficeUsers } from './users.ts';

/**
 * Who may call a private head-office route: an outlet with its sync credential, or head office's
 * administration (a signed-in head-office user, or the administrator token for scripts).
 */
export type HeadOfficeAccess = 'outlet' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: HeadOfficeAccess;
  }
  interface FastifyRequest {
    /** The outlet whose credential came with the request (routes with access 'outlet'). */
    syncOutlet?: { id: string; code: string };
    /** The signed-in head-office user (access 'admin' by session). */
    headOfficeUser?: HeadOfficeUser;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Every head-office route is private unless declared public, and a private one says who may call
 * it. Outlets present their own credential; the administrator's token comes from the environment
 * (never the repository).
 */
export function installHeadOfficeAuth(app: FastifyInstance, registry: OutletRegistry, users: HeadOfficeUsers, adminToken: string): void {
  const adminDigest = digest(adminToken);
  installRouteAccess(app, {
    declares: (config) => config.access !== undefined,
    async admit(request, token) {
      const { access } = request.routeOptions.config;
      if (access === 'admin') {
        if (timingSafeEqual(digest(token), adminDigest)) return;
        const user = await users.userForToken(token);
        if (!user) throw unauthorized();
        request.headOfficeUser = user;
        return;
      }
      const outlet = await registry.outletForToken(token);
      if (!outlet) throw new AppError(401, 'credential-refused', 'Unknown or revoked outlet credential');
      request.syncOutlet = outlet;
    },
  });
}
