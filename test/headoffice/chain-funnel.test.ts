import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { createPostgresDatabase, outletIdentity, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The funnel in a chain, on head office's real PostgreSQL: head office defines the statuses and
// the moves allowed, two outlets pull them and may not change them; customers' moves at both go up
// and head office's chain report must say what this test works out from the moves it made itself.
// Moves that lie (not allowed by head office, of a customer it does not know, dated ahead) refuse
// their whole batch; a move sent twice counts once.
interface Outlet {
  code: string;
  server: TestServer;
  owner: ApiClient;
  cashier: ApiClient;
}
/** A move this test made, and where. */
interface Made {
  customerId: string;
  toId: string;
  at: number;
  outletCode: string;
  /** The customer's manager at the outlet when they moved (null: none). */
  managerId: string | null;
}

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let x: Outlet;
let y: Outlet;
const tokens: Record<string, string> = {};
const made: Made[] = [];
const LEAD = newId();
const CONTACTED = newId();
const CLIENT = newId();
const LAPSED = newId();
const ALLOWED: [string, string][] = [[LEAD, CONTACTED], [LEAD, LAPSED], [CONTACTED, CLIENT], [CONTACTED, LAPSED]];

async function startOutlet(code: string): Promise<Outlet> {
  tokens[code] = await headOffice.addOutlet(code);
  const server = await startTestServer({ outletCode: code, headOffice: { url: headOffice.url, token: tokens[code], batchSize: 10, intervalMs: 30, maxBackoffMs: 200 } });
  const cashier = await server.login('anna', '3333');
  expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  return { code, server, cashier, owner: await server.login('owner', '1111') };
}
const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
async function settled(...outlets: Outlet[]) {
  for (const o of outlets) await expect.poll(async () => (await o.owner.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  for (const o of outlets) await expect.poll(async () => (await o.owner.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

async function newCustomer(o: Outlet, name: string): Promise<string> {
  const res = await o.owner.post('/api/customers', { name });
  expect(res.status).toBe(201);
  return res.body.id;
}
async function move(o: Outlet, customerId: string, toId: string, managerId: string | null = null) {
  const res = await o.owner.post(`/api/customers/${customerId}/status`, { statusId: toId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  made.push({ customerId, toId, at: Date.parse(res.body.history.at(-1).at), outletCode: o.code, managerId });
}
async function assign(o: Outlet, customerId: string, managerId: string) {
  const res = await o.owner.put(`/api/customers/${customerId}/manager`, { managerId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A move document as an outlet pushes it, written here. */
function moveDocument(o: { outletId: string }, customerId: string, fromId: string | null, toId: string, at = new Date()) {
  const id = newId();
  return { documentId: id, type: 'customer-status-move', createdAt: at.toISOString(), payload: { id, outletId: o.outletId, customerId, fromId, toId, userId: newId(), at: at.toISOString() } };
}
async function push(o: Outlet, documents: unknown[]) {
  const identity = await outletIdentity(o.server.db);
  return new ApiClient(headOffice.url, tokens[o.code]).post<any>('/api/sync/push', { outletCode: o.code, ...identity, sentAt: new Date().toISOString(), documents });
}
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const report = async () => {
  const res = await headOffice.admin.get<any>(`/api/head-office/reports/funnel?from=${day(-1)}&to=${day(1)}&timeZone=UTC`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

/** Counts per stage at the end, customers who entered each, and conversions, worked out from the moves this test made. */
function expected(moves: Made[]) {
  const byCustomer = new Map<string, Made[]>();
  for (const m of moves) byCustomer.set(m.customerId, [...(byCustomer.get(m.customerId) ?? []), m]);
  const count = new Map<string, number>();
  const entered = new Map<string, Set<string>>();
  const next = new Map<string, Set<string>>();
  for (const [customerId, list] of byCustomer) {
    list.sort((a, b) => a.at - b.at);
    count.set(list.at(-1)!.toId, (count.get(list.at(-1)!.toId) ?? 0) + 1);
    list.forEach((m, i) => {
      entered.set(m.toId, (entered.get(m.toId) ?? new Set()).add(customerId));
      if (list[i + 1]) next.set(`${m.toId}>${list[i + 1].toId}`, (next.get(`${m.toId}>${list[i + 1].toId}`) ?? new Set()).add(customerId));
    });
  }
  return {
    stages: [LEAD, CONTACTED, CLIENT, LAPSED].map((id) => ({ statusId: id, count: count.get(id) ?? 0, entered: entered.get(id)?.size ?? 0 })),
    conversions: ALLOWED.map(([fromId, toId]) => ({ fromId, toId, entered: entered.get(fromId)?.size ?? 0, converted: next.get(`${fromId}>${toId}`)?.size ?? 0 })),
  };
}
const figuresOf = (r: { stages: any[]; conversions: any[] }) => ({
  stages: r.stages.map((s) => ({ statusId: s.statusId, count: s.count, entered: s.entered })),
  conversions: r.conversions.map((c) => ({ fromId: c.fromId, toId: c.toId, entered: c.entered, converted: c.converted })),
});
const heldMoves = async () => (await headOffice.db.pool.query(`SELECT count(*)::int AS "n" FROM "ChainStatusChange"`)).rows[0].n as number;

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  // Targets first: a status names only statuses head office has.
  for (const [id, body] of [
    [CLIENT, { name: 'Client', customerType: 'client', position: 2 }],
    [LAPSED, { name: 'Lapsed', customerType: 'client', position: 3 }],
    [CONTACTED, { name: 'Contacted', customerType: 'lead', position: 1, moves: [CLIENT, LAPSED] }],
    [LEAD, { name: 'Lead', customerType: 'lead', position: 0, initial: true, moves: [CONTACTED, LAPSED] }],
  ] as const) {
    const res = await put('customer-status', id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
  }
  x = await startOutlet('FX1');
  y = await startOutlet('FY1');
});

afterAll(async () => {
  for (const o of [x, y]) await o?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe("the chain's funnel", () => {
  it("brings head office's statuses and moves down to both outlets, which show them and refuse to change them", async () => {
    await settled(x, y);
    for (const o of [x, y]) {
      const shown = (await o.owner.get('/api/customer-statuses')).body;
      expect(shown.ownedByHeadOffice).toBe(true);
      expect(shown.statuses.map((s: { id: string; name: string; initial: boolean }) => [s.id, s.name, s.initial])).toEqual([[LEAD, 'Lead', true], [CONTACTED, 'Contacted', false], [CLIENT, 'Client', false], [LAPSED, 'Lapsed', false]]);
      expect(shown.moves.map((m: { fromId: string; toId: string }) => [m.fromId, m.toId])).toEqual(ALLOWED);
    }
    const before = { statuses: await x.server.db.customerStatus.findMany({ orderBy: { id: 'asc' } }), moves: await x.server.db.customerStatusMove.count() };
    const own = newId();
    const refused = await x.owner.put('/api/customer-statuses', { statuses: [{ id: own, name: 'Own', customerType: 'lead', initial: true }], moves: [] });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'owned-by-head-office']);
    expect(await x.server.db.customerStatus.findMany({ orderBy: { id: 'asc' } })).toEqual(before.statuses);
    expect(await x.server.db.customerStatusMove.count()).toBe(before.moves);
  });

  it("keeps to head office's funnel at the outlet: a move it does not allow is refused there", async () => {
    const c = await newCustomer(x, 'Skipping Lead');
    await move(x, c, LEAD);
    const refused = await x.owner.post(`/api/customers/${c}/status`, { statusId: CLIENT });
    expect([refused.status, refused.body.error.code, refused.body.error.fields[0].path]).toEqual([422, 'customer-status-move-not-allowed', 'body.statusId']);
  });

  it('brings the moves at both outlets to head office, whose chain report says what the moves made say, with the value of the sales', async () => {
    const won = await newCustomer(x, 'Won Client');
    await move(x, won, LEAD);
    await move(x, won, CONTACTED);
    await move(x, won, CLIENT);
    const lost = await newCustomer(y, 'Lost Lead');
    await move(y, lost, LEAD);
    await move(y, lost, LAPSED);
    const talking = await newCustomer(y, 'Talking Lead');
    await move(y, talking, LEAD);
    await move(y, talking, CONTACTED);

    const view = (await x.cashier.get<any>(`/api/customers/${won}`)).body;
    const product = (await findProducts(x.cashier, (await x.server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } })).sku))[0];
    const { request } = await buildSale(x.cashier, [{ product, quantityMilli: 2000 }], { customer: view });
    expect((await x.cashier.post('/api/sales', request)).status).toBe(201);
    await settled(x, y);

    const { rows } = await headOffice.db.pool.query(`SELECT m."customerId", m."toId", o."code" FROM "ChainStatusChange" m JOIN "Outlet" o ON o."id" = m."outletId" ORDER BY m."at", m."id"`);
    expect(rows.map((r) => [r.customerId, r.toId, r.code])).toEqual([...made].sort((a, b) => a.at - b.at).map((m) => [m.customerId, m.toId, m.outletCode]));

    const chain = await report();
    expect(figuresOf(chain)).toEqual(expected(made));
    for (const code of ['FX1', 'FY1']) {
      const mine = new Set(made.filter((m) => m.outletCode === code).map((m) => m.customerId));
      expect(figuresOf(chain.outlets.find((o: { outletCode: string }) => o.outletCode === code))).toEqual(expected(made.filter((m) => mine.has(m.customerId))));
    }
    const lines = await x.server.db.saleLine.findMany({ where: { saleId: request.id } });
    const client = chain.stages.find((s: { statusId: string }) => s.statusId === CLIENT);
    expect(client.sales).toBe(lines.reduce((sum, l) => sum + l.amount, 0));
    expect(client.grossProfit).toBe(lines.reduce((sum, l) => sum + l.amount - l.taxAmount - l.costAmount, 0));
  });

  it('refuses a batch with a move head office does not allow, of a customer it does not know, or dated ahead, keeping none of the batch', async () => {
    const identity = await outletIdentity(x.server.db);
    const known = made.find((m) => m.outletCode === 'FX1' && m.toId === LEAD)!.customerId;
    const before = await heldMoves();
    const lies = [
      [moveDocument(identity, known, LEAD, CLIENT), 'customer-status-move-not-allowed', 'payload.toId'],
      [moveDocument(identity, known, null, CONTACTED), 'customer-status-not-initial', 'payload.toId'],
      [moveDocument(identity, newId(), null, LEAD), 'customer-not-found', 'payload.customerId'],
      [moveDocument(identity, known, LEAD, newId()), 'customer-status-unknown', 'payload.toId'],
      [moveDocument(identity, known, LEAD, CONTACTED, new Date(Date.now() + 3 * 3600_000)), 'implausible-date', 'createdAt'],
    ] as const;
    for (const [lie, code, path] of lies) {
      const honest = moveDocument(identity, known, LEAD, LAPSED);
      const res = await push(x, [honest, lie]);
      expect([res.status, res.body.error?.code, res.body.error?.fields?.[0]?.path], JSON.stringify(res.body)).toEqual([422, code, `documents.1.${path}`]);
      const { rowCount } = await headOffice.db.pool.query(`SELECT 1 FROM "SyncedDocument" WHERE "documentId" = ANY($1::text[])`, [[honest.documentId, lie.documentId]]);
      expect(rowCount).toBe(0);
      expect(await heldMoves()).toBe(before);
    }
  });

  it('counts a move sent twice once', async () => {
    const identity = await outletIdentity(y.server.db);
    const talking = made.find((m) => m.outletCode === 'FY1' && m.toId === CONTACTED)!;
    const document = moveDocument(identity, talking.customerId, CONTACTED, CLIENT);
    const before = await heldMoves();
    for (let i = 0; i < 2; i++) {
      const res = await push(y, [document]);
      expect([res.status, res.body.held]).toEqual([200, [document.documentId]]);
    }
    expect(await heldMoves()).toBe(before + 1);
    made.push({ customerId: talking.customerId, toId: CLIENT, at: Date.parse(document.createdAt), outletCode: 'FY1', managerId: null });
    expect(figuresOf(await report())).toEqual(expected(made));
  });

  it("counts each customer under the manager they had at their last move, not under the user who moved them, whoever has them now", async () => {
    const users = async (o: Outlet) => Object.fromEntries((await o.server.db.user.findMany({ where: { login: { in: ['manager', 'vera'] } } })).map((u) => [u.login, u.id]));
    const { manager: max, vera } = await users(x);
    const handed = await newCustomer(x, 'Handed Over');
    await assign(x, handed, max);
    await move(x, handed, LEAD, max);
    await assign(x, handed, vera);
    await move(x, handed, CONTACTED, vera);
    // Given back without a move since: last move's manager stays Vera.
    await assign(x, handed, max);
    const maxOwn = await newCustomer(x, 'Max Own');
    await assign(x, maxOwn, max);
    await move(x, maxOwn, LEAD, max);
    await move(x, maxOwn, LAPSED, max);
    await settled(x, y);

    const last = new Map<string, Made>();
    for (const m of [...made].sort((a, b) => a.at - b.at)) last.set(m.customerId, m);
    const groups = new Map<string | null, Set<string>>();
    for (const m of last.values()) groups.set(m.managerId, (groups.get(m.managerId) ?? new Set()).add(m.customerId));
    const wanted = [...groups.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([managerId, customers]) => ({ userId: managerId, ...expected(made.filter((m) => customers.has(m.customerId))) }));
    expect(wanted.map((w) => w.userId)).toEqual([max, vera, null].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b))));
    const chain = await report();
    expect(chain.managers.map((m: { userId: string | null; stages: any[]; conversions: any[] }) => ({ userId: m.userId, ...figuresOf(m) }))).toEqual(wanted);
  });
});
