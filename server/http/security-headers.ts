import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Security headers on every answer, the UIs' pages and the API alike. The UIs are built files on
 * the same origin as their API, so the policy allows only 'self': no inline script or style, no
 * other origin, and no page may frame them (a page frames only its own blob: documents: PDF previews).
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // The print-form editor shows its preview, a PDF the page fetched, in a frame of its own.
        frameSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    // TLS ends at the reverse proxy in front of head office and outlets serve plain HTTP on the
    // shop's network: whether a host is HTTPS-only is the proxy's to say, not this server's.
    strictTransportSecurity: false,
  });
}
