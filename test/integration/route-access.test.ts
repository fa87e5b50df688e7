import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { largeJson, rawRequest, sendPartOfALargeBody } from '../support/raw-http.ts';
import { probeWithoutAccess, routesOf, sampleUrl, type KnownRoute } from '../support/route-probe.ts';

// An attacker on the shop's network with no credential, a made-up one or a signed-out one, trying
// every route the outlet server has in every spelling of its path. The built UIs are served, so
// the public file route is there to fall into as well.
const UI_DIR = path.resolve('dist/ui');
const MB = 1024 * 1024;

/** The only routes anyone may call; every other one must be refused without a credential. */
const PUBLIC_ROUTES = ['GET /', 'GET /*', 'GET /api/health', 'GET /api/openapi.json', 'POST /api/auth/login', 'POST /api/registers/pair', 'GET /api/unsubscribe', 'POST /api/unsubscribe'].flatMap((route) =>
  route.startsWith('GET ') ? [route, route.replace('GET', 'HEAD')] : [route],
);

let server: TestServer;
let routes: KnownRoute[];
let revokedToken: string;
let ownerToken: string;
let undeclaredRan = 0;
let forgottenApiRoute: unknown;

/** Every row of every table, hashed, read on a connection of its own: any write by a handler changes it. */
function databaseDigest(): string {
  const file = new Database(path.join(server.dir, 'outlet.db'), { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const { name } of file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]) {
      hash.update(name).update(JSON.stringify(file.prepare(`SELECT * FROM "${name}"`).all()));
    }
    return hash.digest('hex');
  } finally {
    file.close();
  }
}

beforeAll(async () => {
  server = await startTestServer({
    uiDir: UI_DIR,
    // Routes that forgot to say who may call them: outside /api, and in it.
    beforeListen: (app) => {
      app.get('/internal/undeclared', async () => ({ ran: ++undeclaredRan }));
      try {
        app.get('/api/forgotten', async () => 'open');
      } catch (err) {
        forgottenApiRoute = err;
      }
    },
  });
  routes = routesOf(server.app);
  const signedOut = await server.login('owner', '1111');
  expect((await signedOut.post('/api/auth/logout')).status).toBe(200);
  revokedToken = signedOut.token!;
  ownerToken = (await server.login('owner', '1111')).token!;
});
afterAll(() => server?.close());

describe('access decided by the matched route', () => {
  it('knows every route from the router and refuses all but the declared public few without a valid credential, in every spelling, running no handler', async () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(keys.length).toBeGreaterThan(150);
    expect(keys).toEqual(expect.arrayContaining([...PUBLIC_ROUTES, 'GET /api/users', 'GET /api/customers/export', 'POST /api/suppliers']));
    // The public ones answer without a credential (the test's list is no wider than the server's).
    for (const route of PUBLIC_ROUTES.filter((r) => !r.startsWith('HEAD'))) {
      const [method, url] = route.split(' ');
      const res = await rawRequest(server.url, { method, path: sampleUrl(url), body: method === 'POST' ? '{}' : undefined });
      expect([route, res.status]).not.toEqual([route, 401]);
    }

    const before = databaseDigest();
    const audits = await server.db.auditLog.count();
    const leaks = await probeWithoutAccess(
      server.url,
      // The route planted without a declaration has a test of its own below.
      routes.filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.url}`) && r.url !== '/internal/undeclared'),
      {
        'made-up': 'Bearer 6f1c0a3e9d2b4c5a8e7f6a5b4c3d2e1f',
        'signed out': `bearer ${revokedToken}`,
        'not bearer': `Basic ${ownerToken}`,
      },
    );
    expect(leaks).toEqual([]);
    expect(await server.db.auditLog.count()).toBe(audits);
    expect(databaseDigest()).toBe(before);
  }, 120_000);

  it('refuses a route that declares no access (not open by omission), and an /api route without one does not start', async () => {
    const anonymous = await rawRequest(server.url, { method: 'GET', path: '/internal/undeclared' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const signedIn = await rawRequest(server.url, { method: 'GET', path: '/internal/undeclared', headers: { authorization: `Bearer ${ownerToken}` } });
    expect([signedIn.status, signedIn.body.error.code]).toEqual([403, 'not-permitted']);
    expect(undeclaredRan).toBe(0);
    expect(String(forgottenApiRoute)).toMatch(/GET \/api\/forgotten declares neither public nor/);
  });

  it('takes the Bearer scheme in any case (RFC 7235)', async () => {
    const { token } = await server.login('anna', '3333');
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const res = await rawRequest(server.url, { method: 'GET', path: '/api/auth/session', headers: { authorization: `${scheme} ${token}` } });
      expect([scheme, res.status]).toEqual([scheme, 200]);
    }
  });
});

describe('authentication before the body is read', () => {
  it('answers 401 to a 30 MB body without a credential while the body is still on its way, in any spelling', async () => {
    for (const path of ['/api/suppliers', '/%61pi/suppliers', '/api/customers/import/templates']) {
      const method = path.endsWith('templates') ? 'PUT' : 'POST';
      const answer = await sendPartOfALargeBody(server.url, method, path, {}, 30 * MB, MB);
      expect([path, answer.answered]).toEqual([path, 'before-the-body-was-sent']);
      if (answer.answered === 'before-the-body-was-sent') expect([path, answer.response.status, answer.response.body.error.code]).toEqual([path, 401, 'unauthenticated']);
    }
  });

  it('answers 401, not "too large", when the whole 30 MB arrives, and to a signed-out session too', async () => {
    for (const headers of [{}, { authorization: `Bearer ${revokedToken}` }] as Record<string, string>[]) {
      const full = await rawRequest(server.url, { method: 'POST', path: '/%61pi/suppliers', headers, body: largeJson(30 * MB) });
      expect([full.status, full.body.error.code]).toEqual([401, 'unauthenticated']);
      const partial = await sendPartOfALargeBody(server.url, 'POST', '/%61pi/stock/deliveries', headers, 30 * MB, MB);
      expect(partial.answered === 'before-the-body-was-sent' && partial.response.status).toBe(401);
    }
  });
});
