import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  await manager.post('/api/shifts', { openingFloat: 0 });
});

afterAll(() => server.close());

describe('the customer base', () => {
  let id = '';

  it('registers a customer at the till with a card, a normalised phone and consent, audited', async () => {
    const res = await cashier.post('/api/customers', { name: 'Галина Петровна Сидорова', phone: '8 612 34 567', email: 'galina@example.com', birthday: '1958-03-08', card: '9911000000011', smsConsent: true });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({ phone: '+37061234567', cards: ['9911000000011'], birthday: '1958-03-08', emailConsentAt: null });
    expect(res.body.smsConsentAt).not.toBeNull();
    expect(await server.db.auditLog.count({ where: { action: 'customer-create', entityId: id } })).toBe(1);
    const found = await cashier.get('/api/customers/search?q=612%2034%20567');
    expect(found.body.items.map((c: { id: string }) => c.id)).toContain(id);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await server.db.customer.count();
    expect((await cashier.post('/api/customers', { name: 'X', email: 'not-an-email' })).body.error.fields[0].path).toBe('body.email');
    expect((await cashier.post('/api/customers', { name: 'X', birthday: '08.03.1958' })).body.error.fields[0].path).toBe('body.birthday');
    expect((await cashier.post('/api/customers', { name: 'X', phone: 'call me' })).body.error.fields[0].path).toBe('body.phone');
    const taken = await cashier.post('/api/customers', { name: 'Y', card: '9911000000011' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields[0].path).toBe('body.card');
    expect(await server.db.customer.count()).toBe(before);
  });

  it('lets the back office change a customer, keeping the date consent was given', async () => {
    const before = (await manager.get(`/api/customers/${id}`)).body;
    const res = await manager.request('PUT', `/api/customers/${id}`, { name: 'Галина Сидорова', categoryCode: 'pensioner', smsConsent: true, emailConsent: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Галина Сидорова', categoryCode: 'pensioner', smsConsentAt: before.smsConsentAt });
    expect(res.body.emailConsentAt).not.toBeNull();
    expect((await cashier.request('PUT', `/api/customers/${id}`, { name: 'x' })).status).toBe(403);
    // The name index follows the rename: the new name is found, the old middle name no longer is.
    const ids = async (q: string, by = cashier) => (await by.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).body.items.map((c: { id: string }) => c.id);
    expect(await ids('ина сидор')).toContain(id);
    expect(await ids('петровна')).not.toContain(id);
    // Two letters find by the start of the name in the back office; the register needs three.
    expect(await ids('га', manager)).toContain(id);
  });

  it('keeps a company with its codes, several phones and contact persons, found by any of them', async () => {
    const res = await manager.post('/api/customers', {
      name: 'UAB Saulėta Kava',
      kind: 'company',
      companyCode: '304512345',
      vatCode: 'LT100011223344',
      phone: '+370 5 212 3456',
      email: 'Orders@SauletaKava.lt',
      otherPhones: [{ phone: '8 612 00 111', label: 'warehouse' }],
      contacts: [{ name: 'Rūta Kavaliauskienė', role: 'buyer', phone: '8 699 88 777', email: 'ruta@sauletakava.lt' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'company',
      companyCode: '304512345',
      otherPhones: [{ phone: '+37061200111', label: 'warehouse' }],
      contacts: [{ name: 'Rūta Kavaliauskienė', role: 'buyer', phone: '+37069988777' }],
    });
    const company = res.body.id;
    for (const q of ['861200111', '+370 699 88 777', '304512345', 'orders@sauletakava', 'saulėta']) {
      const found = await cashier.get(`/api/customers/search?q=${encodeURIComponent(q)}`);
      expect(found.body.items.map((c: { id: string }) => c.id), q).toContain(company);
    }
    const bad = await manager.request('PUT', `/api/customers/${company}`, { name: 'UAB Saulėta Kava', contacts: [{ name: 'Jonas', phone: 'no phone' }] });
    expect(bad.body.error.fields[0].path).toBe('body.contacts.0.phone');
    expect((await manager.get(`/api/customers/${company}`)).body.contacts).toHaveLength(1);
    const replaced = await manager.request('PUT', `/api/customers/${company}`, { name: 'UAB Saulėta Kava', otherPhones: [] });
    expect(replaced.body.otherPhones).toEqual([]);
    expect(replaced.body.contacts).toHaveLength(1);
  });

  it('lists and exports the part of the base a filter picks', async () => {
    const companies = await manager.get('/api/customers?kind=company');
    expect(companies.body.items.map((c: { name: string }) => c.name)).toEqual(['UAB Saulėta Kava']);
    expect(companies.body.total).toBe(1);
    const pensionersWithSms = await manager.get('/api/customers?categoryCode=pensioner&consent=sms&limit=200');
    expect(pensionersWithSms.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(pensionersWithSms.body.items.every((c: { categoryCode: string }) => c.categoryCode === 'pensioner')).toBe(true);
    const all = await manager.get('/api/customers?limit=200');
    expect(all.body.total).toBeGreaterThan(pensionersWithSms.body.total);
    const csv = await fetch(`${server.url}/api/customers/export?format=csv&kind=company`, { headers: { authorization: `Bearer ${manager.token}` } }).then((r) => r.text());
    expect(csv.trim().split('\n')).toHaveLength(2);
    expect((await manager.get('/api/customers?lapsedDays=0')).status).toBe(400);
  });

  it('shows every purchase and return with lines, discounts and the figures', async () => {
    const customer = (await cashier.get(`/api/customers/${id}`)).body;
    const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' }, take: 1 });
    const product = (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
    const first = await buildSale(cashier, [{ product, quantityMilli: 3000 }], { customer });
    const sale = await cashier.post('/api/sales', first.request);
    const second = await buildSale(cashier, [{ product, quantityMilli: 1000 }], { customer });
    await cashier.post('/api/sales', second.request);
    const refund = await manager.post('/api/returns', { id: crypto.randomUUID(), originalSaleId: sale.body.id, lines: [{ saleLineId: sale.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(refund.status).toBe(201);

    const history = await manager.get(`/api/customers/${id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['return', 'sale', 'sale']);
    expect(history.body.stats).toMatchObject({
      receipts: 2,
      returns: 1,
      totalSpend: sale.body.total + second.priced.total - refund.body.total,
      // One basis: what the receipts brought, net of what came back.
      averageReceipt: Math.round((sale.body.total + second.priced.total - refund.body.total) / 2),
    });
    expect(history.body.stats.categories[0].spend).toBe(sale.body.total + second.priced.total - refund.body.total);
    expect(history.body.documents[2].lines[0]).toMatchObject({ name: product.name, quantityMilli: 3000 });
    expect((await cashier.get(`/api/customers/${id}/history`)).status).toBe(403);

    const csv = await fetch(`${server.url}/api/customers/${id}/history.csv`, { headers: { authorization: `Bearer ${manager.token}` } });
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('Date;Kind;Receipt;Item;Sold as;Unit;Quantity;Line amount;VAT;Without VAT;Receipt total;Discounts');
    expect(lines).toHaveLength(4);
    expect(lines.some((l) => l.includes(`;return;`) && l.includes(product.name))).toBe(true);
  });
});

describe('duplicates', () => {
  it('finds customers with the same phone or the same name and birthday, and merges them with their history', async () => {
    const a = await cashier.post('/api/customers', { name: 'Jonas Jonaitis', phone: '+370 600 55555', birthday: '1970-01-01', card: '9914000000019' });
    const b = await cashier.post('/api/customers', { name: 'jonaitis  Jonas', email: 'jonas@example.com', birthday: '1970-01-01', card: '9914000000026' });
    const c = await cashier.post('/api/customers', { name: 'J. Jonaitis', phone: '8 600 55555' });
    const found = await manager.get('/api/customers/duplicates');
    const pairs = found.body.items.map((p: { a: { id: string }; b: { id: string }; reason: string }) => [p.a.id, p.b.id, p.reason]);
    expect(pairs).toContainEqual([a.body.id, c.body.id, 'same-phone']);
    expect(pairs).toContainEqual([a.body.id, b.body.id, 'same-name-and-birthday']);

    // b bought something before the merge: it must count for a afterwards, with the sale untouched.
    const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 1 });
    const product = (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
    const { request, priced } = await buildSale(cashier, [{ product, quantityMilli: 1000 }], { customer: (await cashier.get(`/api/customers/${b.body.id}`)).body });
    await cashier.post('/api/sales', request);

    const merged = await manager.post('/api/customers/merge', { keepId: a.body.id, mergeId: b.body.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ email: 'jonas@example.com', cumulativeSpend: priced.total });
    expect(merged.body.cards.sort()).toEqual(['9914000000019', '9914000000026']);
    expect((await cashier.get('/api/scan/9914000000026')).body.customer.id).toBe(a.body.id);
    const history = await manager.get(`/api/customers/${a.body.id}/history`);
    expect(history.body.stats.receipts).toBe(1);
    expect((await server.db.sale.findUniqueOrThrow({ where: { id: request.id } })).customerId).toBe(b.body.id);
    expect((await manager.get('/api/customers/search?q=jonaitis')).body.items.map((x: { id: string }) => x.id)).not.toContain(b.body.id);
    expect(await server.db.auditLog.count({ where: { action: 'customer-merge', entityId: a.body.id } })).toBe(1);
    expect((await manager.post('/api/customers/merge', { keepId: a.body.id, mergeId: b.body.id })).status).toBe(404);
  });
});
