import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { suggestQuantity } from '../../server/purchasing/plan.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;

const onHand = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R1');
  cashier = await server.login('anna', '3333', 'R2');
  expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
});
afterAll(() => server.close());

describe('purchasing', () => {
  it("suggests an order from sales, stock, minimum levels and pre-orders, and a sent order counts as on order until it is received as a delivery", async () => {
    const supplier = (await manager.post<any>('/api/suppliers', { code: 'PLAN', name: 'Plan Foods', leadTimeDays: 3 })).body;
    const [a, b, c] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, skip: 20, take: 3 });
    for (const [p, unitCost, packMilli] of [[a, 50, 6000], [b, 80, 1000], [c, 10, 1000]] as const) {
      expect((await manager.put(`/api/suppliers/${supplier.id}/products`, { productId: p.id, supplierSku: `PF-${p.sku}`, unitCost, packMilli })).status).toBe(200);
    }
    expect((await manager.get<any>(`/api/suppliers/${supplier.id}/products`)).body.items).toHaveLength(3);

    // Sales of a, a minimum level for b, a pre-order for c waiting, a pre-order for b arrived (reserved).
    const [viewA] = await findProducts(manager, a.sku);
    expect((await manager.post('/api/sales', (await buildSale(manager, [{ product: viewA, quantityMilli: 14_000 }])).request)).status).toBe(201);
    await manager.put(`/api/stock/levels/${b.id}`, { minMilli: (await onHand(b.id)) + 10_000 });
    const customer = (await manager.post<any>('/api/customers', { name: 'Plan Customer' })).body;
    const waiting = (await manager.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: c.id, quantityMilli: 3000 }] })).body;
    const arrived = (await manager.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: b.id, quantityMilli: 2000 }] })).body;
    await manager.post(`/api/pre-orders/${arrived.id}/status`, { to: 'arrived' });

    const plan = (await manager.get<any>(`/api/purchasing/plan?supplierId=${supplier.id}&coverDays=7`)).body;
    const line = (id: string) => plan.lines.find((l: any) => l.productId === id);
    expect(line(a.id)).toMatchObject({ supplierSku: `PF-${a.sku}`, unitCost: 50, packMilli: 6000, dailyMilli: Math.round(14_000 / 28), onHandMilli: await onHand(a.id) });
    expect(line(b.id)).toMatchObject({ minMilli: (await onHand(b.id)) + 10_000, reservedMilli: 2000 });
    expect(line(c.id)).toMatchObject({ preOrderedMilli: 3000, reservedMilli: 0 });
    for (const l of plan.lines) {
      const expected = suggestQuantity({ soldMilli: l.productId === a.id ? 14_000 : 0, collectedMilli: 0, windowDays: 28, onHandMilli: l.onHandMilli, reservedMilli: l.reservedMilli, preOrderedMilli: l.preOrderedMilli, onOrderMilli: 0, minMilli: l.minMilli, leadTimeDays: 3, coverDays: 7, packMilli: l.packMilli });
      expect(l.suggestedMilli).toBe(expected.suggestedMilli);
    }
    expect(line(b.id).suggestedMilli).toBe(12_000); // 10 below the minimum, 2 of them held for a customer

    // The plan becomes a draft order, is edited, and sent: the waiting pre-order is now "ordered".
    const lines = plan.lines.filter((l: any) => l.suggestedMilli > 0).map((l: any) => ({ productId: l.productId, quantityMilli: l.suggestedMilli, unitCost: l.unitCost }));
    lines.push({ productId: c.id, quantityMilli: 5000, unitCost: 10 });
    const draft = await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: lines.filter((l: any, i: number) => lines.findIndex((x: any) => x.productId === l.productId) === i) });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ number: 'P-000001', status: 'draft', supplier: { name: 'Plan Foods' } });
    const edited = await manager.put<any>(`/api/purchase-orders/${draft.body.id}`, { lines: [{ productId: b.id, quantityMilli: 12_000, unitCost: 80 }, { productId: c.id, quantityMilli: 5000, unitCost: 9 }] });
    expect(edited.body.total).toBe(12 * 80 + 5 * 9);
    const sent = await manager.post<any>(`/api/purchase-orders/${draft.body.id}/send`);
    expect(sent.body.status).toBe('sent');
    expect((await manager.get<any>(`/api/pre-orders/${waiting.id}`)).body).toMatchObject({ status: 'ordered', supplierName: 'Plan Foods' });
    const after = (await manager.get<any>(`/api/purchasing/plan?supplierId=${supplier.id}`)).body;
    expect(after.lines.find((l: any) => l.productId === b.id)).toMatchObject({ onOrderMilli: 12_000, suggestedMilli: 0 });

    const csv = await fetch(`${server.url}/api/purchase-orders/${draft.body.id}/csv`, { headers: { authorization: `Bearer ${manager.token}` } });
    expect(csv.headers.get('content-disposition')).toContain('P-000001-PLAN.csv');
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toBe('supplier_sku,sku,name,quantity,unit,unit_cost,amount');
    expect(text).toContain(`PF-${c.sku},${c.sku},`);
    expect(text).toContain(',Total,,,,10.05');

    // Receiving it posts the goods receipt: 11 of b came, not 12.
    const [stockB, stockC] = [await onHand(b.id), await onHand(c.id)];
    const received = await manager.post<any>(`/api/purchase-orders/${draft.body.id}/receive`, { lines: [{ productId: b.id, quantityMilli: 11_000, unitCost: 80 }, { productId: c.id, quantityMilli: 5000, unitCost: 9 }] });
    expect(received.body).toMatchObject({ status: 'received', receivedDocumentNumber: 'D-000001' });
    expect(await onHand(b.id)).toBe(stockB + 11_000);
    expect(await onHand(c.id)).toBe(stockC + 5000);
    const receipt = await server.db.stockDocument.findUniqueOrThrow({ where: { id: draft.body.id }, include: { lines: true } });
    expect(receipt).toMatchObject({ kind: 'delivery', supplierId: supplier.id, totalCost: 11 * 80 + 5 * 9 });
    // A retried receive does not post twice; a received order cannot be cancelled.
    await manager.post(`/api/purchase-orders/${draft.body.id}/receive`, {});
    expect(await onHand(b.id)).toBe(stockB + 11_000);
    expect((await manager.post<any>(`/api/purchase-orders/${draft.body.id}/cancel`)).body.error.code).toBe('purchase-order-status');
  });

  it('refuses a cashier and bad lines, naming the field', async () => {
    const supplier = (await manager.post<any>('/api/suppliers', { code: 'BAD', name: 'Bad Lines' })).body;
    const [p] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    expect((await cashier.post('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: p.id, quantityMilli: 1000, unitCost: 1 }] })).status).toBe(403);
    const half = await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: p.id, quantityMilli: 1500, unitCost: 1 }] });
    expect(half.body.error).toMatchObject({ code: 'invalid-quantity', fields: [{ path: 'lines.0.quantityMilli' }] });
    const unknown = await manager.put<any>(`/api/suppliers/${supplier.id}/products`, { productId: newId(), unitCost: 5 });
    expect(unknown.body.error).toMatchObject({ code: 'product-not-found', fields: [{ path: 'body.productId' }] });
    expect(await server.db.purchaseOrder.count({ where: { supplierId: supplier.id } })).toBe(0);
  });
});
