import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeZplPrinter } from '../../drivers/testing/fake-zpl-printer.ts';
import { newId } from '../../shared/ids.ts';
import { addDays, localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import { PriceScheduler } from '../../server/catalog/prices.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Prices that change now or from a moment, as a shop changes them: tomorrow's price must not reach
// today's receipts, today's must not outlive midnight, and a register that priced a cart before
// the change is corrected by the server. The clock is moved the way Vitest moves it (Date only).

let server: TestServer;
let labelPrinter: FakeZplPrinter;
let manager: ApiClient;
let cashier: ApiClient;
let taxRateId: string;
const ZONE = 'Europe/Vilnius'; // the demo outlet's

beforeAll(async () => {
  labelPrinter = await FakeZplPrinter.start();
  server = await startTestServer({ deviceEnv: { POS_LABEL_PRINTER: `${labelPrinter.uri}?language=zpl&width=58&height=40&gap=2&dpi=203&ean13=truncated` } });
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  taxRateId = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: 2100 } })).id;
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await server?.close();
  await labelPrinter?.stop();
});

let serial = 0;
async function newProduct(price: number, cost = 100): Promise<string> {
  const res = await manager.post('/api/products', { name: `Priced item ${++serial}`, sku: `T-PRICE-${serial}`, taxRateId, price, cost });
  expect(res.status).toBe(201);
  return res.body.product.id;
}
const tomorrowMidnight = () => startOfLocalDay(ZONE, addDays(localTimeIn(ZONE).slice(0, 10), 1));
const view = async (api: ApiClient, id: string) => (await api.get(`/api/products/${id}`)).body;
const labelsOf = async (jobId: string) => JSON.parse((await server.db.printJob.findUniqueOrThrow({ where: { id: jobId } })).payload).labels as { name: string; price: number }[];

describe('a price from tomorrow', () => {
  it('sells today at the old price and tomorrow at the new; a cart priced before midnight is corrected by the server', async () => {
    const id = await newProduct(500);
    const from = tomorrowMidnight();
    const res = await manager.post('/api/products/prices', { productIds: [id], change: { kind: 'set', price: 650 }, effectiveAt: from.toISOString() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: 1, effectiveAt: from.toISOString(), items: [{ productId: id, oldPrice: 500, newPrice: 650 }] });
    expect(await server.db.auditLog.findFirstOrThrow({ where: { action: 'price-change', entityId: id } })).toMatchObject({ userId: (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id });

    // The register is told what is coming, so a cart it keeps open over midnight can follow.
    const today = await view(cashier, id);
    expect(today).toMatchObject({ price: 500, priceChanges: [{ from: from.toISOString(), price: 650 }] });
    const sale = await buildSale(cashier, [{ product: today, quantityMilli: 1000 }]);
    const sold = await cashier.post('/api/sales', sale.request);
    expect(sold.status).toBe(201);
    expect(sold.body.lines[0].unitPrice).toBe(500);

    vi.setSystemTime(new Date(from.getTime() + 3600_000));
    const nextDay = await server.login('anna', '3333');
    const late = await buildSale(nextDay, [{ product: today, quantityMilli: 1000 }]);
    const corrected = await nextDay.post('/api/sales', late.request);
    expect(corrected.status).toBe(422);
    expect(corrected.body.error).toMatchObject({ code: 'total-mismatch', details: { serverTotal: 650 } });
    const tomorrow = await view(nextDay, id);
    expect(tomorrow).toMatchObject({ price: 650, priceChanges: [] });
    const fresh = await buildSale(nextDay, [{ product: tomorrow, quantityMilli: 1000 }]);
    const soldTomorrow = await nextDay.post('/api/sales', fresh.request);
    expect(soldTomorrow.status).toBe(201);
    expect(soldTomorrow.body.lines[0].unitPrice).toBe(650);

    // The scheduler folds the change into the product and the history keeps both prices.
    expect(await new PriceScheduler(server.db, console).run()).toBeGreaterThanOrEqual(1);
    expect(await server.db.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ price: 650, nextPriceAt: null });
    // A day later the morning's session may have ended (sessions are bounded in time): sign in again.
    const managerNextDay = await server.login('manager', '2222');
    const history = (await managerNextDay.get(`/api/products/${id}/price-history`)).body.items;
    expect(history.map((h: { price: number; previousPrice: number | null; createdBy: string }) => [h.price, h.previousPrice, h.createdBy])).toEqual([[650, 500, 'Max Manager'], [500, null, 'Max Manager']]);
  });

  it('prints labels with the prices of the moment asked for, and offers the labels of everything changed today', async () => {
    const id = await newProduct(300);
    const from = tomorrowMidnight();
    await manager.post('/api/products/prices', { productIds: [id], change: { kind: 'set', price: 350 }, effectiveAt: from.toISOString() });
    const forTomorrow = await manager.post('/api/labels/print', { productIds: [id], at: from.toISOString() });
    expect(forTomorrow.status).toBe(201);
    expect((await labelsOf(forTomorrow.body.printJob.id)).map((l) => l.price)).toEqual([350]);
    const now = await manager.post('/api/labels/print', { productIds: [id] });
    expect((await labelsOf(now.body.printJob.id)).map((l) => l.price)).toEqual([300]);

    const changedNow = await newProduct(700);
    await server.db.$transaction((tx) => tx.priceChange.updateMany({ where: { productId: changedNow }, data: { effectiveAt: new Date(Date.now() - 2 * 86_400_000) } }));
    expect((await manager.post('/api/products/prices', { productIds: [changedNow], change: { kind: 'percent', bp: -1000 } })).body.changed).toBe(1);
    const today = (await manager.get('/api/price-changes/today')).body;
    expect(today.day).toBe(localTimeIn(ZONE).slice(0, 10));
    expect(today.items.find((i: { productId: string }) => i.productId === changedNow)).toMatchObject({ price: 630 });
    // Made today (its first price), so its label is due too; tomorrow's price is not in force yet.
    expect(today.items.find((i: { productId: string }) => i.productId === id)).toMatchObject({ price: 300 });
    const untouched = await server.db.product.findFirstOrThrow({ where: { sku: { startsWith: 'SKU-' } } });
    expect(today.items.map((i: { productId: string }) => i.productId)).not.toContain(untouched.id);
  });
});

describe('POST /api/products/prices', () => {
  it('previews a change on a selection without changing anything, then makes exactly the previewed prices', async () => {
    const rows = await server.db.product.findMany({ where: { kind: 'goods', sku: { startsWith: 'SKU-' }, unit: 'piece' }, orderBy: { sku: 'asc' }, take: 4 });
    const request = { productIds: rows.map((r) => r.id), change: { kind: 'percent', bp: 1000 }, rounding: 'ninety-nine' };
    // +10 %, half up, then the nearest price ending in .99.
    const expected = rows.map((r) => Math.max(1, Math.round((Math.round((r.price * 11) / 10) + 1) / 100)) * 100 - 1);
    const before = await server.db.priceChange.count();
    const preview = await manager.post('/api/products/prices/preview', request);
    expect(preview.status).toBe(200);
    expect(preview.body.items.map((i: { oldPrice: number; newPrice: number }) => [i.oldPrice, i.newPrice])).toEqual(rows.map((r, i) => [r.price, expected[i]]));
    expect(await server.db.priceChange.count()).toBe(before);
    expect((await server.db.product.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { sku: 'asc' } })).map((r) => r.price)).toEqual(rows.map((r) => r.price));

    const applied = await manager.post('/api/products/prices', request);
    expect(applied.status).toBe(200);
    expect((await server.db.product.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { sku: 'asc' } })).map((r) => r.price)).toEqual(expected);
    const audit = await server.db.auditLog.findMany({ where: { action: 'price-change', entityId: { in: rows.map((r) => r.id) } } });
    // A price the change leaves as it was is not changed (nor audited).
    const moved = rows.flatMap((r, i) => (expected[i] === r.price ? [] : [[r.sku, r.price, expected[i]]]));
    expect(moved.length).toBeGreaterThan(0);
    expect(applied.body.changed).toBe(moved.length);
    expect(audit.map((a) => JSON.parse(a.details)).map((d) => [d.sku, d.oldPrice, d.newPrice]).sort()).toEqual(moved.sort());
  });

  it('rounds to 0.05 and sets one price on a product with variants for every variant', async () => {
    const sizes = ['S', 'M'];
    const family = await manager.post('/api/products', {
      name: 'Socks', sku: 'T-SOCKS', taxRateId, price: 333, cost: 100, options: [{ name: 'Size', values: sizes }],
      variants: sizes.map((s, i) => ({ values: [s], sku: `T-SOCKS-${s}`, price: 333 + i * 4, cost: 100 })),
    });
    expect(family.status).toBe(201);
    const res = await manager.post('/api/products/prices', { productIds: [family.body.product.id], change: { kind: 'percent', bp: 0 }, rounding: 'five' });
    expect(res.body.items.map((i: { name: string; newPrice: number }) => [i.name, i.newPrice])).toEqual([['Socks M', 335], ['Socks S', 335]]);
    expect((await server.db.product.findMany({ where: { parentId: family.body.product.id } })).map((v) => v.price)).toEqual([335, 335]);
  });

  it('warns of prices below cost, refuses a moment passed, a gift card, a negative result and a cashier, changing nothing', async () => {
    const id = await newProduct(400, 300);
    const gift = await server.db.product.findFirstOrThrow({ where: { kind: 'gift-card' } });
    const count = () => server.db.priceChange.count();
    const before = await count();
    const cases: [ApiClient, Record<string, unknown>, number, string, string][] = [
      [manager, { productIds: [id], change: { kind: 'set', price: 100 } }, 409, 'price-below-cost', 'productIds.0'],
      [manager, { productIds: [id], change: { kind: 'set', price: 500 }, effectiveAt: new Date(Date.now() - 86_400_000).toISOString() }, 422, 'effective-in-past', 'effectiveAt'],
      [manager, { productIds: [id, gift.id], change: { kind: 'set', price: 500 } }, 422, 'price-not-editable', 'productIds.1'],
      [manager, { productIds: [id, newId()], change: { kind: 'set', price: 500 } }, 404, 'product-not-found', 'productIds.1'],
      [manager, { productIds: [id], change: { kind: 'set', price: -5 } }, 400, 'invalid-input', 'body.change.price'],
    ];
    for (const [api, body, status, code, path] of cases) {
      const res = await api.post('/api/products/prices', body);
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(path);
      expect(await count()).toBe(before);
    }
    expect((await cashier.post('/api/products/prices', { productIds: [id], change: { kind: 'set', price: 500 } })).status).toBe(403);
    const confirmed = await manager.post('/api/products/prices', { productIds: [id], change: { kind: 'set', price: 100 }, acknowledge: ['price-below-cost'] });
    expect(confirmed.status).toBe(200);
    expect((await server.db.product.findUniqueOrThrow({ where: { id } })).price).toBe(100);
  });

  it('withdraws a scheduled change before its time, and not one in force', async () => {
    const id = await newProduct(800);
    const from = tomorrowMidnight();
    await manager.post('/api/products/prices', { productIds: [id], change: { kind: 'set', price: 900 }, effectiveAt: from.toISOString() });
    const pending = await server.db.priceChange.findFirstOrThrow({ where: { productId: id, appliedAt: null } });
    expect((await server.db.product.findUniqueOrThrow({ where: { id } })).nextPriceAt?.toISOString()).toBe(from.toISOString());
    const applied = await server.db.priceChange.findFirstOrThrow({ where: { productId: id, appliedAt: { not: null } } });
    expect((await manager.request('DELETE', `/api/price-changes/${applied.id}`)).body.error.code).toBe('price-change-applied');
    expect((await manager.request('DELETE', `/api/price-changes/${pending.id}`)).status).toBe(200);
    expect(await server.db.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ price: 800, nextPriceAt: null });
    expect((await view(cashier, id)).priceChanges).toEqual([]);
    expect((await manager.request('DELETE', `/api/price-changes/${pending.id}`)).status).toBe(404);
  });

  it('takes a price changed in the product form as a change made now, in the history and among the labels', async () => {
    const id = await newProduct(250);
    const details = (await manager.get(`/api/products/${id}/details`)).body;
    const res = await manager.put(`/api/products/${id}`, { ...details, price: 275 });
    expect(res.body.priceChangedIds).toEqual([id]);
    expect((await server.db.priceChange.findMany({ where: { productId: id }, orderBy: { createdAt: 'asc' } })).map((c) => [c.previousPrice, c.price])).toEqual([[null, 250], [250, 275]]);
    const renamed = await manager.put(`/api/products/${id}`, { ...details, price: 275, name: 'Renamed' });
    expect(renamed.body.priceChangedIds).toEqual([]);
  });
});
