import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Head office counts a customer's spend as the outlets do: the goods bought net of returns. At one
// outlet the customer buys a gift card and spends it on goods, pays a pre-order's deposit and
// collects it, and returns one of the goods; head office's months and the spend the other outlet
// pulls must equal the test's own sum of the documents that outlet holds. Real PostgreSQL.
interface Outlet {
  server: TestServer;
  manager: ApiClient;
}
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let x: Outlet;
let y: Outlet;

async function startOutlet(code: string): Promise<Outlet> {
  const token = await headOffice.addOutlet(code);
  const server = await startTestServer({ outletCode: code, headOffice: { url: headOffice.url, token, batchSize: 10, intervalMs: 30, maxBackoffMs: 200 } });
  const manager = await server.login('manager', '2222');
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  return { server, manager };
}

async function settled(...outlets: Outlet[]) {
  for (const o of outlets) await expect.poll(async () => (await o.manager.get('/api/sync/status')).body.backlog, { timeout: 15_000, interval: 50 }).toBe(0);
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  for (const o of outlets) await expect.poll(async () => (await o.manager.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  x = await startOutlet('SX1');
  y = await startOutlet('SY1');
});

afterAll(async () => {
  for (const o of [x, y]) await o?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe('a customer’s spend across the chain', () => {
  it('is the goods bought net of returns at head office and in the spend the other outlet pulls', async () => {
    const customerId = (await x.manager.post<any>('/api/customers', { name: 'Aldona Chain' })).body.id;
    const row = await x.server.db.product.findFirstOrThrow({ where: { kind: 'goods', unit: 'piece', plu: null, discountable: true, price: { gt: 500 } }, orderBy: { sku: 'asc' } });
    const goods = (await findProducts(x.manager, row.sku)).find((p) => p.id === row.id)!;
    const giftCard = (await findProducts(x.manager, 'GIFT-CARD'))[0];
    expect(giftCard.kind).toBe('gift-card');
    const sell = async (lines: Parameters<typeof buildSale>[1], tenders?: Parameters<typeof buildSale>[2] & object) => {
      const customer = (await x.manager.get<any>(`/api/customers/${customerId}`)).body;
      const { request } = await buildSale(x.manager, lines, { ...tenders, customer });
      const res = await x.manager.post<any>('/api/sales', request);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };

    const code = `CHAIN-GC-${newId().slice(-6)}`;
    await sell([{ product: giftCard, quantityMilli: 1000, giftCard: { code, amount: 2000 } }]);
    const paidByCard = await sell([{ product: goods, quantityMilli: 2000 }], { tenders: (total) => [{ method: 'gift-card', amount: Math.min(total, 2000), reference: code }, ...(total > 2000 ? [{ method: 'cash' as const, amount: total - 2000 }] : [])] });

    const order = (await x.manager.post<any>('/api/pre-orders', { id: newId(), customerId, lines: [{ productId: goods.id, quantityMilli: 2000, unitPrice: goods.price }] })).body;
    const deposit = (await x.manager.get<any>('/api/pre-orders/deposit-product')).body;
    const deposited = Math.floor(order.total / 2);
    expect((await x.manager.post('/api/sales', { id: newId(), customerId, lines: [{ lineId: newId(), productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: deposited } }], tenders: [{ method: 'cash', amount: deposited }], expectedTotal: deposited })).status).toBe(201);
    const arrived = (await x.manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'arrived' })).body;
    const collect = {
      id: newId(), customerId, preOrderId: order.id,
      lines: arrived.lines.map((l: any) => ({ lineId: newId(), productId: l.productId, quantityMilli: l.quantityMilli, preOrderLineId: l.id })),
      tenders: [{ method: 'deposit', amount: deposited, reference: order.id }, { method: 'cash', amount: arrived.total - deposited }],
      expectedTotal: arrived.total,
    };
    expect((await x.manager.post('/api/sales', collect)).status).toBe(201);
    expect((await x.manager.post('/api/returns', { id: newId(), originalSaleId: paidByCard.id, lines: [{ saleLineId: paidByCard.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' })).status).toBe(201);
    await settled(x, y);
    await settled(x, y);

    // The test's own sum: the goods lines of the customer's documents at X, returns subtracted.
    const docs = await x.server.db.sale.findMany({ where: { customerId }, include: { lines: true } });
    expect(docs).toHaveLength(5);
    const spend = docs.reduce((sum, d) => sum + (d.kind === 'sale' ? 1 : -1) * d.lines.filter((l) => l.kind === 'goods').reduce((s, l) => s + l.amount, 0), 0);
    expect(spend).toBeGreaterThan(0);

    const { rows } = await headOffice.db.pool.query(`SELECT o."code", sum(m."total")::int AS "total" FROM "CustomerSpendMonth" m JOIN "Outlet" o ON o."id" = m."outletId" WHERE m."customerId" = $1 GROUP BY o."code"`, [customerId]);
    expect(rows).toEqual([{ code: 'SX1', total: spend }]);
    expect((await y.server.db.customer.findUniqueOrThrow({ where: { id: customerId } })).chainSpendElsewhere).toBe(spend);
    expect((await y.manager.get<any>(`/api/customers/${customerId}`)).body.cumulativeSpend).toBe(spend);
    expect((await x.manager.get<any>(`/api/customers/${customerId}`)).body.cumulativeSpend).toBe(spend);
  });
});
