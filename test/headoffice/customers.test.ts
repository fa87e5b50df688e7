import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { newSigningKey, publicKeyOf } from '../../server/stock/note-signing.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Customers are shared by the chain: created or edited at any till, merged at head office field by
// field, sent back to every outlet with what they spent at the others. Real PostgreSQL, real outlets.
interface Outlet {
  code: string;
  server: TestServer;
  cashier: ApiClient;
  manager: ApiClient;
}
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let x: Outlet;
let y: Outlet;
let pushToken: string;
const SILVER = newId();
/** The outlet pushing by hand shows head office an id and key of its own, like any outlet. */
const HANDS_IDENTITY = { outletId: newId(), publicKey: publicKeyOf(newSigningKey()) };

async function startOutlet(code: string): Promise<Outlet> {
  const token = await headOffice.addOutlet(code);
  const server = await startTestServer({ outletCode: code, headOffice: { url: headOffice.url, token, batchSize: 10, intervalMs: 30, maxBackoffMs: 200 } });
  const cashier = await server.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  return { code, server, cashier, manager: await server.login('manager', '2222') };
}

const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
async function settled(...outlets: Outlet[]) {
  for (const o of outlets) await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000, interval: 50 }).toBe(0);
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  for (const o of outlets) await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}
// The back office sees the whole customer (the register sees the phone by its last four).
const byCard = async (o: Outlet, card: string) => (await o.manager.get(`/api/scan/${card}`)).body.customer;

async function sellTo(o: Outlet, customerId: string, quantity: number) {
  const row = await o.server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' } });
  const product = (await findProducts(o.cashier, row.sku)).find((p) => p.id === row.id)!;
  const customer = (await o.cashier.get(`/api/customers/${customerId}`)).body;
  const { request, priced } = await buildSale(o.cashier, [{ product, quantityMilli: quantity * 1000 }], { customer });
  const res = await o.cashier.post('/api/sales', request);
  expect(res.status).toBe(201);
  return priced;
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('customer-category', SILVER, { code: 'chain-silver', name: 'Chain silver', discountBp: 0 })).status).toBe(204);
  pushToken = await headOffice.addOutlet('HANDS');
  x = await startOutlet('X1');
  y = await startOutlet('Y1');
});

afterAll(async () => {
  for (const o of [x, y]) await o?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe('customers across the chain', () => {
  let jonas: string;

  it('a customer made at one till can be found by card at every other; the category the outlet gave waits for head office', async () => {
    await settled(x, y);
    // A category is given by someone with manage-loyalty (a cashier registers customers without one).
    const made = await x.manager.post('/api/customers', { name: 'Jonas Jonaitis', phone: '+37061111111', card: 'CHAIN-0001', categoryCode: 'chain-silver' });
    expect(made.status).toBe(201);
    jonas = made.body.id;
    await settled(x, y);
    expect(await byCard(y, 'CHAIN-0001')).toMatchObject({ id: jonas, name: 'Jonas Jonaitis', phone: '+37061111111', categoryCode: null });
    expect(await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: jonas } })).toMatchObject({ name: 'Jonas Jonaitis', categoryId: null });
    const waiting = (await headOffice.admin.get<any[]>('/api/head-office/customer-proposals')).body;
    expect(waiting).toEqual([expect.objectContaining({ customerId: jonas, customerName: 'Jonas Jonaitis', outletCode: 'X1', field: 'categoryCode', value: 'chain-silver' })]);
    expect((await headOffice.admin.post(`/api/head-office/customer-proposals/${waiting[0].id}/approve`)).status).toBe(204);
    expect((await headOffice.admin.post(`/api/head-office/customer-proposals/${waiting[0].id}/reject`)).status).toBe(409);
    await settled(x, y);
    for (const o of [x, y]) expect(await byCard(o, 'CHAIN-0001')).toMatchObject({ id: jonas, categoryCode: 'chain-silver' });
    expect(await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: jonas } })).toMatchObject({ categoryId: SILVER });
    expect((await headOffice.admin.get<any[]>('/api/head-office/customer-proposals')).body).toEqual([]);
  });

  it('edits of different fields at two outlets both survive', async () => {
    expect((await x.manager.put(`/api/customers/${jonas}`, { name: 'Jonas Jonaitis', phone: '+37062222222' })).status).toBe(200);
    expect((await y.manager.put(`/api/customers/${jonas}`, { name: 'Jonas Jonaitis', email: 'jonas@example.com' })).status).toBe(200);
    await settled(x, y);
    await settled(x, y); // the second outlet's edit comes back to the first on the next pull
    for (const o of [x, y]) expect(await byCard(o, 'CHAIN-0001')).toMatchObject({ phone: '+37062222222', email: 'jonas@example.com' });
  });

  it('of two edits of one field, the later one wins whichever arrives first', async () => {
    const push = (editedAt: string, notes: string) =>
      fetch(`${headOffice.url}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pushToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ outletCode: 'HANDS', ...HANDS_IDENTITY, sentAt: new Date().toISOString(), documents: [{ documentId: newId(), type: 'customer-edit', createdAt: editedAt, payload: { customerId: jonas, editedAt, fields: { notes }, cardsAdded: [] } }] }),
      });
    const later = new Date(Date.now() + 60_000).toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    expect((await push(later, 'allergic to nuts')).status).toBe(200);
    expect((await push(earlier, 'likes nuts')).status).toBe(200);
    expect((await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: jonas } })).notes).toBe('allergic to nuts');
    await settled(x, y);
    expect((await x.server.db.customer.findUniqueOrThrow({ where: { id: jonas } })).notes).toBe('allergic to nuts');
  });

  it('counts what the customer spent at every outlet for spend tiers, at every outlet', async () => {
    const atX = await sellTo(x, jonas, 3);
    await settled(x, y);
    await settled(x, y);
    // Y has sold Jonas nothing, yet sees what he spent at X.
    expect((await byCard(y, 'CHAIN-0001')).cumulativeSpend).toBe(atX.total);
    const tier = newId();
    expect((await put('discount-rule', tier, { rule: { name: 'Chain regular', kind: 'spend-tier', tiers: [{ name: 'Regular', minSpend: atX.total, percentBp: 700 }] } })).status).toBe(204);
    await settled(x, y);
    const atY = await sellTo(y, jonas, 1);
    expect(atY.discountSummary.map((d) => d.reason).join(' ')).toMatch(/Regular/);
    await settled(x, y);
    await settled(x, y);
    expect((await byCard(x, 'CHAIN-0001')).cumulativeSpend).toBe(atX.total + atY.total);
    expect((await byCard(y, 'CHAIN-0001')).cumulativeSpend).toBe(atX.total + atY.total);
  });

  it('a customer’s language set at one till reaches head office and every outlet, and head office’s change comes back down', async () => {
    const made = await x.manager.post('/api/customers', { name: 'Oksana Mova', phone: '+37062222222', locale: 'uk' });
    expect(made.status).toBe(201);
    await settled(x, y);
    expect((await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: made.body.id } })).locale).toBe('uk');
    expect((await y.manager.get(`/api/customers/${made.body.id}`)).body.locale).toBe('uk');
    expect((await put('customer', made.body.id, { name: 'Oksana Mova', phone: '37062222222', locale: 'ro' })).status).toBe(204);
    await settled(x, y);
    for (const o of [x, y]) expect((await o.manager.get(`/api/customers/${made.body.id}`)).body.locale).toBe('ro');
    const refused = await put('customer', made.body.id, { name: 'Oksana Mova', locale: 'klingon' });
    expect(refused.body.error).toMatchObject({ code: 'invalid-input', fields: [{ path: 'body.locale' }] });
  });

  it('refuses a malformed customer edit naming the field', async () => {
    const res = await fetch(`${headOffice.url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pushToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outletCode: 'HANDS', ...HANDS_IDENTITY, sentAt: new Date().toISOString(), documents: [{ documentId: newId(), type: 'customer-edit', createdAt: new Date().toISOString(), payload: { customerId: jonas, editedAt: 'yesterday', fields: {}, cardsAdded: [] } }] }),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields[0].path).toBe('documents.0.payload.editedAt');
  });
});
