import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Master data goes down: head office's administrator puts catalogue, rules and customers; outlets
// pull the changes after their cursor and sell with them. Real PostgreSQL, real outlet servers.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
const outlets: { server: TestServer; cashier: ApiClient }[] = [];
let pullToken: string;

const VAT = newId();
const DRINKS = newId();
const GOLD = newId();
const JUICE = newId();
const WATER = newId();
const ANNA = newId();
const PROMO = newId();
const JUICE_CODE = withCheckDigit('477000000001');

async function startOutlet(code: string) {
  const token = await headOffice.addOutlet(code);
  const server = await startTestServer({ outletCode: code, headOffice: { url: headOffice.url, token, batchSize: 3, intervalMs: 30, maxBackoffMs: 200 } });
  const cashier = await server.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  const outlet = { server, cashier };
  outlets.push(outlet);
  return outlet;
}

const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
async function latestSeq() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  return rows[0].seq as number;
}
/** Waits until the outlet has applied everything head office has logged so far. */
async function pulled(outlet: { cashier: ApiClient }) {
  const seq = await latestSeq();
  await expect.poll(async () => (await outlet.cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(seq);
}
const scan = async (outlet: { cashier: ApiClient }, code: string) => (await outlet.cashier.get(`/api/scan/${code}`)).body;

const juice = (price: number, barcodes = [JUICE_CODE]) => ({ sku: 'HO-JUICE-1L', name: 'Apple juice 1 l', categoryId: DRINKS, taxRateId: VAT, price, cost: 120, barcodes });

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('tax-rate', VAT, { code: 'HO-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await put('category', DRINKS, { code: 'HO-DRINKS', name: 'Drinks' })).status).toBe(204);
  expect((await put('customer-category', GOLD, { code: 'ho-gold', name: 'Chain gold', discountBp: 500 })).status).toBe(204);
  expect((await put('product', JUICE, juice(250))).status).toBe(204);
  expect((await put('customer', ANNA, { name: 'Anna Chain', phone: '37060000001', categoryId: GOLD, cards: ['HOCARD-0001'] })).status).toBe(204);
  expect((await put('discount-rule', PROMO, { rule: { name: 'Juice week', kind: 'promotion', productIds: [JUICE], percentBp: 1000 }, priority: 5 })).status).toBe(204);
  pullToken = await headOffice.addOutlet('PULL');
  await startOutlet('X1');
  await startOutlet('Y1');
});

afterAll(async () => {
  for (const o of outlets) await o.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe('master data from head office', () => {
  it('reaches every outlet, which sells with head office’s product, price, customer and rule', async () => {
    for (const outlet of outlets) {
      await pulled(outlet);
      const found = await scan(outlet, JUICE_CODE);
      expect(found).toMatchObject({ type: 'product', product: { id: JUICE, name: 'Apple juice 1 l', price: 250 } });
      expect(await scan(outlet, 'HOCARD-0001')).toMatchObject({ type: 'customer', customer: { id: ANNA, categoryCode: 'ho-gold' } });
    }
    const [x1] = outlets;
    const customer = (await scan(x1, 'HOCARD-0001')).customer;
    const product = (await scan(x1, JUICE_CODE)).product;
    const { request, priced } = await buildSale(x1.cashier, [{ product, quantityMilli: 2000 }], { customer });
    // 2 × 2.50 = 5.00; the chain's promotion and the gold category both apply through the shared pricing function.
    expect(priced.total).toBeLessThan(500);
    expect(priced.discountSummary.map((d) => d.reason).join(' ')).toMatch(/Juice week/);
    const sold = await x1.cashier.post('/api/sales', request);
    expect(sold.status).toBe(201);
    expect(sold.body.total).toBe(priced.total);
  });

  it('sends a price change and a barcode moved to another product', async () => {
    expect((await put('product', JUICE, juice(300))).status).toBe(204);
    expect((await put('product', WATER, { sku: 'HO-WATER', name: 'Still water', taxRateId: VAT, price: 90, barcodes: [JUICE_CODE] })).status).toBe(204);
    for (const outlet of outlets) {
      await pulled(outlet);
      expect((await scan(outlet, JUICE_CODE)).product).toMatchObject({ id: WATER, price: 90 });
      const row = await outlet.server.db.product.findUniqueOrThrow({ where: { id: JUICE }, include: { barcodes: true } });
      expect(row).toMatchObject({ price: 300, barcodes: [] });
    }
  });

  it('sends an outlet its own price, and the others the chain’s', async () => {
    expect((await headOffice.admin.put(`/api/head-office/outlets/Y1/prices/${JUICE}`, { price: 275 })).status).toBe(204);
    const [x1, y1] = outlets;
    for (const o of [x1, y1]) await pulled(o);
    expect((await x1.server.db.product.findUniqueOrThrow({ where: { id: JUICE } })).price).toBe(300);
    expect((await y1.server.db.product.findUniqueOrThrow({ where: { id: JUICE } })).price).toBe(275);
    expect((await headOffice.admin.put(`/api/head-office/outlets/Y1/prices/${newId()}`, { price: 1 })).body.error.fields[0].path).toBe('productId');
    expect((await headOffice.admin.put(`/api/head-office/outlets/Y1/prices/${JUICE}`, { price: null })).status).toBe(204);
    await pulled(y1);
    expect((await y1.server.db.product.findUniqueOrThrow({ where: { id: JUICE } })).price).toBe(300);
  });

  it('sends till users: for every outlet, then for one only, and signs them out when they change', async () => {
    const [x1, y1] = outlets;
    const lena = newId();
    expect((await put('user', lena, { login: 'lena.chain', name: 'Lena Chain', role: 'cashier' })).body.error.fields[0].path).toBe('body.pin');
    expect((await put('user', lena, { login: 'lena.chain', name: 'Lena Chain', role: 'cashier', pin: '7777', outletCode: 'NOPE' })).body.error.fields[0].path).toBe('body.outletCode');
    expect((await put('user', lena, { login: 'lena.chain', name: 'Lena Chain', role: 'cashier', pin: '7777' })).status).toBe(204);
    for (const o of [x1, y1]) await pulled(o);
    const atY = await y1.server.login('lena.chain', '7777');
    expect((await atY.get('/api/sync/status')).status).toBe(200);
    await x1.server.login('lena.chain', '7777');

    expect((await put('user', lena, { login: 'lena.chain', name: 'Lena Chain', role: 'senior_cashier', outletCode: 'Y1' })).status).toBe(204);
    for (const o of [x1, y1]) await pulled(o);
    expect((await atY.get('/api/sync/status')).status).toBe(401); // her role changed: sign in again
    expect((await y1.server.anonymous.post('/api/auth/login', { login: 'lena.chain', pin: '7777', registerCode: 'R1' })).body.user.role).toBe('senior_cashier');
    expect((await x1.server.anonymous.post('/api/auth/login', { login: 'lena.chain', pin: '7777', registerCode: 'R1' })).status).toBe(401); // not X1's any more
  });

  it('bootstraps a new outlet with the latest version of everything', async () => {
    const z1 = await startOutlet('Z1');
    await pulled(z1);
    expect(await z1.server.db.product.findUniqueOrThrow({ where: { id: JUICE } })).toMatchObject({ price: 300, sku: 'HO-JUICE-1L' });
    expect(await z1.server.db.discountRule.findUniqueOrThrow({ where: { id: PROMO } })).toMatchObject({ name: 'Juice week', kind: 'promotion', priority: 5 });
    expect(await z1.server.db.customerCard.findUniqueOrThrow({ where: { code: 'HOCARD-0001' } })).toMatchObject({ customerId: ANNA });
  });

  it('misses nothing written while outlets pull, however the writes interleave', async () => {
    const ids = Array.from({ length: 24 }, () => newId());
    await Promise.all(ids.map((id, i) => put('product', id, { sku: `HO-BULK-${i}`, name: `Bulk ${i}`, taxRateId: VAT, price: 100 + i })));
    for (const outlet of outlets) {
      await pulled(outlet);
      expect(await outlet.server.db.product.count({ where: { id: { in: ids } } })).toBe(ids.length);
    }
  });

  it('never lets a pull see a change before an earlier one has committed', async () => {
    const after = await latestSeq();
    // Products only: a customer's spend may be logged meanwhile by the ingest of an earlier sale.
    const pull = async () =>
      (await fetch(`${headOffice.url}/api/sync/pull?after=${after}`, { headers: { authorization: `Bearer ${pullToken}` } }).then((r) => r.json())).changes
        .filter((c: { entity: string }) => c.entity === 'product')
        .map((c: { id: string }) => c.id);
    // A writer that has taken its seq and not committed yet (what MasterData.put does inside its transaction).
    const slow = await headOffice.db.pool.connect();
    await slow.query('BEGIN');
    await slow.query('SELECT pg_advisory_xact_lock(727002)');
    await slow.query(`INSERT INTO "MasterChange" ("entity", "entityId") VALUES ('product', $1)`, [JUICE]);
    let done = false;
    const fast = put('product', WATER, { sku: 'HO-WATER', name: 'Still water 0.5 l', taxRateId: VAT, price: 95, barcodes: [JUICE_CODE] }).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false); // the second writer waits for the first
    expect(await pull()).toEqual([]);
    await slow.query('COMMIT');
    slow.release();
    expect((await fast).status).toBe(204);
    expect(await pull()).toEqual([JUICE, WATER]);
  });

  it('applies everything again from the start without changing anything', async () => {
    const [x1] = outlets;
    await pulled(x1);
    const before = await x1.server.db.product.findMany({ where: { sku: { startsWith: 'HO-' } }, include: { barcodes: true }, orderBy: { id: 'asc' } });
    await x1.server.db.syncCursor.update({ where: { name: 'master-data' }, data: { position: 0 } });
    await pulled(x1);
    const after = await x1.server.db.product.findMany({ where: { sku: { startsWith: 'HO-' } }, include: { barcodes: true }, orderBy: { id: 'asc' } });
    expect(after.map(({ updatedAt: _u, ...p }) => p)).toEqual(before.map(({ updatedAt: _u, ...p }) => p));
  });

  it('shows stock per outlet as the outlets’ documents moved it, a transfer between them included', async () => {
    const [x1, y1] = outlets;
    const [xManager, yManager] = await Promise.all([x1.server.login('manager', '2222'), y1.server.login('manager', '2222')]);
    expect((await xManager.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: JUICE, quantityMilli: 10_000, unitCost: 120 }] })).status).toBe(201);
    expect((await xManager.post('/api/stock/write-offs', { id: newId(), reason: 'damaged', lines: [{ productId: JUICE, quantityMilli: 1000 }] })).status).toBe(201);
    const sent = await xManager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'Y1', lines: [{ productId: JUICE, quantityMilli: 3000 }] });
    expect(sent.status).toBe(201);
    const note = (await xManager.get<any>(`/api/stock/transfers/${sent.body.id}/note`)).body;
    // Y takes X's notes by the key head office holds for X (from X's pushes).
    const xKey = (await xManager.get<any>('/api/stock/transfer-keys')).body.own.publicKey;
    await expect.poll(async () => (await yManager.get<any>('/api/stock/transfer-keys')).body.outlets, { timeout: 15_000 }).toContainEqual({ code: 'X1', name: 'Outlet X1', publicKey: xKey, source: 'head-office' });
    expect((await yManager.post('/api/stock/transfers/receive', { note, lines: [{ sku: 'HO-JUICE-1L', quantityMilli: 2000 }] })).status).toBe(201);
    const own = async (o: (typeof outlets)[number]) => (await o.server.db.stockBalance.findFirst({ where: { productId: JUICE } }))?.quantityMilli ?? 0;
    for (const o of [x1, y1]) await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000 }).toBe(0);
    const stock = (await headOffice.admin.get('/api/head-office/stock?q=apple juice')).body;
    const juiceRow = stock.rows.find((r: { id: string }) => r.id === JUICE);
    expect(juiceRow.byOutlet.X1).toBe(await own(x1));
    expect(juiceRow.byOutlet.Y1).toBe(await own(y1));
    expect(juiceRow.byOutlet.Y1).toBe(2000);
    expect((await headOffice.admin.get(`/api/head-office/stock?q=${JUICE_CODE}`)).body.rows.map((r: { id: string }) => r.id)).toEqual([WATER]);
    const transfers = (await headOffice.admin.get('/api/head-office/transfers?from=2000-01-01&to=2999-12-31')).body;
    expect(transfers).toEqual([expect.objectContaining({ id: sent.body.id, fromCode: 'X1', toCode: 'Y1', sentMilli: 3000, receivedMilli: 2000, unit: 'piece', cost: sent.body.totalCost })]);
    expect(transfers[0].receivedAt).not.toBeNull();
  });

  it('refuses bad master data naming the field, and writes none of it', async () => {
    const bad = await put('product', newId(), { ...juice(-5), sku: 'HO-BAD' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0].path).toBe('body.price');
    const orphan = await put('product', newId(), { ...juice(100), sku: 'HO-ORPHAN', taxRateId: newId(), barcodes: [] });
    expect(orphan.status).toBe(422);
    expect(orphan.body.error.fields[0].path).toBe('body.taxRateId');
    expect(await headOffice.db.prisma.product.count({ where: { sku: { in: ['HO-BAD', 'HO-ORPHAN'] } } })).toBe(0);
    expect((await put('planet', newId(), {})).status).toBe(400);
    expect((await headOffice.admin.request('PUT', `/api/head-office/master/product/${newId()}`, undefined, '{}')).body.error.fields.map((f: { path: string }) => f.path)).toContain('body.sku');
  });

  it('pulls only with an outlet’s credential', async () => {
    const res = await fetch(`${headOffice.url}/api/sync/pull?after=0`);
    expect(res.status).toBe(401);
  });
});
