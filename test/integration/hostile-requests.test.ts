import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
});
afterAll(() => server.close());

const envelope = (code: string) => ({ error: { code, message: expect.any(String), requestId: expect.any(String) } });

/** Sends bytes as they are (no client to tidy the URL) and returns the status line and the body. */
function rawRequest(text: string): Promise<{ status: number; body: unknown }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, body] = answer.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), body: JSON.parse(body) });
    });
  });
}

describe('requests the router and the HTTP parser refuse', () => {
  it('answers a bad percent-escape and a path parameter over the router\'s limit in the envelope', async () => {
    expect(await owner.get('/api/customers/%zz')).toEqual({ status: 400, body: envelope('bad-url') });
    // The router takes parameters up to three times the longest scanned code (percent-encoded GS1 DataMatrix).
    expect(await owner.get(`/api/customers/${'a'.repeat(10_000)}`)).toEqual({ status: 414, body: envelope('uri-too-long') });
  });

  it('answers a URL over the header limit in the envelope', async () => {
    const res = await rawRequest(`GET /api/customers?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(res).toEqual({ status: 431, body: envelope('headers-too-large') });
  });

  it('answers a body of a type the route does not take, or too large, in the envelope', async () => {
    const csv = await fetch(`${server.url}/api/customers`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' }, body: 'name\nx' });
    expect({ status: csv.status, body: await csv.json() }).toEqual({ status: 415, body: envelope('unsupported-media-type') });
    const huge = await owner.post('/api/customers', { name: 'x'.repeat(3 * 1024 * 1024) });
    expect(huge).toEqual({ status: 413, body: envelope('body-too-large') });
  });
});

describe('text that is not text', () => {
  it('refuses a NUL in a customer search or export, naming querystring.q', async () => {
    const refusal = { status: 400, body: { error: { code: 'invalid-input', message: 'querystring.q: contains a NUL character', fields: [{ path: 'querystring.q', message: 'contains a NUL character' }], requestId: expect.any(String) } } };
    expect(await owner.get('/api/customers/search?q=a%00b')).toEqual(refusal);
    expect(await owner.get('/api/customers/export?q=a%00b')).toEqual(refusal);
    expect((await owner.get('/api/customers/search?q=a')).status).toBe(200);
  });

  it('refuses a lone surrogate in a JSON body, naming the field, and stores nothing', async () => {
    const before = await server.db.discountRule.count();
    const res = await owner.request('POST', '/api/discount-rules', undefined, '{"rule":{"name":"Half \\ud800 price","kind":"promotion","percentBp":5000}}');
    expect(res).toEqual({ status: 400, body: { error: { code: 'invalid-input', message: 'body.rule.name: contains a lone surrogate (not Unicode text)', fields: [{ path: 'body.rule.name', message: 'contains a lone surrogate (not Unicode text)' }], requestId: expect.any(String) } } });
    expect(await server.db.discountRule.count()).toBe(before);
  });
});

describe('figures beyond one amount', () => {
  it('gives the X report and closes the shift after cash movements that add up past one amount', async () => {
    expect((await owner.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await owner.post('/api/shifts/current/cash-movements', { kind: 'in', amount: 1e12, reason: 'Safe' })).status).toBe(200);
    const x = await owner.get('/api/shifts/current/x-report');
    expect(x).toMatchObject({ status: 200, body: { cashIn: 2e12, expectedCash: 2e12 } });
    expect(await owner.post('/api/shifts/current/close', { countedCash: 0 })).toMatchObject({ status: 200, body: { reportKind: 'Z', difference: -2e12 } });
  });

  it('returns half of a line with an odd discount so that the return line adds up like the sale line', async () => {
    expect((await owner.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
    const row = await server.db.product.findFirstOrThrow({ where: { kind: 'goods', unit: 'piece', plu: null, discountable: true, price: { gt: 100, lt: 2400 } }, orderBy: { sku: 'asc' } });
    const product = (await findProducts(owner, row.sku)).find((p) => p.id === row.id)!;
    const { request } = await buildSale(owner, [{ product, quantityMilli: 2000, manualDiscount: { kind: 'amount', amount: 71, reason: 'Dented' } }]);
    const sale = await owner.post('/api/sales', request);
    expect(sale.status).toBe(201);
    expect(sale.body.lines[0]).toMatchObject({ grossAmount: 2 * product.price, discountAmount: 71 });

    const refund = await owner.post('/api/returns', { id: newId(), originalSaleId: sale.body.id, lines: [{ saleLineId: sale.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(refund.status).toBe(201);
    const line = await server.db.saleLine.findFirstOrThrow({ where: { saleId: refund.body.id } });
    expect({ gross: line.grossAmount, discount: line.discountAmount, amount: line.amount }).toEqual({ gross: product.price, discount: 35, amount: product.price - 35 });
    const stored = await server.db.sale.findUniqueOrThrow({ where: { id: refund.body.id }, include: { payments: true } });
    expect(stored.subtotal - stored.discountTotal).toBe(stored.total);
    expect(stored.payments.reduce((s, p) => s + p.amount, 0)).toBe(stored.total);
  });

  it('refuses a pre-order that totals more than one sale can, and stores nothing', async () => {
    const customer = await owner.post('/api/customers', { name: 'Big Orderer' });
    const res = await owner.post('/api/pre-orders', { id: newId(), customerId: customer.body.id, lines: [{ description: 'Gold bars', quantityMilli: 258_781_800, unitPrice: 785_796_722_186 }] });
    expect(res).toMatchObject({ status: 422, body: { error: { code: 'order-too-large', fields: [{ path: 'lines' }] } } });
    expect(await server.db.preOrder.count({ where: { customerId: customer.body.id } })).toBe(0);
  });

  it('refuses a report for a day that does not exist, naming the field', async () => {
    const res = await owner.get('/api/reports/sales?from=2026-02-30&to=2026-03-01');
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid-input', fields: [{ path: 'querystring.from' }] } } });
    expect((await owner.get('/api/audit?from=7226-69-41')).status).toBe(400);
  });
});
