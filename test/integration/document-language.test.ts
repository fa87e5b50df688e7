import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { Locale } from '../../shared/locales.ts';
import { PRINT_LABELS } from '../../server/print-forms/labels.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Invoices, credit notes, statements and contracts are printed in the customer's language, not the
// outlet's (English here): the PDF is read back with poppler's pdftotext (in the order it was drawn,
// so a word wrapped in a narrow column stays whole) and its words compared with
// the print forms' catalogue. The user may ask for another language by the query.

let server: TestServer;
let manager: ApiClient;
let files = 0;

const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { invoicing: { seller: SELLER } } });
  manager = await server.login('manager', '2222', 'R1');
});
afterAll(() => server.close());

async function pdfText(route: string): Promise<string> {
  const res = await fetch(server.url + route, { headers: { authorization: `Bearer ${manager.token}` } });
  expect(res.status, route).toBe(200);
  const file = path.join(server.dir, `document-language-${++files}.pdf`);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Without spaces: a narrow table column wraps a word where pdftotext reads a space. */
const squeezed = (text: string) => text.replace(/ /g, '');

/** The catalogue's words the English form prints, in `language`: each must be in the text, and no longer English word. */
function expectWordsOf(language: Locale, text: string, english: string) {
  const found = Object.entries(PRINT_LABELS.en).filter(([, word]) => word.length >= 4 && squeezed(english).includes(squeezed(word)));
  // A word found only inside a longer label ("Date" in "Date of supply") says nothing of its own.
  const printed = found.filter(([key, word]) => !found.some(([other, longer]) => other !== key && longer.includes(word)));
  expect(printed.length).toBeGreaterThan(5);
  for (const [key, word] of printed) {
    const translated = PRINT_LABELS[language][key as keyof typeof PRINT_LABELS.en];
    expect(squeezed(text), `${key} in ${language}`).toContain(squeezed(translated));
    if (language !== 'en' && !translated.includes(word)) expect(squeezed(text), `${key} in English`).not.toContain(squeezed(word));
  }
}

async function company(name: string, locale: Locale | null) {
  const res = await manager.post('/api/customers', { name, kind: 'company', companyCode: `30${Math.floor(Math.random() * 1e7)}`, vatCode: null, address: 'Savanorių pr. 5, Kaunas', email: 'buh@pirkejai.test', locale });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function issuedInvoice(customerId: string) {
  const draft = await manager.post('/api/invoices', { customerId, lines: [{ description: 'Spausdinimas', unit: 'piece', quantityMilli: 2000, unitPriceGross: 1210, taxRateBp: 2100 }] });
  expect(draft.status).toBe(201);
  const issued = await manager.post(`/api/invoices/${draft.body.id}/issue`, {});
  expect(issued.status).toBe(200);
  return issued.body as { id: string; issueDate: string };
}

describe("documents in the customer's language", () => {
  it('prints the invoice, credit note, statement and contract of a Lithuanian customer in Lithuanian at an English outlet, and in English when asked', async () => {
    const lithuanian = await company('UAB Kalbos Pirkėjas', 'lt');
    const invoice = await issuedInvoice(lithuanian);
    const credit = await manager.post(`/api/invoices/${invoice.id}/credit-notes`, { id: newId(), reason: 'Grąžinta', lines: [{ position: 1, quantityMilli: 1000 }] });
    expect(credit.status).toBe(201);
    const product = await server.db.product.findFirstOrThrow({ where: { kind: 'goods' }, orderBy: { sku: 'asc' } });
    const contract = await manager.post('/api/contracts', { customerId: lithuanian, number: 'LT-1', startDate: invoice.issueDate, endDate: invoice.issueDate, terms: 'Per 30 d.', paymentTermsDays: 30, prices: [{ productId: product.id, unitPrice: 777 }] });
    expect(contract.status).toBe(201);
    const period = `from=${invoice.issueDate}&to=${invoice.issueDate}`;

    for (const route of [`/api/invoices/${invoice.id}/pdf`, `/api/invoices/${credit.body.id}/pdf`, `/api/customers/${lithuanian}/statement.pdf?${period}`, `/api/contracts/${contract.body.id}/pdf`]) {
      const asked = (language: Locale) => `${route}${route.includes('?') ? '&' : '?'}language=${language}`;
      const english = await pdfText(asked('en'));
      expectWordsOf('en', english, english);
      expectWordsOf('lt', await pdfText(route), english);
      expectWordsOf('ru', await pdfText(asked('ru')), english);
    }
  });

  it("prints a customer's documents in the outlet's language when the customer has none", async () => {
    const customer = await company('UAB Be Kalbos', null);
    const invoice = await issuedInvoice(customer);
    const english = await pdfText(`/api/invoices/${invoice.id}/pdf?language=en`);
    expectWordsOf('en', await pdfText(`/api/invoices/${invoice.id}/pdf`), english);
    expect((await manager.get(`/api/invoices/${invoice.id}/pdf?language=xx`)).status).toBe(400);
  });
});
