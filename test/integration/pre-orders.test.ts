import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway.ts';

let server: TestServer;
let gateway: SmsGateway;
let owner: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;
let deposit: { id: string };

const onHand = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
const pieceGoods = (take: number, skip = 0) => server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' }, take, skip });

/** A sale request as the register sends it, paid in cash unless the tenders say otherwise. */
function saleRequest(lines: { productId: string; quantityMilli: number; [k: string]: unknown }[], total: number, extra: Record<string, unknown> = {}, tenders: { method: string; amount: number; reference?: string }[] = [{ method: 'cash', amount: total }]) {
  return { id: newId(), lines: lines.map((l) => ({ lineId: newId(), ...l })), tenders, expectedTotal: total, ...extra };
}

beforeAll(async () => {
  gateway = await startSmsGateway();
  server = await startTestServer({ messaging: { email: null, sms: gateway.sender, publicUrl: 'http://shop.test' } });
  owner = await server.login('owner', '1111', 'R2');
  manager = await server.login('manager', '2222', 'R1');
  cashier = await server.login('anna', '3333', 'R2');
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  deposit = (await cashier.get<{ id: string }>('/api/pre-orders/deposit-product')).body;
});
afterAll(async () => {
  await server.close();
  await gateway.close();
});

describe('pre-orders', () => {
  it('go from taking the order and a deposit, through arrival (reserved, customer notified), to collection that deducts the deposit', async () => {
    const customer = (await manager.post('/api/customers', { name: 'Rūta Užsakovė', phone: '+370 611 22233' })).body;
    const other = (await manager.post('/api/customers', { name: 'Other Buyer' })).body;
    const [a, b] = await pieceGoods(2);
    const supplier = (await manager.post('/api/suppliers', { code: 'PRE', name: 'Pre Supplies', leadTimeDays: 3 })).body;

    // Taken by the manager at the register: a catalogue product at an agreed price, and goods not in the catalogue yet.
    const taken = await manager.post<any>('/api/pre-orders', {
      id: newId(),
      customerId: customer.id,
      expectedDate: '2026-12-10',
      lines: [
        { productId: a.id, quantityMilli: 2000, unitPrice: a.price - 10 },
        { description: 'Cheese wheel 5 kg, aged', quantityMilli: 1000, unitPrice: 5000 },
      ],
    });
    expect(taken.status).toBe(201);
    const order = taken.body;
    expect(order).toMatchObject({ number: 'O-000001', status: 'new', total: 2 * (a.price - 10) + 5000, depositHeld: 0, due: 2 * (a.price - 10) + 5000 });

    // The deposit is a real sale: money in the drawer, a receipt, no stock and no sales figures moved.
    const stockBefore = await onHand(a.id);
    const daysBefore = await server.db.productSalesDay.count({ where: { productId: deposit.id } });
    const depositSale = await manager.post<any>('/api/sales', saleRequest([{ productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: 3000 } }], 3000, { customerId: customer.id }));
    expect(depositSale.status).toBe(201);
    expect(depositSale.body.total).toBe(3000);
    expect(await onHand(a.id)).toBe(stockBefore);
    expect(await server.db.productSalesDay.count({ where: { productId: deposit.id } })).toBe(daysBefore);
    const held = (await manager.get<any>(`/api/pre-orders/${order.id}`)).body;
    expect(held).toMatchObject({ depositHeld: 3000, due: order.total - 3000, deposits: [{ kind: 'deposit', amount: 3000, saleNumber: depositSale.body.number }] });

    // A deposit for someone else's order, or beyond what is left to pay, is refused naming the field.
    const tooMuch = await manager.post<any>('/api/sales', saleRequest([{ productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: order.total - 2999 } }], order.total - 2999, { customerId: customer.id }));
    expect(tooMuch.body.error).toMatchObject({ code: 'deposit-exceeds-order', fields: [{ path: 'lines.0.deposit.amount', message: `at most ${order.total - 3000}` }] });
    const wrongCustomer = await manager.post<any>('/api/sales', saleRequest([{ productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: 100 } }], 100, { customerId: other.id }));
    expect(wrongCustomer.body.error).toMatchObject({ code: 'pre-order-customer', fields: [{ path: 'customerId' }] });

    // Moving an order on is a manager's work; arrival needs every line in the catalogue.
    expect((await cashier.post(`/api/pre-orders/${order.id}/status`, { to: 'confirmed' })).status).toBe(403);
    expect((await manager.post(`/api/pre-orders/${order.id}/status`, { to: 'confirmed' })).body.status).toBe('confirmed');
    expect((await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'ordered', supplierId: supplier.id })).body).toMatchObject({ status: 'ordered', supplierName: 'Pre Supplies' });
    const notLinked = await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'arrived' });
    expect(notLinked.body.error).toMatchObject({ code: 'line-not-in-catalogue', fields: [{ path: 'body.products' }] });
    expect((await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'confirmed' })).body.error).toMatchObject({ code: 'invalid-transition', fields: [{ path: 'body.to', message: 'from ordered: arrived, cancelled' }] });

    // The goods come in: a delivery, then the order arrives with the cheese linked to its new product.
    await manager.post('/api/stock/deliveries', { id: newId(), supplierId: supplier.id, lines: [{ productId: a.id, quantityMilli: 3000, unitCost: a.cost }, { productId: b.id, quantityMilli: 1000, unitCost: b.cost }] });
    const cheeseLine = order.lines[1].id;
    const arrived = await manager.post<any>(`/api/pre-orders/${order.id}/status`, { to: 'arrived', products: [{ lineId: cheeseLine, productId: b.id }] });
    expect(arrived.body).toMatchObject({ status: 'arrived', notified: { channel: 'sms' } });
    await expect.poll(() => gateway.texts.length, { timeout: 10_000 }).toBe(1);
    expect(gateway.texts[0]).toMatchObject({ to: '+37061122233' });
    expect(gateway.texts[0].text).toContain('O-000001');

    // Reserved: another customer cannot buy what is kept, only what is free.
    const onHandA = await onHand(a.id);
    const row = (await manager.get<any>(`/api/stock?q=${a.sku}`)).body.items[0];
    expect(row).toMatchObject({ onHandMilli: onHandA, reservedMilli: 2000, availableMilli: onHandA - 2000 });
    expect((await manager.get<any>('/api/reports/dashboard')).body.preOrders).toEqual({ open: 1, arrived: 1, depositsHeld: 3000 });
    const free = onHandA - 2000;
    const [viewA] = await findProducts(cashier, a.sku);
    const tooMany = await cashier.post<any>('/api/sales', (await buildSale(cashier, [{ product: viewA, quantityMilli: free + 1000 }])).request);
    expect(tooMany.body.error?.code, JSON.stringify(tooMany.body)).toBe('reserved-stock');
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'reserved-stock', fields: [{ path: 'lines.0.quantityMilli', message: `at most ${free}` }] });

    // Collection: the agreed lines at the agreed prices, the deposit as a tender, the rest in cash.
    const lines = arrived.body.lines.map((l: any) => ({ productId: l.productId, quantityMilli: l.quantityMilli, preOrderLineId: l.id }));
    const total = arrived.body.total;
    const wrongDeposit = await manager.post<any>('/api/sales', saleRequest(lines, total, { customerId: customer.id, preOrderId: order.id }, [{ method: 'deposit', amount: 1000, reference: order.id }, { method: 'cash', amount: total - 1000 }]));
    expect(wrongDeposit.body.error).toMatchObject({ code: 'deposit-tender', fields: [{ path: 'tenders' }] });
    const missingLine = await manager.post<any>('/api/sales', saleRequest(lines.slice(0, 1), 2 * (a.price - 10), { customerId: customer.id, preOrderId: order.id }));
    expect(missingLine.body.error.code).toBe('pre-order-incomplete');
    const collected = await manager.post<any>('/api/sales', saleRequest(lines, total, { customerId: customer.id, preOrderId: order.id }, [{ method: 'deposit', amount: 3000, reference: order.id }, { method: 'cash', amount: total - 3000 }]));
    expect(collected.status).toBe(201);
    expect(collected.body.lines.map((l: any) => l.unitPrice)).toEqual([a.price - 10, 5000]);
    expect(collected.body.payments).toEqual(expect.arrayContaining([expect.objectContaining({ method: 'deposit', amount: 3000 }), expect.objectContaining({ method: 'cash', amount: total - 3000 })]));
    expect(await onHand(a.id)).toBe(onHandA - 2000);
    const done = (await manager.get<any>(`/api/pre-orders/${order.id}`)).body;
    expect(done).toMatchObject({ status: 'collected', depositHeld: 0, due: 0, collectedSaleId: collected.body.id });

    // Nothing is kept any more: the rest of the stock sells to anyone; a used deposit cannot be refunded.
    expect((await cashier.post('/api/sales', (await buildSale(cashier, [{ product: viewA, quantityMilli: free }])).request)).status).toBe(201);
    const depositLine = depositSale.body.lines[0].id;
    const refundUsed = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: depositSale.body.id, lines: [{ saleLineId: depositLine, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(refundUsed.body.error.code).toBe('deposit-not-held');
  });

  it('cancels: refunding the deposit at the register first, or keeping it (a manager only)', async () => {
    const customer = (await manager.post('/api/customers', { name: 'Changed Mind' })).body;
    const [a] = await pieceGoods(1, 5);
    const take = async () => {
      const order = (await cashier.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: a.id, quantityMilli: 10_000 }] })).body;
      const sale = (await manager.post<any>('/api/sales', saleRequest([{ productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount: 500 } }], 500, { customerId: customer.id }))).body;
      return { order, sale };
    };

    const first = await take();
    const tooEarly = await cashier.post<any>(`/api/pre-orders/${first.order.id}/status`, { to: 'cancelled', depositPolicy: 'refund' });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.code).toBe('deposit-held');
    const refund = await manager.post<any>('/api/returns', { id: newId(), originalSaleId: first.sale.id, lines: [{ saleLineId: first.sale.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(refund.status).toBe(201);
    expect(refund.body.total).toBe(500);
    const cancelled = await cashier.post<any>(`/api/pre-orders/${first.order.id}/status`, { to: 'cancelled', depositPolicy: 'refund' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', depositHeld: 0, depositPolicy: 'refund', deposits: [{ kind: 'deposit', amount: 500 }, { kind: 'refund', amount: -500 }] });

    const second = await take();
    expect((await cashier.post(`/api/pre-orders/${second.order.id}/status`, { to: 'cancelled', depositPolicy: 'keep' })).status).toBe(403);
    const kept = await owner.post<any>(`/api/pre-orders/${second.order.id}/status`, { to: 'cancelled', depositPolicy: 'keep', reason: 'not collected in 30 days' });
    expect(kept.body).toMatchObject({ status: 'cancelled', depositHeld: 0, deposits: [{ kind: 'deposit' }, { kind: 'kept', amount: -500 }] });
    expect((await manager.post<any>('/api/sales', saleRequest([{ productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: second.order.id, amount: 100 } }], 100, { customerId: customer.id }))).body.error.code).toBe('pre-order-closed');

    // Listing: open orders of a customer, by number or name.
    const open = (await manager.get<any>(`/api/pre-orders?status=open&customerId=${customer.id}`)).body;
    expect(open.total).toBe(0);
    const byName = (await manager.get<any>('/api/pre-orders?q=Changed')).body;
    expect(byName.items.map((o: any) => o.status).sort()).toEqual(['cancelled', 'cancelled']);
    expect((await manager.get<any>('/api/pre-orders?q=o-000001')).body.items[0].number).toBe('O-000001');
  });

  it('refuses a bad order naming the field', async () => {
    const customer = (await manager.post('/api/customers', { name: 'Field Tester' })).body;
    const noPrice = await cashier.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ description: 'Something rare', quantityMilli: 1000 }] });
    expect(noPrice.status).toBe(400);
    expect(JSON.stringify(noPrice.body.error.fields)).toContain('unitPrice');
    const half = await cashier.post<any>('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: (await pieceGoods(1))[0].id, quantityMilli: 1500 }] });
    expect(half.body.error).toMatchObject({ code: 'invalid-quantity', fields: [{ path: 'lines.0.quantityMilli' }] });
    expect(await server.db.preOrder.count({ where: { customerId: customer.id } })).toBe(0);
  });
});
