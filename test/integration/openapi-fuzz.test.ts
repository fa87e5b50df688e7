import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ATTEMPTS, DatabaseWatch, type Fingerprint } from '../support/fuzz/database-watch.ts';
import { BROKEN_JSON, CONTENT_TYPES, HOSTILE_FILES, HOSTILE_QUERY, HOSTILE_SEGMENTS, HOSTILE_STRINGS, jsonText, mutated } from '../support/fuzz/hostile.ts';
import { schemaValue, type JsonSchema, type ValueContext } from '../support/fuzz/schema-values.ts';
import { runShopActivity } from '../support/fuzz/shop-activity.ts';

/**
 * Walks the served OpenAPI document and sends every operation, as an owner and as a cashier,
 * valid requests made from its schemas (with ids of records that exist) and hostile ones: wrong
 * types, missing and extra fields, huge strings, deep nesting, NaN and 1e308, negative and
 * fractional money, `__proto__`, SQL and FTS syntax, NUL and odd Unicode, wrong content types,
 * broken JSON, bad path segments. It fails on any 5xx, any error outside the envelope, any status
 * the document does not list, any change a refused request left in the database, and any broken
 * sum (documents and their totals, stock and its movements, day figures and documents) after an
 * accepted one. A fixed seed makes a failure come back: FUZZ_SEED and FUZZ_CASES override it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 1204);
const CASES = Number(process.env.FUZZ_CASES ?? 16);
/** FUZZ_LOG=1 prints the server's error log (what a 500 was) while the fuzzer runs. */
const LOG = process.env.FUZZ_LOG === '1';

type Caller = 'owner' | 'cashier';
interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What kind of case it is, for the summary and the failure report. */
  kind: string;
}
interface Operation {
  method: string;
  template: string;
  operationId: string;
  spec: {
    parameters?: { in: 'path' | 'query'; name: string; required?: boolean; schema: JsonSchema }[];
    requestBody?: { content: Record<string, { schema: JsonSchema }>; required?: boolean };
    responses: Record<string, { content?: Record<string, unknown> }>;
    security?: unknown[];
  };
}
interface Failure {
  problem: string;
  operationId: string;
  caller: Caller;
  request: FuzzRequest;
  status: number;
  answer: string;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Operations whose refusal counts the attempt (a wrong PIN, a wrong pairing code, an unknown gift-card code looked up or paid with): that write is the point. */
const COUNTS_ATTEMPTS = new Set(['login', 'signInAtRegister', 'pairRegister', 'createApproval', 'getGiftCard', 'createSale']);
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Real records behind a path parameter, by route. */
const PATH_KEYS: [RegExp, string][] = [
  [/^\/api\/customers\/\{id\}/, 'SELECT id FROM "Customer"'],
  [/^\/api\/products\/\{id\}|^\/api\/stock\/levels\/|\{productId\}/, 'SELECT id FROM "Product"'],
  [/^\/api\/sales\/by-number\//, 'SELECT number FROM "Sale"'],
  [/^\/api\/sales\/\{id\}/, 'SELECT id FROM "Sale"'],
  [/^\/api\/scan\//, 'SELECT code FROM "Barcode" UNION ALL SELECT code FROM "CustomerCard"'],
  [/^\/api\/discount-rules\//, 'SELECT id FROM "DiscountRule"'],
  [/^\/api\/gift-cards\//, 'SELECT code FROM "GiftCard"'],
  [/^\/api\/customer-categories\//, 'SELECT code FROM "CustomerCategory"'],
  [/^\/api\/campaigns\//, 'SELECT id FROM "Campaign"'],
  [/^\/api\/imports\//, 'SELECT id FROM "ImportRun"'],
  [/\/import\/templates\//, 'SELECT id FROM "ImportTemplate"'],
  [/^\/api\/parked\//, 'SELECT id FROM "ParkedSale"'],
  [/^\/api\/print-jobs\//, 'SELECT id FROM "PrintJob"'],
  [/^\/api\/devices\/config\//, 'SELECT id FROM "Device"'],
  [/^\/api\/stock\/(documents|counts|transfers)\//, 'SELECT id FROM "StockDocument"'],
  [/^\/api\/suppliers\/\{id\}/, 'SELECT id FROM "Supplier"'],
  [/^\/api\/purchase-orders\//, 'SELECT id FROM "PurchaseOrder"'],
  [/^\/api\/pre-orders\//, 'SELECT id FROM "PreOrder"'],
  [/^\/api\/tax-rates\//, 'SELECT code FROM "TaxRate"'],
  // The fuzzer's own registers are left out: retiring them would end the fuzzer's sessions.
  [/^\/api\/registers\//, `SELECT id FROM "Register" WHERE code NOT IN ('R1', 'R2')`],
  // The fuzzer's own users are left out: changing them would end the fuzzer's sessions.
  [/^\/api\/users\//, `SELECT id FROM "User" WHERE login NOT LIKE 'fuzz-%'`],
];

/** Real records behind a body or query field, by the field's name. */
const FIELD_KEYS: Record<string, string> = {
  customerId: 'SELECT id FROM "Customer"',
  keepId: 'SELECT id FROM "Customer"',
  mergeId: 'SELECT id FROM "Customer"',
  c: 'SELECT id FROM "Customer"',
  productId: 'SELECT id FROM "Product"',
  productIds: 'SELECT id FROM "Product"',
  categoryId: 'SELECT id FROM "Category"',
  categoryIds: 'SELECT id FROM "Category"',
  categoryCode: 'SELECT code FROM "CustomerCategory"',
  supplierId: 'SELECT id FROM "Supplier"',
  originalSaleId: 'SELECT id FROM "Sale"',
  saleLineId: 'SELECT id FROM "SaleLine"',
  preOrderId: 'SELECT id FROM "PreOrder"',
  preOrderLineId: 'SELECT id FROM "PreOrderLine"',
  lineId: 'SELECT id FROM "PreOrderLine"',
  approvalId: 'SELECT id FROM "Approval"',
  registerId: 'SELECT id FROM "Register"',
  cashierId: 'SELECT id FROM "User"',
  userId: 'SELECT id FROM "User"',
  code: 'SELECT code FROM "GiftCard"',
  card: 'SELECT code FROM "CustomerCard"',
  // Wrong PINs lock a user out: the fuzzer's own users must keep signing in.
  login: `SELECT login FROM "User" WHERE login NOT LIKE 'fuzz-%'`,
  // A document's own id is its idempotency key: a replay, or another kind of document's id.
  id: 'SELECT id FROM "Sale" UNION ALL SELECT id FROM "StockDocument" UNION ALL SELECT id FROM "PreOrder" UNION ALL SELECT id FROM "PurchaseOrder"',
};

function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    // A lone surrogate has no UTF-8 form: send the bytes a careless encoder would (CESU-8).
    return value.replace(/[\ud800-\udfff]/g, '\u0000').split('\u0000').map(encodeURIComponent).join('%ED%A0%80');
  }
}

function queryText(values: unknown): string {
  if (values === null || typeof values !== 'object' || Array.isArray(values)) return `value=${encodeComponent(jsonText(values))}`;
  return Object.entries(values as Record<string, unknown>)
    .map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(typeof v === 'string' ? v : jsonText(v))}`)
    .join('&');
}

function envelopeProblem(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error !== 'object' || Object.keys(body as object).length !== 1) return 'no { error } at the top';
  const extra = Object.keys(error).filter((k) => !['code', 'message', 'fields', 'details', 'requestId'].includes(k));
  if (extra.length) return `unexpected keys ${extra.join(', ')}`;
  if (typeof error.code !== 'string' || !KEBAB.test(error.code)) return `code ${JSON.stringify(error.code)} is not kebab-case`;
  if (typeof error.message !== 'string' || !error.message) return 'no message';
  if (typeof error.requestId !== 'string') return 'no requestId';
  if (error.fields !== undefined && (!Array.isArray(error.fields) || !error.fields.every((f) => typeof f?.path === 'string' && typeof f?.message === 'string'))) return 'fields are not { path, message }';
  if (error.details !== undefined && (typeof error.details !== 'object' || error.details === null || Array.isArray(error.details))) return 'details is not an object';
  return null;
}

let server: TestServer;
let watch: DatabaseWatch;
let doc: { paths: Record<string, Record<string, Operation['spec'] & { operationId: string }>>; components?: { schemas?: Record<string, JsonSchema> } };
const tokens: Record<Caller, string> = { owner: '', cashier: '' };
const CALLERS: Record<Caller, { login: string; pin: string; register: string }> = {
  owner: { login: 'fuzz-owner', pin: '8642', register: 'R1' },
  cashier: { login: 'fuzz-cashier', pin: '7531', register: 'R2' },
};

async function signIn(caller: Caller): Promise<void> {
  const { login, pin, register } = CALLERS[caller];
  tokens[caller] = (await server.login(login, pin, register)).token!;
}

beforeAll(async () => {
  server = await startTestServer(LOG ? { logger: { level: 'error' } } : {});
  const demoOwner = await server.login('owner', '1111');
  for (const caller of ['owner', 'cashier'] as const) {
    const res = await demoOwner.post('/api/users', { login: CALLERS[caller].login, name: `Fuzz ${caller}`, role: caller, pin: CALLERS[caller].pin });
    if (res.status !== 201) throw new Error(`user ${caller}: ${res.status}`);
    await signIn(caller);
  }
  await runShopActivity(server, new ApiClient(server.url, tokens.owner), new ApiClient(server.url, tokens.cashier));
  watch = new DatabaseWatch(path.join(server.dir, 'outlet.db'));
  doc = (await server.anonymous.get('/api/openapi.json')).body;
}, 120_000);

afterAll(async () => {
  watch?.close();
  await server?.close();
});

/** Sale and return bodies that pass every check, made the way the register makes them. */
async function realisticBodies(operationId: string, caller: Caller): Promise<unknown[]> {
  const api = new ApiClient(server.url, tokens[caller]);
  if (operationId === 'createSale') {
    const rows = await server.db.product.findMany({ where: { kind: 'goods', active: true }, orderBy: { sku: 'asc' }, take: 6 });
    const products = (await Promise.all(rows.map(async (r) => (await findProducts(api, r.sku)).find((p) => p.id === r.id)))).filter((p) => p !== undefined);
    if (products.length < 2) return [];
    return Promise.all(
      [0, 1, 2, 3].map(async (i) => (await buildSale(api, [{ product: products[i % products.length], quantityMilli: 1000 + i * 250 }, { product: products[(i + 1) % products.length], quantityMilli: 1000 }], { tenders: i % 2 ? (t) => [{ method: 'card', amount: t }] : undefined })).request),
    );
  }
  if (operationId === 'createReturn') {
    const sales = await server.db.sale.findMany({ where: { kind: 'sale' }, include: { lines: true }, orderBy: { createdAt: 'desc' }, take: 4 });
    return sales.flatMap((s, i) =>
      ['cash', 'card', 'gift-card', 'points'].slice(i % 2, (i % 2) + 3).map((refundMethod) => ({ id: newId(), originalSaleId: s.id, lines: [{ saleLineId: s.lines[0].id, quantityMilli: Math.min(1000, s.lines[0].quantityMilli) }], refundMethod })),
    );
  }
  return [];
}

function operationsOf(): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, methods]) => Object.entries(methods).map(([method, spec]) => ({ method: method.toUpperCase(), template, operationId: spec.operationId, spec })));
}

/** Every request this operation gets: valid ones, and ones with a hostile part. */
function requestsFor(op: Operation, realistic: unknown[], seed: number, count: number): FuzzRequest[] {
  const keys = (sql: string | undefined) => (sql ? watch.keys(sql) : []);
  const fieldCtx: ValueContext = {
    resolve: (ref) => doc.components!.schemas![ref.replace('#/components/schemas/', '')],
    realKeys: (field) => keys(FIELD_KEYS[field]),
  };
  const parameters = op.spec.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const bodySchema = op.spec.requestBody?.content['application/json']?.schema;
  const fileTypes = Object.keys(op.spec.requestBody?.content ?? {}).filter((t) => t !== 'application/json');
  const takesBody = BODY_METHODS.has(op.method);

  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => {
        const real = keys(PATH_KEYS.find(([re]) => re.test(op.template) && (p.name !== 'productId' || re.source.includes('productId')))?.[1]);
        const made = schemaValue(p.schema, { ...fieldCtx, realKeys: () => [] }) as fc.Arbitrary<string>;
        return [p.name, real.length ? fc.oneof({ arbitrary: fc.constantFrom(...real), weight: 7 }, { arbitrary: made, weight: 3 }) : made];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const querySchema: JsonSchema = { type: 'object', properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])), required: queryParams.filter((p) => p.required).map((p) => p.name) };
  const queryValues = schemaValue(querySchema, fieldCtx);
  const fromSchema = bodySchema ? schemaValue(bodySchema, fieldCtx) : fc.constant(undefined);
  const bodyValues = realistic.length ? fc.oneof(fc.constantFrom(...realistic), fromSchema) : fromSchema;

  const url = (params: Record<string, string>, query: string) => {
    const filled = op.template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '');
    return query ? `${filled}?${query}` : filled;
  };
  const encoded = (params: Record<string, string>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeComponent(v)]));
  const jsonRequest = (params: Record<string, string>, query: unknown, body: unknown, kind: string): FuzzRequest => ({
    method: op.method,
    url: url(encoded(params), queryParams.length ? queryText(query) : ''),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : jsonText(body),
    kind,
  });

  const kinds: fc.WeightedArbitrary<FuzzRequest>[] = [
    { weight: 4, arbitrary: fc.tuple(pathValues, queryValues, bodyValues).map(([p, q, b]) => jsonRequest(p, q, takesBody ? b ?? (bodySchema ? undefined : {}) : undefined, 'valid')) },
  ];
  if (bodySchema) {
    kinds.push({ weight: 5, arbitrary: fc.tuple(pathValues, queryValues, mutated(bodyValues)).map(([p, q, b]) => jsonRequest(p, q, b, 'hostile body')) });
  }
  if (fileTypes.length) {
    kinds.push({
      weight: 5,
      arbitrary: fc.tuple(pathValues, queryValues, fc.constantFrom(...HOSTILE_FILES), fc.constantFrom(...fileTypes)).map(([p, q, file, type]) => ({ ...jsonRequest(p, q, undefined, `file as ${type}`), headers: { 'content-type': type }, body: file })),
    });
  }
  if (takesBody) {
    kinds.push(
      { weight: 1, arbitrary: fc.tuple(pathValues, queryValues, fc.constantFrom(...BROKEN_JSON)).map(([p, q, text]) => ({ ...jsonRequest(p, q, undefined, 'broken JSON'), headers: { 'content-type': 'application/json' }, body: text })) },
      {
        weight: 1,
        arbitrary: fc.tuple(pathValues, queryValues, bodyValues, fc.constantFrom(...CONTENT_TYPES)).map(([p, q, b, type]) => ({ ...jsonRequest(p, q, undefined, `content type ${type || '(empty)'}`), headers: { 'content-type': type }, body: jsonText(b ?? {}) })),
      },
      { weight: 1, arbitrary: fc.tuple(pathValues, queryValues).map(([p, q]) => ({ ...jsonRequest(p, q, undefined, 'body over the limit'), headers: { 'content-type': 'application/json' }, body: JSON.stringify({ note: 'x'.repeat(2.5 * 1024 * 1024) }) })) },
      { weight: 1, arbitrary: fc.tuple(pathValues, queryValues).map(([p, q]) => ({ ...jsonRequest(p, q, undefined, 'invalid UTF-8'), headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]) })) },
    );
  }
  if (queryParams.length) {
    kinds.push(
      { weight: 2, arbitrary: fc.tuple(pathValues, mutated(queryValues), bodyValues).map(([p, q, b]) => jsonRequest(p, q, takesBody ? b : undefined, 'hostile query')) },
      {
        weight: 3,
        arbitrary: fc.tuple(pathValues, queryValues, fc.constantFrom(...queryParams.map((q) => q.name)), fc.constantFrom(...HOSTILE_STRINGS), bodyValues).map(([p, q, name, text, b]) =>
          jsonRequest(p, { ...(q as object), [name]: text }, takesBody ? b : undefined, `hostile ${name}`),
        ),
      },
    );
  }
  kinds.push({
    weight: 1,
    arbitrary: fc.tuple(pathValues, queryValues, bodyValues, fc.constantFrom(...HOSTILE_QUERY)).map(([p, q, b, raw]) => {
      const r = jsonRequest(p, q, takesBody ? b : undefined, `raw query ${raw.slice(0, 30)}`);
      // The raw piece takes the place of a parameter of the same name, so `q=a%00b` is the search itself.
      const [base, query = ''] = r.url.split('?');
      const name = raw.split('=')[0];
      const kept = query.split('&').filter((pair) => pair && pair.split('=')[0] !== name);
      return { ...r, url: `${base}?${[...kept, raw].join('&')}` };
    }),
  });
  if (pathParams.length) {
    kinds.push({
      weight: 2,
      arbitrary: fc.tuple(pathValues, fc.constantFrom(...pathParams.map((p) => p.name)), fc.constantFrom(...HOSTILE_SEGMENTS), queryValues, bodyValues).map(([p, name, segment, q, b]) => {
        const r = jsonRequest(p, q, takesBody ? b : undefined, `hostile path segment ${segment.slice(0, 20)}`);
        const params = { ...encoded(p), [name]: segment };
        return { ...r, url: url(params, r.url.split('?')[1] ?? '') };
      }),
    });
  }
  // An operation that takes nothing has few requests worth sending.
  const runs = parameters.length || takesBody ? count : Math.min(count, 3);
  return fc.sample(fc.oneof(...kinds), { seed, numRuns: runs });
}

async function send(caller: Caller, request: FuzzRequest): Promise<{ status: number; contentType: string; text: string }> {
  const res = await fetch(server.url + request.url, { method: request.method, headers: { ...request.headers, authorization: `Bearer ${tokens[caller]}` }, body: Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : request.body });
  const contentType = res.headers.get('content-type') ?? '';
  // An event stream never ends: its answer is the status and the type.
  if (contentType.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, text: '' };
  }
  return { status: res.status, contentType, text: await res.text() };
}

function describeRequest(caller: Caller, r: FuzzRequest): string {
  const body = r.body === undefined ? '' : Buffer.isBuffer(r.body) ? ` <bytes ${r.body.toString('hex')}>` : ` ${r.body.length > 600 ? `${r.body.slice(0, 600)}… (${r.body.length} characters)` : r.body}`;
  return `${caller}: ${r.method} ${r.url.length > 300 ? `${r.url.slice(0, 300)}…` : r.url} [${r.kind}] ${JSON.stringify(r.headers)}${body}`;
}

describe('the OpenAPI document, fuzzed as an owner and as a cashier', () => {
  it('answers every operation without a 5xx, in the envelope, with a documented status, and leaves nothing behind a refused request', async () => {
    const operations = operationsOf();
    expect(operations.length).toBeGreaterThan(100);
    const failures = new Map<string, Failure & { times: number }>();
    const fail = (f: Failure) => {
      const key = `${f.operationId} ${f.caller} ${f.problem.split(':')[0]} ${f.status}`;
      const seen = failures.get(key);
      if (seen) seen.times++;
      else failures.set(key, { ...f, times: 1 });
    };
    const summary: string[] = [];
    let total = 0;

    expect(watch.brokenSums(), 'the sums hold after the shop activity').toEqual([]);
    // A broken sum stays broken: each is reported once, at the request that broke it.
    const broken = new Set<string>();
    let version = watch.version();
    let fingerprint: Fingerprint = watch.fingerprint();

    for (const [index, op] of operations.entries()) {
      for (const caller of ['owner', 'cashier'] as const) {
        const realistic = await realisticBodies(op.operationId, caller);
        const requests = requestsFor(op, realistic, SEED + index * 2 + (caller === 'cashier' ? 1 : 0), CASES);
        const statuses = new Map<number, number>();
        for (const request of requests) {
          total++;
          let answer: { status: number; contentType: string; text: string };
          try {
            answer = await send(caller, request);
          } catch (err) {
            fail({ problem: `no answer: ${(err as Error).message}`, operationId: op.operationId, caller, request, status: 0, answer: '' });
            continue;
          }
          const { status, contentType, text } = answer;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const report = (problem: string) => fail({ problem, operationId: op.operationId, caller, request, status, answer: text.slice(0, 500) });
          if (status >= 500) report('server error');

          const documented = op.spec.responses[String(status)];
          // Answers given before any route is matched (no such path, a URL over 16 KB) belong to no operation.
          const routed = !/"code":"(route-not-found|headers-too-large)"/.test(text);
          if (routed && !documented) report('status not in the document');
          if (status >= 400) {
            const isJson = contentType.startsWith('application/json');
            const documentedOther = !isJson && documented?.content && Object.keys(documented.content).some((t) => contentType.startsWith(t));
            const problem = documentedOther ? null : envelopeProblem(text);
            if (problem) report(`outside the envelope: ${problem}`);
          }

          const now = watch.version();
          if (now !== version) {
            const next = watch.fingerprint();
            if (status >= 300) {
              const changed = DatabaseWatch.changedTables(fingerprint, next).filter((t) => !(t === ATTEMPTS.key && COUNTS_ATTEMPTS.has(op.operationId)));
              if (changed.length) report(`refused but changed: ${changed.join(', ')}`);
            } else {
              const fresh = watch.brokenSums().filter((p) => !broken.has(p));
              if (fresh.length) report(`sums broken: ${fresh.slice(0, 5).join('; ')}`);
              fresh.forEach((p) => broken.add(p));
            }
            version = now;
            fingerprint = next;
          }
          // A logout (or a change to the fuzzer's role) may have ended the session: sign in again.
          if (status === 401 && !COUNTS_ATTEMPTS.has(op.operationId)) {
            await signIn(caller);
            version = watch.version();
            fingerprint = watch.fingerprint();
          }
        }
        summary.push(`${op.operationId.padEnd(28)} ${caller.padEnd(8)} ${String(requests.length).padStart(3)}  ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      }
    }

    console.log(`OpenAPI fuzz, seed ${SEED}, ${CASES} cases per operation and caller: ${total} requests to ${operations.length} operations\n${summary.join('\n')}`);
    const report = [...failures.values()].map((f) => `${f.problem} (${f.operationId}, ×${f.times})\n  ${describeRequest(f.caller, f.request)}\n  → ${f.status} ${f.answer}`);
    expect(report, `${report.length} kinds of failure (seed ${SEED}):\n${report.join('\n')}`).toEqual([]);
  }, 600_000);
});
