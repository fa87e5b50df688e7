import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteOf } from '../../server/db/client.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The owner's funnel of customer statuses: moves only as allowed, each kept in the customer's
 * history, and the funnel report's figures (counts, conversion, median time in stage, value) checked
 * against figures this test works out itself from the moves it made (with the CRM's clock moved
 * between them) and the sales it rang up.
 */
let clock = new Date('2026-02-20T09:00:00Z');
let server: TestServer;
let owner: ApiClient;
let ann: ApiClient;
const userId: Record<'owner' | 'ann' | 'bob', string> = { owner: '', ann: '', bob: '' };
const today = new Date().toISOString().slice(0, 10);
const PERIOD = { from: '2026-03-01', to: today };
const STAGES = ['Lead', 'Contacted', 'Offer', 'Client', 'Regular', 'Lapsed'] as const;
type Stage = (typeof STAGES)[number];
const status = Object.fromEntries(STAGES.map((s) => [s, newId()])) as Record<Stage, string>;
const ALLOWED: [Stage, Stage][] = [
  ['Lead', 'Contacted'], ['Contacted', 'Offer'], ['Offer', 'Client'], ['Client', 'Regular'], ['Regular', 'Lapsed'],
  ['Contacted', 'Lapsed'], ['Offer', 'Lapsed'], ['Lapsed', 'Client'],
];
// The report lists moves in the funnel's order: by the stage left, then the stage reached.
ALLOWED.sort(([a, b], [c, d]) => STAGES.indexOf(a) - STAGES.indexOf(c) || STAGES.indexOf(b) - STAGES.indexOf(d));
const funnel = {
  statuses: STAGES.map((name) => ({ id: status[name], name, customerType: name === 'Lead' || name === 'Contacted' || name === 'Offer' ? 'lead' : 'client', initial: name === 'Lead' })),
  moves: ALLOWED.map(([from, to]) => ({ fromId: status[from], toId: status[to] })),
};
let customers: string[];
/** Who manages customer i: Ann the first three, Bob the next three. */
const managerOf = (i: number) => (i < 3 ? 'ann' : 'bob');
/** The moves the test made, as it made them. */
const made: { customer: number; to: Stage; at: number; by: string }[] = [];
/** What each customer bought in the period, from the sales the test rang up. */
const bought = new Map<number, { sales: number; tax: number; cost: number }>();

async function moveTo(customer: number, to: Stage, at: string, as: ApiClient = owner, by = userId.owner) {
  clock = new Date(at);
  const res = await as.post(`/api/customers/${customers[customer]}/status`, { statusId: status[to] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  made.push({ customer, to, at: clock.getTime(), by });
}

/** The state of the funnel's tables, to tell that a refusal changed nothing. */
const funnelTables = async () => ({
  statuses: await server.db.customerStatus.findMany({ orderBy: { id: 'asc' } }),
  moves: await server.db.customerStatusMove.findMany({ orderBy: [{ fromId: 'asc' }, { toId: 'asc' }] }),
  stages: await server.db.customerStage.findMany({ orderBy: { customerId: 'asc' } }),
  history: await server.db.customerStatusChange.findMany({ orderBy: { id: 'asc' } }),
  audit: await server.db.auditLog.count(),
});

/**
 * The report's figures worked out from the test's own record: for each stage, the customers whose
 * last move lands there, those with a move into it inside the period, the lengths of stays that a
 * later move inside the period ended, and for each allowed move the customers who went on to its
 * target right after entering its source inside the period.
 */
function expected(only: (customer: number) => boolean) {
  const from = Date.parse(`${PERIOD.from}T00:00:00Z`);
  const inPeriod = (at: number) => at >= from;
  const byCustomer = new Map<number, typeof made>();
  for (const m of made.filter((m) => only(m.customer))) byCustomer.set(m.customer, [...(byCustomer.get(m.customer) ?? []), m]);
  const stages = STAGES.map((stage) => {
    const inStage = [...byCustomer].filter(([, ms]) => ms.at(-1)!.to === stage).map(([c]) => c);
    const stays: number[] = [];
    for (const ms of byCustomer.values()) for (let i = 0; i + 1 < ms.length; i++) if (ms[i].to === stage && inPeriod(ms[i + 1].at)) stays.push((ms[i + 1].at - ms[i].at) / 1000);
    stays.sort((a, b) => a - b);
    const median = stays.length === 0 ? null : stays.length % 2 ? stays[(stays.length - 1) / 2] : (stays[stays.length / 2 - 1] + stays[stays.length / 2]) / 2;
    const value = inStage.map((c) => bought.get(c) ?? { sales: 0, tax: 0, cost: 0 });
    const sales = value.reduce((s, v) => s + v.sales, 0);
    const cost = value.reduce((s, v) => s + v.cost, 0);
    const revenue = sales - value.reduce((s, v) => s + v.tax, 0);
    return {
      name: stage,
      count: inStage.length,
      entered: [...byCustomer].filter(([, ms]) => ms.some((m) => m.to === stage && inPeriod(m.at))).length,
      stays: stays.length,
      medianSeconds: median,
      sales,
      grossProfit: cost ? revenue - cost : null,
    };
  });
  const conversions = ALLOWED.map(([a, b]) => {
    const entered = [...byCustomer.values()].filter((ms) => ms.some((m) => m.to === a && inPeriod(m.at))).length;
    const converted = [...byCustomer.values()].filter((ms) => ms.some((m, i) => m.to === a && inPeriod(m.at) && ms[i + 1]?.to === b)).length;
    return { from: a, to: b, entered, converted };
  });
  return { stages, conversions };
}

const nameOf = (id: string) => STAGES.find((s) => status[s] === id)!;
const shown = (report: { stages: { name: string; count: number; entered: number; stays: number; medianSeconds: number | null; sales: number; grossProfit: number | null }[]; conversions: { fromId: string; toId: string; entered: number; converted: number }[] }) => ({
  stages: report.stages.map(({ name, count, entered, stays, medianSeconds, sales, grossProfit }) => ({ name, count, entered, stays, medianSeconds, sales, grossProfit })),
  conversions: report.conversions.map((c) => ({ from: nameOf(c.fromId), to: nameOf(c.toId), entered: c.entered, converted: c.converted })),
});

beforeAll(async () => {
  server = await startTestServer({ timezone: 'UTC', crm: { now: () => clock } });
  owner = await server.login('owner', '1111');
  userId.owner = (await server.db.user.findUniqueOrThrow({ where: { login: 'owner' } })).id;
  for (const [as, pin] of [['ann', '7411'], ['bob', '7422']] as const) {
    const made = await owner.post('/api/users', { login: as, name: `Manager ${as}`, role: 'manager', pin, password: 'funnel-pass' });
    expect(made.status).toBe(201);
    userId[as] = made.body.id;
    expect((await owner.put(`/api/users/${made.body.id}/crm`, { departmentId: null, customerScope: 'own' })).status).toBe(200);
  }
  ann = await server.login('ann', '7411');
  customers = (await server.db.customer.findMany({ orderBy: { name: 'asc' }, take: 7 })).map((c) => c.id);
  for (const [i, id] of customers.slice(0, 6).entries()) expect((await owner.put(`/api/customers/${id}/manager`, { managerId: userId[managerOf(i)] })).status).toBe(200);
  expect((await owner.put('/api/customer-statuses', funnel)).status).toBe(200);
});
afterAll(() => server?.close());

describe('the funnel of customer statuses', () => {
  it('moves customers only as the funnel allows, keeping every move with who and when, and reports figures worked out from those moves and the sales', async () => {
    // Customer 0 became a lead before the period: that entry is not the period's, the stay it began ends in it.
    await moveTo(0, 'Lead', '2026-02-20T09:00:00Z');
    await moveTo(0, 'Contacted', '2026-03-02T09:00:00Z');
    await moveTo(1, 'Lead', '2026-03-02T10:00:00Z');
    await moveTo(2, 'Lead', '2026-03-03T08:00:00Z');
    await moveTo(3, 'Lead', '2026-03-03T09:30:00Z');
    await moveTo(4, 'Lead', '2026-03-04T12:00:00Z');
    await moveTo(1, 'Contacted', '2026-03-05T10:00:00Z', ann, userId.ann);
    await moveTo(0, 'Offer', '2026-03-06T15:00:00Z', ann, userId.ann);
    await moveTo(3, 'Contacted', '2026-03-07T09:30:00Z');
    await moveTo(2, 'Contacted', '2026-03-09T08:00:00Z', ann, userId.ann);
    await moveTo(1, 'Offer', '2026-03-10T16:00:00Z');
    await moveTo(0, 'Client', '2026-03-12T15:00:00Z');
    await moveTo(3, 'Lapsed', '2026-03-14T11:00:00Z');
    await moveTo(1, 'Client', '2026-03-20T16:00:00Z');
    await moveTo(4, 'Contacted', '2026-03-21T12:00:00Z');
    await moveTo(0, 'Regular', '2026-04-12T15:00:00Z');
    await moveTo(3, 'Client', '2026-04-20T09:30:00Z');
    await moveTo(4, 'Offer', '2026-04-30T12:00:00Z');

    // Sales to four of them (and one to a customer outside the funnel), rung up today.
    await owner.post('/api/shifts', { openingFloat: 0 });
    const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 2 });
    const products = await Promise.all(rows.map(async (r) => (await findProducts(owner, r.sku)).find((p) => p.id === r.id)!));
    for (const [customer, quantities] of [[0, [2000, 1000]], [1, [1000, 0]], [3, [0, 3000]], [4, [1000, 1000]], [6, [5000, 0]], [0, [1000, 0]]] as [number, number[]][]) {
      const buyer = (await owner.get(`/api/customers/${customers[customer]}`)).body;
      const lines = quantities.flatMap((q, i) => (q ? [{ product: products[i], quantityMilli: q }] : []));
      const { request } = await buildSale(owner, lines, { customer: buyer });
      const sold = await owner.post('/api/sales', request);
      expect(sold.status, JSON.stringify(sold.body)).toBe(201);
      const saleLines = await server.db.saleLine.findMany({ where: { saleId: sold.body.id, kind: 'goods' } });
      const sum = bought.get(customer) ?? { sales: 0, tax: 0, cost: 0 };
      for (const l of saleLines) {
        sum.sales += l.amount;
        sum.tax += l.taxAmount;
        sum.cost += l.costAmount;
      }
      bought.set(customer, sum);
    }
    expect([...bought.values()].some((b) => b.cost > 0)).toBe(true);

    // The history: every move, who made it and when, from where to where; nothing else.
    for (const [i, id] of customers.slice(0, 5).entries()) {
      const view = (await owner.get(`/api/customers/${id}/status`)).body;
      const mine = made.filter((m) => m.customer === i);
      expect(view.history.map((h: { fromId: string | null; toId: string; userId: string; at: string }) => [h.fromId && nameOf(h.fromId), nameOf(h.toId), h.userId, Date.parse(h.at)])).toEqual(
        mine.map((m, k) => [k ? mine[k - 1].to : null, m.to, m.by, m.at]),
      );
      expect(nameOf(view.statusId)).toBe(mine.at(-1)!.to);
      expect(view.allowed.map(nameOf).sort()).toEqual(ALLOWED.filter(([a]) => a === mine.at(-1)!.to).map(([, b]) => b).sort());
    }

    const report = await owner.get(`/api/reports/funnel?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(report.status).toBe(200);
    const all = expected(() => true);
    expect(shown(report.body)).toEqual(all);
    // The figures mean something: several stays measured, conversions both made and missed.
    expect(all.stages.find((s) => s.name === 'Lead')!.stays).toBe(5);
    expect(all.conversions.find((c) => c.from === 'Contacted' && c.to === 'Offer')).toEqual({ from: 'Contacted', to: 'Offer', entered: 5, converted: 3 });
    const client = report.body.conversions.find((c: { fromId: string; toId: string }) => c.fromId === status.Offer && c.toId === status.Client);
    expect(client.rateBp).toBe(Math.round((client.converted * 10_000) / client.entered));

    // Per manager, as the owner asks, and as Ann sees it (her own customers only, whatever she asks).
    const annsOwn = expected((c) => managerOf(c) === 'ann' && c < 6);
    expect(shown((await owner.get(`/api/reports/funnel?from=${PERIOD.from}&to=${PERIOD.to}&managerId=${userId.ann}`)).body)).toEqual(annsOwn);
    expect(shown((await ann.get(`/api/reports/funnel?from=${PERIOD.from}&to=${PERIOD.to}`)).body)).toEqual(annsOwn);
    expect(shown((await ann.get(`/api/reports/funnel?from=${PERIOD.from}&to=${PERIOD.to}&managerId=${userId.bob}`)).body)).toEqual(expected(() => false));
    expect(shown((await owner.get(`/api/reports/funnel?from=${PERIOD.from}&to=${PERIOD.to}&managerId=${userId.bob}`)).body)).toEqual(expected((c) => managerOf(c) === 'bob' && c < 6));

    // A period that ends before the later moves sees the funnel as it was then.
    const march = await owner.get('/api/reports/funnel?from=2026-03-01&to=2026-03-31');
    const lastOfMarch = made.filter((m) => m.at < Date.parse('2026-04-01T00:00:00Z'));
    const stageAtMarchEnd = new Map(lastOfMarch.map((m) => [m.customer, m.to]));
    expect(march.body.stages.map((s: { name: string; count: number }) => [s.name, s.count])).toEqual(STAGES.map((s) => [s, [...stageAtMarchEnd.values()].filter((t) => t === s).length]));
  });

  it('refuses a move the funnel does not allow, an unknown status and another outlet\'s, naming the field, and changes nothing', async () => {
    const lead = customers[5];
    clock = new Date('2026-05-01T10:00:00Z');
    expect((await owner.post(`/api/customers/${lead}/status`, { statusId: status.Lead })).status).toBe(200);
    const otherOutlets = newId();
    await server.db.$transaction(async (tx) => {
      await tx.customerStatus.create({ data: { id: otherOutlets, outletId: newId(), name: 'Elsewhere', customerType: 'lead', position: 0, initial: true } });
      await tx.customerStatusMove.create({ data: { fromId: status.Lead, toId: otherOutlets } });
    });
    const before = await funnelTables();
    const refusals: [string, unknown, number, string, string][] = [
      [customers[5], { statusId: status.Client }, 422, 'customer-status-move-not-allowed', 'body.statusId'],
      [customers[5], { statusId: status.Lead }, 422, 'customer-status-move-not-allowed', 'body.statusId'],
      [customers[5], { statusId: newId() }, 422, 'customer-status-unknown', 'body.statusId'],
      [customers[5], { statusId: otherOutlets }, 422, 'customer-status-unknown', 'body.statusId'],
      [customers[5], { statusId: 'lead' }, 400, 'invalid-input', 'body.statusId'],
      // No status yet: only an initial one.
      [customers[6], { statusId: status.Offer }, 422, 'customer-status-not-initial', 'body.statusId'],
      [newId(), { statusId: status.Lead }, 404, 'customer-not-found', 'id'],
    ];
    for (const [customer, body, code, error, field] of refusals) {
      const res = await owner.post(`/api/customers/${customer}/status`, body);
      expect([res.status, res.body.error?.code, res.body.error?.fields?.[0]?.path], JSON.stringify(body)).toEqual([code, error, field]);
    }
    const move = await owner.post(`/api/customers/${customers[5]}/status`, { statusId: status.Client });
    expect(move.body.error.message).toBe('A customer is not moved from Lead to Client: the funnel does not allow that move');
    // A manager who sees only her own customers does not learn of Bob's.
    expect((await ann.post(`/api/customers/${customers[5]}/status`, { statusId: status.Contacted })).status).toBe(404);
    expect((await ann.get(`/api/customers/${customers[5]}/status`)).status).toBe(404);
    // The funnel's definition: a status customers are or were in is not removed, two of one name are not kept, moves name its own statuses.
    const without = { statuses: funnel.statuses.filter((s) => s.name !== 'Lapsed'), moves: funnel.moves.filter((m) => m.fromId !== status.Lapsed && m.toId !== status.Lapsed) };
    const inUse = await owner.put('/api/customer-statuses', without);
    expect([inUse.status, inUse.body.error.code, inUse.body.error.details?.name ?? inUse.body.error.message]).toEqual([409, 'customer-status-in-use', expect.stringContaining('Lapsed')]);
    const twice = await owner.put('/api/customer-statuses', { ...funnel, statuses: [...funnel.statuses, { id: newId(), name: 'lead', customerType: 'lead', initial: false }] });
    expect([twice.status, twice.body.error.code, twice.body.error.fields[0].path]).toEqual([422, 'customer-status-name-taken', 'body.statuses.6.name']);
    const stray = await owner.put('/api/customer-statuses', { ...funnel, moves: [...funnel.moves, { fromId: status.Lead, toId: otherOutlets }] });
    expect([stray.status, stray.body.error.code, stray.body.error.fields[0].path]).toEqual([422, 'customer-status-unknown', `body.moves.${funnel.moves.length}.toId`]);
    const taken = await owner.put('/api/customer-statuses', { ...funnel, statuses: [...funnel.statuses, { id: otherOutlets, name: 'Taken over', customerType: 'lead', initial: false }] });
    expect([taken.status, taken.body.error.code, taken.body.error.fields[0].path]).toEqual([422, 'customer-status-unknown', 'body.statuses.6.id']);
    expect((await ann.put('/api/customer-statuses', funnel)).status).toBe(403);
    expect(await funnelTables()).toEqual(before);
    // Past moves are kept as they were made: the database itself refuses to change or remove one.
    const past = before.history[0];
    const raw = (text: string) => server.db.$transaction(async () => sqliteOf(server.db).prepare(text).run(past.id));
    await expect(raw(`UPDATE "CustomerStatusChange" SET "toId" = '${status.Regular}' WHERE "id" = ?`)).rejects.toThrow(/never changed/);
    await expect(raw(`DELETE FROM "CustomerStatusChange" WHERE "id" = ?`)).rejects.toThrow(/never removed/);
    expect(await funnelTables()).toEqual(before);
  });

  it('imports leads like customers: the status column by name, an unknown status or a move not allowed a rejected row', async () => {
    const existing = await server.db.customer.findUniqueOrThrow({ where: { id: customers[5] }, include: { cards: true } });
    const csv = ['Name;Card;Status', 'Lead One;FUN-0001;Lead', 'Offer Two;FUN-0002;offer', 'Unknown Three;FUN-0003;Prospect', `${existing.name};${existing.cards[0].code};Client`, 'No Status Four;FUN-0004;'].join('\n');
    const res = await fetch(`${server.url}/api/customers/import?${new URLSearchParams({ fileName: 'leads.csv', key: 'card', onExisting: 'update', dryRun: 'false' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const report = await res.json();
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect([report.created, report.updated, report.rejectedCount]).toEqual([3, 0, 2]);
    expect(report.rejected.map((r: { row: number; reasons: string[] }) => [r.row, r.reasons])).toEqual([
      [4, ['status: no status "Prospect" in the funnel']],
      [5, ['status: the funnel does not allow a move from Lead to Client']],
    ]);
    const stageOf = async (card: string) => {
      const owner = (await server.db.customerCard.findUniqueOrThrow({ where: { code: card } })).customerId;
      return [(await server.db.customerStage.findUnique({ where: { customerId: owner } }))?.statusId ?? null, (await server.db.customerStatusChange.findMany({ where: { customerId: owner } })).map((h) => [h.fromId, h.toId, h.userId])];
    };
    expect(await stageOf('FUN-0001')).toEqual([status.Lead, [[null, status.Lead, userId.owner]]]);
    expect(await stageOf('FUN-0002')).toEqual([status.Offer, [[null, status.Offer, userId.owner]]]);
    expect(await stageOf('FUN-0004')).toEqual([null, []]);
    expect(await server.db.customerCard.findUnique({ where: { code: 'FUN-0003' } })).toBeNull();
    expect((await server.db.customerStage.findUniqueOrThrow({ where: { customerId: customers[5] } })).statusId).toBe(status.Lead);
  });
});
