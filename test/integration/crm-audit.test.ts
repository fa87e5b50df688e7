import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The audit of the client base and the manager's report, against figures this test works out by
 * itself from the sales it made: the lines' amounts, VAT and cost as the database stored them, the
 * times the test gave the sales, and the rules as the route's description states them.
 */
let server: TestServer;
let owner: ApiClient;
let products: ProductView[];
const DAY = 86_400_000;
/** How far the server's CRM clock is ahead of the machine's. */
let ahead = 0;
const ZONE = 'Europe/Vilnius';
const today = localTimeIn(ZONE).slice(0, 10);
const userIds: Record<string, string> = {};

async function customer(name: string, extra: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await owner.post('/api/customers', { name, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Sells to the customer (quantities per product) and dates the sale at `at`; answers the sale's id. */
async function sell(customerId: string, quantities: readonly number[], at?: Date): Promise<string> {
  const view = (await owner.get(`/api/customers/${customerId}`)).body;
  const lines = quantities.map((q, i) => ({ product: products[i], quantityMilli: q * 1000 })).filter((l) => l.quantityMilli > 0);
  const { request } = await buildSale(owner, lines, { customer: view });
  const res = await owner.post('/api/sales', request);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (at) await server.db.$transaction((tx) => tx.sale.update({ where: { id: request.id }, data: { createdAt: at } }));
  return request.id;
}

/** Revenue net of VAT (the outlet is VAT-registered), cost and receipts of each customer's sales, from the stored lines. */
async function storedFigures(customerIds: string[], from: Date, to: Date) {
  const sales = await server.db.sale.findMany({ where: { customerId: { in: customerIds }, createdAt: { gte: from, lt: to } }, include: { lines: true } });
  const figures = new Map<string, { revenue: number; sales: number; cost: number; receipts: number; last: number }>();
  for (const s of sales) {
    const f = figures.get(s.customerId!) ?? { revenue: 0, sales: 0, cost: 0, receipts: 0, last: 0 };
    const sign = s.kind === 'sale' ? 1 : -1;
    for (const l of s.lines.filter((l) => l.kind === 'goods')) {
      f.revenue += sign * (l.amount - l.taxAmount);
      f.sales += sign * l.amount;
      f.cost += sign * l.costAmount;
    }
    if (s.kind === 'sale') {
      f.receipts += 1;
      f.last = Math.max(f.last, s.createdAt.getTime());
    }
    figures.set(s.customerId!, f);
  }
  return figures;
}

/** Everyone in a segment (every page). */
async function segment(name: string, query: string) {
  const items: { id: string; recency: number | null; frequency: number | null; monetary: number | null; rfm: string | null; abc: string | null; grossProfit: number }[] = [];
  let total = 0;
  do {
    const res = await owner.get(`/api/crm/audit/${name}?${query}&limit=200&offset=${items.length}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    items.push(...res.body.items);
    total = res.body.total;
    expect(res.body.ids.length).toBe(total);
  } while (items.length < total);
  return items;
}

beforeAll(async () => {
  server = await startTestServer({ crm: { now: () => new Date(Date.now() + ahead) } });
  owner = await server.login('owner', '1111');
  for (const [login, pin] of [['ann', '7401'], ['bob', '7502']] as const) {
    const made = await owner.post('/api/users', { login, name: `Manager ${login}`, role: 'manager', pin, password: 'audit-pass-1' });
    expect(made.status).toBe(201);
    userIds[login] = made.body.id;
    expect((await owner.put(`/api/users/${made.body.id}/crm`, { departmentId: null, customerScope: 'own' })).status).toBe(200);
  }
  await owner.post('/api/shifts', { openingFloat: 0 });
  const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, active: true, cost: { gt: 0 } }, orderBy: { sku: 'asc' }, take: 3 });
  products = [];
  for (const row of rows) products.push((await findProducts(owner, row.sku))[0]);
  expect(new Set(products.map((p) => p.price)).size).toBe(3);
});
afterAll(() => server?.close());

describe('the audit of the client base', () => {
  // A past period only these sales fall in: 60 to 31 days ago.
  const from = addDays(today, -60);
  const to = addDays(today, -31);
  const query = `from=${from}&to=${to}`;

  it('scores RFM by quintiles, names the segments and classes customers ABC by gross profit as the test works them out', async () => {
    // Twelve buyers: receipts, the quantities of the three products on each, and how many days into the period the last one was.
    const plan = [
      [1, [1, 0, 0], 2], [2, [0, 1, 0], 27], [3, [2, 2, 0], 29], [1, [0, 0, 3], 10], [4, [1, 1, 1], 28], [2, [5, 0, 0], 5],
      [1, [1, 0, 0], 2], [5, [0, 3, 1], 25], [3, [1, 0, 2], 15], [2, [0, 0, 1], 20], [1, [8, 2, 0], 29], [6, [1, 1, 0], 1],
    ] as const;
    const buyers: string[] = [];
    for (const [i, [receipts, quantities, lastDay]] of plan.entries()) {
      const c = await customer(`Audit RFM ${String(i).padStart(2, '0')}`);
      buyers.push(c.id);
      for (let r = 0; r < receipts; r++) {
        // The last receipt on lastDay at noon (UTC, well inside the local day), the others a day apart before it.
        await sell(c.id, quantities, new Date(`${addDays(from, lastDay - r)}T12:00:00Z`));
      }
    }
    // A return inside the period takes its lines off the customer's revenue and profit.
    const returned = await sell(buyers[4], [0, 0, 1], new Date(`${addDays(from, 3)}T12:00:00Z`));
    await server.db.$transaction((tx) => tx.sale.update({ where: { id: returned }, data: { kind: 'return' } }));

    const start = new Date(`${from}T00:00:00+02:00`);
    const end = new Date(`${addDays(to, 1)}T00:00:00+02:00`);
    const figures = await storedFigures(buyers, start, end);
    // The rule as documented: 1 + ⌊5 × (buyers with a strictly lower value) ÷ buyers⌋.
    const score = (value: (id: string) => number) => new Map(buyers.map((id) => [id, 1 + Math.floor((5 * buyers.filter((o) => value(o) < value(id)).length) / buyers.length)]));
    const R = score((id) => figures.get(id)!.last);
    const F = score((id) => figures.get(id)!.receipts);
    const M = score((id) => figures.get(id)!.revenue);
    const named = (r: number, f: number, m: number) =>
      r >= 4 && f >= 4 && m >= 4 ? 'champions' : r >= 3 && f >= 3 ? 'loyal' : r >= 3 ? 'promising' : f >= 3 ? 'at-risk' : r === 2 ? 'hibernating' : 'lost';
    const profit = (id: string) => figures.get(id)!.revenue - figures.get(id)!.cost;
    const total = buyers.reduce((s, id) => s + Math.max(profit(id), 0), 0);
    const ranked = [...buyers].sort((a, b) => profit(b) - profit(a) || (a < b ? -1 : 1));
    const abc = new Map<string, string>();
    let before = 0;
    for (const id of ranked) {
      abc.set(id, profit(id) <= 0 ? 'C' : before < 0.8 * total ? 'A' : before < 0.95 * total ? 'B' : 'C');
      before += Math.max(profit(id), 0);
    }
    // The test's plan spreads the customers over more than one segment and class.
    expect(new Set(buyers.map((id) => named(R.get(id)!, F.get(id)!, M.get(id)!))).size).toBeGreaterThan(2);
    expect(new Set(abc.values())).toEqual(new Set(['A', 'B', 'C']));

    const summary = await owner.get(`/api/crm/audit?${query}`);
    expect(summary.status).toBe(200);
    expect(summary.body.buyers).toBe(12);
    const count = (s: string) => summary.body.segments.find((x: { segment: string }) => x.segment === s).count;
    for (const s of ['champions', 'loyal', 'promising', 'at-risk', 'hibernating', 'lost']) {
      const expected = buyers.filter((id) => named(R.get(id)!, F.get(id)!, M.get(id)!) === s).sort();
      const got = await segment(`rfm-${s}`, query);
      expect(got.map((m) => m.id).sort(), s).toEqual(expected);
      expect(count(`rfm-${s}`)).toBe(expected.length);
      for (const m of got) expect([m.recency, m.frequency, m.monetary, m.grossProfit]).toEqual([R.get(m.id), F.get(m.id), M.get(m.id), profit(m.id)]);
    }
    for (const c of ['A', 'B', 'C']) {
      const got = await segment(`abc-${c.toLowerCase()}`, query);
      expect(got.map((m) => m.id).sort(), c).toEqual(buyers.filter((id) => abc.get(id) === c).sort());
    }
  });

  it('finds customers off their own rhythm once the clock moves past twice their median gap', async () => {
    const steady = await customer('Audit Rhythm Steady');
    const twice = await customer('Audit Rhythm Twice');
    // Purchases 30, 20 and 10 days ago: a median gap of 10 days.
    for (const days of [30, 20, 10]) await sell(steady.id, [1, 0, 0], new Date(Date.now() - days * DAY));
    for (const days of [60, 50]) await sell(twice.id, [1, 0, 0], new Date(Date.now() - days * DAY));
    const off = async () => (await segment('off-rhythm', query)).map((m) => m.id);
    expect(await off()).not.toContain(steady.id);
    // 10 days more: 20 days since the last purchase is not yet more than twice 10.
    ahead = 9 * DAY;
    expect(await off()).not.toContain(steady.id);
    ahead = 11 * DAY;
    expect(await off()).toContain(steady.id);
    // Two purchases are no rhythm, however long ago.
    expect(await off()).not.toContain(twice.id);
    ahead = 0;
    const median = async () => ((await segment('no-phone', query)).find((m) => m.id === steady.id) as { medianIntervalDays?: number | null } | undefined)?.medianIntervalDays;
    expect(await median()).toBe(10);
    // The CRM's clock set back 15 days: the purchase 10 days ago is after its now, so two are left, no rhythm.
    ahead = -15 * DAY;
    expect(await median()).toBeNull();
    expect(await off()).not.toContain(steady.id);
    ahead = 0;
    expect(await median()).toBe(10);
  });

  it('tells lapsed customers from those who never bought, and finds incomplete records', async () => {
    const lapsed = await customer('Audit Lapsed', { phone: '+37061230001', smsConsent: true });
    await sell(lapsed.id, [1, 0, 0], new Date(Date.now() - 120 * DAY));
    const never = await customer('Audit Never', { email: 'audit.never@example.com', emailConsent: true });
    const bare = await customer('Audit Bare');
    const ids = async (s: string, q = query) => (await segment(s, q)).map((m) => m.id);
    expect(await ids('lapsed', `${query}&lapsedDays=90`)).toContain(lapsed.id);
    expect(await ids('lapsed', `${query}&lapsedDays=90`)).not.toContain(never.id);
    expect(await ids('lapsed', `${query}&lapsedDays=200`)).not.toContain(lapsed.id);
    expect(await ids('never-bought')).toEqual(expect.arrayContaining([never.id, bare.id]));
    expect(await ids('never-bought')).not.toContain(lapsed.id);
    const [noPhone, noEmail, noConsent] = [await ids('no-phone'), await ids('no-email'), await ids('no-consent')];
    expect([noPhone.includes(bare.id), noEmail.includes(bare.id), noConsent.includes(bare.id)]).toEqual([true, true, true]);
    expect([noPhone.includes(lapsed.id), noEmail.includes(lapsed.id), noConsent.includes(lapsed.id)]).toEqual([false, true, false]);
    expect([noPhone.includes(never.id), noEmail.includes(never.id), noConsent.includes(never.id)]).toEqual([true, false, false]);
  });

  it('finds likely duplicates: the same phone, the same e-mail in any case, the same folded name and birthday', async () => {
    const pairs = [
      [await customer('Audit Dup Phone A', { phone: '+370 612 30 099' }), await customer('Audit Dup Phone B', { phone: '861230099' })],
      [await customer('Audit Dup Mail A', { email: 'Dup.Mail@Example.com' }), await customer('Audit Dup Mail B', { email: 'dup.mail@example.COM' })],
      [await customer('Ona Kazlauskienė', { birthday: '1980-04-02' }), await customer('KAZLAUSKIENE, ona', { birthday: '1980-04-02' })],
    ];
    const unlike = await customer('Ona Kazlauskienė', { birthday: '1981-04-02' });
    const found = (await segment('duplicates', query)).map((m) => m.id);
    for (const [a, b] of pairs) expect(found).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(found).not.toContain(unlike.id);
  });

  it('acts on a segment through the routes that assign customers, make tasks and start campaigns', async () => {
    const list = await owner.get(`/api/crm/audit/abc-a?${query}`);
    const ids: string[] = list.body.ids;
    expect(ids.length).toBeGreaterThan(0);
    // Half of them agreed to e-mail marketing: a campaign reaches only those.
    const consenting = ids.filter((_, i) => i % 2 === 0);
    for (const [i, id] of ids.entries()) {
      const c = (await owner.get(`/api/customers/${id}`)).body;
      expect((await owner.put(`/api/customers/${id}`, { name: c.name, email: `audit.a${i}@example.com`, emailConsent: consenting.includes(id) })).status).toBe(200);
    }
    expect((await owner.post('/api/customers/assign', { managerId: userIds.ann, customerIds: ids })).body.assigned).toBe(ids.length);
    for (const id of ids) expect((await owner.post('/api/tasks', { title: 'Thank a top customer', assigneeId: userIds.ann, dueAt: new Date(Date.now() + DAY).toISOString(), customerId: id })).status).toBe(201);
    const campaign = await owner.post('/api/campaigns', { name: 'Top customers', channel: 'email', subject: 'Thank you', template: 'Thank you, {{name}} {{unsubscribe}}', filter: { customerIds: ids } });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);

    const managers = await server.db.customerManager.findMany({ where: { customerId: { in: ids } } });
    expect(managers.map((m) => m.managerId)).toEqual(ids.map(() => userIds.ann));
    const tasks = await server.db.crmTask.findMany({ where: { title: 'Thank a top customer' } });
    expect(tasks.map((t) => t.customerId).sort()).toEqual([...ids].sort());
    const recipients = await server.db.campaignMessage.findMany({ where: { campaignId: campaign.body.id } });
    expect(recipients.map((m) => m.customerId).sort()).toEqual([...consenting].sort());
  });
});

describe("the manager's report", () => {
  const month = today.slice(0, 7);

  it("sums each manager's customers, interactions, tasks done, new clients, sales and gross profit against the owner's target", async () => {
    const carl = (await owner.post('/api/users', { login: 'carl', name: 'Manager carl', role: 'manager', pin: '7603', password: 'audit-pass-1' })).body.id;
    const dora = (await owner.post('/api/users', { login: 'dora', name: 'Manager dora', role: 'manager', pin: '7704', password: 'audit-pass-1' })).body.id;
    expect((await owner.put(`/api/users/${carl}/crm`, { departmentId: null, customerScope: 'own' })).status).toBe(200);
    const carls = [await customer('Report Carl 1'), await customer('Report Carl 2'), await customer('Report Carl 3')];
    const doras = [await customer('Report Dora 1')];
    const nobodys = await customer('Report Nobody');
    await owner.post('/api/customers/assign', { managerId: carl, customerIds: carls.map((c) => c.id) });
    await owner.post('/api/customers/assign', { managerId: dora, customerIds: doras.map((c) => c.id) });
    // One of Carl's customers was registered long ago: not a new client this month.
    await server.db.$transaction((tx) => tx.customer.update({ where: { id: carls[2].id }, data: { createdAt: new Date(Date.now() - 400 * DAY) } }));
    await sell(carls[0].id, [2, 1, 0]);
    await sell(carls[0].id, [0, 0, 4]);
    await sell(carls[1].id, [1, 0, 0]);
    // A sale two months ago is not this month's.
    await sell(carls[2].id, [3, 0, 0], new Date(Date.now() - 62 * DAY));
    await sell(doras[0].id, [0, 5, 0]);
    await sell(nobodys.id, [9, 9, 9]);

    const carlApi = await server.login('carl', '7603');
    for (const c of [carls[0], carls[1]]) expect((await carlApi.post(`/api/customers/${c.id}/interactions`, { kind: 'call', subject: 'Called' })).status).toBe(201);
    const task = (await owner.post('/api/tasks', { title: 'Visit', assigneeId: carl, dueAt: new Date().toISOString(), customerId: carls[0].id })).body;
    await owner.post('/api/tasks', { title: 'Still open', assigneeId: carl, dueAt: new Date().toISOString(), customerId: carls[1].id });
    expect((await carlApi.post(`/api/tasks/${task.id}/done`, { note: 'Visited' })).status).toBe(200);

    const refused = await carlApi.put(`/api/crm/targets/${carl}/${month}`, { sales: 1, grossProfit: 1 });
    expect(refused.status).toBe(403);
    expect((await owner.put(`/api/crm/targets/${carl}/${month}`, { sales: 500_00, grossProfit: 120_00 })).status).toBe(200);
    expect((await owner.put(`/api/crm/targets/${carl}/1999-01`, { sales: 999_00, grossProfit: null })).status).toBe(200);
    const bad = await owner.put(`/api/crm/targets/${carl}/${month}`, { sales: -5, grossProfit: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.sales');

    const [y, m] = month.split('-').map(Number);
    const start = new Date(`${month}-01T00:00:00+02:00`);
    const end = new Date(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01T00:00:00+02:00`);
    const figures = await storedFigures([...carls, ...doras].map((c) => c.id), start, end);
    const sum = (ids: string[], key: 'sales' | 'revenue' | 'profit') => ids.reduce((s, id) => { const f = figures.get(id); return s + (f ? (key === 'profit' ? f.revenue - f.cost : f[key]) : 0); }, 0);
    const carlIds = carls.map((c) => c.id);

    const report = await owner.get(`/api/crm/manager-report?from=${month}&to=${month}`);
    expect(report.status).toBe(200);
    // A period of thousands of years, or of a year the calendar cannot start, is refused naming the field.
    const ages = await owner.get('/api/crm/manager-report?from=1990-01&to=2999-12');
    expect([ages.status, ages.body.error.fields.map((f: { path: string }) => f.path)]).toEqual([400, ['querystring.to']]);
    expect((await owner.get('/api/crm/manager-report?from=0062-07&to=0063-01')).status).toBe(400);
    const row = (id: string) => report.body.rows.find((r: { managerId: string }) => r.managerId === id);
    expect(row(carl)).toEqual({
      managerId: carl,
      name: 'Manager carl',
      customers: 3,
      newCustomers: 2,
      interactions: 2,
      tasksDone: 1,
      sales: sum(carlIds, 'sales'),
      revenue: sum(carlIds, 'revenue'),
      grossProfit: sum(carlIds, 'profit'),
      salesTarget: 500_00,
      grossProfitTarget: 120_00,
    });
    expect(row(dora)).toMatchObject({ customers: 1, newCustomers: 1, interactions: 0, tasksDone: 0, sales: sum([doras[0].id], 'sales'), grossProfit: sum([doras[0].id], 'profit'), salesTarget: null });

    // A manager who sees only their own customers sees only their own row, and their own targets.
    const own = await carlApi.get(`/api/crm/manager-report?from=${month}&to=${month}`);
    expect(own.body.rows.map((r: { managerId: string }) => r.managerId)).toEqual([carl]);
    expect((await carlApi.get(`/api/crm/targets?month=${month}`)).body.items.map((t: { managerId: string }) => t.managerId)).toEqual([carl]);
  });
});

describe('service messages follow a consent of their own', () => {
  async function arrive(customerId: string): Promise<string> {
    const product = (await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } })).id;
    const order = await owner.post('/api/pre-orders', { id: newId(), customerId, lines: [{ productId: product, quantityMilli: 1000, unitPrice: 500 }] });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    expect((await owner.post(`/api/pre-orders/${order.body.id}/status`, { to: 'arrived' })).body.status).toBe('arrived');
    return order.body.id;
  }

  it('sends the arrival notice without marketing consent, and not to a customer who refused service messages', async () => {
    const noMarketing = await customer('Service Yes', { phone: '+37061239001', smsConsent: false, emailConsent: false });
    const refuses = await customer('Service No', { phone: '+37061239002', smsConsent: true, serviceMessages: false });
    expect((await owner.get(`/api/customers/${refuses.id}`)).body.serviceMessagesRefusedAt).not.toBeNull();
    expect((await owner.get(`/api/customers/${noMarketing.id}`)).body.serviceMessagesRefusedAt).toBeNull();
    await arrive(noMarketing.id);
    const refusedOrder = await arrive(refuses.id);
    expect((await server.db.campaignMessage.findMany({ where: { customerId: noMarketing.id } })).map((m) => m.address)).toEqual(['+37061239001']);
    expect(await server.db.campaignMessage.count({ where: { customerId: refuses.id } })).toBe(0);
    expect((await server.db.preOrder.findUniqueOrThrow({ where: { id: refusedOrder } })).notifiedBy).toBeNull();

    // The marketing consent stays apart: a campaign reaches the one who refused service messages, not the other.
    const campaign = await owner.post('/api/campaigns', { name: 'Service test', channel: 'sms', template: 'Hi {{name}}', filter: { customerIds: [noMarketing.id, refuses.id] } });
    expect((await server.db.campaignMessage.findMany({ where: { campaignId: campaign.body.id } })).map((m) => m.customerId)).toEqual([refuses.id]);

    // Taking the refusal back: the next notice goes out.
    expect((await owner.put(`/api/customers/${refuses.id}`, { name: 'Service No', serviceMessages: true })).body.serviceMessagesRefusedAt).toBeNull();
    await arrive(refuses.id);
    expect(await server.db.campaignMessage.count({ where: { customerId: refuses.id, campaign: { name: { startsWith: 'Pre-orders arrived' } } } })).toBe(1);
  });

  it('keeps a refusal when the customer who refused is merged into a record of the same person', async () => {
    const kept = await customer('Merge Keep', { phone: '+37061239011' });
    const refused = await customer('Merge Refused', { email: 'merge.refused@example.com', serviceMessages: false });
    const merged = await owner.post('/api/customers/merge', { keepId: kept.id, mergeId: refused.id });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.serviceMessagesRefusedAt).not.toBeNull();
    const order = await arrive(kept.id);
    expect((await server.db.preOrder.findUniqueOrThrow({ where: { id: order } })).notifiedBy).toBeNull();
    expect(await server.db.campaignMessage.count({ where: { customerId: kept.id } })).toBe(0);
  });
});
