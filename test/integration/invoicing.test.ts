import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInvoiceDocument } from '../../server/invoicing/service.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A shop that bills companies: receipts gathered monthly, invoices and credit notes numbered
// without gaps, payments in parts and over several invoices, and what is owed by age. Expected
// figures are worked out here from the sold lines and the documents the test made, not read back
// from the server's own arithmetic.

let server: TestServer;
let owner: ApiClient;
let manager: ApiClient;
let cashier: ApiClient;

const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };

async function company(name: string, extra: Record<string, unknown> = {}) {
  const res = await manager.post('/api/customers', { name, kind: 'company', companyCode: `30${Math.floor(Math.random() * 1e7)}`, vatCode: `LT${Math.floor(Math.random() * 1e9)}`, address: 'Savanorių pr. 5, Kaunas', contacts: [{ name: 'Ona Buhalterė', role: 'accountant', email: `ona.${Math.floor(Math.random() * 1e6)}@client.test` }], ...extra });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string };
}

/** A free line: a service at a price (tax included). */
const service = (description: string, quantityMilli: number, unitPriceGross: number, taxRateBp = 2100) => ({ description, unit: 'piece', quantityMilli, unitPriceGross, taxRateBp });

/** VAT contained in a tax-inclusive amount, rounded half-up, computed here on its own. */
const vatIn = (gross: number, rateBp: number) => Math.floor((2 * gross * rateBp + (10_000 + rateBp)) / (2 * (10_000 + rateBp)));

async function issuedInvoice(customerId: string, lines: unknown[], draft: Record<string, unknown> = {}, issue: Record<string, unknown> = {}) {
  const made = await manager.post('/api/invoices', { customerId, lines, ...draft });
  expect(made.status).toBe(201);
  const issued = await manager.post(`/api/invoices/${made.body.id}/issue`, issue);
  expect(issued.status).toBe(200);
  return issued.body;
}

const invoiceRows = () => server.db.invoice.count();

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { invoicing: { seller: SELLER } } });
  owner = await server.login('owner', '1111', 'R2');
  manager = await server.login('manager', '2222', 'R1');
  cashier = await server.login('anna', '3333', 'R2');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
});
afterAll(() => server.close());

describe('invoices of company customers', () => {
  it("gathers a company's receipts as sold, copies seller and buyer as they are on the day, and invoices a receipt once only", async () => {
    const buyer = await company('UAB Vairuotojai');
    const customer = (await cashier.get(`/api/customers/${buyer.id}`)).body;
    const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 3 });
    const products = await Promise.all(rows.map(async (r) => (await findProducts(cashier, r.sku)).find((p) => p.id === r.id)!));
    const saleIds: string[] = [];
    for (const lines of [[{ product: products[0], quantityMilli: 2000 }, { product: products[1], quantityMilli: 1000 }], [{ product: products[2], quantityMilli: 3000 }]]) {
      const { request } = await buildSale(cashier, lines, { customer });
      const sold = await cashier.post('/api/sales', request);
      expect(sold.status).toBe(201);
      saleIds.push(sold.body.id);
    }
    const soldLines = await server.db.saleLine.findMany({ where: { saleId: { in: saleIds } } });
    const expectedGross = soldLines.reduce((s, l) => s + l.amount, 0);
    const expectedVat = soldLines.reduce((s, l) => s + l.taxAmount, 0);

    const draft = await manager.post('/api/invoices', { customerId: buyer.id, saleIds, notes: 'Fuel and goods, November' });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', number: null, totals: { gross: expectedGross, vat: expectedVat } });
    // A second draft for the same receipts can be made, but only one of them can be issued.
    const rival = await manager.post('/api/invoices', { customerId: buyer.id, saleIds: [saleIds[1]] });
    expect(rival.status).toBe(201);

    const issued = await manager.post(`/api/invoices/${draft.body.id}/issue`, {});
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: 'issued', series: 'INV', totals: { gross: expectedGross, vat: expectedVat, net: expectedGross - expectedVat }, paidAtTill: expectedGross, balance: 0 });
    const document = await loadInvoiceDocument(server.db, draft.body.id);
    expect(document.seller).toEqual(SELLER);
    const stored = await server.db.customer.findUniqueOrThrow({ where: { id: buyer.id }, include: { contacts: true } });
    expect(document.buyer).toEqual({ name: 'UAB Vairuotojai', companyCode: stored.companyCode, vatCode: stored.vatCode, address: 'Savanorių pr. 5, Kaunas', country: 'LT', bankAccount: null, email: stored.contacts[0].email });
    expect(document.receiptNumbers.sort()).toEqual((await server.db.sale.findMany({ where: { id: { in: saleIds } } })).map((s) => s.number).sort());
    expect(document.lines.map((l) => l.gross).sort()).toEqual(soldLines.map((l) => l.amount).sort());
    expect(document.dueDate).toBe(new Date(Date.parse(`${document.issueDate}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10));
    for (const row of document.vatBreakdown) {
      const atRate = soldLines.filter((l) => l.taxRateBp === row.taxRateBp);
      expect(row).toEqual({ taxRateBp: row.taxRateBp, gross: atRate.reduce((s, l) => s + l.amount, 0), vat: atRate.reduce((s, l) => s + l.taxAmount, 0), net: atRate.reduce((s, l) => s + l.amount - l.taxAmount, 0) });
    }

    // Changing the seller's settings or the customer later does not touch the issued document.
    expect((await owner.put('/api/settings', { invoicing: { ...(await owner.get('/api/settings')).body.invoicing, seller: { ...SELLER, bankAccount: 'LT99 9999' } } })).status).toBe(200);
    expect((await manager.put(`/api/customers/${buyer.id}`, { name: 'UAB Vairuotojai ir Ko' })).status).toBe(200);
    expect((await loadInvoiceDocument(server.db, draft.body.id)).seller.bankAccount).toBe(SELLER.bankAccount);
    expect((await loadInvoiceDocument(server.db, draft.body.id)).buyer.name).toBe('UAB Vairuotojai');
    expect((await owner.put('/api/settings', { invoicing: { ...(await owner.get('/api/settings')).body.invoicing, seller: SELLER } })).status).toBe(200);

    // The receipt is on an invoice now: the rival draft cannot be issued, and no number is spent on it.
    const last = (await server.db.invoiceSeries.findFirst({ where: { series: 'INV' } }))!.last;
    const refused = await manager.post(`/api/invoices/${rival.body.id}/issue`, {});
    expect([refused.status, refused.body.error.code, refused.body.error.fields[0].path]).toEqual([409, 'sale-already-invoiced', 'body.saleIds.0']);
    expect((await server.db.invoice.findUnique({ where: { id: rival.body.id } }))!.status).toBe('draft');
    expect((await server.db.invoiceSeries.findFirst({ where: { series: 'INV' } }))!.last).toBe(last);
    const again = await manager.post('/api/invoices', { customerId: buyer.id, saleIds: [saleIds[0]] });
    expect([again.status, again.body.error.code]).toEqual([409, 'sale-already-invoiced']);
    // An issued invoice is never changed.
    const edit = await manager.put(`/api/invoices/${draft.body.id}`, { customerId: buyer.id, lines: [service('Extra', 1000, 100)] });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'invoice-issued']);
    expect((await manager.request('DELETE', `/api/invoices/${draft.body.id}`)).status).toBe(409);
  });

  it('invoices a pre-order at its agreed prices, once only', async () => {
    const buyer = await company('UAB Užsakovai');
    const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, include: { taxRate: true }, orderBy: { sku: 'asc' }, skip: 5 });
    const order = await manager.post('/api/pre-orders', { id: newId(), customerId: buyer.id, lines: [{ productId: product.id, quantityMilli: 4000, unitPrice: product.price + 100 }] });
    expect(order.status).toBe(201);
    const draft = await manager.post('/api/invoices', { customerId: buyer.id, preOrderId: order.body.id });
    const invoice = (await manager.post(`/api/invoices/${draft.body.id}/issue`, {})).body;
    const gross = 4 * (product.price + 100);
    expect(invoice).toMatchObject({ preOrderId: order.body.id, totals: { gross, vat: vatIn(gross, product.taxRate.rateBp) }, paidAtTill: 0, balance: gross });
    expect((await loadInvoiceDocument(server.db, invoice.id)).preOrderNumber).toBe(order.body.number);
    const again = await manager.post('/api/invoices', { customerId: buyer.id, preOrderId: order.body.id });
    expect([again.status, again.body.error.code, again.body.error.fields[0].path]).toEqual([409, 'pre-order-already-invoiced', 'body.preOrderId']);
    const foreign = await manager.post('/api/invoices', { customerId: (await company('UAB Svetimi')).id, preOrderId: order.body.id });
    expect([foreign.status, foreign.body.error.code]).toEqual([422, 'pre-order-of-another-customer']);
  });

  it('numbers 20 invoices issued at once 1..20 of the series with no gap and no duplicate, and a failed issue leaves no gap', async () => {
    const buyer = await company('UAB Skubūs');
    const before = (await server.db.invoiceSeries.findFirst({ where: { series: 'INV' } }))?.last ?? 0;
    const drafts = await Promise.all(Array.from({ length: 20 }, (_, i) => manager.post('/api/invoices', { customerId: buyer.id, lines: [service(`Delivery ${i + 1}`, 1000, 1000 + i)] })));
    expect(drafts.map((d) => d.status)).toEqual(Array(20).fill(201));
    const issued = await Promise.all(drafts.map((d) => manager.post(`/api/invoices/${d.body.id}/issue`, {})));
    expect(issued.map((r) => r.status)).toEqual(Array(20).fill(200));
    const numbers = issued.map((r) => r.body.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
    expect(new Set(issued.map((r) => r.body.displayNumber)).size).toBe(20);
    const stored = await server.db.invoice.findMany({ where: { id: { in: drafts.map((d) => d.body.id) } } });
    expect(stored.map((s) => s.number).sort((a, b) => a! - b!)).toEqual(numbers);

    // A draft whose due date falls before the issue date fails at issue; the next invoice takes the next number.
    const early = await manager.post('/api/invoices', { customerId: buyer.id, lines: [service('Late', 1000, 500)], dueDate: '2026-01-05' });
    const failed = await manager.post(`/api/invoices/${early.body.id}/issue`, { issueDate: '2026-01-10' });
    expect([failed.status, failed.body.error.code, failed.body.error.fields[0].path]).toEqual([422, 'due-date-before-issue-date', 'body.dueDate']);
    const next = await issuedInvoice(buyer.id, [service('On time', 1000, 500)]);
    expect(next.number).toBe(before + 21);
  });

  it('prices lines on the server: catalogue goods at their price, services at theirs, VAT per rate; what a client says of amounts is not taken', async () => {
    const buyer = await company('UAB Paslaugos');
    const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods' }, include: { taxRate: true }, orderBy: { sku: 'desc' } });
    const invoice = await issuedInvoice(buyer.id, [{ productId: product.id, quantityMilli: 3000 }, service('Installation', 2000, 4599, 2100), service('Book', 1000, 1250, 900)]);
    const lines = [
      { gross: 3 * product.price, rate: product.taxRate.rateBp },
      { gross: 2 * 4599, rate: 2100 },
      { gross: 1250, rate: 900 },
    ];
    expect(invoice.lines.map((l: any) => [l.gross, l.vat])).toEqual(lines.map((l) => [l.gross, vatIn(l.gross, l.rate)]));
    expect(invoice.totals.gross).toBe(lines.reduce((s, l) => s + l.gross, 0));
    expect(invoice.totals.vat).toBe(lines.reduce((s, l) => s + vatIn(l.gross, l.rate), 0));
    expect(invoice.balance).toBe(invoice.totals.gross);

    const rows = await invoiceRows();
    const priced = await manager.post('/api/invoices', { customerId: buyer.id, lines: [{ productId: product.id, quantityMilli: 1000, unitPriceGross: 1 }] });
    expect([priced.status, priced.body.error.code]).toEqual([400, 'invalid-input']);
    const rate = await manager.post('/api/invoices', { customerId: buyer.id, lines: [service('Odd', 1000, 100, 1700)] });
    expect([rate.status, rate.body.error.code, rate.body.error.fields[0].path]).toEqual([422, 'unknown-tax-rate', 'body.lines.0.taxRateBp']);
    expect(await invoiceRows()).toBe(rows);
  });

  it('refuses an invoice to a person where the country requires a company, and a due date before the issue date, naming the field and writing nothing', async () => {
    const person = (await manager.post('/api/customers', { name: 'Jonas Asmuo' })).body;
    const rows = await invoiceRows();
    const audits = await server.db.auditLog.count();
    const refused = await manager.post('/api/invoices', { customerId: person.id, lines: [service('Repair', 1000, 3000)] });
    expect([refused.status, refused.body.error.code, refused.body.error.fields[0].path]).toEqual([422, 'buyer-company-required', 'body.customerId']);
    const buyer = await company('UAB Datos');
    const dates = await manager.post('/api/invoices', { customerId: buyer.id, lines: [service('Repair', 1000, 3000)], issueDate: '2026-03-10', dueDate: '2026-03-01' });
    expect([dates.status, dates.body.error.code, dates.body.error.fields[0].path]).toEqual([422, 'due-date-before-issue-date', 'body.dueDate']);
    expect(await invoiceRows()).toBe(rows);
    expect(await server.db.auditLog.count()).toBe(audits + 1); // the company made above

    // A shop in a country without the rule may invoice a person.
    expect((await owner.put('/api/settings', { invoicing: { ...(await owner.get('/api/settings')).body.invoicing, buyerCompanyRequired: false } })).status).toBe(200);
    expect((await manager.post('/api/invoices', { customerId: person.id, lines: [service('Repair', 1000, 3000)] })).status).toBe(201);
    expect((await owner.put('/api/settings', { invoicing: { ...(await owner.get('/api/settings')).body.invoicing, buyerCompanyRequired: null } })).status).toBe(200);
    // A cashier does not invoice.
    expect((await cashier.post('/api/invoices', { customerId: buyer.id, lines: [service('Repair', 1000, 3000)] })).status).toBe(403);
  });
});

describe('credit notes', () => {
  it('credit an issued invoice in parts up to what remains, the last part taking what is left so the parts add up', async () => {
    const buyer = await company('UAB Grąžinimai');
    const invoice = await issuedInvoice(buyer.id, [service('Consulting hour', 3000, 3333, 2100), service('Manual', 1000, 999, 900)]);
    const [hours, manual] = invoice.lines;
    const credit = (lines?: unknown[], extra: Record<string, unknown> = {}) => manager.post(`/api/invoices/${invoice.id}/credit-notes`, { id: newId(), reason: 'Hours not worked', ...(lines ? { lines } : {}), ...extra });

    const first = await credit([{ position: 1, quantityMilli: 1000 }]);
    expect(first.status).toBe(201);
    const oneThird = Math.floor((2 * hours.gross * 1000 + 3000) / (2 * 3000));
    expect(first.body).toMatchObject({ kind: 'credit-note', series: 'CN', totals: { gross: oneThird }, corrects: { id: invoice.id, displayNumber: invoice.displayNumber } });
    const firstDocument = await loadInvoiceDocument(server.db, first.body.id);
    expect(firstDocument).toMatchObject({ kind: 'credit-note', corrects: { id: invoice.id }, buyer: (await loadInvoiceDocument(server.db, invoice.id)).buyer });

    const rows = await invoiceRows();
    const lastCn = (await server.db.invoiceSeries.findFirst({ where: { series: 'CN' } }))!.last;
    const above = await credit([{ position: 1, quantityMilli: 2001 }]);
    expect([above.status, above.body.error.code, above.body.error.fields[0].path]).toEqual([422, 'credit-above-invoiced', 'body.lines.0.quantityMilli']);
    const noLine = await credit([{ position: 3, quantityMilli: 1000 }]);
    expect([noLine.status, noLine.body.error.code]).toEqual([422, 'invoice-line-not-found']);
    expect(await invoiceRows()).toBe(rows);
    expect((await server.db.invoiceSeries.findFirst({ where: { series: 'CN' } }))!.last).toBe(lastCn);

    // The rest of everything: what is left of line 1 and all of line 2.
    const rest = await credit();
    expect(rest.status).toBe(201);
    expect(rest.body.lines.map((l: any) => [l.quantityMilli, l.gross])).toEqual([[2000, hours.gross - oneThird], [1000, manual.gross]]);
    expect(first.body.totals.gross + rest.body.totals.gross).toBe(invoice.totals.gross);
    expect(first.body.totals.vat + rest.body.totals.vat).toBe(invoice.totals.vat);
    const after = (await manager.get(`/api/invoices/${invoice.id}`)).body;
    expect(after).toMatchObject({ credited: invoice.totals.gross, balance: 0, creditNotes: [{ id: first.body.id }, { id: rest.body.id }] });
    const nothing = await credit();
    expect([nothing.status, nothing.body.error.code]).toEqual([422, 'credit-above-invoiced']);

    // A draft is not credited; a retried request gets its credit note back, not a second one.
    const draft = await manager.post('/api/invoices', { customerId: buyer.id, lines: [service('X', 1000, 100)] });
    const onDraft = await manager.post(`/api/invoices/${draft.body.id}/credit-notes`, { id: newId(), reason: 'x' });
    expect([onDraft.status, onDraft.body.error.code]).toEqual([409, 'invoice-not-issued']);
    const other = await issuedInvoice(buyer.id, [service('Y', 2000, 100)]);
    const request = { id: newId(), reason: 'Returned', lines: [{ position: 1, quantityMilli: 1000 }] };
    const once = await manager.post(`/api/invoices/${other.id}/credit-notes`, request);
    const twice = await manager.post(`/api/invoices/${other.id}/credit-notes`, request);
    expect([once.status, twice.status, twice.body.id]).toEqual([201, 200, once.body.id]);
    expect(await server.db.invoice.count({ where: { correctsId: other.id } })).toBe(1);
  });
});

describe('payments and receivables', () => {
  it('takes an invoice paid in two parts and one payment split over two invoices; an overpayment is the advance, or refused as the owner sets', async () => {
    const buyer = await company('UAB Mokėtojai');
    const a = await issuedInvoice(buyer.id, [service('Rent of a stand', 1000, 10_000)]);
    const b = await issuedInvoice(buyer.id, [service('Shelf service', 1000, 6_000)]);
    const pay = (body: Record<string, unknown>) => manager.post('/api/invoice-payments', { id: newId(), customerId: buyer.id, method: 'bank-transfer', day: '2026-11-20', reference: 'SWIFT 1', ...body });

    const part1 = await pay({ amount: 4_000, allocations: [{ invoiceId: a.id, amount: 4_000 }] });
    expect(part1.status).toBe(201);
    const tooMuch = await pay({ amount: 7_000, allocations: [{ invoiceId: a.id, amount: 7_000 }] });
    expect([tooMuch.status, tooMuch.body.error.code, tooMuch.body.error.fields[0].path]).toEqual([422, 'allocation-above-balance', 'body.allocations.0.amount']);
    // One payment pays the rest of A and part of B.
    const split = await pay({ amount: 8_000, method: 'card', allocations: [{ invoiceId: a.id, amount: 6_000 }, { invoiceId: b.id, amount: 2_000 }] });
    expect(split.status).toBe(201);
    expect(split.body).toMatchObject({ amount: 8_000, unallocated: 0, allocations: [{ invoiceId: a.id, amount: 6_000 }, { invoiceId: b.id, amount: 2_000 }] });
    expect((await manager.get(`/api/invoices/${a.id}`)).body).toMatchObject({ paid: 10_000, balance: 0 });
    expect((await manager.get(`/api/invoices/${b.id}`)).body).toMatchObject({ paid: 2_000, balance: 4_000 });

    // Without allocations the money goes to the open invoices; what is left over is the advance.
    const over = await pay({ amount: 5_000, method: 'cash' });
    expect(over.body).toMatchObject({ allocations: [{ invoiceId: b.id, amount: 4_000 }], unallocated: 1_000 });
    expect((await manager.get(`/api/customers/${buyer.id}/account`)).body).toMatchObject({ owed: 0, advance: 1_000, balance: -1_000, openInvoices: [] });

    // The owner refuses advances: an overpayment is refused and nothing is stored.
    expect((await owner.put('/api/settings', { invoicing: { ...(await owner.get('/api/settings')).body.invoicing, overpayment: 'refuse' } })).status).toBe(200);
    const c = await issuedInvoice(buyer.id, [service('Cleaning', 1000, 3_000)]);
    const payments = await server.db.invoicePayment.count();
    const refused = await pay({ amount: 3_500, allocations: [{ invoiceId: c.id, amount: 3_000 }] });
    expect([refused.status, refused.body.error.code, refused.body.error.fields[0].path]).toEqual([422, 'payment-above-balance', 'body.amount']);
    expect(await server.db.invoicePayment.count()).toBe(payments);
    expect((await owner.put('/api/settings', { invoicing: { ...(await owner.get('/api/settings')).body.invoicing, overpayment: 'advance' } })).status).toBe(200);

    // The advance pays the new invoice in part.
    const moved = await manager.post(`/api/customers/${buyer.id}/advance-allocations`, { allocations: [{ invoiceId: c.id, amount: 1_000 }] });
    expect(moved.status).toBe(200);
    expect((await manager.get(`/api/invoices/${c.id}`)).body).toMatchObject({ paid: 1_000, balance: 2_000 });
    const more = await manager.post(`/api/customers/${buyer.id}/advance-allocations`, { allocations: [{ invoiceId: c.id, amount: 1 }] });
    expect([more.status, more.body.error.code]).toEqual([422, 'advance-insufficient']);
    expect((await manager.get(`/api/customers/${buyer.id}/account`)).body).toMatchObject({ owed: 2_000, advance: 0, balance: 2_000 });
  });

  it('ages what is owed as of a day by customer, and states a period, both as worked out from the documents made here', async () => {
    const asOf = '2026-06-30';
    const buyers = [await company('UAB Senos Skolos'), await company('UAB Naujos Skolos')];
    const made: { customerId: string; gross: number; dueDate: string; issueDate: string; paid: { amount: number; day: string }[]; credited: { amount: number; day: string }[] }[] = [];
    const plan = [
      { b: 0, issueDate: '2026-01-10', terms: 10, gross: 12_000 }, // 161 days late
      { b: 0, issueDate: '2026-04-01', terms: 0, gross: 5_000 }, // 90 days late
      { b: 0, issueDate: '2026-05-01', terms: 0, gross: 7_000 }, // 60 days
      { b: 1, issueDate: '2026-05-20', terms: 10, gross: 3_000 }, // 31 days
      { b: 1, issueDate: '2026-06-15', terms: 14, gross: 4_000 }, // 1 day late
      { b: 1, issueDate: '2026-06-20', terms: 30, gross: 9_000 }, // not due
      { b: 1, issueDate: '2026-07-02', terms: 0, gross: 1_000 }, // after the day: not counted
    ];
    for (const p of plan) {
      const invoice = await issuedInvoice(buyers[p.b].id, [service('Goods on account', 1000, p.gross)], { paymentTermsDays: p.terms }, { issueDate: p.issueDate });
      made.push({ customerId: buyers[p.b].id, gross: p.gross, dueDate: invoice.dueDate, issueDate: p.issueDate, paid: [], credited: [] });
      (made.at(-1) as any).id = invoice.id;
    }
    const idOf = (i: number) => (made[i] as any).id as string;
    const payment = async (i: number, amount: number, day: string) => {
      expect((await manager.post('/api/invoice-payments', { id: newId(), customerId: made[i].customerId, method: 'bank-transfer', amount, day, allocations: [{ invoiceId: idOf(i), amount }] })).status).toBe(201);
      made[i].paid.push({ amount, day });
    };
    await payment(0, 2_000, '2026-02-01');
    await payment(0, 1_000, '2026-07-05'); // after the day
    await payment(3, 3_000, '2026-06-01'); // paid in full
    const credit = await manager.post(`/api/invoices/${idOf(2)}/credit-notes`, { id: newId(), reason: 'Damaged', issueDate: '2026-06-10', lines: [{ position: 1, quantityMilli: 1000 }] });
    expect(credit.status).toBe(201);
    made[2].credited.push({ amount: 7_000, day: '2026-06-10' });

    // Worked out here: what each invoice owed on the day, bucketed by whole days past due.
    const late = (due: string) => (Date.parse(asOf) - Date.parse(due)) / 86_400_000;
    const bucketOf = (due: string) => (late(due) <= 0 ? 'notDue' : late(due) <= 30 ? 'days1to30' : late(due) <= 60 ? 'days31to60' : late(due) <= 90 ? 'days61to90' : 'over90');
    const expected = new Map<string, Record<string, number>>();
    for (const m of made) {
      if (m.issueDate > asOf) continue;
      const owed = m.gross - [...m.paid, ...m.credited].filter((x) => x.day <= asOf).reduce((s, x) => s + x.amount, 0);
      if (owed <= 0) continue;
      const row = expected.get(m.customerId) ?? { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0, total: 0 };
      row[bucketOf(m.dueDate)] += owed;
      row.total += owed;
      expected.set(m.customerId, row);
    }
    expect(expected.get(buyers[0].id)).toEqual({ notDue: 0, days1to30: 0, days31to60: 0, days61to90: 5_000, over90: 10_000, total: 15_000 });
    const report = (await manager.get(`/api/reports/receivables?asOf=${asOf}`)).body;
    const outletCode = (await server.db.outlet.findFirstOrThrow()).code;
    for (const buyer of buyers) {
      const row = report.rows.find((r: any) => r.customerId === buyer.id);
      const { customerId: _c, customerName, outletCode: code, invoices: _n, ...buckets } = row;
      expect([customerName, code, buckets]).toEqual([buyer.name, outletCode, expected.get(buyer.id)]);
    }
    const sum = (k: string) => report.rows.reduce((s: number, r: any) => s + r[k], 0);
    expect(report.totals.total).toBe(sum('total'));

    // The statement of the first customer for the second quarter.
    const statement = (await manager.get(`/api/customers/${buyers[0].id}/statement?from=2026-04-01&to=2026-06-30`)).body;
    const mine = made.filter((m) => m.customerId === buyers[0].id);
    const events = mine.flatMap((m) => [{ day: m.issueDate, d: m.gross }, ...m.paid.map((p) => ({ day: p.day, d: -p.amount })), ...m.credited.map((c) => ({ day: c.day, d: -c.amount }))]);
    const opening = events.filter((e) => e.day < '2026-04-01').reduce((s, e) => s + e.d, 0);
    const inPeriod = events.filter((e) => e.day >= '2026-04-01' && e.day <= '2026-06-30');
    expect(statement).toMatchObject({ openingBalance: opening, closingBalance: opening + inPeriod.reduce((s, e) => s + e.d, 0), totalDebit: inPeriod.filter((e) => e.d > 0).reduce((s, e) => s + e.d, 0) });
    expect(statement.entries.map((e: any) => e.kind)).toEqual(['invoice', 'invoice', 'credit-note']);
    expect(statement.entries.at(-1).balance).toBe(statement.closingBalance);
    expect(statement.buyer.name).toBe('UAB Senos Skolos');

    // Overdue invoices (as of today, well after the plan's days).
    const overdue = (await manager.get(`/api/invoices?overdue=true&customerId=${buyers[0].id}`)).body.items;
    expect(overdue.map((i: any) => i.id).sort()).toEqual([idOf(0), idOf(1)].sort());
  });

  it("e-mails a payment reminder to the company's contact through the campaigns outbox, in the document's language", async () => {
    const buyer = await company('UAB Pamiršę');
    const invoice = await issuedInvoice(buyer.id, [service('Transport', 1000, 2_500)]);
    const contact = (await server.db.customerContact.findFirstOrThrow({ where: { customerId: buyer.id } })).email!;
    const sent = await manager.post(`/api/invoices/${invoice.id}/reminder`);
    expect(sent.body).toEqual({ queued: true, to: contact, language: 'en' });
    const message = await server.db.campaignMessage.findFirstOrThrow({ where: { customerId: buyer.id }, include: { campaign: true } });
    expect([message.address, message.status, message.campaign.channel]).toEqual([contact, 'queued', 'email']);
    expect(message.body).toContain(invoice.displayNumber);
    expect(message.body).toContain('€25.00');
    await manager.post('/api/invoice-payments', { id: newId(), customerId: buyer.id, method: 'bank-transfer', amount: 2_500, day: '2026-11-30' });
    const paid = await manager.post(`/api/invoices/${invoice.id}/reminder`);
    expect([paid.status, paid.body.error.code]).toEqual([409, 'invoice-paid']);
  });
});
