import type { FastifyContextConfig, FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from './errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Deliberately open to anyone (health, sign-in, the UIs' files); every other route is private. */
    public?: boolean;
  }
}

/** How one server admits the caller of a private route. */
export interface AccessPolicy {
  /** Whether a private route's declaration says who may call it. */
  declares(config: FastifyContextConfig): boolean;
  /** Admits the caller presenting this bearer token to the matched (declared) route, or throws 401/403. */
  admit(request: FastifyRequest, token: string): Promise<void>;
}

/** The token of an `Authorization: Bearer …` header; the scheme is case-insensitive (RFC 7235). */
export function bearerToken(request: FastifyRequest): string | null {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

/**
 * Access is part of each route's declaration and decided on the route the router matched, in
 * onRequest: before the body is read, and never from the URL text (which has many spellings that
 * all reach the same handler). Every route is private unless it says `public: true`, and one that
 * declares nothing admits no one.
 */
export function installRouteAccess(app: FastifyInstance, policy: AccessPolicy): void {
  app.addHook('onRoute', (route) => {
    // A lint at start-up for the API: a route that forgot its declaration is refused at request time
    // anyway, but it should not get as far as a running server.
    const config = route.config ?? {};
    if (route.url.startsWith('/api') && !config.public && !policy.declares(config)) {
      throw new Error(`Route ${route.method} ${route.url} declares neither public nor who may call it`);
    }
  });

  app.addHook('onRequest', async (request) => {
    if (request.is404 || request.routeOptions.config.public) return;
    const token = bearerToken(request);
    if (!token) throw unauthorized();
    if (!policy.declares(request.routeOptions.config)) throw forbidden('not-permitted', 'This route declares no access: it is open to no one', undefined, { variant: 'undeclared' });
    await policy.admit(request, token);
  });
}
