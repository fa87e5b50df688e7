import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A customer's spend (what card tiers count) is the goods they bought net of returns: a pre-order's
// deposit is money held, counted once when the goods are collected in full; a gift card is money
// held too, counted when it buys goods. The test sums the customer's documents itself, as stored.

let server: TestServer;
let manager: ApiClient;
let goods: ProductView;
let giftCard: ProductView;
let customerId = '';

/** The goods lines of the customer's documents, returns subtracted: the spend the test expects. */
async function goodsBought(): Promise<number> {
  const docs = await server.db.sale.findMany({ where: { customerId }, include: { lines: true } });
  return docs.reduce((sum, d) => sum + (d.kind === 'sale' ? 1 : -1) * d.lines.filter((l) => l.kind === 'goods').reduce((s, l) => s + l.amount, 0), 0);
}
const customer = async () => (await manager.get<any>(`/api/customers/${customerId}`)).body;

async function sell(lines: Parameters<typeof buildSale>[1], options: Omit<Parameters<typeof buildSale>[2] & object, 'customer'> = {}, spend?: number) {
  const view = await customer();
  const { request, priced } = await buildSale(manager, lines, { ...options, customer: spend === undefined ? view : { ...view, cumulativeSpend: spend } });
  const res = await manager.post<any>('/api/sales', request);
  return { res, priced };
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R1');
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  const row = await server.db.product.findFirstOrThrow({ where: { kind: 'goods', unit: 'piece', plu: null, discountable: true, price: { gt: 500, lt: 3000 } }, orderBy: { sku: 'asc' } });
  goods = (await findProducts(manager, row.sku)).find((p) => p.id === row.id)!;
  giftCard = (await findProducts(manager, 'GIFT-CARD'))[0];
  expect(giftCard.kind).toBe('gift-card');
  customerId = (await manager.post<any>('/api/customers', { name: 'Rūta Regular' })).body.id;
});

afterAll(() => server.close());

describe('a customer’s spend', () => {
  it('is the goods bought net of returns: a deposit counted once, at collection; a gift card when it buys goods', async () => {
    // A gift card bought, then spent on goods.
    const code = `SPEND-${newId().slice(-8)}`;
    expect((await sell([{ product: giftCard, quantityMilli: 1000, giftCard: { code, amount: 3000 } }])).res.status).toBe(201);
    const paidByCard = await sell([{ product: goods, quantityMilli: 2000 }], { tenders: (total) => [{ method: 'gift-card', amount: Math.min(total, 3000), reference: code }, ...(total > 3000 ? [{ method: 'cash' as const, amount: total - 3000 }] : [])] });
    expect(paidByCard.res.status, JSON.stringify(paidByCard.res.body)).toBe(201);

    // A pre-order: its deposit on a receipt of its own, then collected in full with the deposit as a tender.
    const order = (await manager.post<any>('/api/pre-orders', { id: newId(), customerId, lines: [{ productId: goods.id, quantityMilli: 3000, unitPrice: goods.price }] })).body;
    const deposit = (await manager.get<any>('/api/pre-orders/deposit-product')).body;
    const deposited = Math.floor(order.total / 2);
    const depositSale = { id: newId(), customerId, lines: [{ lineId: newId(), productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: deposited } }], tenders: [{ method: 'cash', amount: deposited }], expectedTotal: deposited };
    expect((await manager.post('/api/sales', depositSale)).status).toBe(201);
    const arrived = (await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'arrived' })).body;
    const collect = {
      id: newId(), customerId, preOrderId: order.id,
      lines: arrived.lines.map((l: any) => ({ lineId: newId(), productId: l.productId, quantityMilli: l.quantityMilli, preOrderLineId: l.id })),
      tenders: [{ method: 'deposit', amount: deposited, reference: order.id }, { method: 'cash', amount: arrived.total - deposited }],
      expectedTotal: arrived.total,
    };
    expect((await manager.post('/api/sales', collect)).status).toBe(201);

    // One of the goods paid by gift card comes back.
    const line = paidByCard.res.body.lines[0];
    expect((await manager.post('/api/returns', { id: newId(), originalSaleId: paidByCard.res.body.id, lines: [{ saleLineId: line.id, quantityMilli: 1000 }], refundMethod: 'cash' })).status).toBe(201);

    const expected = await goodsBought();
    // Two goods less one returned, and the pre-order's three in full: nothing of the card or the deposit.
    expect(expected).toBe(paidByCard.res.body.total - (await server.db.sale.findFirstOrThrow({ where: { originalSaleId: paidByCard.res.body.id } })).total + arrived.total);
    expect((await customer()).cumulativeSpend).toBe(expected);
  });

  it('reaches a card tier exactly at its threshold, and the next sale’s total changes there', async () => {
    const spend = await goodsBought();
    // The tier starts at what the customer will have spent after one more of the goods at full price.
    const tier = { name: 'Regular card', minSpend: spend + goods.price, percentBp: 1000 };
    expect((await manager.post('/api/discount-rules', { rule: { name: 'Regular', kind: 'spend-tier', tiers: [tier] } })).status).toBe(201);

    // One short of the threshold: full price (the server prices on its own spend; a different one is refused as a mismatch).
    const below = await sell([{ product: goods, quantityMilli: 1000 }], {}, spend);
    expect(below.res.status, JSON.stringify(below.res.body)).toBe(201);
    expect(below.res.body.total).toBe(goods.price);
    expect(await goodsBought()).toBe(tier.minSpend);

    // At the threshold: the same goods with the tier's 10 % off.
    const at = await sell([{ product: goods, quantityMilli: 1000 }], {}, tier.minSpend);
    expect(at.res.status, JSON.stringify(at.res.body)).toBe(201);
    expect(at.res.body.total).toBe(goods.price - Math.round(goods.price / 10));
    const discounts = await server.db.saleDiscount.findMany({ where: { saleId: at.res.body.id } });
    expect(discounts.map((d) => d.source)).toEqual(['card-tier']);
    expect((await customer()).cumulativeSpend).toBe(await goodsBought());
  });
});
