import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// What the back office's invoice pages ask for: a company's receipts of a period that no invoice
// gathers yet (to invoice them), and invoices filtered by what is still owed and by issue day.
// Expected answers come from the sales and documents this test made, read from the database.

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let today: string;

const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };

async function company(name: string) {
  const res = await manager.post('/api/customers', { name, kind: 'company', companyCode: `30${Math.floor(Math.random() * 1e7)}`, vatCode: `LT${Math.floor(Math.random() * 1e9)}`, address: 'Savanorių pr. 5, Kaunas', creditLimit: 1_000_000 });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string };
}

async function sell(customerId: string, method: 'cash' | 'on-account') {
  const customer = (await cashier.get(`/api/customers/${customerId}`)).body;
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
  const product = (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
  const { request } = await buildSale(cashier, [{ product, quantityMilli: 2000 }], { customer, tenders: (total) => [{ method, amount: total }] });
  const sold = await cashier.post('/api/sales', request);
  expect(sold.status).toBe(201);
  return sold.body.id as string;
}

async function issued(customerId: string, gross: number, issueDate: string) {
  const draft = await manager.post('/api/invoices', { customerId, lines: [{ description: 'Delivery', unit: 'piece', quantityMilli: 1000, unitPriceGross: gross, taxRateBp: 2100 }] });
  expect(draft.status).toBe(201);
  const invoice = await manager.post(`/api/invoices/${draft.body.id}/issue`, { issueDate });
  expect(invoice.status).toBe(200);
  return invoice.body as { id: string; displayNumber: string };
}

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { invoicing: { seller: SELLER } } });
  manager = await server.login('manager', '2222', 'R1');
  cashier = await server.login('anna', '3333', 'R2');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  today = localTimeIn((await server.db.outlet.findFirstOrThrow()).timezone).slice(0, 10);
});
afterAll(() => server.close());

describe('GET /api/customers/:id/uninvoiced-receipts', () => {
  it("lists a company's receipts of the period that no issued invoice gathers, with what was put on account", async () => {
    const buyer = await company('UAB Kuro Vežėjai');
    const other = await company('UAB Kiti');
    const onAccount = await sell(buyer.id, 'on-account');
    const paidInCash = await sell(buyer.id, 'cash');
    const invoicedSale = await sell(buyer.id, 'on-account');
    await sell(other.id, 'cash');
    const draft = await manager.post('/api/invoices', { customerId: buyer.id, saleIds: [invoicedSale] });
    expect((await manager.post(`/api/invoices/${draft.body.id}/issue`, {})).status).toBe(200);
    // A draft does not take a receipt: only an issued invoice does.
    expect((await manager.post('/api/invoices', { customerId: buyer.id, saleIds: [paidInCash] })).status).toBe(201);

    const res = await manager.get(`/api/customers/${buyer.id}/uninvoiced-receipts?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    const sales = await server.db.sale.findMany({ where: { id: { in: [onAccount, paidInCash] } }, include: { payments: true }, orderBy: { createdAt: 'asc' } });
    expect(res.body.items).toEqual(
      sales.map((s) => ({ id: s.id, number: s.number, createdAt: s.createdAt.toISOString(), total: s.total, onAccount: s.payments.filter((p) => p.method === 'on-account').reduce((sum, p) => sum + p.amount, 0) })),
    );
    expect(res.body.items.map((r: { onAccount: number; total: number }) => r.onAccount)).toEqual([sales[0].total, 0]);

    const before = await manager.get(`/api/customers/${buyer.id}/uninvoiced-receipts?from=${addDays(today, -30)}&to=${addDays(today, -1)}`);
    expect(before.body.items).toEqual([]);
  });

  it('refuses a period that ends before it starts, naming the field, and an unknown customer', async () => {
    const buyer = await company('UAB Datų Painiava');
    const backwards = await manager.get(`/api/customers/${buyer.id}/uninvoiced-receipts?from=${today}&to=${addDays(today, -1)}`);
    expect([backwards.status, backwards.body.error.code, backwards.body.error.fields[0].path]).toEqual([400, 'invalid-input', 'querystring.to']);
    const unknown = await manager.get(`/api/customers/${newId()}/uninvoiced-receipts?from=${today}&to=${today}`);
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'customer-not-found']);
    expect((await cashier.get(`/api/customers/${buyer.id}/uninvoiced-receipts?from=${today}&to=${today}`)).status).toBe(403);
  });
});

describe('GET /api/invoices filtered by settlement and issue day', () => {
  it('keeps open or paid invoices of a customer as their payments leave them, within the issue days asked', async () => {
    const buyer = await company('UAB Filtrai');
    const early = await issued(buyer.id, 5_000, addDays(today, -40));
    const middle = await issued(buyer.id, 7_000, addDays(today, -20));
    const late = await issued(buyer.id, 9_000, addDays(today, -2));
    const pay = await manager.post('/api/invoice-payments', { id: newId(), customerId: buyer.id, method: 'bank-transfer', amount: 7_000 + 1_000, day: today, allocations: [{ invoiceId: middle.id, amount: 7_000 }, { invoiceId: late.id, amount: 1_000 }] });
    expect(pay.status).toBe(201);

    const numbers = async (query: string) => ((await manager.get(`/api/invoices?customerId=${buyer.id}&${query}`)).body.items as { displayNumber: string }[]).map((i) => i.displayNumber).sort();
    expect(await numbers('settlement=paid')).toEqual([middle.displayNumber]);
    expect(await numbers('settlement=open')).toEqual([early.displayNumber, late.displayNumber].sort());
    expect(await numbers(`from=${addDays(today, -30)}`)).toEqual([middle.displayNumber, late.displayNumber].sort());
    expect(await numbers(`from=${addDays(today, -45)}&to=${addDays(today, -20)}`)).toEqual([early.displayNumber, middle.displayNumber].sort());
    expect(await numbers(`settlement=open&to=${addDays(today, -10)}`)).toEqual([early.displayNumber]);
    // What is left on the open ones is what they total less what was paid to them.
    const open = (await manager.get(`/api/invoices?customerId=${buyer.id}&settlement=open`)).body.items as { id: string; balance: number }[];
    expect(Object.fromEntries(open.map((i) => [i.id, i.balance]))).toEqual({ [early.id]: 5_000, [late.id]: 9_000 - 1_000 });

    const bad = await manager.get(`/api/invoices?settlement=half`);
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([400, 'querystring.settlement']);
  });
});
