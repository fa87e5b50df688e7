import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import { newId } from '../../shared/ids.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Goods sold by the piece, the kilogram, the litre and the metre, made through the API as a shop
// owner makes them. Quantities add up only within one unit: the test sums the stored documents'
// lines per unit itself and compares every report row with that (a group of several units has
// no quantity at all). The receipt printed for litres is read back from the printer's bytes.

let server: TestServer;
let printer: FakeNetworkPrinter;
let manager: ApiClient;
let cashier: ApiClient;
const product: Record<'bread' | 'cheese' | 'milk' | 'juice' | 'cable' | 'water', ProductView> = {} as never;
const category: Record<'litres' | 'metres' | 'mixed' | 'weighed', string> = {} as never;
let customerId = '';
const day = new Date().toISOString().slice(0, 10);
const around = { from: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10) };

type Doc = Awaited<ReturnType<typeof documents>>[number];
const documents = () => server.db.sale.findMany({ include: { lines: true } });

/** Per group, the net quantity of each unit sold (returns subtract), from the documents alone. */
function expectedQuantities(docs: Doc[], keyOf: (doc: Doc, line: Doc['lines'][number]) => string | null) {
  const groups = new Map<string, Map<string, number>>();
  for (const doc of docs) {
    for (const l of doc.lines.filter((x) => x.kind === 'goods')) {
      const key = keyOf(doc, l);
      if (key === null) continue;
      const units = groups.get(key) ?? new Map<string, number>();
      units.set(l.unit, (units.get(l.unit) ?? 0) + (doc.kind === 'sale' ? 1 : -1) * l.quantityMilli);
      groups.set(key, units);
    }
  }
  return new Map(
    [...groups].map(([key, units]) => [key, units.size === 1 ? { quantityMilli: [...units.values()][0], unit: [...units.keys()][0] } : { quantityMilli: null, unit: null }]),
  );
}

const quantities = (rows: { key: string; quantityMilli: number | null; unit: string | null }[]) => new Map(rows.map((r) => [r.key, { quantityMilli: r.quantityMilli, unit: r.unit }]));

async function report(groupBy: string) {
  const res = await manager.get(`/api/reports/sales?from=${around.from}&to=${around.to}&groupBy=${groupBy}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  server = await startTestServer({ receiptPrinterUri: `${printer.uri}?model=epson-tm-t20iii` });
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 10_000 });
  const taxRateId = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: 2100 } })).id;
  for (const name of ['litres', 'metres', 'mixed', 'weighed'] as const) {
    const res = await manager.post('/api/categories', { name: `Units ${name}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    category[name] = res.body.id;
  }
  const make = async (key: keyof typeof product, unit: string, categoryId: string, price: number) => {
    const res = await manager.post('/api/products', { name: `Units ${key}`, sku: `UNITS-${key}`, taxRateId, categoryId, unit, price, cost: Math.round(price / 2) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.product.unit).toBe(unit);
    product[key] = (await cashier.get(`/api/products/search?q=UNITS-${key}`)).body.items[0];
  };
  await make('milk', 'l', category.litres, 119);
  await make('juice', 'l', category.litres, 249);
  await make('cable', 'm', category.metres, 350);
  await make('bread', 'piece', category.mixed, 189);
  await make('water', 'l', category.mixed, 99);
  await make('cheese', 'kg', category.weighed, 1290);
  customerId = (await server.db.customer.findFirstOrThrow()).id;

  const sell = async (lines: { product: ProductView; quantityMilli: number }[], customer = false) => {
    const customerView = customer ? (await cashier.get(`/api/customers/${customerId}`)).body : null;
    const { request } = await buildSale(cashier, lines, { customer: customerView });
    const res = await cashier.post('/api/sales', request);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  await sell([{ product: product.milk, quantityMilli: 1500 }, { product: product.bread, quantityMilli: 2000 }, { product: product.cheese, quantityMilli: 735 }]);
  await sell([{ product: product.juice, quantityMilli: 2250 }, { product: product.cable, quantityMilli: 12_500 }, { product: product.water, quantityMilli: 6000 }]);
  const toCustomer = await sell([{ product: product.milk, quantityMilli: 3000 }, { product: product.juice, quantityMilli: 1000 }], true);
  const sold = await server.db.sale.findUniqueOrThrow({ where: { id: toCustomer.id }, include: { lines: true } });
  const milkLine = sold.lines.find((l) => l.productId === product.milk.id)!;
  const returned = await manager.post('/api/returns', { id: newId(), originalSaleId: sold.id, lines: [{ saleLineId: milkLine.id, quantityMilli: 500 }], refundMethod: 'cash' });
  expect(returned.status, JSON.stringify(returned.body)).toBe(201);
});

afterAll(async () => {
  await server?.close();
  await printer?.stop();
});

describe('quantities add up only within one unit', () => {
  it('by product: each product in its own unit, litres and metres as sold', async () => {
    const docs = await documents();
    const expected = expectedQuantities(docs, (_, l) => l.productId);
    const rows = quantities((await report('product')).rows);
    for (const key of Object.keys(product) as (keyof typeof product)[]) expect(rows.get(product[key].id), key).toEqual(expected.get(product[key].id));
    expect(rows.get(product.milk.id)).toEqual({ quantityMilli: 1500 + 3000 - 500, unit: 'l' });
    expect(rows.get(product.cable.id)).toEqual({ quantityMilli: 12_500, unit: 'm' });
  });

  it('by category: a category of litres in litres, of metres in metres, of pieces and litres without a quantity', async () => {
    const products = await server.db.product.findMany({ select: { id: true, categoryId: true } });
    const categoryOf = new Map(products.map((p) => [p.id, p.categoryId ?? '']));
    const expected = expectedQuantities(await documents(), (_, l) => categoryOf.get(l.productId) ?? '');
    const rows = quantities((await report('category')).rows);
    for (const [name, id] of Object.entries(category)) expect(rows.get(id), name).toEqual(expected.get(id));
    expect(rows.get(category.litres)).toEqual({ quantityMilli: 1500 + 2250 + 3000 + 1000 - 500, unit: 'l' });
    expect(rows.get(category.metres)).toEqual({ quantityMilli: 12_500, unit: 'm' });
    expect(rows.get(category.weighed)).toEqual({ quantityMilli: 735, unit: 'kg' });
    expect(rows.get(category.mixed)).toEqual({ quantityMilli: null, unit: null });
  });

  it('by day and in total: the day of mixed units has no quantity', async () => {
    const body = await report('day');
    const expected = expectedQuantities(await documents(), (doc) => (doc.createdAt.toISOString().slice(0, 10) === day ? day : null));
    expect(expected.get(day)).toEqual({ quantityMilli: null, unit: null });
    const today = body.rows.find((r: { key: string; quantityMilli: number | null }) => Math.abs(Date.parse(r.key) - Date.parse(day)) <= 86_400_000 && r.quantityMilli === null);
    expect(today).toBeDefined();
    expect({ quantityMilli: body.totals.quantityMilli, unit: body.totals.unit }).toEqual({ quantityMilli: null, unit: null });
  });

  it('by customer and on the customer card: litres only, counted as litres, net of the return', async () => {
    const expected = expectedQuantities(await documents(), (doc) => doc.customerId);
    const row = quantities((await report('customer')).rows).get(customerId);
    expect(row).toEqual(expected.get(customerId));
    expect(row).toEqual({ quantityMilli: 3000 + 1000 - 500, unit: 'l' });
    const card = await manager.get(`/api/customers/${customerId}/history`);
    expect(card.status, JSON.stringify(card.body)).toBe(200);
    const lines = card.body.documents.flatMap((d: { kind: string; lines: { name: string; unit: string; quantityMilli: number }[] }) => d.lines.map((l) => ({ ...l, document: d.kind })));
    expect(lines.filter((l: { name: string }) => l.name === product.milk.name).map((l: any) => [l.document, l.unit, l.quantityMilli]).sort()).toEqual([['return', 'l', 500], ['sale', 'l', 3000]]);
  });

  it('lists stock of litres and metres in their units, with what is left after the sales', async () => {
    const res = await manager.get(`/api/stock?categoryId=${category.litres}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const milk = res.body.items.find((i: { productId: string }) => i.productId === product.milk.id);
    expect(milk).toMatchObject({ unit: 'l', onHandMilli: -(1500 + 3000 - 500) });
  });

  it('values stock per category with a quantity only where the category holds goods of one unit', async () => {
    const res = await manager.get(`/api/reports/table?kind=stock-valuation&from=${around.from}&to=${around.to}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const goods = new Map((await server.db.product.findMany({ where: { kind: 'goods' }, include: { category: true } })).map((p) => [p.id, p]));
    const stocked = (await server.db.stockBalance.findMany({ where: { quantityMilli: { gt: 0 } } })).filter((b) => goods.has(b.productId));
    const byCategory = new Map<string, { units: Set<string>; quantityMilli: number }>();
    for (const b of stocked) {
      const p = goods.get(b.productId)!;
      const name = p.category?.name ?? 'No category';
      const c = byCategory.get(name) ?? { units: new Set<string>(), quantityMilli: 0 };
      c.units.add(p.unit);
      c.quantityMilli += b.quantityMilli;
      byCategory.set(name, c);
    }
    expect([...byCategory.values()].some((c) => c.units.size > 1)).toBe(true);
    for (const [name, c] of byCategory) {
      const row = res.body.rows.find((r: { category: string }) => r.category === name);
      expect({ quantityMilli: row.quantityMilli, unit: row.unit }, name).toEqual(c.units.size === 1 ? { quantityMilli: c.quantityMilli, unit: [...c.units][0] } : { quantityMilli: null, unit: null });
    }
  });

  it('prints litres on the receipt as litres with their three decimals', async () => {
    const { request } = await buildSale(cashier, [{ product: product.milk, quantityMilli: 1250 }, { product: product.cable, quantityMilli: 2000 }]);
    const sale = await cashier.post('/api/sales', request);
    expect(sale.status).toBe(201);
    // Earlier receipts may still be printing: wait until this sale's own receipt has come out.
    const ours = () => printer.jobs.map((job) => decodeEscPos(job, 'epson-tm-t20iii').text).find((t) => t.includes(sale.body.number));
    while (!ours()) await printer.waitForJobs(printer.jobs.length + 1);
    const text = ours()!;
    expect(text, text).toMatch(/1\.250 l x 1\.19/);
    expect(text).toMatch(/2\.000 m x 3\.50/);
  });
});
