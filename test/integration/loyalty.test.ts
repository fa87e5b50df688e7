import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import { newId } from '../../shared/ids.ts';

let server: TestServer;
let cashier: ApiClient;
let manager: ApiClient;
let goods: ProductView;
let giftCardProduct: ProductView;

const customerInCategory = async (code: string): Promise<CustomerView> => {
  const card = await server.db.customerCard.findFirstOrThrow({ where: { customer: { category: { code } } }, orderBy: { code: 'asc' } });
  return (await cashier.get<any>(`/api/scan/${card.code}`)).body.customer;
};
const customerById = async (id: string): Promise<CustomerView> => (await cashier.get<CustomerView>(`/api/customers/${id}`)).body;
const giftCardBalance = async (code: string) => (await cashier.get<any>(`/api/gift-cards/${code}`)).body.balance;

beforeAll(async () => {
  server = await startTestServer();
  cashier = await server.login('anna', '3333', 'R1');
  manager = await server.login('manager', '2222', 'R2');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', plu: null, discountable: true, kind: 'goods', price: { gt: 500 } }, orderBy: { sku: 'asc' } });
  goods = (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
  giftCardProduct = (await findProducts(cashier, 'GIFT-CARD'))[0];
  expect(giftCardProduct.kind).toBe('gift-card');
});
afterAll(() => server?.close());

describe('loyalty points', () => {
  it('earns the category rate on what money paid, redeems as a tender, and a return takes back both sides', async () => {
    let customer = await customerInCategory('points');
    expect(customer.pointsEarnBp).toBe(500);
    expect(customer.pointsBalance).toBe(0);

    const first = await buildSale(cashier, [{ product: goods, quantityMilli: 4000 }], { customer });
    const paid = await cashier.post<any>('/api/sales', first.request);
    expect(paid.status).toBe(201);
    const earned = Math.floor((first.priced.total * 500) / 10_000);
    expect(paid.body.pointsEarned).toBe(earned);
    customer = await customerById(customer.id);
    expect(customer.pointsBalance).toBe(earned);

    // Points pay part of the next sale; the rest is cash, and only the cash part earns.
    const spend = Math.min(earned, 100);
    const second = await buildSale(cashier, [{ product: goods, quantityMilli: 1000 }], {
      customer,
      tenders: (total) => [{ method: 'points', amount: spend }, { method: 'cash', amount: total - spend }],
    });
    const withPoints = await cashier.post<any>('/api/sales', second.request);
    expect(withPoints.status).toBe(201);
    expect(withPoints.body.payments.map((p: any) => [p.method, p.amount])).toEqual([['points', spend], ['cash', second.priced.total - spend]]);
    const earnedSecond = Math.floor(((second.priced.total - spend) * 500) / 10_000);
    expect(withPoints.body.pointsEarned).toBe(earnedSecond);
    expect((await customerById(customer.id)).pointsBalance).toBe(earned - spend + earnedSecond);

    // Returning the whole second sale puts the points back first, cash for the rest, and takes back what it earned.
    const line = withPoints.body.lines[0];
    const ret = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: second.request.id, lines: [{ saleLineId: line.id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(ret.status).toBe(201);
    expect(ret.body.payments.map((p: any) => [p.method, p.amount])).toEqual([['points', spend], ['cash', second.priced.total - spend]]);
    expect(ret.body.pointsEarned).toBe(-earnedSecond);
    expect((await customerById(customer.id)).pointsBalance).toBe(earned);

    const history = await cashier.get<any>(`/api/customers/${customer.id}/points`);
    expect(history.body.movements.map((m: any) => m.kind).sort()).toEqual(['earn', 'earn', 'redeem', 'refund', 'reverse']);
  });

  it('refuses more points than the customer holds, and points without a customer, naming the tender', async () => {
    const customer = await customerInCategory('points');
    const fresh = await customerById(customer.id);
    const over = await buildSale(cashier, [{ product: goods, quantityMilli: 10_000 }], {
      customer: fresh,
      tenders: (total) => [{ method: 'points', amount: fresh.pointsBalance + 1 }, { method: 'cash', amount: total - fresh.pointsBalance - 1 }],
    });
    const before = await server.db.sale.count();
    const res = await cashier.post<any>('/api/sales', over.request);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'insufficient-points', fields: [{ path: 'tenders.0.amount' }] });
    expect(await server.db.sale.count()).toBe(before);
    expect((await customerById(customer.id)).pointsBalance).toBe(fresh.pointsBalance);

    const anonymous = await buildSale(cashier, [{ product: goods, quantityMilli: 1000 }], { tenders: (total) => [{ method: 'points', amount: total }] });
    const res2 = await cashier.post<any>('/api/sales', anonymous.request);
    expect(res2.body.error).toMatchObject({ code: 'points-need-customer', fields: [{ path: 'tenders.0.method' }] });
  });

  it('lets a manager adjust points with a reason (audited), not a cashier', async () => {
    const customer = await customerInCategory('gold');
    expect((await cashier.post(`/api/customers/${customer.id}/points/adjust`, { points: 500, reason: 'Complaint' })).status).toBe(403);
    const res = await manager.post<any>(`/api/customers/${customer.id}/points/adjust`, { points: 500, reason: 'Complaint' });
    expect(res.body.balance).toBe(customer.pointsBalance + 500);
    expect(await server.db.auditLog.count({ where: { action: 'points-adjust', entityId: customer.id } })).toBe(1);
    const bad = await manager.post<any>(`/api/customers/${customer.id}/points/adjust`, { points: 0, reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.path).sort()).toEqual(['body.points', 'body.reason']);
  });
});

describe('gift cards', () => {
  it('sells a card at the till without stock or discount, spends it over two sales, and refunds onto it', async () => {
    const code = `GC${Date.now()}`;
    const sold = await buildSale(cashier, [{ product: giftCardProduct, quantityMilli: 1000, giftCard: { code, amount: 5000 } }], {
      tenders: (total) => [{ method: 'card', amount: total }],
    });
    const movementsBefore = await server.db.stockMovement.count();
    const res = await cashier.post<any>('/api/sales', sold.request);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(5000);
    expect(res.body.taxTotal).toBe(0);
    expect(await server.db.stockMovement.count()).toBe(movementsBefore);
    expect(await giftCardBalance(code)).toBe(5000);

    const resold = await buildSale(cashier, [{ product: giftCardProduct, quantityMilli: 1000, giftCard: { code, amount: 1000 } }]);
    expect((await cashier.post<any>('/api/sales', resold.request)).body.error).toMatchObject({ code: 'gift-card-exists', fields: [{ path: 'lines.0.giftCard.code' }] });

    const first = await buildSale(cashier, [{ product: goods, quantityMilli: 2000 }], { tenders: (total) => [{ method: 'gift-card', amount: Math.min(total, 5000), reference: code }, ...(total > 5000 ? [{ method: 'cash' as const, amount: total - 5000 }] : [])] });
    const spent = await cashier.post<any>('/api/sales', first.request);
    expect(spent.status).toBe(201);
    expect(spent.body.payments[0]).toMatchObject({ method: 'gift-card', reference: `*${code.slice(-4)}` });
    const used = Math.min(first.priced.total, 5000);
    expect(await giftCardBalance(code)).toBe(5000 - used);

    const tooMuch = await buildSale(cashier, [{ product: goods, quantityMilli: 10_000 }], { tenders: (total) => [{ method: 'gift-card', amount: total, reference: code }] });
    const refused = await cashier.post<any>('/api/sales', tooMuch.request);
    expect(refused.body.error).toMatchObject({ code: 'insufficient-gift-card', fields: [{ path: 'tenders.0.reference' }] });
    expect(await giftCardBalance(code)).toBe(5000 - used);

    const ret = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: first.request.id, lines: [{ saleLineId: spent.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(ret.status).toBe(201);
    expect(ret.body.payments[0]).toMatchObject({ method: 'gift-card' });
    expect(await giftCardBalance(code)).toBe(5000 - used + ret.body.payments[0].amount);

    // The card was spent from, so the sale of the card cannot be returned for money.
    const back = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: sold.request.id, lines: [{ saleLineId: res.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('gift-card-in-use');
  });

  it('returns an unused card: the card is emptied and the money refunded', async () => {
    const code = `GC${Date.now()}R`;
    const sold = await buildSale(cashier, [{ product: giftCardProduct, quantityMilli: 1000, giftCard: { code, amount: 2500 } }]);
    const res = await cashier.post<any>('/api/sales', sold.request);
    const back = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: sold.request.id, lines: [{ saleLineId: res.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(back.status).toBe(201);
    expect(back.body.total).toBe(2500);
    expect(await giftCardBalance(code)).toBe(0);
  });

  it('issues a card in the back office with a reason, audited; cashiers cannot', async () => {
    expect((await cashier.post('/api/gift-cards', { code: 'OFFICE-1', amount: 2000, note: 'Compensation' })).status).toBe(403);
    const res = await manager.post<any>('/api/gift-cards', { code: 'OFFICE-1', amount: 2000, note: 'Compensation' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'OFFICE-1', balance: 2000, movements: [{ kind: 'issue', amount: 2000 }] });
    expect(await server.db.auditLog.count({ where: { action: 'gift-card-issue', entityId: 'OFFICE-1' } })).toBe(1);
    expect((await cashier.get<any>('/api/gift-cards/NOPE-404')).body.error.code).toBe('gift-card-not-found');
  });

  it('shows gift cards and points on the X report', async () => {
    const report = await cashier.get<any>('/api/shifts/current/x-report');
    const methods = report.body.tenders.map((t: any) => t.method);
    expect(methods).toEqual(expect.arrayContaining(['cash', 'card', 'points', 'gift-card']));
    const gift = report.body.tenders.find((t: any) => t.method === 'gift-card');
    expect(gift.sales).toBeGreaterThan(0);
  });
});

describe('customer categories', () => {
  it('a manager sets a category to points instead of a discount, and the register sees the new rate', async () => {
    const customer = await customerInCategory('bronze');
    const res = await manager.put<any>('/api/customer-categories/bronze', { name: 'Bronze card', discountBp: 0, pointsEarnBp: 300 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'bronze', discountBp: 0, pointsEarnBp: 300 });
    const after = await customerById(customer.id);
    expect(after).toMatchObject({ categoryDiscountBp: 0, pointsEarnBp: 300 });
    expect((await cashier.put('/api/customer-categories/bronze', { name: 'x', discountBp: 0, pointsEarnBp: 0 })).status).toBe(403);
  });
});
