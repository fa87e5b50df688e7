import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// What a short delivery leaves on order, and what the purchase plan counts as a rate of sale.
let server: TestServer;
let manager: ApiClient;

const goods = (take: number, skip: number) => server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' }, take, skip });
const onHand = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
const planLine = async (supplierId: string, productId: string) => (await manager.get<any>(`/api/purchasing/plan?supplierId=${supplierId}&coverDays=7`)).body.lines.find((l: any) => l.productId === productId);

async function supplierSelling(code: string, products: { id: string; cost: number }[]) {
  const supplier = (await manager.post<any>('/api/suppliers', { code, name: `${code} Ltd`, leadTimeDays: 3 })).body;
  for (const p of products) expect((await manager.put(`/api/suppliers/${supplier.id}/products`, { productId: p.id, unitCost: p.cost + 1, packMilli: 1000 })).status).toBe(200);
  return supplier;
}

async function sentOrder(supplierId: string, lines: { productId: string; quantityMilli: number; unitCost: number }[]) {
  const draft = (await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId, lines })).body;
  expect((await manager.post<any>(`/api/purchase-orders/${draft.id}/send`)).body.status).toBe('sent');
  return draft;
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R1');
  expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
});
afterAll(() => server.close());

describe('an order received short', () => {
  it('keeps what did not come as a back-order, sent, that the plan counts as on order until it arrives', async () => {
    const [a, b] = await goods(2, 20);
    const supplier = await supplierSelling('SHORT', [a, b]);
    const order = await sentOrder(supplier.id, [{ productId: a.id, quantityMilli: 10_000, unitCost: 70 }, { productId: b.id, quantityMilli: 5000, unitCost: 40 }]);
    expect((await planLine(supplier.id, a.id)).onOrderMilli).toBe(10_000);
    const [stockA, stockB] = [await onHand(a.id), await onHand(b.id)];

    const received = await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, { lines: [{ productId: a.id, quantityMilli: 6000, unitCost: 70 }, { productId: b.id, quantityMilli: 5000, unitCost: 40 }] });
    expect(received.body.status).toBe('received');
    expect(received.body.backOrder).toMatchObject({ number: expect.stringMatching(/^P-\d{6}$/) });
    expect(await onHand(a.id)).toBe(stockA + 6000);
    expect(await onHand(b.id)).toBe(stockB + 5000);
    const backOrder = (await manager.get<any>(`/api/purchase-orders/${received.body.backOrder.id}`)).body;
    // 10 ordered − 6 received of a; all of b came.
    expect(backOrder).toMatchObject({ status: 'sent', backOrderOf: { id: order.id, number: order.number }, supplier: { id: supplier.id } });
    expect(backOrder.lines).toEqual([expect.objectContaining({ productId: a.id, quantityMilli: 10_000 - 6000, unitCost: 70 })]);
    expect((await planLine(supplier.id, a.id)).onOrderMilli).toBe(4000);
    expect((await planLine(supplier.id, b.id)).onOrderMilli).toBe(0);

    // A retried receipt posts nothing more and makes no second back-order.
    const orders = await server.db.purchaseOrder.count();
    await manager.post(`/api/purchase-orders/${order.id}/receive`, { lines: [{ productId: a.id, quantityMilli: 6000, unitCost: 70 }, { productId: b.id, quantityMilli: 5000, unitCost: 40 }] });
    expect(await server.db.purchaseOrder.count()).toBe(orders);
    expect(await onHand(a.id)).toBe(stockA + 6000);

    // The back-order arrives whole: nothing is left on order.
    const rest = await manager.post<any>(`/api/purchase-orders/${backOrder.id}/receive`, {});
    expect(rest.body).toMatchObject({ status: 'received', backOrder: null });
    expect(await onHand(a.id)).toBe(stockA + 10_000);
    expect((await planLine(supplier.id, a.id)).onOrderMilli).toBe(0);
  });

  it('closes what did not come when asked, and the plan no longer counts it', async () => {
    const [c] = await goods(1, 30);
    const supplier = await supplierSelling('CLOSE', [c]);
    const order = await sentOrder(supplier.id, [{ productId: c.id, quantityMilli: 2000, unitCost: 90 }]);
    const orders = await server.db.purchaseOrder.count();
    const received = await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, { lines: [{ productId: c.id, quantityMilli: 1000, unitCost: 90 }], remainder: 'close' });
    expect(received.body).toMatchObject({ status: 'received', backOrder: null });
    expect(await server.db.purchaseOrder.count()).toBe(orders);
    expect((await planLine(supplier.id, c.id)).onOrderMilli).toBe(0);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'purchase-order-receive', entityId: order.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ remainder: 'close', backOrder: null });
  });
});

describe('the purchase plan', () => {
  it('leaves collected pre-orders out of the rate of sale: they were demand already met', async () => {
    const [d] = await goods(1, 35);
    const supplier = await supplierSelling('RATE', [d]);
    // One piece on the shelf, so the plan has something to suggest.
    const extra = (await onHand(d.id)) - 1000 - 7000 - 5000;
    expect((await manager.post('/api/stock/write-offs', { id: newId(), reason: 'other', lines: [{ productId: d.id, quantityMilli: extra }] })).status).toBe(201);

    // 7 sold over the counter.
    const [view] = await findProducts(manager, d.sku);
    expect((await manager.post('/api/sales', (await buildSale(manager, [{ product: view, quantityMilli: 7000 }])).request)).status).toBe(201);
    // 5 ordered by a customer, arrived and collected.
    const customer = (await manager.post<any>('/api/customers', { name: 'Collects Five' })).body;
    const preOrder = (await manager.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: d.id, quantityMilli: 5000 }] })).body;
    const arrived = (await manager.post<any>(`/api/pre-orders/${preOrder.id}/status`, { to: 'arrived' })).body;
    const collection = {
      id: newId(),
      customerId: customer.id,
      preOrderId: preOrder.id,
      lines: arrived.lines.map((l: any) => ({ lineId: newId(), productId: l.productId, quantityMilli: l.quantityMilli, preOrderLineId: l.id })),
      tenders: [{ method: 'cash', amount: arrived.total }],
      expectedTotal: arrived.total,
    };
    expect((await manager.post('/api/sales', collection)).status).toBe(201);
    expect((await manager.get<any>(`/api/pre-orders/${preOrder.id}`)).body.status).toBe('collected');
    expect(await onHand(d.id)).toBe(1000);

    // Sold 12 in the window, 5 of them collected: the rate is 7 in 28 days.
    const sold = (await server.db.productSalesDay.aggregate({ where: { productId: d.id }, _sum: { quantityMilli: true } }))._sum.quantityMilli;
    expect(sold).toBe(12_000);
    const line = await planLine(supplier.id, d.id);
    expect(line).toMatchObject({ collectedMilli: 5000, onHandMilli: 1000, reservedMilli: 0, preOrderedMilli: 0, onOrderMilli: 0 });
    const daily = 7000 / 28;
    expect(line.dailyMilli).toBe(Math.round(daily));
    // Cover lead time (3) and cover days (7) at that rate, less the one on the shelf, in whole pieces.
    const expected = Math.ceil((Math.ceil(daily * (3 + 7)) - 1000) / 1000) * 1000;
    expect(expected).toBe(2000);
    expect(line.suggestedMilli).toBe(expected);
    // Counting the collected pieces as sales would have asked for twice as many.
    expect(Math.ceil((Math.ceil((12_000 / 28) * 10) - 1000) / 1000) * 1000).toBe(4000);
  });
});
