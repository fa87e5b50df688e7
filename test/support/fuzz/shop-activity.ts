import { newId } from '../../../shared/ids.ts';
import type { ApiClient, ApiResponse } from '../api-client.ts';
import { buildSale, findProducts } from '../cart.ts';
import type { TestServer } from '../server.ts';

const ok = (what: string, res: ApiResponse) => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * A shop with a history, made through the API the way its staff would: shifts, sales (cash,
 * card, with customers, a gift card), returns, a pre-order with a deposit, a parked cart,
 * suppliers with price lists, a delivery, a write-off, a count in progress, purchase orders, a
 * transfer out, a spare register, discount rules, a campaign, an issued gift card and a saved import template.
 * Requests that a fuzzer sends later then meet records that exist.
 */
export async function runShopActivity(server: TestServer, owner: ApiClient, cashier: ApiClient): Promise<void> {
  ok('owner opens R1', await owner.post('/api/shifts', { openingFloat: 10_000 }));
  ok('cashier opens R2', await cashier.post('/api/shifts', { openingFloat: 5_000 }));

  const rows = await server.db.product.findMany({ where: { kind: 'goods', unit: 'piece', plu: null }, orderBy: { sku: 'asc' }, take: 8 });
  const goods = await Promise.all(rows.map(async (r) => (await findProducts(owner, r.sku)).find((p) => p.id === r.id)!));
  const giftCardProduct = (await findProducts(owner, 'GIFT-CARD'))[0];

  const customers = [];
  for (const c of [
    { name: 'Rasa Petraitienė', phone: '+370 611 00001', email: 'rasa@example.lt', emailConsent: true },
    { name: 'Jonas Jonaitis', phone: '+370 611 00002', smsConsent: true, birthday: '1960-03-14' },
    { name: 'UAB Medis', kind: 'company', companyCode: '300123456', email: 'office@medis.example.lt' },
  ]) {
    customers.push(ok('customer', await owner.post('/api/customers', c)));
  }

  const sales = [];
  for (let i = 0; i < 10; i++) {
    const who = i % 2 ? cashier : owner;
    const customer = i % 3 === 0 ? (await who.get(`/api/customers/${customers[i % customers.length].id}`)).body : null;
    const { request } = await buildSale(
      who,
      [
        { product: goods[i % goods.length], quantityMilli: 1000 * (1 + (i % 3)) },
        { product: goods[(i + 3) % goods.length], quantityMilli: 1000 },
      ],
      { customer, tenders: i % 4 === 1 ? (t) => [{ method: 'card', amount: t, reference: `AUTH${i}` }] : undefined },
    );
    sales.push(ok('sale', await who.post('/api/sales', request)));
  }
  const giftCardSale = await buildSale(owner, [{ product: giftCardProduct, quantityMilli: 1000, giftCard: { code: 'GIFT-FUZZ-0001', amount: 2_500 } }]);
  ok('gift card sale', await owner.post('/api/sales', giftCardSale.request));

  for (const sale of sales.slice(0, 3)) {
    ok('return', await owner.post('/api/returns', { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: sale.lines[0].id, quantityMilli: 1000 }], refundMethod: sale.payments[0].method }));
  }

  const supplier = ok('supplier', await owner.post('/api/suppliers', { code: 'FRESH', name: 'Fresh Foods UAB', contact: 'orders@fresh.example.lt', leadTimeDays: 2 }));
  ok('second supplier', await owner.post('/api/suppliers', { code: 'DRY', name: 'Dry Goods', leadTimeDays: 7 }));
  for (const p of goods.slice(0, 4)) ok('supplier price', await owner.put(`/api/suppliers/${supplier.id}/products`, { productId: p.id, unitCost: Math.max(1, Math.round(p.price * 0.6)), packMilli: 6000 }));
  ok('delivery', await owner.post('/api/stock/deliveries', { id: newId(), supplierId: supplier.id, lines: goods.slice(0, 3).map((p) => ({ productId: p.id, quantityMilli: 12_000, unitCost: Math.round(p.price * 0.6) })) }));
  ok('write-off', await owner.post('/api/stock/write-offs', { id: newId(), reason: 'damaged', note: 'Dropped', lines: [{ productId: goods[4].id, quantityMilli: 1000 }] }));
  const count = ok('count', await owner.post('/api/stock/counts', { id: newId(), note: 'Shelf 3' }));
  ok('count line', await owner.post(`/api/stock/counts/${count.id}/lines`, { productId: goods[5].id, quantityMilli: 7000, mode: 'set' }));
  ok('transfer', await owner.post('/api/stock/transfers', { id: newId(), toOutletCode: 'B2', lines: [{ productId: goods[6].id, quantityMilli: 1000 }] }));
  ok('minimum level', await owner.put(`/api/stock/levels/${goods[0].id}`, { minMilli: 50_000 }));
  ok('purchase order', await owner.post('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: goods[0].id, quantityMilli: 12_000, unitCost: 100 }] }));
  const sent = ok('purchase order', await owner.post('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: goods[1].id, quantityMilli: 6_000, unitCost: 100 }] }));
  ok('send order', await owner.post(`/api/purchase-orders/${sent.id}/send`));
  ok('spare register', await owner.post('/api/registers', { code: 'R9', name: 'Spare till' }));

  const preOrder = ok('pre-order', await owner.post('/api/pre-orders', { id: newId(), customerId: customers[0].id, lines: [{ productId: goods[2].id, quantityMilli: 2000, unitPrice: goods[2].price }, { description: 'Cheese wheel, aged', quantityMilli: 1000, unitPrice: 4_500 }] }));
  const depositProduct = ok('deposit product', await owner.get('/api/pre-orders/deposit-product'));
  const deposit = await buildSale(owner, [{ product: depositProduct, quantityMilli: 1000, unitPrice: 1_000 }], { customer: (await owner.get(`/api/customers/${customers[0].id}`)).body });
  deposit.request.lines[0].deposit = { preOrderId: preOrder.id, amount: 1_000 };
  ok('deposit', await owner.post('/api/sales', deposit.request));

  ok('parked', await cashier.post('/api/parked', { label: 'Man with a dog', cart: { customer: null, lines: [{ lineId: newId(), product: goods[7], quantityMilli: 1000, unitPrice: goods[7].price }] } }));

  ok('discount rule', await owner.post('/api/discount-rules', { rule: { name: 'Weekend', kind: 'promotion', productIds: [goods[3].id], percentBp: 1000, exclusive: false }, priority: 1 }));
  ok('campaign', await owner.post('/api/campaigns', { name: 'Spring', channel: 'email', subject: 'Spring at the market', template: 'Hello {{firstName}} {{unsubscribe}}' }));
  ok('gift card', await owner.post('/api/gift-cards', { code: 'OFFICE-FUZZ-1', amount: 2_000, note: 'Compensation' }));
  ok('points', await owner.post(`/api/customers/${customers[0].id}/points/adjust`, { points: 150, reason: 'Welcome' }));
  ok('import template', await owner.put('/api/customers/import/templates', { name: 'Loyalty export', mapping: { name: 'Name', phone: 'Phone' }, key: 'phone', onExisting: 'update' }));
}
