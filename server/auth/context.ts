import type { Permission, Role } from '../../shared/permissions.ts';

/** Who is calling, attached to every authenticated request. */
export interface AuthContext {
  sessionId: string;
  userId: string;
  userName: string;
  login: string;
  role: Role;
  locale: string | null;
  registerId: string | null;
  permissions: readonly Permission[];
  /** How far the role goes without a supervisor (the owner's matrix). */
  limits: { refundLimit: number | null; discountLimitBp: number | null };
}

declare module 'fastify' {
  interface FastifyRequest {
    auth?: AuthContext;
  }
  interface FastifyContextConfig {
    /** Permission the caller needs; 'authenticated' for any signed-in user. */
    permission?: Permission | 'authenticated';
    /** The route also admits a scraper presenting the configured metrics token (POS_METRICS_TOKEN) instead of a session. */
    metricsToken?: boolean;
  }
}
