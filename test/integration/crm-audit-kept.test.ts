import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { sqliteOf } from '../../server/db/client.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The audit keeps its sales figures between requests: a second page does not sum the sale lines
 * again, and a new sale, a back-dated one, a merge or a customer's edit shows in the next answer,
 * whose figures this test works out from the rows it stored.
 */
let server: TestServer;
let owner: ApiClient;
let products: ProductView[];
const ZONE = 'Europe/Vilnius';
const today = localTimeIn(ZONE).slice(0, 10);
const from = addDays(today, -40);
const to = addDays(today, -11);
const query = `from=${from}&to=${to}`;
/** How many times the per-customer sum of sale lines ran (a trace of the connection's statements). */
let aggregations = 0;

async function customer(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await owner.post('/api/customers', { name, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function sell(customerId: string, quantities: readonly number[], at: Date): Promise<string> {
  const view = (await owner.get(`/api/customers/${customerId}`)).body;
  const lines = quantities.map((q, i) => ({ product: products[i], quantityMilli: q * 1000 })).filter((l) => l.quantityMilli > 0);
  const { request } = await buildSale(owner, lines, { customer: view });
  const res = await owner.post('/api/sales', request);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  await server.db.$transaction((tx) => tx.sale.update({ where: { id: request.id }, data: { createdAt: at } }));
  return request.id;
}

const noon = (day: number) => new Date(`${addDays(from, day)}T12:00:00Z`);

/** Receipts, revenue net of VAT and gross profit per customer (merged ones counted for the one kept), from the stored rows. */
async function expected(ids: string[]) {
  const start = new Date(`${from}T00:00:00+02:00`);
  const end = new Date(`${addDays(to, 1)}T00:00:00+02:00`);
  const sales = await server.db.sale.findMany({ where: { customerId: { not: null }, createdAt: { gte: start, lt: end } }, include: { lines: true } });
  const figures = new Map<string, { receipts: number; revenue: number; grossProfit: number }>();
  for (const s of sales) {
    if (!ids.includes(s.customerId!)) continue;
    const f = figures.get(s.customerId!) ?? { receipts: 0, revenue: 0, grossProfit: 0 };
    const sign = s.kind === 'sale' ? 1 : -1;
    for (const l of s.lines.filter((l) => l.kind === 'goods')) {
      f.revenue += sign * (l.amount - l.taxAmount);
      f.grossProfit += sign * (l.amount - l.taxAmount - l.costAmount);
    }
    if (s.kind === 'sale') f.receipts += 1;
    figures.set(s.customerId!, f);
  }
  return figures;
}

/** Every buyer's figures as the audit's A, B and C pages list them. */
async function listed() {
  const got = new Map<string, { receipts: number; revenue: number; grossProfit: number; frequency: number | null }>();
  for (const c of ['a', 'b', 'c']) {
    const res = await owner.get(`/api/crm/audit/abc-${c}?${query}&limit=200`);
    expect(res.status).toBe(200);
    for (const m of res.body.items) got.set(m.id, { receipts: m.receipts, revenue: m.revenue, grossProfit: m.grossProfit, frequency: m.frequency });
  }
  return got;
}

/** Frequency scores as documented: 1 + ⌊5 × (buyers with strictly fewer receipts) ÷ buyers⌋. */
const frequencies = (f: Map<string, { receipts: number }>) => new Map([...f].map(([id, x]) => [id, 1 + Math.floor((5 * [...f.values()].filter((o) => o.receipts < x.receipts).length) / f.size)]));

async function expectFigures(ids: string[]) {
  const want = await expected(ids);
  const F = frequencies(want);
  const got = await listed();
  expect(new Map([...got].filter(([id]) => ids.includes(id)))).toEqual(new Map([...want].map(([id, f]) => [id, { ...f, frequency: F.get(id) }])));
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
  await owner.post('/api/shifts', { openingFloat: 0 });
  const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, active: true, cost: { gt: 0 } }, orderBy: { sku: 'asc' }, take: 3 });
  products = [];
  for (const row of rows) products.push((await findProducts(owner, row.sku))[0]);
  // The trace: count the runs of the statement that sums each customer's sale lines.
  const sql: Database.Database = sqliteOf(server.db);
  const proto = Object.getPrototypeOf(sql.prepare('SELECT 1')) as { all: (...args: unknown[]) => unknown };
  const all = proto.all;
  proto.all = function (this: { source: string }, ...args: unknown[]) {
    if (/FROM "Sale" s JOIN "SaleLine" l/.test(this.source) && /COALESCE\(s."customerId"/.test(this.source)) aggregations += 1;
    return all.apply(this, args);
  };
});
afterAll(() => server?.close());

describe('the audit keeps its sales figures', () => {
  it('answers a second segment page without summing the sale lines again, and the next answer after each change from the new rows', async () => {
    const ids = [await customer('Kept A', { phone: '+37061240001' }), await customer('Kept B', { phone: '+37061240002' }), await customer('Kept C')];
    await sell(ids[0], [1, 0, 0], noon(2));
    await sell(ids[1], [0, 2, 0], noon(5));
    await sell(ids[1], [0, 0, 1], noon(6));

    const first = await owner.get(`/api/crm/audit/abc-a?${query}`);
    expect(first.status).toBe(200);
    const before = aggregations;
    expect((await owner.get(`/api/crm/audit/abc-a?${query}`)).status).toBe(200);
    expect((await owner.get(`/api/crm/audit?${query}`)).status).toBe(200);
    expect(aggregations - before, 'aggregations on the second page and the summary').toBe(0);
    await expectFigures(ids);

    // A new sale.
    const late = await sell(ids[2], [3, 1, 0], noon(10));
    await expectFigures(ids);
    // A sale back-dated out of the period (an update: no new row).
    await server.db.$transaction((tx) => tx.sale.update({ where: { id: late }, data: { createdAt: noon(-5) } }));
    await expectFigures(ids);
    // A return (its kind changed: an update again).
    const returned = await sell(ids[0], [0, 1, 0], noon(3));
    await server.db.$transaction((tx) => tx.sale.update({ where: { id: returned }, data: { kind: 'return' } }));
    await expectFigures(ids);

    // A merge: B's sales count for A in the lists that follow the person (lapsed, never bought).
    const merged = await owner.post('/api/customers/merge', { keepId: ids[2], mergeId: ids[1] });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const never = (await owner.get(`/api/crm/audit/never-bought?${query}&limit=200`)).body.items.map((m: { id: string }) => m.id);
    expect(never).not.toContain(ids[2]);

    // A customer's edit: the phone removed shows at once, the sales figures are the kept ones.
    const runs = aggregations;
    expect((await owner.put(`/api/customers/${ids[0]}`, { name: 'Kept A', phone: null })).status).toBe(200);
    const noPhone = (await owner.get(`/api/crm/audit/no-phone?${query}&limit=200`)).body.items.map((m: { id: string }) => m.id);
    expect(noPhone).toContain(ids[0]);
    expect(aggregations - runs, 'a phone removed does not sum the sales again').toBe(0);
  });

  it("serves the kept figures to a manager who sees only their own customers, their lists holding only those; a merge's purchases count for the rhythm of the one kept", async () => {
    const mine = [await customer('Kept Mine 1'), await customer('Kept Mine 2')];
    const theirs = await customer('Kept Theirs');
    const made = await owner.post('/api/users', { login: 'kept-mgr', name: 'Kept Manager', role: 'manager', pin: '7815', password: 'kept-pass-1' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect((await owner.put(`/api/users/${made.body.id}/crm`, { departmentId: null, customerScope: 'own' })).status).toBe(200);
    expect((await owner.post('/api/customers/assign', { managerId: made.body.id, customerIds: mine })).body.assigned).toBe(2);
    // Mine 1 bought on days 1, 4 and 7 of the period (gaps 3, 3); Mine 2 on days 2 and 20; theirs on 3.
    for (const day of [1, 4, 7]) await sell(mine[0], [1, 0, 0], noon(day));
    for (const day of [2, 20]) await sell(mine[1], [0, 1, 0], noon(day));
    await sell(theirs, [0, 0, 1], noon(3));
    const manager = await server.login('kept-mgr', '7815');

    // The owner's audit fills what is kept; the manager's answers from it without summing again.
    const all = (await owner.get(`/api/crm/audit/abc-a?${query}&limit=200`)).body;
    expect(all.total).toBeGreaterThan(0);
    const runs = aggregations;
    const pages = async (api: ApiClient) => {
      const ids: string[] = [];
      for (const c of ['a', 'b', 'c']) ids.push(...(await api.get(`/api/crm/audit/abc-${c}?${query}&limit=200`)).body.items.map((m: { id: string }) => m.id));
      return ids.sort();
    };
    expect(await pages(manager)).toEqual([...mine].sort());
    expect((await manager.get(`/api/crm/audit?${query}`)).body.buyers).toBe(2);
    expect(aggregations - runs, "the manager's answers sum nothing again").toBe(0);
    expect(await pages(owner)).toEqual(expect.arrayContaining([...mine, theirs]));

    const median = async (id: string) => ((await manager.get(`/api/crm/audit/no-phone?${query}&limit=200`)).body.items.find((m: { id: string }) => m.id === id) ?? null)?.medianIntervalDays;
    expect(await median(mine[0])).toBe(3);
    expect(await median(mine[1])).toBeNull();
    // Mine 1 merged into Mine 2: purchases on days 1, 2, 4, 7 and 20 (gaps 1, 2, 3, 13), a median of 2.5.
    expect((await owner.post('/api/customers/merge', { keepId: mine[1], mergeId: mine[0] })).status).toBe(200);
    expect(await median(mine[1])).toBe(2.5);
    expect(await pages(manager)).toEqual([mine[1]]);
  });
});
