import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { createPostgresDatabase, outletIdentity, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Two outlets seven hours apart push to head office on real PostgreSQL. Each sells just before and
// just after its own midnight at the turn of a month: in Vilnius the UTC date is still the day
// before, in New York it is already the next. Head office's figures per outlet, day and chain are
// checked against the test's own sums of the documents each outlet holds, by each outlet's clock.

const halfUp = (a: number, b: number, c: number) => Math.sign(a * b) * Math.floor((2 * Math.abs(a * b) + c) / (2 * c));
const bp = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

function wallClock(zone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const show = (at: Date) => {
    const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  };
  const instant = (local: string) => {
    const wanted = Date.parse(`${local}:00Z`);
    let guess = wanted;
    for (let i = 0; i < 3; i++) guess += wanted - Date.parse(`${show(new Date(guess))}:00Z`);
    return new Date(guess);
  };
  return { show, instant };
}

const firstOfMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
const D0 = new Date(firstOfMonth.getTime() - 86_400_000).toISOString().slice(0, 10);
const D1 = firstOfMonth.toISOString().slice(0, 10);

interface Outlet {
  code: string;
  zone: string;
  clock: ReturnType<typeof wallClock>;
  server: TestServer;
  manager: ApiClient;
}

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
const outlets: Outlet[] = [];

/** Waits (on real timers: only Date is faked) until the outlet's outbox is empty. */
async function caughtUp(outlet: Outlet) {
  for (let i = 0; i < 400; i++) {
    if ((await outlet.manager.get('/api/sync/status')).body.backlog === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${outlet.code} did not catch up`);
}

async function sellAt(outlet: Outlet, local: string, rateBp: number, extra: { customerId?: string; quantity?: number } = {}) {
  vi.setSystemTime(outlet.clock.instant(local));
  const row = await outlet.server.db.product.findFirstOrThrow({ where: { kind: 'goods', unit: 'piece', plu: null, discountable: true, cost: { gt: 0 }, taxRate: { rateBp } }, orderBy: { sku: 'asc' } });
  const [view] = (await findProducts(outlet.manager, row.sku)).filter((p) => p.id === row.id);
  const customer = extra.customerId ? (await outlet.manager.get(`/api/customers/${extra.customerId}`)).body : null;
  const { request } = await buildSale(outlet.manager, [{ product: view, quantityMilli: (extra.quantity ?? 2) * 1000 }], { customer });
  const res = await outlet.manager.post('/api/sales', request);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** One outlet's figures per its own local day, from its documents alone. */
async function ownDays(outlet: Outlet) {
  const docs = await outlet.server.db.sale.findMany({ include: { lines: true, payments: true } });
  const days = new Map<string, { receipts: number; returns: number; sales: number; tax: number; cost: number; discount: number; taken: number; refunded: number; used: number; rates: Map<number, { sales: number; tax: number }> }>();
  for (const doc of docs) {
    const day = outlet.clock.show(doc.createdAt).slice(0, 10);
    const d = days.get(day) ?? { receipts: 0, returns: 0, sales: 0, tax: 0, cost: 0, discount: 0, taken: 0, refunded: 0, used: 0, rates: new Map() };
    const sign = doc.kind === 'sale' ? 1 : -1;
    const goods = doc.lines.filter((l) => l.kind === 'goods');
    if (goods.length) d[doc.kind === 'sale' ? 'receipts' : 'returns']++;
    for (const l of goods) {
      if (doc.kind === 'sale') expect(l.taxAmount).toBe(halfUp(l.amount, l.taxRateBp, 10_000 + l.taxRateBp));
      d.sales += sign * l.amount;
      d.tax += sign * l.taxAmount;
      d.cost += sign * l.costAmount;
      d.discount += sign * l.discountAmount;
      const r = d.rates.get(l.taxRateBp) ?? { sales: 0, tax: 0 };
      r.sales += sign * l.amount;
      r.tax += sign * l.taxAmount;
      d.rates.set(l.taxRateBp, r);
    }
    const deposits = doc.lines.filter((l) => l.kind === 'deposit').reduce((s, l) => s + l.amount, 0);
    if (doc.kind === 'sale') d.taken += deposits;
    else d.refunded += deposits;
    d.used += sign * doc.payments.filter((p) => p.method === 'deposit').reduce((s, p) => s + p.amount, 0);
    days.set(day, d);
  }
  return days;
}

const asFigures = (d: { receipts: number; returns: number; sales: number; tax: number; cost: number; discount: number; taken: number; refunded: number; used: number }) => {
  const revenue = d.sales - d.tax;
  return { receipts: d.receipts, returns: d.returns, sales: d.sales, tax: d.tax, revenue, cost: d.cost, grossProfit: revenue - d.cost, marginBp: bp(revenue - d.cost, revenue), discount: d.discount, deposits: { taken: d.taken, refunded: d.refunded, used: d.used } };
};
const taxRows = (rates: Map<number, { sales: number; tax: number }>) =>
  [...rates.entries()].filter(([, r]) => r.sales || r.tax).map(([rateBp, r]) => ({ rateBp, net: r.sales - r.tax, tax: r.tax, gross: r.sales })).sort((a, b) => b.rateBp - a.rateBp);

beforeAll(async () => {
  // Sessions last 14 hours: the clock starts late on the first day and only ever moves forward.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${D0}T20:00:00Z`) });
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  for (const [code, zone] of [['VLN-1', 'Europe/Vilnius'], ['NYC-1', 'America/New_York']] as const) {
    // Head office was told nothing of the zone when the outlet was added: the outlet's pushes say it.
    const token = await headOffice.addOutlet(code);
    const server = await startTestServer({ outletCode: code, timezone: zone, headOffice: { url: headOffice.url, token, batchSize: 50, intervalMs: 30, maxBackoffMs: 200 } });
    const manager = await server.login('manager', '2222');
    expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
    outlets.push({ code, zone, clock: wallClock(zone), server, manager });
  }
});

afterAll(async () => {
  for (const o of outlets) await o.server.close().catch(() => undefined);
  await headOffice?.close().catch(() => undefined);
  await database?.drop();
  vi.useRealTimers();
});

describe('head office figures by each outlet’s own days', () => {
  it('adds each outlet’s sales to its own local days, in two time zones, with VAT by rate, deposits apart, and the chain their sum', async () => {
    const [vilnius] = outlets;
    // Vilnius first (its midnight comes first), then New York: the clock never goes back.
    let holder = '';
    let amount = 0;
    for (const o of outlets) {
      const customer = (await o.manager.post('/api/customers', { name: `Chain Customer ${o.code}` })).body.id;
      const late = await sellAt(o, `${D0}T23:50`, 2100, { customerId: customer });
      await sellAt(o, `${D1}T00:10`, 900, { customerId: customer });
      await sellAt(o, `${D1}T00:20`, 2100, { quantity: 3 });
      vi.setSystemTime(o.clock.instant(`${D1}T00:30`));
      expect((await o.manager.post('/api/returns', { id: newId(), originalSaleId: late.id, lines: [{ saleLineId: late.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' })).status).toBe(201);
      if (o !== vilnius) continue;
      // A deposit in Vilnius after its midnight: money held, not a sale, and no receipt.
      vi.setSystemTime(vilnius.clock.instant(`${D1}T00:40`));
      holder = (await vilnius.manager.post('/api/customers', { name: 'Deposit Holder' })).body.id;
      const row = await vilnius.server.db.product.findFirstOrThrow({ where: { kind: 'goods', unit: 'piece', plu: null }, orderBy: { sku: 'desc' } });
      const order = (await vilnius.manager.post('/api/pre-orders', { id: newId(), customerId: holder, lines: [{ productId: row.id, quantityMilli: 1000, unitPrice: row.price }] })).body;
      const deposit = (await vilnius.manager.get('/api/pre-orders/deposit-product')).body;
      amount = Math.floor(order.total / 2);
      const taken = await vilnius.manager.post('/api/sales', { id: newId(), customerId: holder, lines: [{ lineId: newId(), productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount } }], tenders: [{ method: 'cash', amount }], expectedTotal: amount });
      expect(taken.status).toBe(201);
    }
    for (const o of outlets) await caughtUp(o);

    const sales = (await headOffice.admin.get(`/api/head-office/sales?from=${D0}&to=${D1}`)).body;
    expect(sales.basis).toBe('net');
    const chain = { receipts: 0, returns: 0, sales: 0, tax: 0, cost: 0, discount: 0, taken: 0, refunded: 0, used: 0 };
    const chainRates = new Map<number, { sales: number; tax: number }>();
    for (const o of outlets) {
      const days = await ownDays(o);
      expect([...days.keys()].sort()).toEqual([D0, D1]);
      for (const [day, d] of days) {
        const held = sales.rows.find((r: any) => r.outletCode === o.code && r.day === day);
        expect(held, `${o.code} ${day}`).toEqual({ outletCode: o.code, timeZone: o.zone, day, ...asFigures(d), taxes: taxRows(d.rates) });
        for (const k of Object.keys(chain) as (keyof typeof chain)[]) chain[k] += d[k];
        for (const [rate, r] of d.rates) {
          const c = chainRates.get(rate) ?? { sales: 0, tax: 0 };
          c.sales += r.sales;
          c.tax += r.tax;
          chainRates.set(rate, c);
        }
      }
      // The outlet's own day report says the same as head office, day by day.
      const own = (await o.manager.get(`/api/reports/sales?from=${D0}&to=${D1}&groupBy=day`)).body;
      for (const r of own.rows) expect(sales.rows.find((h: any) => h.outletCode === o.code && h.day === r.key)).toMatchObject({ sales: r.sales, tax: r.tax, revenue: r.revenue, cost: r.cost, grossProfit: r.grossProfit, marginBp: r.marginBp });
    }
    expect(sales.rows).toHaveLength(4);
    expect(sales.chain).toEqual({ ...asFigures(chain), taxes: taxRows(chainRates) });
    expect(sales.chain.deposits).toEqual({ taken: amount, refunded: 0, used: 0 });
    expect(sales.outlets.map((o: any) => [o.outletCode, o.timeZone])).toEqual([['NYC-1', 'America/New_York'], ['VLN-1', 'Europe/Vilnius']]);

    // One day is each outlet's own: New York's 23:50 (already the next UTC date) and Vilnius's 23:50.
    const first = (await headOffice.admin.get(`/api/head-office/sales?from=${D0}&to=${D0}`)).body;
    for (const o of outlets) expect(first.rows.find((r: any) => r.outletCode === o.code)).toMatchObject(asFigures((await ownDays(o)).get(D0)!));
    expect(first.rows).toHaveLength(2);

    // The chain view names each outlet's zone; a customer's month is the outlet's local month.
    const list = (await headOffice.admin.get('/api/head-office/outlets')).body;
    expect(list.map((o: any) => [o.code, o.timeZone])).toEqual([['NYC-1', 'America/New_York'], ['VLN-1', 'Europe/Vilnius']]);
    const { rows: months } = await headOffice.db.pool.query(
      `SELECT m."month", m."total"::float8 AS "total" FROM "CustomerSpendMonth" m JOIN "Outlet" o ON o."id" = m."outletId" WHERE o."code" = 'VLN-1' AND m."customerId" <> $1 ORDER BY m."month"`,
      [holder],
    );
    const spent = await vilnius.server.db.sale.findMany({ where: { customerId: { not: null, notIn: [holder] } } });
    const byMonth = new Map<string, number>();
    for (const s of spent) byMonth.set(vilnius.clock.show(s.createdAt).slice(0, 7), (byMonth.get(vilnius.clock.show(s.createdAt).slice(0, 7)) ?? 0) + (s.kind === 'sale' ? s.total : -s.total));
    expect(months.map((m) => [m.month, m.total])).toEqual([...byMonth.entries()].sort());
    expect(months.map((m) => m.month)).toEqual([D0.slice(0, 7), D1.slice(0, 7)]);
  });

  it('refuses a batch naming a time zone nobody knows, naming the field', async () => {
    const [vilnius] = outlets;
    const token = await headOffice.addOutlet('XTZ-1');
    const res = await fetch(`${headOffice.url}/api/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ outletCode: 'XTZ-1', ...(await outletIdentity(vilnius.server.db)), timeZone: 'Mars/Olympus_Mons', sentAt: new Date().toISOString(), documents: [{ documentId: newId(), type: 'customer-edit', createdAt: new Date().toISOString(), payload: {} }] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields[0].path).toBe('body.timeZone');
  });
});
