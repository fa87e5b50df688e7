import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let manager: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R2');
});
afterAll(() => server.close());

describe('top products', () => {
  it('leaves out an item sold and fully returned in the same shift, and ranks the rest by net amount', async () => {
    expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
    const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, price: { gt: 0 } }, orderBy: { sku: 'asc' }, take: 2 });
    const [returned, kept] = await Promise.all(rows.map(async (r) => (await findProducts(manager, r.sku)).find((p) => p.id === r.id)!));

    const first = await buildSale(manager, [{ product: returned, quantityMilli: 2000 }]);
    const sold = await manager.post<any>('/api/sales', first.request);
    expect(sold.status).toBe(201);
    const refund = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: first.request.id, lines: [{ saleLineId: sold.body.lines[0].id, quantityMilli: 2000 }], refundMethod: 'cash' });
    expect(refund.status).toBe(201);
    expect(refund.body.total).toBe(sold.body.total);

    const second = await buildSale(manager, [{ product: kept, quantityMilli: 1000 }]);
    const other = await manager.post<any>('/api/sales', second.request);
    expect(other.status).toBe(201);
    const close = await manager.post<any>('/api/shifts/current/close', { countedCash: other.body.total });
    expect(close.status).toBe(200);

    const dashboard = (await manager.get<any>('/api/reports/dashboard?period=today')).body;
    const line = other.body.lines[0];
    const revenue = dashboard.basis === 'net' ? line.amount - line.taxAmount : line.amount;
    expect(dashboard.topProducts).toEqual([expect.objectContaining({ key: kept.id, revenue, sales: line.amount })]);
  });
});
