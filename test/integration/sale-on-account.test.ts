import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A company's driver buys at the till on account: within the company's credit limit on his own,
// beyond it only with a supervisor's PIN; the receipt says "On account", and the month's receipts
// become one invoice whose whole amount is owed.

let server: TestServer;
let printer: FakeNetworkPrinter;
let manager: ApiClient;
let cashier: ApiClient;

async function productAt(skip: number) {
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, price: { gt: 500 } }, orderBy: { sku: 'asc' }, skip });
  return (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
}

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  server = await startTestServer({ receiptPrinterUri: `${printer.uri}?model=epson-tm-t20iii`, outletSettings: { invoicing: { seller: { name: 'UAB Till', companyCode: '305000111', vatCode: 'LT100012345', address: 'Vilnius', country: 'LT', bankAccount: null, email: null } } } });
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  await printer.stop();
});

describe('sale on account at the register', () => {
  it('lets a company with a credit limit buy on account up to the limit, beyond it with a supervisor, prints "On account", and invoices the receipts owed in full', async () => {
    const product = await productAt(0);
    const limit = 3 * product.price;
    const company = (await manager.post('/api/customers', { name: 'UAB Kurjeriai', kind: 'company', companyCode: '304455667', vatCode: 'LT445566778', creditLimit: limit })).body;
    const person = (await manager.post('/api/customers', { name: 'Petras Pirkėjas', creditLimit: 100_000 })).body;
    const asSeen = async (id: string) => (await cashier.get(`/api/customers/${id}`)).body;
    expect((await asSeen(company.id)).creditLimit).toBe(limit);
    expect((await asSeen(person.id)).creditLimit).toBeNull();

    const onAccount = async (customer: any, quantityMilli: number, approvalId?: string) => {
      const { request } = await buildSale(cashier, [{ product, quantityMilli }], { customer, tenders: (total) => [{ method: 'on-account', amount: total, ...(approvalId ? { approvalId } : {}) }] as any });
      return { request, res: await cashier.post('/api/sales', request) };
    };

    // A person, or no customer at all, does not buy on account.
    const sales = await server.db.sale.count();
    const personal = await onAccount(await asSeen(person.id), 1000);
    expect([personal.res.status, personal.res.body.error.code, personal.res.body.error.fields[0].path]).toEqual([422, 'on-account-not-allowed', 'tenders.0.method']);
    const anonymous = await onAccount(null, 1000);
    expect([anonymous.res.status, anonymous.res.body.error.code]).toEqual([422, 'on-account-not-allowed']);
    expect(await server.db.sale.count()).toBe(sales);

    // Within the limit: two pieces, then one more reaches it exactly.
    const before = printer.jobs.length;
    const first = await onAccount(await asSeen(company.id), 2000);
    expect(first.res.status).toBe(201);
    expect(first.res.body.payments).toMatchObject([{ method: 'on-account', amount: 2 * product.price }]);
    const [receipt] = (await printer.waitForJobs(before + 1)).slice(before);
    const printed = decodeEscPos(receipt, 'epson-tm-t20iii');
    expect(printed.text).toMatch(new RegExp(`On account\\s+${((2 * product.price) / 100).toFixed(2)}`));
    expect(printed.drawerKicks).toEqual([]);
    const second = await onAccount(await asSeen(company.id), 1000);
    expect(second.res.status).toBe(201);

    // Beyond it the cashier needs a supervisor's approval of that amount on that sale.
    const over = await onAccount(await asSeen(company.id), 1000);
    expect([over.res.status, over.res.body.error.code, over.res.body.error.fields[0].path]).toEqual([403, 'approval-required', 'tenders.0.approvalId']);
    expect(over.res.body.error.details.approval).toEqual({ action: 'on-account-over-limit', documentId: over.request.id, amount: product.price });
    const cheaper = await cashier.post('/api/approvals', { action: 'on-account-over-limit', documentId: over.request.id, amount: product.price - 1, login: 'manager', pin: '2222' });
    expect(cheaper.status).toBe(200);
    const tooSmall = await cashier.post('/api/sales', { ...over.request, tenders: [{ ...over.request.tenders[0], approvalId: cheaper.body.approvalId }] });
    expect([tooSmall.status, tooSmall.body.error.code]).toEqual([403, 'approval-invalid']);
    const approval = await cashier.post('/api/approvals', { action: 'on-account-over-limit', documentId: over.request.id, amount: product.price, login: 'manager', pin: '2222' });
    const approved = await cashier.post('/api/sales', { ...over.request, tenders: [{ ...over.request.tenders[0], approvalId: approval.body.approvalId }] });
    expect(approved.status).toBe(201);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'on-account-over-limit', entityId: over.request.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ limit, owed: limit, amount: product.price });

    // The month's receipts on one invoice: nothing was paid at the till, so all of it is owed.
    const saleIds = [first.request.id, second.request.id, over.request.id];
    const draft = await manager.post('/api/invoices', { customerId: company.id, saleIds });
    const invoice = (await manager.post(`/api/invoices/${draft.body.id}/issue`, {})).body;
    expect(invoice).toMatchObject({ paidAtTill: 0, totals: { gross: 4 * product.price }, balance: 4 * product.price });
    // Invoiced, the receipts count once towards the limit: the company owes four pieces, not eight.
    const paid = await manager.post('/api/invoice-payments', { id: newId(), customerId: company.id, method: 'bank-transfer', amount: 2 * product.price, day: invoice.issueDate });
    expect(paid.status).toBe(201);
    expect((await onAccount(await asSeen(company.id), 1000)).res.status).toBe(201);
    expect((await onAccount(await asSeen(company.id), 1000)).res.status).toBe(403);
  });
});
