import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { requestFrom } from '../support/from-address.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { newId } from '../../shared/ids.ts';

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
});
afterAll(() => server?.close());

/** A customer with everything a dishonest cashier would want: phone, e-mail, card, birthday, address. */
async function wellKnownCustomer() {
  const row = await server.db.customer.findFirstOrThrow({ where: { phone: { not: null }, cards: { some: {} }, mergedIntoId: null }, include: { cards: true } });
  await server.db.customer.update({ where: { id: row.id }, data: { email: 'private@example.com', birthday: '1970-05-17', address: '1 Quiet Street', notes: 'prefers cash' } });
  return { ...row, card: row.cards[0].code };
}

describe("the register's view of customers", () => {
  it('shows a cashier customers by the last four of their phone and cards, without e-mail, address or birthday, however they are found (pre-orders too)', async () => {
    const customer = await wellKnownCustomer();
    const nameQuery = customer.name.toLowerCase().slice(0, 4);
    const found = (await cashier.get(`/api/customers/search?q=${encodeURIComponent(nameQuery)}`)).body.items.find((c: any) => c.id === customer.id);
    const byId = (await cashier.get(`/api/customers/${customer.id}`)).body;
    const scanned = (await cashier.get(`/api/scan/${customer.card}`)).body.customer;
    for (const [how, view] of Object.entries({ found, byId, scanned })) {
      expect(view, how).toBeTruthy();
      expect(view.name, how).toBe(customer.name);
      expect(view.phone, how).toBe('•'.repeat(customer.phone!.length - 4) + customer.phone!.slice(-4));
      expect(view.email, how).toBeNull();
      expect(view.cards, how).toEqual(customer.cards.map((c) => '•'.repeat(c.code.length - 4) + c.code.slice(-4)));
      const text = JSON.stringify(view);
      for (const secret of [customer.phone!, customer.card, 'private@example.com', '1970-05-17', '1 Quiet Street', 'prefers cash']) expect(text, how).not.toContain(secret);
    }
    const order = await manager.post('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ description: 'A hat to order', quantityMilli: 1000, unitPrice: 1_500 }] });
    expect(order.status).toBe(201);
    expect(order.body.customer).toMatchObject({ phone: customer.phone, email: 'private@example.com' });
    const orders = (await cashier.get(`/api/pre-orders?customerId=${customer.id}`)).body.items;
    expect(orders.map((o: any) => o.customer)).toEqual([{ id: customer.id, name: customer.name, phone: found.phone, email: null }]);
    expect((await cashier.get(`/api/pre-orders/${order.body.id}`)).body.customer).toEqual(orders[0].customer);
    // Still enough to price the sale for them.
    expect(byId).toMatchObject({ categoryCode: customer.categoryId ? expect.any(String) : null, personalDiscountBp: customer.personalDiscountBp });

    // The back office, with its right, sees the whole record through the same routes.
    const whole = (await manager.get(`/api/customers/${customer.id}`)).body;
    expect(whole).toMatchObject({ phone: customer.phone, email: 'private@example.com', birthday: '1970-05-17', address: '1 Quiet Street', cards: customer.cards.map((c) => c.code) });
    const managerFound = (await manager.get(`/api/customers/search?q=${encodeURIComponent(nameQuery)}`)).body.items.find((c: any) => c.id === customer.id);
    expect(managerFound).toMatchObject({ phone: customer.phone, email: 'private@example.com' });
  });

  it('refuses a cashier one- and two-letter searches and gives at most ten customers a search', async () => {
    for (const q of ['a', 'an']) {
      const res = await cashier.get(`/api/customers/search?q=${q}`);
      expect(res.status, q).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'query-too-short', fields: [{ path: 'querystring.q' }] });
    }
    for (let i = 0; i < 15; i++) expect((await manager.post('/api/customers', { name: `Zigmas Lapinas ${i}` })).status).toBe(201);
    const many = await cashier.get('/api/customers/search?q=zigmas&limit=50');
    expect(many.status).toBe(200);
    expect(many.body.items).toHaveLength(10);
    expect((await manager.get('/api/customers/search?q=zigmas&limit=50')).body.items).toHaveLength(15);
  });

  it("holds a cashier's customer searches to thirty a minute, answering 429 in the error envelope, and not the back office's", async () => {
    const boris = await server.login('boris', '4444', 'R1');
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await boris.get(`/api/customers/search?q=${encodeURIComponent(`search ${i}`)}`)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(200));
    const limited = await boris.get('/api/customers/search?q=anything');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatchObject({ code: 'too-many-requests', requestId: expect.any(String) });
    for (let i = 0; i < 31; i++) expect((await manager.get(`/api/customers/search?q=${encodeURIComponent(`search ${i}`)}`)).status).toBe(200);
  });
});

describe('gift cards at the register', () => {
  const code = 'GC-2024-ABCD-7788';

  it("gives a cashier a card's balance only for its whole code, with the code by its last four characters, and backs off after ten unknown codes", async () => {
    expect((await manager.post('/api/gift-cards', { code, amount: 5_000, note: 'Compensation' })).status).toBe(201);
    const at = '127.0.0.21';
    const lookUp = (text: string, token = cashier.token) => requestFrom(server.url, at, 'GET', `/api/gift-cards/${encodeURIComponent(text)}`, { token });

    const whole = await lookUp(code);
    expect(whole.status).toBe(200);
    expect(whole.body).toEqual({ code: '•••••••••••••7788', balance: 5_000 });
    // The back office right sees the card and how it was used.
    expect((await lookUp(code, manager.token)).body).toMatchObject({ code, balance: 5_000, movements: [{ kind: 'issue', amount: 5_000 }] });

    const partial = [];
    for (const text of ['7788', 'ABCD-7788', 'GC-2024-ABCD', 'gc-2024-abcd-7788']) partial.push(await lookUp(text));
    for (const res of partial) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('5000');
    }
    // Known codes give their attempt back; unknown ones keep it: six more unknown make ten, then even the right code waits.
    expect((await lookUp(code)).status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await lookUp(`GC-2024-ABCD-${1000 + i}`)).status).toBe(404);
    const locked = await lookUp(code);
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('locked');
    expect(JSON.stringify(locked.body)).not.toContain('5000');
  });

  it('counts a sale paid with an unknown gift-card code as a guess', async () => {
    const vera = await server.login('vera', '5555', 'R2');
    await vera.post('/api/shifts', { openingFloat: 0 });
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
    const product: ProductView = (await vera.get(`/api/products/search?q=${row.sku}`)).body.items[0];
    const at = '127.0.0.22';
    const payWith = async (reference: string) => {
      const { request } = await buildSale(vera, [{ product, quantityMilli: 1000 }], { tenders: (total) => [{ method: 'gift-card', amount: total, reference }] });
      return requestFrom(server.url, at, 'POST', '/api/sales', { body: request, token: vera.token });
    };
    for (let i = 0; i < 10; i++) {
      const res = await payWith(`GC-2024-ABCD-${2000 + i}`);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('gift-card-not-found');
    }
    const locked = await payWith(code);
    expect(locked.status).toBe(423);
    expect(await server.db.sale.count({ where: { payments: { some: { method: 'gift-card' } } } })).toBe(0);
  });
});
