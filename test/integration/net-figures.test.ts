import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildInStoreBarcode } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Every figure here is computed by the test itself from the documents it made (their lines,
// discounts and payments as stored), the products it chose and the clock it set: never by the
// product's report functions. The sales fall around local midnight in Vilnius at the turn of a
// month, where the UTC date is still the day (and month) before.

const ZONE = 'Europe/Vilnius';
const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/** The wall-clock time in Vilnius, "YYYY-MM-DDTHH:MM". */
function vilnius(at: Date): string {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
/** The instant Vilnius clocks show `local` ("YYYY-MM-DDTHH:MM"). */
function inVilnius(local: string): Date {
  const wanted = Date.parse(`${local}:00Z`);
  let guess = wanted;
  for (let i = 0; i < 3; i++) guess += wanted - Date.parse(`${vilnius(new Date(guess))}:00Z`);
  return new Date(guess);
}
const halfUp = (a: number, b: number, c: number) => Math.sign(a * b) * Math.floor((2 * Math.abs(a * b) + c) / (2 * c));
const marginBp = (profit: number, revenue: number) => (revenue === 0 ? null : Math.round((profit * 10_000) / revenue));

// The last day of the month before this one, and the first of this one.
const firstOfMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
const D0 = new Date(firstOfMonth.getTime() - 86_400_000).toISOString().slice(0, 10);
const D1 = firstOfMonth.toISOString().slice(0, 10);
const clock = (local: string) => vi.setSystemTime(inVilnius(local));

let server: TestServer;
let manager: ApiClient;
let owner: ApiClient;
const product: Record<'a' | 'b' | 'c' | 'f' | 'e' | 'q', ProductView> = {} as never;
/** Each product's category as the test set the catalogue up, and its cost when sold. */
const categoryOf = new Map<string, string>();
const costOf = new Map<string, number>();
const customers: Record<'gold' | 'points', string> = {} as never;
let shiftId = '';
/** The pre-order's deposit: half of what it costs. */
let deposited = 0;
let closed: any;

type Doc = Awaited<ReturnType<typeof documents>>[number];
const documents = () => server.db.sale.findMany({ include: { lines: true, discounts: true, payments: true }, orderBy: { seq: 'asc' } });

/** Net sales of goods per group, from the documents alone (returns subtract). */
function expectedBy(docs: Doc[], keyOf: (doc: Doc, line: Doc['lines'][number]) => string) {
  const groups = new Map<string, { sales: number; tax: number; cost: number; piece: number; kg: number }>();
  for (const doc of docs) {
    const sign = doc.kind === 'sale' ? 1 : -1;
    for (const l of doc.lines.filter((x) => x.kind === 'goods')) {
      const g = groups.get(keyOf(doc, l)) ?? { sales: 0, tax: 0, cost: 0, piece: 0, kg: 0 };
      g.sales += sign * l.amount;
      g.tax += sign * l.taxAmount;
      g.cost += sign * l.costAmount;
      if (l.unit === 'kg') g.kg += sign * l.quantityMilli;
      else g.piece += sign * l.quantityMilli;
      groups.set(keyOf(doc, l), g);
    }
  }
  return new Map(
    [...groups.entries()].map(([key, g]) => {
      const revenue = g.sales - g.tax;
      const quantity = g.kg === 0 ? { quantityMilli: g.piece, unit: 'piece' } : g.piece === 0 ? { quantityMilli: g.kg, unit: 'kg' } : { quantityMilli: null, unit: null };
      return [key, { ...quantity, sales: g.sales, tax: g.tax, revenue, cost: g.cost, grossProfit: revenue - g.cost, marginBp: marginBp(revenue - g.cost, revenue) }];
    }),
  );
}

const figuresOf = (row: any) => ({ quantityMilli: row.quantityMilli, unit: row.unit, sales: row.sales, tax: row.tax, revenue: row.revenue, cost: row.cost, grossProfit: row.grossProfit, marginBp: row.marginBp });
const report = async (groupBy: string, from = D0, to = D1) => {
  const res = await manager.get(`/api/reports/sales?from=${from}&to=${to}&groupBy=${groupBy}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const localDay = (doc: Doc) => vilnius(doc.createdAt).slice(0, 10);

async function sell(local: string, lines: Parameters<typeof buildSale>[1], options: Parameters<typeof buildSale>[2] & { customerId?: string } = {}) {
  clock(local);
  const customer = options.customerId ? (await manager.get(`/api/customers/${options.customerId}`)).body : null;
  const { request } = await buildSale(manager, lines, { ...options, customer });
  const res = await manager.post('/api/sales', request);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: inVilnius(`${D0}T20:00`) });
  server = await startTestServer({ timezone: ZONE, outletSettings: { discountCombination: { mode: 'stack', capBp: 1200 } } });
  manager = await server.login('manager', '2222', 'R1');
  owner = await server.login('owner', '1111', 'R2');
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  shiftId = (await manager.get('/api/shifts/current')).body.shift.id;

  // Goods of two VAT rates and several categories, one of them weighed; F's cost leaves 5 % above it.
  const goods = await server.db.product.findMany({ where: { kind: 'goods', discountable: true, price: { lt: 1500, gt: 100 } }, include: { taxRate: true }, orderBy: { sku: 'asc' } });
  const piece = goods.filter((p) => p.unit === 'piece' && !p.plu && p.cost > 0);
  const pick = (where: (p: (typeof goods)[number]) => boolean) => {
    const found = piece.find((p) => where(p) && !Object.values(product).some((x) => x.id === p.id));
    if (!found) throw new Error('the demo catalogue has no such product');
    return found;
  };
  const a = pick((p) => p.taxRate.rateBp === 2100);
  const c = pick((p) => p.taxRate.rateBp === 900 && p.categoryId !== a.categoryId);
  const q = pick((p) => p.categoryId !== a.categoryId && p.categoryId !== c.categoryId);
  const f = pick((p) => p.categoryId === a.categoryId && p.id !== a.id);
  const e = pick((p) => p.categoryId === c.categoryId && p.id !== c.id);
  const b = goods.find((p) => p.unit === 'kg' && p.plu && p.categoryId !== q.categoryId)!;
  await server.db.$transaction((tx) => tx.product.update({ where: { id: f.id }, data: { cost: Math.round(f.price * 0.95) } }));
  for (const [key, row] of Object.entries({ a, b, c, f, e, q })) {
    product[key as keyof typeof product] = (await findProducts(manager, row.sku)).find((p) => p.id === row.id)!;
    categoryOf.set(row.id, row.categoryId ?? '');
    costOf.set(row.id, key === 'f' ? Math.round(f.price * 0.95) : row.cost);
  }

  // A card tier every customer has (cut by the 12 % cap beside gold's 10 %) and a promotion on Q's category.
  expect((await manager.post('/api/discount-rules', { rule: { name: 'Club', kind: 'spend-tier', tiers: [{ name: 'Club card', minSpend: 0, percentBp: 700 }] } })).status).toBe(201);
  expect((await manager.post('/api/discount-rules', { rule: { name: 'Week', kind: 'promotion', categoryIds: [q.categoryId], percentBp: 1500 } })).status).toBe(201);
  customers.gold = (await manager.post('/api/customers', { name: 'Gintarė Gold', categoryCode: 'gold' })).body.id;
  customers.points = (await manager.post('/api/customers', { name: 'Petras Points', categoryCode: 'points', personalDiscountBp: 500 })).body.id;
});

afterAll(async () => {
  await server.close();
  vi.useRealTimers();
});

describe('figures a shop can sign, around local midnight', () => {
  it('sells, returns, takes and uses a deposit, moves cash and closes the shift', async () => {
    const weighed = buildInStoreBarcode({ prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5 }, (await server.db.product.findUniqueOrThrow({ where: { id: product.b.id } })).plu!, 457);
    // 23:50 on the last day of the month: gold's 10 % with the card tier cut to the cap, and F held at its floor.
    const first = await sell(`${D0}T23:50`, [{ product: product.a, quantityMilli: 2000 }, { product: product.b, quantityMilli: 457, scannedCode: weighed }, { product: product.f, quantityMilli: 1000 }], { customerId: customers.gold });
    // Ten past midnight, a new day and month in Vilnius (not yet in UTC): a walk-in big basket and a manual discount.
    const basket = Math.ceil(5_200 / product.a.price) * 1000;
    await sell(`${D1}T00:10`, [{ product: product.a, quantityMilli: basket }, { product: product.c, quantityMilli: 1000, manualDiscount: { kind: 'amount', amount: 25, reason: 'Dented tin' } }]);
    // A points customer with a personal discount buys goods on promotion, then pays with points.
    const earning = Math.ceil(2_500 / product.q.price) * 1000;
    await sell(`${D1}T00:20`, [{ product: product.q, quantityMilli: earning }, { product: product.c, quantityMilli: 1000 }], { customerId: customers.points });
    const returned = first.lines.find((l: any) => l.productId === product.a.id);
    clock(`${D1}T00:30`);
    expect((await manager.post('/api/returns', { id: newId(), originalSaleId: first.id, lines: [{ saleLineId: returned.id, quantityMilli: 1000 }], refundMethod: 'cash' })).status).toBe(201);
    await sell(`${D1}T00:40`, [{ product: product.c, quantityMilli: 2000 }], { customerId: customers.points, tenders: (total) => [{ method: 'points', amount: 100 }, { method: 'cash', amount: total - 100 }] });

    // A pre-order: its deposit on a receipt of its own, then collected with the deposit as a tender.
    clock(`${D1}T00:50`);
    const order = (await manager.post('/api/pre-orders', { id: newId(), customerId: customers.gold, lines: [{ productId: product.e.id, quantityMilli: 2000, unitPrice: product.e.price }] })).body;
    const deposit = (await manager.get('/api/pre-orders/deposit-product')).body;
    deposited = Math.floor(order.total / 2);
    const depositSale = { id: newId(), customerId: customers.gold, lines: [{ lineId: newId(), productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: deposited } }], tenders: [{ method: 'cash', amount: deposited }], expectedTotal: deposited };
    expect((await manager.post('/api/sales', depositSale)).status).toBe(201);
    const arrived = (await manager.post(`/api/pre-orders/${order.id}/status`, { to: 'arrived' })).body;
    clock(`${D1}T01:00`);
    const total = arrived.total;
    const collect = { id: newId(), customerId: customers.gold, preOrderId: order.id, lines: arrived.lines.map((l: any) => ({ lineId: newId(), productId: l.productId, quantityMilli: l.quantityMilli, preOrderLineId: l.id })), tenders: [{ method: 'deposit', amount: deposited, reference: order.id }, { method: 'cash', amount: total - deposited }], expectedTotal: total };
    expect((await manager.post('/api/sales', collect)).status).toBe(201);

    clock(`${D1}T01:10`);
    expect((await manager.post('/api/shifts/current/cash-movements', { kind: 'in', amount: 500, reason: 'Change from the bank' })).status).toBe(200);
    clock(`${D1}T01:15`);
    expect((await manager.post('/api/shifts/current/cash-movements', { kind: 'out', amount: 300, reason: 'Courier' })).status).toBe(200);
    clock(`${D1}T02:00`);
    const expected = (await manager.get('/api/shifts/current/x-report')).body.expectedCash;
    const res = await manager.post('/api/shifts/current/close', { countedCash: expected - 50 });
    expect(res.status).toBe(200);
    closed = res.body;

    // The documents say what they sold as sold: VAT inside each sale line, cost at the time of sale.
    for (const doc of await documents()) {
      for (const l of doc.lines) {
        if (doc.kind === 'sale') expect(l.taxAmount).toBe(halfUp(l.amount, l.taxRateBp, 10_000 + l.taxRateBp));
        if (l.kind === 'goods' && doc.kind === 'sale') expect(l.costAmount).toBe(Math.round((l.quantityMilli * costOf.get(l.productId)!) / 1000));
      }
    }
  });

  it('reports sales with VAT, the VAT, net revenue, net cost, gross profit and margin per product, category, customer and local day', async () => {
    const docs = await documents();
    const byProduct = expectedBy(docs, (_, l) => l.productId);
    const rows = (await report('product')).rows;
    expect(rows).toHaveLength(byProduct.size);
    for (const row of rows) expect(figuresOf(row), row.label).toEqual(byProduct.get(row.key));

    const byCategory = expectedBy(docs, (_, l) => categoryOf.get(l.productId)!);
    const categories = (await report('category')).rows;
    expect(new Map(categories.map((r: any) => [r.key, figuresOf(r)]))).toEqual(byCategory);

    // Walk-in sales are not a customer: apart, never ranked among them.
    const byCustomer = expectedBy(docs, (doc) => doc.customerId ?? 'walk-in');
    const people = await report('customer');
    expect(new Map(people.rows.map((r: any) => [r.key, figuresOf(r)]))).toEqual(new Map([...byCustomer].filter(([k]) => k !== 'walk-in')));
    expect(figuresOf(people.walkIn)).toEqual(byCustomer.get('walk-in'));
    // Gold bought pieces and kilograms: no quantity adds them up.
    expect(people.rows.find((r: any) => r.key === customers.gold)).toMatchObject({ quantityMilli: null, unit: null });

    // The sale at 23:50 is the last day's; everything after midnight is the next day's, by Vilnius clocks.
    const byDay = expectedBy(docs, (doc) => localDay(doc));
    const days = await report('day');
    expect(new Map(days.rows.map((r: any) => [r.key, figuresOf(r)]))).toEqual(byDay);
    expect(days.rows.map((r: any) => r.key)).toEqual([D0, D1]);
    expect(days.rows.find((r: any) => r.key === D1).receipts).toBe(docs.filter((d) => d.kind === 'sale' && localDay(d) === D1 && d.lines.some((l) => l.kind === 'goods')).length);
    expect(figuresOf((await report('product', D0, D0)).totals)).toEqual({ ...byDay.get(D0), quantityMilli: null, unit: null });
    const nextDay = await report('category', D1, D1);
    expect({ ...figuresOf(nextDay.totals), quantityMilli: null, unit: null }).toEqual({ ...byDay.get(D1), quantityMilli: null, unit: null });
  });

  it('gives VAT by rate, keeps what was sold when a rate changes, and reports a shop without VAT as paid', async () => {
    const docs = await documents();
    const byRate = new Map<number, { rateBp: number; net: number; tax: number; gross: number }>();
    for (const doc of docs) {
      for (const l of doc.lines.filter((x) => x.kind === 'goods')) {
        const sign = doc.kind === 'sale' ? 1 : -1;
        const r = byRate.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, net: 0, tax: 0, gross: 0 };
        r.gross += sign * l.amount;
        r.tax += sign * l.taxAmount;
        r.net = r.gross - r.tax;
        byRate.set(l.taxRateBp, r);
      }
    }
    const before = await report('product');
    expect(before.taxes).toEqual([...byRate.values()].sort((x, y) => y.rateBp - x.rateBp));
    expect(byRate.size).toBeGreaterThanOrEqual(2);
    expect(before.basis).toBe('net');

    expect((await owner.put('/api/tax-rates/standard', { name: 'VAT 25%', rateBp: 2500 })).status).toBe(200);
    expect(await report('product')).toEqual(before);

    expect((await owner.put('/api/settings', { vatRegistered: false })).status).toBe(200);
    const gross = await report('product');
    expect(gross.basis).toBe('gross');
    for (const row of gross.rows) expect(row.revenue).toBe(row.sales);
    expect(gross.totals.grossProfit).toBe(gross.totals.sales - gross.totals.cost);
    expect((await owner.put('/api/settings', { vatRegistered: true })).status).toBe(200);
    expect((await owner.put('/api/tax-rates/standard', { name: 'VAT 21%', rateBp: 2100 })).status).toBe(200);
  });

  it('leaves deposits out of receipts, sales and averages, and shows them apart as taken and used', async () => {
    clock(`${D1}T02:30`);
    const docs = (await documents()).filter((d) => localDay(d) === D1);
    const receipts = docs.filter((d) => d.kind === 'sale' && d.lines.some((l) => l.kind === 'goods'));
    const day = expectedBy(docs, () => 'day').get('day')!;
    const res = await manager.get('/api/reports/dashboard?period=today');
    expect(res.body.from).toBe(D1);
    expect(res.body.current).toMatchObject({ sales: day.sales, revenue: day.revenue, tax: day.tax, grossProfit: day.grossProfit, marginBp: day.marginBp, receipts: receipts.length, averageReceipt: Math.round(day.sales / receipts.length) });
    expect(res.body.current.deposits).toEqual({ taken: deposited, refunded: 0, used: deposited });
    expect(res.body.byHour.reduce((s: number, h: number) => s + h, 0)).toBe(day.revenue);
    expect(res.body.previous.sales).toBe(expectedBy((await documents()).filter((d) => localDay(d) === D0), () => 'd').get('d')!.sales);
  });

  it('names the source of every discount, groups the report by it, and says what a cap or floor left', async () => {
    const docs = await documents();
    const given = new Map<string, number>();
    for (const d of docs.filter((x) => x.kind === 'sale').flatMap((x) => x.discounts)) given.set(d.source, (given.get(d.source) ?? 0) + d.amount);
    given.set('points', docs.filter((x) => x.kind === 'sale').flatMap((x) => x.payments).filter((p) => p.method === 'points').reduce((s, p) => s + p.amount, 0));
    expect([...given.keys()].sort()).toEqual(['card-tier', 'category', 'manual', 'personal', 'points', 'promotion', 'receipt-total']);

    const table = (await manager.get(`/api/reports/table?kind=discounts&from=${D0}&to=${D1}`)).body;
    const bySource = new Map<string, number>();
    for (const r of table.rows) bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.amount);
    expect(bySource).toEqual(given);
    expect(table.rows.find((r: any) => r.source === 'manual')).toMatchObject({ rule: 'Dented tin', amount: 25 });

    // Gold's 10 % on F met its floor (cost): what was given, and why.
    const first = docs[0];
    const lineF = first.lines.find((l) => l.productId === product.f.id)!;
    const onF = first.discounts.filter((d) => d.lineId === lineF.id);
    expect(onF).toHaveLength(1);
    expect(onF[0].amount).toBe(lineF.grossAmount - costOf.get(product.f.id)!);
    const share = Math.round((onF[0].amount * 10_000) / lineF.grossAmount);
    expect(onF[0].reason).toBe(`Gold card −${share % 100 ? (share / 100).toFixed(2).replace(/0$/, '') : share / 100}% (−10% cut by the minimum margin)`);
    // The card tier beside gold's 10 % was cut to the 12 % cap.
    const lineA = first.lines.find((l) => l.productId === product.a.id)!;
    expect(first.discounts.filter((d) => d.lineId === lineA.id).map((d) => [d.source, d.reason])).toEqual([['category', 'Gold card −10%'], ['card-tier', 'Club card −2% (−7% cut by the discount cap)']]);
  });

  it('keeps the Z whole: every figure equal to the sum of the shift’s documents, given back as closed, and as printed', async () => {
    const docs = (await documents()).filter((d) => d.shiftId === shiftId);
    const sales = docs.filter((d) => d.kind === 'sale');
    const returns = docs.filter((d) => d.kind === 'return');
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const depositOf = (d: Doc) => sum(d.lines.filter((l) => l.kind === 'deposit').map((l) => l.amount));
    const paid = (ds: Doc[], method: string) => sum(ds.flatMap((d) => d.payments.filter((p) => p.method === method).map((p) => p.amount)));
    const taxes = new Map<number, { rateBp: number; net: number; tax: number; gross: number }>();
    for (const d of docs) {
      for (const l of d.lines.filter((x) => x.kind !== 'deposit')) {
        const r = taxes.get(l.taxRateBp) ?? { rateBp: l.taxRateBp, net: 0, tax: 0, gross: 0 };
        const sign = d.kind === 'sale' ? 1 : -1;
        r.gross += sign * l.amount;
        r.tax += sign * l.taxAmount;
        r.net = r.gross - r.tax;
        taxes.set(l.taxRateBp, r);
      }
    }
    const discounts = new Map<string, { source: string; amount: number; receipts: number }>();
    for (const d of sales) {
      for (const source of new Set(d.discounts.map((x) => x.source))) {
        const row = discounts.get(source) ?? { source, amount: 0, receipts: 0 };
        row.amount += sum(d.discounts.filter((x) => x.source === source).map((x) => x.amount));
        row.receipts++;
        discounts.set(source, row);
      }
    }
    const movements = await server.db.cashMovement.findMany({ where: { shiftId } });
    const cashIn = sum(movements.filter((m) => m.kind === 'in').map((m) => m.amount));
    const cashOut = sum(movements.filter((m) => m.kind === 'out').map((m) => m.amount));
    const expectedCash = 10_000 + paid(sales, 'cash') - paid(returns, 'cash') + cashIn - cashOut;
    const z = closed;
    expect(z).toMatchObject({
      reportKind: 'Z',
      closedBy: 'Max Manager',
      openedBy: 'Max Manager',
      closedAt: inVilnius(`${D1}T02:00`).toISOString(),
      timeZone: ZONE,
      salesCount: sales.filter((d) => d.lines.some((l) => l.kind !== 'deposit')).length,
      returnsCount: returns.length,
      salesTotal: sum(sales.map((d) => d.total - depositOf(d))),
      returnsTotal: sum(returns.map((d) => d.total)),
      discountTotal: sum(sales.map((d) => d.discountTotal)),
      deposits: { receipts: 1, taken: deposited, refunded: 0, used: deposited },
      cashIn,
      cashOut,
      expectedCash,
      countedCash: expectedCash - 50,
      difference: -50,
    });
    expect(z.taxes).toEqual([...taxes.values()].sort((a, b) => b.rateBp - a.rateBp));
    expect(new Map(z.discounts.map((d: any) => [d.source, d]))).toEqual(discounts);
    for (const method of ['cash', 'card', 'points', 'deposit']) {
      const row = z.tenders.find((t: any) => t.method === method) ?? { sales: 0, refunds: 0 };
      expect([method, row.sales, row.refunds]).toEqual([method, paid(sales, method), paid(returns, method)]);
    }
    expect(sum(z.tenders.map((t: any) => t.sales))).toBe(z.salesTotal + z.deposits.taken);
    expect(z.returns).toEqual(returns.map((r) => ({ number: r.number, originalNumber: sales.find((s) => s.id === r.originalSaleId)!.number, createdAt: r.createdAt.toISOString(), total: r.total })));
    expect(z.cashMovements.map((m: any) => [m.kind, m.amount, m.reason, m.user])).toEqual([['in', 500, 'Change from the bank', 'Max Manager'], ['out', 300, 'Courier', 'Max Manager']]);

    // A past Z is the one closed, exactly; laid out as its printer prints it; not printed where there is no printer.
    const again = await manager.get(`/api/shifts/${shiftId}/z-report`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(closed);
    const printout = (await manager.get(`/api/shifts/${shiftId}/z-report/printout`)).body;
    const text = printout.lines.map((l: { text: string }) => l.text).join('\n');
    expect(text).toContain('Counted by: Max Manager');
    expect(text).toMatch(new RegExp(`Expected cash\\s+${(expectedCash / 100).toFixed(2)}`));
    expect(text).toMatch(new RegExp(`Used at collection\\s+${(deposited / 100).toFixed(2)}`));
    expect(printout.lines.every((l: { text: string; double: boolean }) => [...l.text].length <= (l.double ? printout.columns / 2 : printout.columns))).toBe(true);
    const reprint = await manager.post(`/api/shifts/${shiftId}/z-report/print`);
    expect(reprint.status).toBe(409);
    expect(reprint.body.error).toMatchObject({ code: 'no-printer', details: { register: 'R1' } });
    const open = await owner.post('/api/shifts', { openingFloat: 0 });
    expect((await manager.get(`/api/shifts/${open.body.id}/z-report`)).body.error).toMatchObject({ code: 'shift-open', details: { shiftId: open.body.id, register: 'R2' } });
    expect((await manager.get(`/api/shifts/${newId()}/z-report`)).status).toBe(404);

    // The shift history says who counted and when, and exports every figure of the Z.
    const history = (await manager.get(`/api/reports/shifts?from=${D1}&to=${D1}`)).body;
    expect(history.rows).toEqual([expect.objectContaining({ id: shiftId, openedBy: 'Max Manager', closedBy: 'Max Manager', closedAt: closed.closedAt, depositsTaken: deposited, difference: -50 })]);
    const csv = await fetch(`${server.url}/api/reports/shifts?from=${D1}&to=${D1}&format=csv`, { headers: { authorization: `Bearer ${manager.token}` } }).then((r) => r.text());
    const [header, row] = csv.replace(/^\uFEFF/, '').trim().split('\n').map((l) => l.split(';'));
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Counted by')).toBe('Max Manager');
    expect(cell('Counted and closed')).toBe(`${D1} 02:00`);
    expect(Number(cell('Deposits used'))).toBe(deposited / 100);
    expect(Number(cell('points: taken'))).toBe(1);
    expect(Number(cell('Discounts: manual'))).toBe(0.25);
    expect(csv).toContain('Courier (Max Manager)');
  });

  it('shows the customer card on one basis: goods net of returns, by local month', async () => {
    const docs = (await documents()).filter((d) => d.customerId === customers.gold);
    const all = expectedBy(docs, () => 'all').get('all')!;
    const receipts = docs.filter((d) => d.kind === 'sale' && d.lines.some((l) => l.kind === 'goods'));
    const discount = docs.reduce((s, d) => s + (d.kind === 'sale' ? 1 : -1) * d.lines.filter((l) => l.kind === 'goods').reduce((t, l) => t + l.discountAmount, 0), 0);
    const res = await manager.get(`/api/customers/${customers.gold}/history`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const history = res.body;
    expect(history.stats).toMatchObject({
      basis: 'net',
      receipts: receipts.length,
      returns: 1,
      totalSpend: all.sales,
      tax: all.tax,
      revenue: all.revenue,
      cost: all.cost,
      grossProfit: all.grossProfit,
      marginBp: all.marginBp,
      averageReceipt: Math.round(all.sales / receipts.length),
      discountTotal: discount,
      deposits: { taken: deposited, refunded: 0, used: deposited },
    });
    const byCategory = expectedBy(docs, (_, l) => categoryOf.get(l.productId)!);
    const names = new Map((await server.db.category.findMany()).map((c) => [c.id, c.name]));
    expect(new Map(history.stats.categories.map((c: any) => [c.name, c.spend]))).toEqual(new Map([...byCategory].map(([id, g]) => [names.get(id), g.sales])));
    const byMonth = expectedBy(docs, (doc) => localDay(doc).slice(0, 7));
    const months = history.stats.byMonth.filter((m: any) => m.spend !== 0);
    expect(months.map((m: any) => [m.month, m.spend, m.revenue])).toEqual([D0, D1].map((d) => d.slice(0, 7)).map((m) => [m, byMonth.get(m)!.sales, byMonth.get(m)!.revenue]));
    expect(history.stats.byMonth).toHaveLength(12);
  });
});
