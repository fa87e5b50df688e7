import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInvoiceDocument } from '../../server/invoicing/service.ts';
import { newId } from '../../shared/ids.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Contracts with companies: the agreed prices are the customer's price list while the contract
// runs, at the register (the server refuses a sale priced otherwise) and on invoices; a contract
// is renewed by a new one and shows as ending within its reminder days.

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let today: string;

const company = async (name: string) => (await manager.post('/api/customers', { name, kind: 'company', companyCode: `30${Math.floor(Math.random() * 1e7)}` })).body as { id: string; name: string };

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { invoicing: { seller: { name: 'UAB Till', companyCode: '305000111', vatCode: 'LT100012345', address: 'Vilnius', country: 'LT', bankAccount: null, email: null } } } });
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  today = localTimeIn((await server.db.outlet.findFirstOrThrow()).timezone).slice(0, 10);
});
afterAll(() => server.close());

describe('contracts', () => {
  it('price the company at the register and on invoices by the agreed prices while they run', async () => {
    const buyer = await company('UAB Sutartis');
    const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, price: { gt: 1000 } }, orderBy: { sku: 'asc' } });
    const agreed = product.price - 250;
    const made = await manager.post('/api/contracts', { customerId: buyer.id, number: 'S-2026/1', startDate: addDays(today, -10), endDate: addDays(today, 100), terms: 'Monthly invoice, 30 days', paymentTermsDays: 30, prices: [{ productId: product.id, unitPrice: agreed }] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'active', endsInDays: 100, prices: [{ productId: product.id, unitPrice: agreed, listPrice: product.price }] });

    // The register sees the agreed price with the customer…
    const seen = (await cashier.get(`/api/customers/${buyer.id}`)).body;
    expect(seen.contractPrices).toEqual([{ productId: product.id, unitPrice: agreed }]);
    // …and the server holds to it: the list price is refused, the agreed one taken.
    const sale = (expectedTotal: number) => ({ id: newId(), customerId: buyer.id, lines: [{ lineId: newId(), productId: product.id, quantityMilli: 2000 }], tenders: [{ method: 'card', amount: expectedTotal }], expectedTotal });
    const atList = await cashier.post('/api/sales', sale(2 * product.price));
    expect([atList.status, atList.body.error.code, atList.body.error.details.serverTotal]).toEqual([422, 'total-mismatch', 2 * agreed]);
    const atAgreed = await cashier.post('/api/sales', sale(2 * agreed));
    expect(atAgreed.status).toBe(201);
    expect((await server.db.saleLine.findFirstOrThrow({ where: { saleId: atAgreed.body.id } })).unitPrice).toBe(agreed);
    // Another customer pays the list price for the same product.
    const other = await company('UAB Be Sutarties');
    const otherSale = { ...sale(2 * product.price), customerId: other.id };
    expect((await cashier.post('/api/sales', otherSale)).status).toBe(201);

    // An invoice of catalogue goods is priced by the contract and says it is issued under it, with its payment terms.
    const draft = await manager.post('/api/invoices', { customerId: buyer.id, lines: [{ productId: product.id, quantityMilli: 3000 }] });
    const invoice = (await manager.post(`/api/invoices/${draft.body.id}/issue`, {})).body;
    expect(invoice).toMatchObject({ totals: { gross: 3 * agreed }, contract: { id: made.body.id, number: 'S-2026/1' }, paymentTermsDays: 30, dueDate: addDays(invoice.issueDate, 30) });
    expect((await loadInvoiceDocument(server.db, invoice.id)).contract).toEqual({ id: made.body.id, number: 'S-2026/1' });
    // A contract named on another customer's invoice, or out of its term, is refused.
    const foreign = await manager.post('/api/invoices', { customerId: other.id, contractId: made.body.id, lines: [{ productId: product.id, quantityMilli: 1000 }] });
    expect([foreign.status, foreign.body.error.code, foreign.body.error.fields[0].path]).toEqual([422, 'contract-of-another-customer', 'body.contractId']);
    const late = await manager.post('/api/invoices', { customerId: buyer.id, contractId: made.body.id, issueDate: addDays(today, 200), lines: [{ productId: product.id, quantityMilli: 1000 }] });
    expect([late.status, late.body.error.code]).toEqual([422, 'contract-not-running']);
  });

  it('refuses a contract with a person, one overlapping another of the customer, a taken number or an end before the start', async () => {
    const buyer = await company('UAB Taisyklės');
    const person = (await manager.post('/api/customers', { name: 'Ieva Asmuo' })).body;
    const rows = await server.db.contract.count();
    const base = { number: 'T-1', startDate: today, endDate: addDays(today, 30) };
    const withPerson = await manager.post('/api/contracts', { ...base, customerId: person.id });
    expect([withPerson.status, withPerson.body.error.code, withPerson.body.error.fields[0].path]).toEqual([422, 'contract-needs-company', 'body.customerId']);
    const backwards = await manager.post('/api/contracts', { ...base, customerId: buyer.id, endDate: addDays(today, -1) });
    expect([backwards.status, backwards.body.error.fields[0].path]).toEqual([400, 'body.endDate']);
    expect((await manager.post('/api/contracts', { ...base, customerId: buyer.id })).status).toBe(201);
    const overlapping = await manager.post('/api/contracts', { ...base, number: 'T-2', customerId: buyer.id, startDate: addDays(today, 30), endDate: addDays(today, 60) });
    expect([overlapping.status, overlapping.body.error.code, overlapping.body.error.fields[0].path]).toEqual([409, 'contract-overlaps', 'body.startDate']);
    const taken = await manager.post('/api/contracts', { ...base, customerId: (await company('UAB Kita')).id });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'contract-number-taken']);
    expect(await server.db.contract.count()).toBe(rows + 1);
    expect((await cashier.get('/api/contracts')).status).toBe(403);
  });

  it('shows a contract as ending within its reminder days, and renews it as a new contract from the day after, leaving the old one as it was', async () => {
    const buyer = await company('UAB Atnaujinimas');
    const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods' }, orderBy: { sku: 'desc' } });
    const old = (await manager.post('/api/contracts', { customerId: buyer.id, number: 'R-1', startDate: addDays(today, -300), endDate: addDays(today, 5), reminderDays: 14, prices: [{ productId: product.id, unitPrice: 100 }] })).body;
    expect(old).toMatchObject({ status: 'ending', endsInDays: 5 });
    expect((await manager.get('/api/contracts?status=ending')).body.items.map((c: any) => c.id)).toContain(old.id);
    const stored = await server.db.contract.findUniqueOrThrow({ where: { id: old.id }, include: { prices: true } });

    const renewal = await manager.post(`/api/contracts/${old.id}/renewals`, { number: 'R-2', endDate: addDays(today, 400) });
    expect(renewal.status).toBe(201);
    expect(renewal.body).toMatchObject({ number: 'R-2', startDate: addDays(today, 6), status: 'upcoming', renews: { id: old.id, number: 'R-1' }, prices: [{ productId: product.id, unitPrice: 100 }] });
    expect(await server.db.contract.findUniqueOrThrow({ where: { id: old.id }, include: { prices: true } })).toEqual(stored);
    expect((await manager.get(`/api/contracts/${old.id}`)).body.renewedBy).toEqual({ id: renewal.body.id, number: 'R-2' });
    const twice = await manager.post(`/api/contracts/${old.id}/renewals`, { number: 'R-3', endDate: addDays(today, 500) });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'contract-renewed']);
  });
});
