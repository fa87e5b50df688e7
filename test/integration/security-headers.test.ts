import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { rawRequest } from '../support/raw-http.ts';
import { expectSecurityHeaders } from '../support/security-headers.ts';

let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ uiDir: path.resolve('dist/ui') });
  token = (await server.login('owner', '1111')).token!;
});
afterAll(() => server?.close());

describe('security headers on the outlet', () => {
  it('come with every UI page and file, every API answer, refusals and "no such route" included', async () => {
    const pages = ['/pos-ui/', '/pos-ui/display.html', '/backoffice-ui/', '/', '/api/unsubscribe?c=x&ch=email&t=0123456789'];
    const api = ['/api/health', '/api/openapi.json', '/api/users', '/api/no-such-route', '/%61pi/customers/export'];
    for (const url of [...pages, ...api]) expectSecurityHeaders(`GET ${url}`, (await rawRequest(server.url, { method: 'GET', path: url })).headers);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec((await rawRequest(server.url, { method: 'GET', path: '/backoffice-ui/' })).body)![1];
    expectSecurityHeaders(`GET ${asset}`, (await rawRequest(server.url, { method: 'GET', path: asset })).headers);
    expectSecurityHeaders('GET /api/users as the owner', (await rawRequest(server.url, { method: 'GET', path: '/api/users', headers: { authorization: `Bearer ${token}` } })).headers);
    expectSecurityHeaders('POST /api/sales with bad input', (await rawRequest(server.url, { method: 'POST', path: '/api/sales', headers: { authorization: `Bearer ${token}` }, body: '{"lines":' })).headers);
  });
});
