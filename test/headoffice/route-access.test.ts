import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, databaseDigest, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { largeJson, rawRequest, sendPartOfALargeBody } from '../support/raw-http.ts';
import { probeWithoutAccess, routesOf, sampleUrl, type KnownRoute } from '../support/route-probe.ts';
import { expectSecurityHeaders } from '../support/security-headers.ts';

// Head office on the internet, tried with no credential, made-up ones, a revoked outlet credential
// and a signed-out head-office user, on every route its router knows, in every spelling. Real
// PostgreSQL; the built UIs are served (head office's default).
const MB = 1024 * 1024;
const PUBLIC_ROUTES = ['GET /', 'HEAD /', 'GET /*', 'HEAD /*', 'GET /api/health', 'HEAD /api/health', 'POST /api/auth/login'];

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let routes: KnownRoute[];
let outletToken: string;
let revokedOutletToken: string;
let signedOutUserToken: string;
let undeclaredRan = 0;
let forgottenApiRoute: unknown;

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url, 0, (app) => {
    app.get('/internal/undeclared', async () => ({ ran: ++undeclaredRan }));
    try {
      app.get('/api/forgotten', async () => 'open');
    } catch (err) {
      forgottenApiRoute = err;
    }
  });
  routes = routesOf(headOffice.app);
  outletToken = await headOffice.addOutlet('VLN-1');
  revokedOutletToken = await headOffice.addOutlet('KNS-1');
  expect((await headOffice.admin.post('/api/head-office/outlets/KNS-1/revoke')).status).toBe(200);
  expect((await headOffice.admin.post('/api/head-office/users', { login: 'hanna', name: 'Hanna Head', password: 'head-office-pass' })).status).toBe(201);
  const signIn = await headOffice.admin.post<{ token: string }>('/api/auth/login', { login: 'hanna', password: 'head-office-pass' });
  signedOutUserToken = signIn.body.token;
  expect((await rawRequest(headOffice.url, { method: 'POST', path: '/api/auth/logout', headers: { authorization: `Bearer ${signedOutUserToken}` } })).status).toBe(204);
});

afterAll(async () => {
  await headOffice?.close();
  await database?.drop();
});

describe('head office decides access on the matched route', () => {
  it('knows every route from the router and refuses all but the declared public few without a valid credential, in every spelling, running no handler', async () => {
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    expect(keys).toEqual(expect.arrayContaining([...PUBLIC_ROUTES, 'POST /api/sync/push', 'GET /api/head-office/outlets', 'POST /api/head-office/users']));
    for (const route of PUBLIC_ROUTES.filter((r) => !r.startsWith('HEAD'))) {
      const [method, url] = route.split(' ');
      const res = await rawRequest(headOffice.url, { method, path: sampleUrl(url), body: method === 'POST' ? '{}' : undefined });
      expect([route, res.status]).not.toEqual([route, 401]);
    }

    const before = await databaseDigest(database.url);
    const leaks = await probeWithoutAccess(
      headOffice.url,
      // The route planted without a declaration has a test of its own below.
      routes.filter((r) => !PUBLIC_ROUTES.includes(`${r.method} ${r.url}`) && r.url !== '/internal/undeclared'),
      {
        'made-up': 'Bearer 6f1c0a3e9d2b4c5a8e7f6a5b4c3d2e1f',
        'revoked outlet': `bearer ${revokedOutletToken}`,
        'signed-out user': `Bearer ${signedOutUserToken}`,
        'not bearer': `Basic ${outletToken}`,
      },
    );
    expect(leaks).toEqual([]);
    expect(await databaseDigest(database.url)).toBe(before);
  }, 120_000);

  it('refuses a route that declares no access, and an /api route without one does not start', async () => {
    expect((await rawRequest(headOffice.url, { method: 'GET', path: '/internal/undeclared' })).status).toBe(401);
    const withAdmin = await rawRequest(headOffice.url, { method: 'GET', path: '/internal/undeclared', headers: { authorization: `Bearer ${headOffice.admin.token}` } });
    expect([withAdmin.status, withAdmin.body.error.code]).toEqual([403, 'not-permitted']);
    expect(undeclaredRan).toBe(0);
    expect(String(forgottenApiRoute)).toMatch(/GET \/api\/forgotten declares neither public nor/);
  });

  it('takes the Bearer scheme in any case, for the administrator and for outlets', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const admin = await rawRequest(headOffice.url, { method: 'GET', path: '/api/head-office/outlets', headers: { authorization: `${scheme} ${headOffice.admin.token}` } });
      const outlet = await rawRequest(headOffice.url, { method: 'GET', path: '/api/sync/pull', headers: { authorization: `${scheme} ${outletToken}` } });
      expect([scheme, admin.status, outlet.status]).toEqual([scheme, 200, 200]);
    }
  });

  it('sends security headers with its UI and its API', async () => {
    for (const url of ['/headoffice-ui/', '/', '/api/health', '/api/head-office/outlets', '/api/no-such-route']) {
      expectSecurityHeaders(`GET ${url}`, (await rawRequest(headOffice.url, { method: 'GET', path: url })).headers);
    }
  });
});

describe('head office authenticates before reading the body', () => {
  it('answers 401 to a 30 MB push without a credential or with a revoked one while the body is still on its way', async () => {
    for (const [who, headers, code] of [
      ['nobody', {}, 'unauthenticated'],
      ['a revoked outlet', { authorization: `Bearer ${revokedOutletToken}` }, 'credential-refused'],
      ['a signed-out user', { authorization: `Bearer ${signedOutUserToken}` }, 'credential-refused'],
    ] as [string, Record<string, string>, string][]) {
      const answer = await sendPartOfALargeBody(headOffice.url, 'POST', '/api/sync/push', headers, 30 * MB, MB);
      expect([who, answer.answered]).toEqual([who, 'before-the-body-was-sent']);
      if (answer.answered === 'before-the-body-was-sent') expect([who, answer.response.status, answer.response.body.error.code]).toEqual([who, 401, code]);
    }
  });

  it('answers 401, not the schema\'s details, when a whole 30 MB push arrives without a credential', async () => {
    const res = await rawRequest(headOffice.url, { method: 'POST', path: '/api/sync/push', body: largeJson(30 * MB) });
    expect([res.status, res.body.error.code, res.body.error.fields]).toEqual([401, 'unauthenticated', undefined]);
  });

  it('refuses a signed-out head-office user before a large master-data body', async () => {
    const headers = { authorization: `Bearer ${signedOutUserToken}` };
    const path = '/api/head-office/master/products/01970000-0000-7000-8000-000000000001';
    const full = await rawRequest(headOffice.url, { method: 'PUT', path, headers, body: largeJson(30 * MB) });
    expect([full.status, full.body.error.code]).toEqual([401, 'unauthenticated']);
    const partial = await sendPartOfALargeBody(headOffice.url, 'PUT', path, headers, 30 * MB, MB);
    expect(partial.answered === 'before-the-body-was-sent' && partial.response.status).toBe(401);
  });
});
