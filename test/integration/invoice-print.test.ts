import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Stored invoices, credit notes, statements and contracts printed over HTTP: the PDF is read back
// with poppler's pdftotext and the UBL with an XML parser, against what the test sent.

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let files = 0;

const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };
const BUYER = 'UAB Spaudos Pirkėjai';

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { invoicing: { seller: SELLER } } });
  manager = await server.login('manager', '2222', 'R1');
  cashier = await server.login('anna', '3333', 'R2');
});
afterAll(() => server.close());

async function download(client: ApiClient, route: string) {
  const res = await fetch(server.url + route, { headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), bytes: Buffer.from(await res.arrayBuffer()) };
}

function pdfText(pdf: Buffer): string {
  const file = path.join(server.dir, `invoice-print-${++files}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

const money = (minor: number) => new Intl.NumberFormat('en', { style: 'currency', currency: 'EUR' }).format(minor / 100).replace(/[\s\u00a0\u202f]+/g, ' ');

describe('printing stored invoices', () => {
  it('prints an issued invoice and its credit note as PDF and UBL, a statement and a contract as PDF', async () => {
    const customer = await manager.post('/api/customers', { name: BUYER, kind: 'company', companyCode: '304999888', vatCode: 'LT999888777', address: 'Savanorių pr. 5, Kaunas', email: 'buh@pirkejai.test' });
    expect(customer.status).toBe(201);
    const lines = [
      { description: 'Printing, 3 hours', unit: 'piece', quantityMilli: 3000, unitPriceGross: 4235, taxRateBp: 2100 },
      { description: 'Paper', unit: 'piece', quantityMilli: 2000, unitPriceGross: 1090, taxRateBp: 2100 },
    ];
    const gross = 3 * 4235 + 2 * 1090;
    const draft = await manager.post('/api/invoices', { customerId: customer.body.id, lines });
    expect(draft.status).toBe(201);

    // A draft has no document to print yet.
    expect((await download(manager, `/api/invoices/${draft.body.id}/pdf`)).status).toBe(409);
    const issued = await manager.post(`/api/invoices/${draft.body.id}/issue`, {});
    expect(issued.status).toBe(200);
    const number: string = issued.body.displayNumber;
    expect(issued.body.totals.gross).toBe(gross);

    const pdf = await download(manager, `/api/invoices/${draft.body.id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toContain(`${number}.pdf`);
    const text = pdfText(pdf.bytes);
    expect(text).toContain(number);
    expect(text).toContain(BUYER);
    expect(text).toContain(money(gross));

    const ubl = await download(manager, `/api/invoices/${draft.body.id}/ubl`);
    expect(ubl.status).toBe(200);
    expect(ubl.type).toMatch(/^application\/xml/);
    const xml = new DOMParser().parseFromString(ubl.bytes.toString('utf8'), 'application/xml');
    const payable = xml.getElementsByTagName('cbc:PayableAmount');
    expect(payable.length).toBe(1);
    expect(payable[0].getAttribute('currencyID')).toBe('EUR');
    expect(Math.round(Number(payable[0].textContent) * 100)).toBe(gross);
    expect(xml.getElementsByTagName('cbc:ID')[0].textContent).toBe(number);

    const credit = await manager.post(`/api/invoices/${draft.body.id}/credit-notes`, { id: newId(), reason: 'Paper returned', lines: [{ position: 2, quantityMilli: 2000 }] });
    expect(credit.status).toBe(201);
    const creditText = pdfText((await download(manager, `/api/invoices/${credit.body.id}/pdf`)).bytes);
    expect(creditText).toContain(credit.body.displayNumber);
    expect(creditText).toContain(number);
    expect(creditText).toContain(money(2 * 1090));

    const day: string = issued.body.issueDate;
    const statement = await download(manager, `/api/customers/${customer.body.id}/statement.pdf?from=${day}&to=${day}`);
    expect(statement.status).toBe(200);
    const statementText = pdfText(statement.bytes);
    expect(statementText).toContain(BUYER);
    expect(statementText).toContain(number);
    expect(statementText).toContain(credit.body.displayNumber);
    expect(statementText).toContain(money(gross - 2 * 1090));

    const product = await server.db.product.findFirstOrThrow({ where: { kind: 'goods' }, orderBy: { sku: 'asc' } });
    const contract = await manager.post('/api/contracts', { customerId: customer.body.id, number: 'S-2026/9', startDate: day, endDate: day, terms: 'Paid within 30 days', paymentTermsDays: 30, prices: [{ productId: product.id, unitPrice: 777 }] });
    expect(contract.status).toBe(201);
    const contractText = pdfText((await download(manager, `/api/contracts/${contract.body.id}/pdf`)).bytes);
    expect(contractText).toContain('S-2026/9');
    expect(contractText).toContain(BUYER);
    expect(contractText).toContain(product.name);
    expect(contractText).toContain(money(777));

    // Printing is for whoever invoices; a cashier may not, and an unknown invoice is not found.
    expect((await download(cashier, `/api/invoices/${draft.body.id}/pdf`)).status).toBe(403);
    expect((await download(cashier, `/api/contracts/${contract.body.id}/pdf`)).status).toBe(403);
    expect((await download(manager, `/api/invoices/${newId()}/ubl`)).status).toBe(404);
  });
});
