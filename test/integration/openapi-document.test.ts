import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

type Operation = {
  operationId: string;
  summary?: string;
  security?: unknown[];
  parameters?: { in: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: { $ref?: string } }> }>;
};

let server: TestServer;
let owner: ApiClient;
let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, any> } };
let operations: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  server = await startTestServer({ productCount: 20 });
  owner = await server.login('owner', '1111');
  doc = (await server.anonymous.get('/api/openapi.json')).body;
  operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path: p, op })));
});
afterAll(() => server.close());

describe('GET /api/openapi.json', () => {
  it('gives every operation a one-line summary of its own', () => {
    expect(operations.length).toBeGreaterThan(100);
    const without = operations.filter(({ op }) => !op.summary || op.summary.includes('\n')).map(({ op }) => op.operationId);
    expect(without).toEqual([]);
    const summaries = operations.map(({ op }) => op.summary);
    expect(new Set(summaries).size).toBe(summaries.length);
  });

  it('documents the error envelope for every error an operation gives, with 401 only where a session is needed', () => {
    expect(doc.components.schemas.ErrorEnvelope).toMatchObject({
      properties: { error: { required: expect.arrayContaining(['code', 'message', 'requestId']) } },
      required: ['error'],
    });
    const problems: string[] = [];
    for (const { method, path: p, op } of operations) {
      const codes = Object.keys(op.responses).map(Number);
      const where = `${method} ${p}`;
      if (!codes.some((c) => c >= 200 && c < 300)) problems.push(`${where}: no success answer`);
      for (const code of codes.filter((c) => c >= 400)) {
        if (op.responses[code].content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorEnvelope') problems.push(`${where} ${code}: not the envelope`);
      }
      const isPublic = !op.security;
      // A public operation needs no session; only sign-in answers 401, for wrong credentials.
      if (isPublic && (codes.includes(403) || (codes.includes(401) && op.operationId !== 'login'))) problems.push(`${where}: public, yet 401/403`);
      if (!isPublic && !codes.includes(401)) problems.push(`${where}: no 401`);
      if (op.parameters?.some((x) => x.in === 'path') && !(codes.includes(400) && codes.includes(414))) problems.push(`${where}: path parameters without 400 and 414`);
      if (['POST', 'PUT', 'DELETE'].includes(method) && !(codes.includes(413) && codes.includes(415))) problems.push(`${where}: a body may come, yet no 413 and 415`);
    }
    expect(problems).toEqual([]);
    const publicOnes = operations.filter(({ op }) => !op.security).map(({ op }) => op.operationId).sort();
    expect(publicOnes).toEqual(['confirmUnsubscribe', 'getHealth', 'login', 'pairRegister', 'unsubscribe']);
    expect(doc.paths['/api/auth/login'].post.responses[401]).toMatchObject({ description: 'The login, PIN or password is wrong' });
  });

  it('documents the body of each import as a file', () => {
    for (const id of ['previewCustomerImport', 'importCustomers', 'previewProductImport', 'importProducts']) {
      const op = operations.find((o) => o.op.operationId === id)!.op;
      expect(Object.keys(op.requestBody?.content ?? {}), id).toEqual(expect.arrayContaining(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']));
    }
  });

  it('yields a typed client (openapi-typescript) that real answers of the server type-check against', async () => {
    const customer = await owner.post('/api/customers', { name: 'Typed Client', phone: '+370 611 99999' });
    expect(customer.status).toBe(201);
    const profile = await owner.get(`/api/customers/${customer.body.id}`);
    const missing = await owner.get(`/api/customers/${newId()}`);
    const refused = await owner.post('/api/customers', { name: '' });
    expect([profile.status, missing.status, refused.status]).toEqual([200, 404, 400]);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-typed-client-'));
    try {
      fs.writeFileSync(path.join(dir, 'till-api.ts'), astToString(await openapiTS(doc as never)));
      // Real answers as literals: excess or missing properties and wrong types are compile errors.
      fs.writeFileSync(
        path.join(dir, 'use.ts'),
        `import type { components, paths } from './till-api';
type Profile = paths['/api/customers/{id}']['get']['responses'][200]['content']['application/json'];
type NotFound = paths['/api/customers/{id}']['get']['responses'][404]['content']['application/json'];
type Invalid = paths['/api/customers']['post']['responses'][400]['content']['application/json'];
type NewCustomer = paths['/api/customers']['post']['requestBody']['content']['application/json'];
type Envelope = components['schemas']['ErrorEnvelope'];

export const profile = ${JSON.stringify(profile.body)} satisfies Profile;
export const notFound = ${JSON.stringify(missing.body)} satisfies NotFound;
export const invalid: Envelope = ${JSON.stringify(refused.body)} satisfies Invalid;
export const input: NewCustomer = { name: 'Typed Client', phone: '+370 611 99999' };
export const code: string = notFound.error.code;
// @ts-expect-error the generated types are not any: a customer's name is text
export const wrong: number = profile.name;
`,
      );
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', types: [], lib: ['ES2022'] }, files: ['use.ts'] }));
      const tsc = path.resolve(import.meta.dirname, '../../node_modules/typescript/bin/tsc');
      const result = await promisify(execFile)(process.execPath, [tsc, '-p', dir]).then(
        () => ({ ok: true, output: '' }),
        (err: { stdout: string; stderr: string }) => ({ ok: false, output: `${err.stdout}${err.stderr}` }),
      );
      expect(result.output).toBe('');
      expect(result.ok).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
