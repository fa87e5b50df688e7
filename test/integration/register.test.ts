import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { newId } from '../../shared/ids.ts';

let server: TestServer;
let cashier: ApiClient;

async function anyProduct(skip = 0): Promise<ProductView> {
  const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' }, skip, take: 1 });
  return (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
}

beforeAll(async () => {
  server = await startTestServer();
  cashier = await server.login('boris', '4444', 'R1');
});
afterAll(() => server?.close());

describe('the API surface', () => {
  it('answers health without a session', async () => {
    const res = await server.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('publishes an OpenAPI 3 document with an operationId on every operation and bearer security on all but public ones', async () => {
    const res = await server.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(res.body.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const open = operations.filter((o) => !o.op.security).map((o) => `${o.method} ${o.path}`);
    // Deliberately public: health, login, pairing a register by the owner's one-time code, and the signed unsubscribe link customers follow from a message.
    expect(open.sort()).toEqual(['get /api/health', 'get /api/unsubscribe', 'post /api/auth/login', 'post /api/registers/pair', 'post /api/unsubscribe']);
  });

  it('refuses every protected route without a session, in the error envelope', async () => {
    const spec = (await server.anonymous.get('/api/openapi.json')).body;
    for (const [path, ops] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.security) continue;
        const url = path.replace(/\{[^}]+\}/g, newId());
        const res = await server.anonymous.request(method.toUpperCase(), url, method === 'get' ? undefined : {});
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    }
  });

  it('refuses a cashier what their role may not do', async () => {
    const res = await cashier.post('/api/register/line-voids', { saleId: newId(), lineId: newId(), productId: newId(), name: 'x', quantityMilli: 1000, amount: 100 });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('approval-required');
  });
});

describe('signing in', () => {
  it('rejects a wrong PIN and locks the user out after five', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await server.anonymous.post('/api/auth/login', { login: 'vera', pin: '0000' });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid-credentials');
    }
    expect((await server.anonymous.post('/api/auth/login', { login: 'vera', pin: '0000' })).status).toBe(401);
    const locked = await server.anonymous.post('/api/auth/login', { login: 'vera', pin: '5555' });
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('locked');
    expect(await server.db.auditLog.count({ where: { action: 'user-locked-out' } })).toBe(1);
  });

  it('names the field of a malformed login', async () => {
    const res = await server.anonymous.post('/api/auth/login', { login: 'anna', pin: '12a4' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('body.pin');
  });

  it('ends the session at logout', async () => {
    const client = await server.login('anna', '3333');
    expect((await client.get('/api/auth/session')).status).toBe(200);
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/auth/session')).status).toBe(401);
  });

  it('never stores PINs in clear', async () => {
    const users = await server.db.user.findMany();
    for (const u of users) expect(u.pinHash).toMatch(/^scrypt\$/);
  });
});

describe('shifts, cash and reports', () => {
  it('refuses to sell before a shift is open', async () => {
    const { request } = await buildSale(cashier, [{ product: await anyProduct(), quantityMilli: 1000 }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('no-open-shift');
  });

  it('runs a shift: float, sales, a return, cash out, X report, then Z report with counted vs expected cash', async () => {
    expect((await cashier.get('/api/shifts/current')).body.shift).toBeNull();
    const opened = await cashier.post('/api/shifts', { openingFloat: 5_000 });
    expect(opened.status).toBe(201);
    expect((await cashier.post('/api/shifts', { openingFloat: 5_000 })).body.error.code).toBe('shift-already-open');

    const cashSale = await buildSale(cashier, [{ product: await anyProduct(1), quantityMilli: 2000 }]);
    const cardSale = await buildSale(cashier, [{ product: await anyProduct(2), quantityMilli: 1000 }], { tenders: (t) => [{ method: 'card', amount: t }] });
    const s1 = (await cashier.post('/api/sales', cashSale.request)).body;
    const s2 = (await cashier.post('/api/sales', cardSale.request)).body;
    const returnId = newId();
    const refund = Math.round(s1.lines[0].amount / 2);
    const approval = await cashier.post('/api/approvals', { action: 'refund', documentId: returnId, amount: refund, login: 'manager', pin: '2222' });
    const ret = await cashier.post('/api/returns', {
      id: returnId, originalSaleId: s1.id, lines: [{ saleLineId: s1.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash', approvalId: approval.body.approvalId,
    });
    expect(ret.status).toBe(201);
    // Paying cash out is a manager's (the cashier's own register's shift).
    const manager = await server.login('manager', '2222', 'R1');
    expect((await manager.post('/api/shifts/current/cash-movements', { kind: 'out', amount: 1_000, reason: 'Bank deposit' })).status).toBe(200);

    const x = await cashier.get('/api/shifts/current/x-report');
    expect(x.status).toBe(200);
    expect(x.body).toMatchObject({ reportKind: 'X', salesCount: 2, returnsCount: 1, salesTotal: s1.total + s2.total, returnsTotal: ret.body.total });
    const expectedCash = 5_000 + s1.total - ret.body.total - 1_000;
    expect(x.body.expectedCash).toBe(expectedCash);
    expect(x.body.tenders).toEqual([
      { method: 'cash', sales: s1.total, refunds: ret.body.total },
      { method: 'card', sales: s2.total, refunds: 0 },
    ]);
    const taxGross = x.body.taxes.reduce((s: number, t: any) => s + t.gross, 0);
    expect(taxGross).toBe(s1.total + s2.total - ret.body.total);

    const z = await cashier.post('/api/shifts/current/close', { countedCash: expectedCash - 50 });
    expect(z.status).toBe(200);
    expect(z.body).toMatchObject({ reportKind: 'Z', expectedCash, countedCash: expectedCash - 50, difference: -50 });
    expect((await cashier.get('/api/shifts/current')).body.shift).toBeNull();
    const stored = await server.db.shift.findUniqueOrThrow({ where: { id: opened.body.id } });
    expect(stored.closedAt).not.toBeNull();
    expect(JSON.parse(stored.zReport!).difference).toBe(-50);
    // A new shift starts the receipt numbering again and gets the next number.
    const next = await cashier.post('/api/shifts', { openingFloat: 0 });
    expect(next.body.number).toBe(opened.body.number + 1);
  });
});

describe('parked sales', () => {
  it('parks a cart, lists it, resumes it once', async () => {
    const product = await anyProduct(3);
    const cart = { customer: null, lines: [{ lineId: newId(), product, quantityMilli: 2000, unitPrice: product.price }] };
    const parked = await cashier.post('/api/parked', { label: 'Lady in red coat', cart });
    expect(parked.status).toBe(201);
    const list = await cashier.get('/api/parked');
    expect(list.body.items.map((p: any) => p.label)).toContain('Lady in red coat');
    const resumed = await cashier.post(`/api/parked/${parked.body.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(resumed.body.cart.lines[0].product.name).toBe(product.name);
    expect(resumed.body.cart.lines[0].quantityMilli).toBe(2000);
    expect((await cashier.post(`/api/parked/${parked.body.id}/resume`)).status).toBe(404);
    expect((await cashier.get('/api/parked')).body.items).toHaveLength(0);
  });
});

describe('voiding a line', () => {
  it('audits a void authorised by a supervisor PIN', async () => {
    const product = await anyProduct(4);
    const cart = { saleId: newId(), lineId: newId() };
    const use = await cashier.post('/api/approvals', { action: 'void-line', documentId: cart.saleId, lineId: cart.lineId, amount: product.price, login: 'manager', pin: '2222' });
    const res = await cashier.post('/api/register/line-voids', { ...cart, productId: product.id, name: product.name, quantityMilli: 1000, amount: product.price, approvalId: use.body.approvalId });
    expect(res.status).toBe(200);
    const entry = await server.db.auditLog.findFirstOrThrow({ where: { action: 'void-line' } });
    expect(entry.approvedById).toBe(use.body.approver.id);
    expect(JSON.parse(entry.details).name).toBe(product.name);
  });
});

describe('finding things at the register', () => {
  it('finds products by part of a Cyrillic name, case-insensitively', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { name: { contains: 'о' } } });
    const word = row.name.split(' ')[0];
    const res = await cashier.get(`/api/products/search?q=${encodeURIComponent(word.toUpperCase())}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: any) => p.id)).toContain(row.id);
  });

  it('finds a customer by phone typed in any format', async () => {
    const row = await server.db.customer.findFirstOrThrow({ where: { phone: { startsWith: '+370' } } });
    const digits = row.phone!.slice(1);
    for (const q of [row.phone!, digits, `+370 ${digits.slice(3, 6)} ${digits.slice(6)}`]) {
      const res = await cashier.get(`/api/customers/search?q=${encodeURIComponent(q)}`);
      expect(res.body.items.map((c: any) => c.id), q).toContain(row.id);
    }
  });

  it('answers 404 in the envelope for an unknown code', async () => {
    const res = await cashier.get('/api/scan/0000000000000');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not-found');
  });
});
