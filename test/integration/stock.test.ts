import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZplPrinter } from '../../drivers/testing/fake-zpl-printer.ts';
import { newId } from '../../shared/ids.ts';
import { weightedAverageCost } from '../../server/stock/service.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let labelPrinter: FakeZplPrinter;
let manager: ApiClient;
let cashier: ApiClient;

const onHand = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
/** The ledger is the truth; the cached balance must equal the sum of its movements. */
const ledgerSum = async (productId: string) => (await server.db.stockMovement.aggregate({ where: { productId }, _sum: { quantityMilli: true } }))._sum.quantityMilli ?? 0;
const pieceGoods = (take: number, skip = 0) => server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take, skip });

beforeAll(async () => {
  labelPrinter = await FakeZplPrinter.start();
  server = await startTestServer({ deviceEnv: { POS_LABEL_PRINTER: `${labelPrinter.uri}?language=zpl&width=58&height=40&gap=2&dpi=203&ean13=truncated` } });
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
});
afterAll(async () => {
  await server.close();
  await labelPrinter.stop();
});

describe('weighted average cost', () => {
  it('averages by quantity, rounds half up, and ignores stock below zero', () => {
    expect(weightedAverageCost(10_000, 100, 10_000, 200)).toBe(150);
    expect(weightedAverageCost(1_000, 100, 2_000, 101)).toBe(101); // 100.67 → 101
    expect(weightedAverageCost(-5_000, 999, 2_000, 120)).toBe(120);
    expect(weightedAverageCost(900_000_000, 9_999_999, 900_000_000, 9_999_999)).toBe(9_999_999);
  });
});

describe('deliveries', () => {
  it('receives goods: stock goes up, the cost becomes the weighted average, labels print for every piece', async () => {
    const supplier = await manager.post('/api/suppliers', { code: 'ROK', name: 'Rokiškio sūris', leadTimeDays: 2 });
    expect(supplier.status).toBe(201);
    const [a, b] = await pieceGoods(2);
    const [stockA, stockB] = [await onHand(a.id), await onHand(b.id)];
    const id = newId();
    const res = await manager.post('/api/stock/deliveries', { id, supplierId: supplier.body.id, lines: [{ productId: a.id, quantityMilli: 3000, unitCost: a.cost + 30 }, { productId: b.id, quantityMilli: 2000, unitCost: b.cost }], printLabels: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'delivery', number: 'D-000001', status: 'posted', supplierName: 'Rokiškio sūris', totalCost: 3 * (a.cost + 30) + 2 * b.cost });
    expect(await onHand(a.id)).toBe(stockA + 3000);
    expect(await onHand(b.id)).toBe(stockB + 2000);
    expect(await ledgerSum(a.id)).toBe(await onHand(a.id));
    expect((await server.db.product.findUniqueOrThrow({ where: { id: a.id } })).cost).toBe(weightedAverageCost(stockA, a.cost, 3000, a.cost + 30));
    const [job] = await labelPrinter.waitForJobs(1);
    expect(job.toString('utf8').match(/\^XA/g)).toHaveLength(5);

    // The same delivery sent again (a retry) is not received twice; other lines under its id are refused.
    const again = await manager.post('/api/stock/deliveries', { id, supplierId: supplier.body.id, lines: [{ productId: a.id, quantityMilli: 3000, unitCost: a.cost + 30 }, { productId: b.id, quantityMilli: 2000, unitCost: b.cost }], printLabels: true });
    expect(again.body.number).toBe('D-000001');
    const other = await manager.post('/api/stock/deliveries', { id, supplierId: supplier.body.id, lines: [{ productId: a.id, quantityMilli: 3000, unitCost: 1 }] });
    expect([other.status, other.body.error.code]).toEqual([409, 'replay-mismatch']);
    expect(await onHand(a.id)).toBe(stockA + 3000);
    // Queued once for head office, with the lines as posted.
    const queued = await server.db.outboxEntry.findMany({ where: { documentId: id } });
    expect(queued.map((e) => e.type)).toEqual(['stock-delivery']);
    expect(JSON.parse(queued[0].payload).lines).toHaveLength(2);
  });

  it('refuses bad lines naming the field, and a cashier', async () => {
    const [a] = await pieceGoods(1);
    const half = await manager.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: a.id, quantityMilli: 1500, unitCost: 10 }] });
    expect(half.body.error).toMatchObject({ code: 'invalid-quantity', fields: [{ path: 'lines.0.quantityMilli' }] });
    const twice = await manager.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: a.id, quantityMilli: 1000, unitCost: 10 }, { productId: a.id, quantityMilli: 1000, unitCost: 10 }] });
    expect(twice.status).toBe(400);
    expect((await cashier.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: a.id, quantityMilli: 1000, unitCost: 10 }] })).status).toBe(403);
    expect(await server.db.stockDocument.count({ where: { kind: 'delivery' } })).toBe(1);
  });
});

describe('write-offs', () => {
  it('takes damaged goods out of stock with the reason, valued at cost', async () => {
    const [, , c] = await pieceGoods(3);
    const before = await onHand(c.id);
    const res = await manager.post('/api/stock/write-offs', { id: newId(), reason: 'damaged', note: 'dropped crate', lines: [{ productId: c.id, quantityMilli: 2000 }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ number: 'W-000001', reason: 'damaged', totalCost: 2 * c.cost });
    expect(await onHand(c.id)).toBe(before - 2000);
    expect(await server.db.auditLog.count({ where: { action: 'stock-write-off' } })).toBe(1);
    const bad = await manager.post('/api/stock/write-offs', { id: newId(), reason: 'lost', lines: [{ productId: c.id, quantityMilli: 1000 }] });
    expect(bad.body.error.fields[0].path).toBe('body.reason');
  });
});

describe('stock counts', () => {
  it('counts a category by scanning, posts the differences as adjustments, and takes uncounted goods as none', async () => {
    const dairy = await server.db.category.findUniqueOrThrow({ where: { code: 'dairy' } });
    const inDairy = await server.db.product.findMany({ where: { categoryId: dairy.id, kind: 'goods', unit: 'piece' }, orderBy: { sku: 'asc' } });
    const [x, y] = inDairy;
    const id = newId();
    const started = await manager.post('/api/stock/counts', { id, categoryId: dairy.id });
    expect(started.body).toMatchObject({ status: 'draft', number: 'C-000001', categoryName: dairy.name });
    expect(started.body.uncounted).toBeGreaterThanOrEqual(inDairy.length);

    for (let i = 0; i < 3; i++) await manager.post(`/api/stock/counts/${id}/lines`, { productId: x.id, quantityMilli: 1000 });
    await manager.post(`/api/stock/counts/${id}/lines`, { productId: y.id, quantityMilli: 7000, mode: 'set' });
    const outside = (await pieceGoods(1))[0];
    if (outside.categoryId !== dairy.id) {
      const refused = await manager.post(`/api/stock/counts/${id}/lines`, { productId: outside.id, quantityMilli: 1000 });
      expect(refused.body.error.code).toBe('outside-count');
    }

    // A sale while counting: the adjustment is against the books at posting time.
    const product = (await findProducts(cashier, x.sku)).find((p) => p.id === x.id)!;
    await cashier.post('/api/shifts', { openingFloat: 0 });
    const { request } = await buildSale(cashier, [{ product, quantityMilli: 1000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    const booksX = await onHand(x.id);

    expect(await server.db.outboxEntry.count({ where: { documentId: id } })).toBe(0); // a draft is not a document yet
    const posted = await manager.post(`/api/stock/counts/${id}/post`);
    expect(posted.body.status).toBe('posted');
    expect((await server.db.outboxEntry.findFirstOrThrow({ where: { documentId: id } })).type).toBe('stock-count');
    const lineX = posted.body.lines.find((l: { productId: string }) => l.productId === x.id);
    expect(lineX).toMatchObject({ quantityMilli: 3000, expectedMilli: booksX, differenceMilli: 3000 - booksX });
    expect(await onHand(x.id)).toBe(3000);
    expect(await onHand(y.id)).toBe(7000);
    for (const other of inDairy.slice(2)) expect(await onHand(other.id)).toBe(0);
    expect(await ledgerSum(x.id)).toBe(3000);

    const closed = await manager.post(`/api/stock/counts/${id}/lines`, { productId: x.id, quantityMilli: 1000 });
    expect(closed.status).toBe(409);
  });
});

describe('stock list and minimum levels', () => {
  it('shows on hand, value and the products below their minimum', async () => {
    const [a] = await pieceGoods(1, 5);
    const held = await onHand(a.id);
    expect((await manager.request('PUT', `/api/stock/levels/${a.id}`, { minMilli: held + 1000 })).status).toBe(200);
    const low = await manager.get('/api/stock?low=true');
    expect(low.body.items.map((r: { productId: string }) => r.productId)).toContain(a.id);
    expect(low.body.lowCount).toBe(low.body.total);
    const row = low.body.items.find((r: { productId: string }) => r.productId === a.id);
    expect(row).toMatchObject({ onHandMilli: held, minMilli: held + 1000, low: true, value: Math.round((held * a.cost) / 1000) });
    const bySku = await manager.get(`/api/stock?q=${a.sku}`);
    expect(bySku.body.items).toHaveLength(1);
  });
});

describe('a shop that does not allow negative stock', () => {
  it('refuses a sale or a write-off of more than the books hold, naming the line, and changes nothing', async () => {
    const strict = await startTestServer({ outletSettings: { allowNegativeStock: false } });
    try {
      const seller = await strict.login('anna', '3333', 'R1');
      await seller.post('/api/shifts', { openingFloat: 0 });
      const row = await strict.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
      const held = (await strict.db.stockBalance.findFirstOrThrow({ where: { productId: row.id } })).quantityMilli;
      const product = (await findProducts(seller, row.sku)).find((p) => p.id === row.id)!;
      const other = (await findProducts(seller, (await pieceGoods(1, 1))[0].sku))[0];
      const tooMany = await buildSale(seller, [{ product: other, quantityMilli: 1000 }, { product, quantityMilli: held + 1000 }]);
      const refused = await seller.post('/api/sales', tooMany.request);
      expect(refused.status).toBe(409);
      expect(refused.body.error).toMatchObject({ code: 'insufficient-stock', fields: [{ path: 'lines.1.quantityMilli' }] });
      expect(await strict.db.sale.count()).toBe(0);
      const exact = await buildSale(seller, [{ product, quantityMilli: held }]);
      expect((await seller.post('/api/sales', exact.request)).status).toBe(201);

      const boss = await strict.login('manager', '2222', 'R2');
      const writeOff = await boss.post('/api/stock/write-offs', { id: newId(), reason: 'expired', lines: [{ productId: row.id, quantityMilli: 1000 }] });
      expect(writeOff.body.error).toMatchObject({ code: 'insufficient-stock', fields: [{ path: 'lines.0.quantityMilli' }] });
    } finally {
      await strict.close();
    }
  });
});
