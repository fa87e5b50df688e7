import type http from 'node:http';
import { expect } from 'vitest';

/** The policy a page or an answer must carry: only 'self', no inline script or style, never framed. */
export function expectSecurityHeaders(what: string, headers: http.IncomingHttpHeaders): void {
  const policy = String(headers['content-security-policy'] ?? '');
  const directives = new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
  expect({ what, nosniff: headers['x-content-type-options'], framing: headers['x-frame-options'] }).toEqual({ what, nosniff: 'nosniff', framing: 'DENY' });
  expect({ what, directives: Object.fromEntries(['default-src', 'script-src', 'style-src', 'frame-ancestors', 'object-src'].map((d) => [d, directives.get(d)])) }).toEqual({
    what,
    directives: { 'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'frame-ancestors': "'none'", 'object-src': "'none'" },
  });
}
