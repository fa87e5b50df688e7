import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let cashier: ApiClient;
let products: ProductView[];
let customers: CustomerView[];

beforeAll(async () => {
  server = await startTestServer();
  const manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('vera', '5555', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  const dairy = await server.db.category.findUniqueOrThrow({ where: { code: 'dairy' } });
  // More rule kinds than the demo has, so random carts meet promotions and card tiers too.
  await manager.post('/api/discount-rules', { rule: { name: 'Dairy week', kind: 'promotion', categoryIds: [dairy.id], percentBp: 1200, exclusive: false } });
  await manager.post('/api/discount-rules', { rule: { name: 'Card tiers', kind: 'spend-tier', tiers: [{ name: 'Silver', minSpend: 1, percentBp: 700 }] } });
  const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 40 });
  products = await Promise.all(rows.map(async (r) => (await cashier.get(`/api/products/search?q=${r.sku}`)).body.items[0]));
  const cards = await server.db.customerCard.findMany({ take: 10 });
  customers = await Promise.all(cards.map(async (c) => (await cashier.get(`/api/scan/${c.code}`)).body.customer));
});

afterAll(() => server.close());

describe('the register and the server price alike', () => {
  it('for random carts, customers, manual discounts and rules, the server accepts the total the register showed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ product: fc.integer({ min: 0, max: 39 }), pieces: fc.integer({ min: 1, max: 12 }), discountBp: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }) }), { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 3000 }), { nil: undefined }),
        async (lines, customerIndex, receiptAmount) => {
          const { request, priced } = await buildSale(
            cashier,
            lines.map((l) => ({
              product: products[l.product],
              quantityMilli: l.pieces * 1000,
              ...(l.discountBp && products[l.product].discountable ? { manualDiscount: { kind: 'percent' as const, valueBp: l.discountBp, reason: 'Random' } } : {}),
            })),
            {
              // Attached fresh, as the register does when the card is scanned: spend tiers move as they buy.
              customer: customerIndex === undefined ? null : (await cashier.get(`/api/customers/${customers[customerIndex].id}`)).body,
              ...(receiptAmount ? { receiptDiscount: { kind: 'amount' as const, amount: receiptAmount, reason: 'Goodwill' } } : {}),
            },
          );
          const res = await cashier.post('/api/sales', request);
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          expect(res.body.total).toBe(priced.total);
          expect(res.body.discountTotal).toBe(priced.discountTotal);
        },
      ),
      { numRuns: 40 },
    );
  });
});
