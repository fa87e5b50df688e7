import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Goods held for a customer's arrived pre-order leave only through its collection: a transfer, a
// write-off or a count cannot take them behind the customer's back. Real HTTP, real SQLite.
let server: TestServer;
let manager: ApiClient;

const onHand = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
const stockRow = async (sku: string) => (await manager.get<any>(`/api/stock?q=${sku}`)).body.items[0];
const ledger = async (productId: string) => server.db.stockMovement.findMany({ where: { productId }, orderBy: { id: 'asc' } });

const usedCategories: string[] = [];
/** What the books hold of every product of a category that has stock. */
const inCategoryStock = async (categoryId: string) =>
  server.db.stockBalance.findMany({ where: { quantityMilli: { not: 0 }, productId: { in: (await server.db.product.findMany({ where: { categoryId }, select: { id: true } })).map((p) => p.id) } } });

/**
 * A piece product with exactly `pieces` on hand and an arrived pre-order holding `held` of them,
 * each test's in a category of its own (counts take a whole category).
 */
async function heldProduct(pieces: number, held: number) {
  const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, categoryId: { notIn: usedCategories } }, orderBy: { sku: 'asc' } });
  usedCategories.push(product.categoryId!);
  const extra = (await onHand(product.id)) - pieces * 1000;
  if (extra > 0) expect((await manager.post('/api/stock/write-offs', { id: newId(), reason: 'other', lines: [{ productId: product.id, quantityMilli: extra }] })).status).toBe(201);
  expect(await onHand(product.id)).toBe(pieces * 1000);
  const customer = (await manager.post<any>('/api/customers', { name: `Held for ${product.sku}` })).body;
  const order = (await manager.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: product.id, quantityMilli: held * 1000 }] })).body;
  expect((await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'arrived' })).body.status).toBe('arrived');
  return { product, order };
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R1');
});
afterAll(() => server.close());

describe('goods reserved for an arrived pre-order', () => {
  it('on hand 3, reserved 2: a transfer of 3 is refused naming the pre-order, a transfer of the 1 free goes', async () => {
    const { product, order } = await heldProduct(3, 2);
    expect(await stockRow(product.sku)).toMatchObject({ onHandMilli: 3000, reservedMilli: 2000, availableMilli: 1000 });
    const movements = await ledger(product.id);
    const documents = await server.db.stockDocument.count();

    const transfer = await manager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'north', lines: [{ productId: product.id, quantityMilli: 3000 }] });
    expect(transfer.status).toBe(409);
    expect(transfer.body.error).toMatchObject({
      code: 'reserved-stock',
      fields: [{ path: 'lines.0.quantityMilli', message: 'at most 1000' }],
      details: { onHandMilli: 3000, reservedMilli: 2000, availableMilli: 1000, preOrders: [order.number] },
    });
    expect(transfer.body.error.message).toContain(order.number);
    // Nothing moved, nothing was written.
    expect(await ledger(product.id)).toEqual(movements);
    expect(await server.db.stockDocument.count()).toBe(documents);
    expect(await stockRow(product.sku)).toMatchObject({ onHandMilli: 3000, availableMilli: 1000 });

    const free = await manager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'north', lines: [{ productId: product.id, quantityMilli: 1000 }] });
    expect(free.status).toBe(201);
    expect(await stockRow(product.sku)).toMatchObject({ onHandMilli: 2000, reservedMilli: 2000, availableMilli: 0 });
  });

  it('a write-off may take only what is free, whether or not the shop allows negative stock', async () => {
    const { product, order } = await heldProduct(3, 2);
    const owner = await server.login('owner', '1111');
    const movements = await ledger(product.id);
    for (const allowNegativeStock of [false, true]) {
      expect((await owner.put<any>('/api/settings', { allowNegativeStock })).body.allowNegativeStock).toBe(allowNegativeStock);
      const damaged = await manager.post<any>('/api/stock/write-offs', { id: newId(), reason: 'damaged', lines: [{ productId: product.id, quantityMilli: 2000 }] });
      expect(damaged.status).toBe(409);
      expect(damaged.body.error).toMatchObject({ code: 'reserved-stock', fields: [{ path: 'lines.0.quantityMilli', message: 'at most 1000' }], details: { reservedMilli: 2000, preOrders: [order.number] } });
      expect(await ledger(product.id)).toEqual(movements);
    }
    expect((await manager.post('/api/stock/write-offs', { id: newId(), reason: 'damaged', lines: [{ productId: product.id, quantityMilli: 1000 }] })).status).toBe(201);
    expect(await onHand(product.id)).toBe(2000);
    // Once the order is cancelled its goods are free again.
    expect((await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'cancelled', depositPolicy: 'refund' })).body.status).toBe('cancelled');
    expect((await manager.post('/api/stock/write-offs', { id: newId(), reason: 'damaged', lines: [{ productId: product.id, quantityMilli: 2000 }] })).status).toBe(201);
    expect(await onHand(product.id)).toBe(0);
  });

  it('a count finding fewer than are held posts only once confirmed, and says which pre-orders lose their goods', async () => {
    const { product, order } = await heldProduct(3, 2);
    const count = (await manager.post<any>('/api/stock/counts', { id: newId(), categoryId: product.categoryId })).body;
    // Every product of the category is counted as it stands, this one as 1.
    for (const b of await inCategoryStock(product.categoryId!)) {
      expect((await manager.post(`/api/stock/counts/${count.id}/lines`, { productId: b.productId, quantityMilli: b.productId === product.id ? 1000 : Math.max(0, b.quantityMilli), mode: 'set' })).status).toBe(200);
    }
    const movements = await ledger(product.id);

    const bare = await fetch(`${server.url}/api/stock/counts/${count.id}/post`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}` } });
    const refused = (await bare.json()) as any;
    expect(bare.status).toBe(409);
    expect(refused.error).toMatchObject({
      code: 'count-below-reserved',
      fields: [{ path: 'body.belowReserved' }],
      details: { lines: [{ productId: product.id, countedMilli: 1000, reservedMilli: 2000, preOrders: [order.number] }] },
    });
    expect((await server.db.stockDocument.findUniqueOrThrow({ where: { id: count.id } })).status).toBe('draft');
    expect(await ledger(product.id)).toEqual(movements);
    expect((await server.db.stockDocumentLine.findUniqueOrThrow({ where: { documentId_productId: { documentId: count.id, productId: product.id } } })).expectedMilli).toBeNull();

    const posted = await manager.post<any>(`/api/stock/counts/${count.id}/post`, { belowReserved: true });
    expect(posted.body.status).toBe('posted');
    expect(posted.body.lines.find((l: any) => l.productId === product.id)).toMatchObject({ quantityMilli: 1000, expectedMilli: 3000, differenceMilli: -2000 });
    expect(await onHand(product.id)).toBe(1000);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'stock-count', entityId: count.id } });
    expect(JSON.parse(audit.details).belowReserved).toEqual([{ productId: product.id, countedMilli: 1000, reservedMilli: 2000, preOrders: [order.number] }]);

    // The customer's goods found again: a count of at least what is held posts at once.
    const recount = (await manager.post<any>('/api/stock/counts', { id: newId(), categoryId: product.categoryId })).body;
    for (const b of await inCategoryStock(product.categoryId!)) {
      await manager.post(`/api/stock/counts/${recount.id}/lines`, { productId: b.productId, quantityMilli: b.productId === product.id ? 2000 : Math.max(0, b.quantityMilli), mode: 'set' });
    }
    expect((await manager.post<any>(`/api/stock/counts/${recount.id}/post`)).body.status).toBe('posted');
    expect(await stockRow(product.sku)).toMatchObject({ onHandMilli: 2000, reservedMilli: 2000, availableMilli: 0 });
  });
});
