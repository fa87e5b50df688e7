import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;

async function product(skip: number): Promise<ProductView> {
  const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true, category: { code: { not: 'dairy' } } }, orderBy: { sku: 'asc' }, skip, take: 1 });
  return (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
}

async function customerByCard(code: string): Promise<CustomerView> {
  return (await cashier.get(`/api/scan/${code}`)).body.customer;
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 0 });
});

afterAll(() => server.close());

describe('discount rules from the back office', () => {
  it('creates a rule, audits it, and the register prices with it at once; a cashier may not', async () => {
    expect((await cashier.post('/api/discount-rules', { rule: { name: 'x', kind: 'receipt-total', tiers: [{ minSubtotal: 1, percentBp: 100 }] } })).status).toBe(403);
    const bad = await manager.post('/api/discount-rules', { rule: { name: 'Tiers', kind: 'spend-tier', tiers: [{ name: 'Gold', minSpend: -5, percentBp: 700 }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('body.rule.tiers.0.minSpend');

    const res = await manager.post('/api/discount-rules', {
      rule: { name: 'Card tiers', kind: 'spend-tier', tiers: [{ name: 'Silver card', minSpend: 3000, percentBp: 300 }, { name: 'Gold card', minSpend: 6000, percentBp: 800 }] },
    });
    expect(res.status).toBe(201);
    expect(await server.db.auditLog.count({ where: { action: 'discount-rule-create', entityId: res.body.rule.id } })).toBe(1);
    const context = await cashier.get('/api/pricing/context');
    expect(context.body.rules.map((r: { name: string }) => r.name)).toContain('Card tiers');
  });

  it('moves a customer up a card tier as their purchases add up, and the server agrees with the register', async () => {
    const card = await server.db.customerCard.findFirstOrThrow({ where: { customer: { categoryId: null } } });
    let customer = await customerByCard(card.code);
    expect(customer.cumulativeSpend).toBe(0);
    const a = await product(1);
    // Buy until the customer has spent at least 60.00.
    while (customer.cumulativeSpend < 6000) {
      const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 10_000 }], { customer });
      expect((await cashier.post('/api/sales', request)).status).toBe(201);
      customer = await customerByCard(card.code);
    }
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: 1000 }], { customer });
    expect(priced.discountSummary.map((d) => d.reason)).toEqual(['Gold card −8%']);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(priced.total);
  });

  it('turns a rule off, audited, and it stops applying', async () => {
    const list = await manager.get('/api/discount-rules');
    const tiers = list.body.items.find((r: { rule: { name: string } }) => r.rule.name === 'Card tiers');
    const off = await manager.post(`/api/discount-rules/${tiers.rule.id}/active`, { active: false });
    expect(off.body.active).toBe(false);
    const context = await cashier.get('/api/pricing/context');
    expect(context.body.rules.map((r: { name: string }) => r.name)).not.toContain('Card tiers');
  });

  it('keeps a promoted category out of other discounts', async () => {
    const dairy = await server.db.category.findUniqueOrThrow({ where: { code: 'dairy' } });
    await manager.post('/api/discount-rules', { rule: { name: 'Dairy week', kind: 'promotion', categoryIds: [dairy.id], percentBp: 2000 } });
    const [milkRow] = await server.db.product.findMany({ where: { categoryId: dairy.id, unit: 'piece', kind: 'goods', plu: null }, take: 1 });
    const milk = (await cashier.get(`/api/products/search?q=${milkRow.sku}`)).body.items[0];
    const other = await product(2);
    const { request, priced } = await buildSale(cashier, [{ product: milk, quantityMilli: 1000 }, { product: other, quantityMilli: 40_000 }]);
    expect(priced.lines[0].discounts.map((d) => d.reason)).toEqual(['Dairy week −20%']);
    expect(priced.lines[1].discounts.map((d) => d.reason)).toEqual(['Big basket −5%']);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(priced.total);
  });
});
