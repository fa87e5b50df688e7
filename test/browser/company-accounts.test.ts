import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmount, formatMoney } from '../../shared/money.ts';
import { addDays, localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { expectNothingScrollsSideways, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// A shop bills a company from the back office on a portrait tablet, by touch: it invoices the two
// receipts the company's driver put on account at the till, records one bank transfer split over
// that invoice and an older one, sees the balance and the aged receivables move, credits part of
// the invoice and downloads its PDF. Every figure expected is worked out here from the receipts
// and documents the test made (read from the database), not from what the page or server says.

const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };
const COMPANY = 'UAB Kuro Vežėjai';

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let manager: ApiClient;
let currency: string;
let today: string;
let companyId: string;
let older: { id: string; displayNumber: string; gross: number };
let saleIds: string[];

const money = (minor: number, locale = 'en-GB') => formatMoney(minor, currency, locale);
const text = (testid: string) => page.getByTestId(testid).innerText();
/** A bucket's cell of the company's row in the aged receivables. */
const bucket = (name: string) => page.getByTestId('receivables-row').filter({ hasText: COMPANY }).locator(`[data-bucket=${name}]`).innerText();

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, outletSettings: { invoicing: { seller: SELLER } } });
  const outlet = await server.db.outlet.findFirstOrThrow();
  [currency, today] = [outlet.currency, localTimeIn(outlet.timezone).slice(0, 10)];
  manager = await server.login('manager', '2222', 'R1');
  const cashier = await server.login('anna', '3333', 'R2');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);

  const made = await manager.post('/api/customers', { name: COMPANY, kind: 'company', companyCode: '304111222', vatCode: 'LT304111222', address: 'Savanorių pr. 5, Kaunas', creditLimit: 5_000_000 });
  expect(made.status).toBe(201);
  companyId = made.body.id;
  // The driver's two receipts of the month, put on account at the till.
  const customer = (await cashier.get(`/api/customers/${companyId}`)).body;
  const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 2 });
  const products = await Promise.all(rows.map(async (r) => (await findProducts(cashier, r.sku)).find((p) => p.id === r.id)!));
  saleIds = [];
  for (const lines of [[{ product: products[0], quantityMilli: 2000 }], [{ product: products[1], quantityMilli: 1000 }]]) {
    const { request } = await buildSale(cashier, lines, { customer, tenders: (total) => [{ method: 'on-account', amount: total }] });
    const sold = await cashier.post('/api/sales', request);
    expect(sold.status).toBe(201);
    saleIds.push(sold.body.id);
  }
  // An older invoice of 150.00, issued 45 days ago on 14 days' terms: 31 days past due today.
  const draft = await manager.post('/api/invoices', { customerId: companyId, paymentTermsDays: 14, lines: [{ description: 'Fuel card service, October', unit: 'piece', quantityMilli: 1000, unitPriceGross: 15_000, taxRateBp: 2100 }] });
  const issued = await manager.post(`/api/invoices/${draft.body.id}/issue`, { issueDate: addDays(today, -45) });
  expect(issued.status).toBe(200);
  older = { id: issued.body.id, displayNumber: issued.body.displayNumber, gross: 15_000 };

  session = await openBackOffice({ device: { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB', acceptDownloads: true }, timeoutMs: 20_000, user: { url: server.url, login: 'owner', password: 'owner-demo-pass' } });
  ({ page, office } = session);
  await office.section('Invoices').waitFor();
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function chooseCompany(field: string) {
  await office.type(`input[name=${field}]`, 'Kuro');
  await page.getByRole('button', { name: COMPANY, exact: true }).tap();
  await expect.poll(() => text('chosen-customer')).toBe(COMPANY);
}

describe("a company's account in the back office", () => {
  it('invoices two receipts, splits one payment over two invoices, ages what is owed, credits part of the invoice and prints it', async () => {
    // What the two receipts sold, and what of it was put on account (all of it).
    const soldLines = await server.db.saleLine.findMany({ where: { saleId: { in: saleIds } }, orderBy: [{ saleId: 'asc' }, { lineNo: 'asc' }] });
    const goods = soldLines.filter((l) => l.kind === 'goods');
    const invoiceGross = goods.reduce((s, l) => s + l.amount, 0);
    const onAccount = (await server.db.payment.findMany({ where: { saleId: { in: saleIds }, method: 'on-account' } })).reduce((s, p) => s + p.amount, 0);
    expect(onAccount).toBe(invoiceGross);

    // Invoices → a new invoice of the company's receipts of the month; both are offered, ticked.
    await office.section('Invoices').tap();
    await page.getByRole('button', { name: 'New invoice', exact: true }).tap();
    await chooseCompany('customer-search');
    const sales = await server.db.sale.findMany({ where: { id: { in: saleIds } } });
    for (const s of sales) await expect.poll(() => page.getByTestId(`receipt-${s.number}`).locator('input[type=checkbox]').isChecked()).toBe(true);

    // A due date before the issue date is refused at the field, and nothing is written.
    const invoicesBefore = await server.db.invoice.count();
    await page.locator('input[name=due-date]').fill(addDays(today, -1));
    await page.getByRole('button', { name: 'Issue the invoice', exact: true }).tap();
    await expect.poll(() => text('invoice-refusal')).toBe('The due date is before the issue date');
    expect(await page.getByTestId('invoice-form').locator('label', { has: page.locator('input[name=due-date]') }).locator('small').innerText()).toBe('The due date is before the issue date');
    expect(await server.db.invoice.count()).toBe(invoicesBefore);
    await office.screenshot('accounts-invoice-refused');

    await page.locator('input[name=due-date]').fill('');
    await page.getByRole('button', { name: 'Issue the invoice', exact: true }).tap();
    await expect.poll(() => page.getByTestId('invoice-view').count()).toBe(1);
    const invoice = await server.db.invoice.findFirstOrThrow({ where: { customerId: companyId, id: { not: older.id }, kind: 'invoice' } });
    expect(invoice.status).toBe('issued');
    expect((await server.db.invoiceSale.findMany({ where: { invoiceId: invoice.id } })).map((s) => s.saleId).sort()).toEqual([...saleIds].sort());
    await expect.poll(() => text('invoice-gross')).toBe(money(invoiceGross));
    expect(await text('invoice-balance')).toBe(money(invoiceGross));
    await office.screenshot('accounts-invoice-issued');

    // The receivables before any payment: the new invoice not due, the older one 31 days late.
    await office.section('Receivables').tap();
    await expect.poll(() => bucket('notDue')).toBe(money(invoiceGross));
    expect(await bucket('days31to60')).toBe(money(older.gross));
    expect(await bucket('total')).toBe(money(invoiceGross + older.gross));

    // Payments → one bank transfer: 100.00 of the older invoice and about half of the new one.
    const toOlder = 10_000;
    const toNew = Math.floor(invoiceGross / 200) * 100;
    await office.section('Payments').tap();
    await chooseCompany('customer-search');
    await expect.poll(() => text('account-balance')).toBe(money(invoiceGross + older.gross));
    await office.type('input[name=payment-amount]', formatAmount(toOlder + toNew));
    await office.type('input[name=payment-reference]', 'SWIFT 4471');
    await office.type(`input[name="share-${older.displayNumber}"]`, formatAmount(toOlder));
    await office.type(`input[name="share-${invoice.displayNumber}"]`, formatAmount(toNew));
    await expect.poll(() => text(`left-${older.displayNumber}`)).toBe(money(older.gross - toOlder));
    expect(await text(`left-${invoice.displayNumber}`)).toBe(money(invoiceGross - toNew));
    expect(await text('payment-remains')).toBe(`On invoices ${money(toOlder + toNew)}; not allocated ${money(0)}`);
    await office.screenshot('accounts-payment-split');
    await page.getByRole('button', { name: 'Record the payment', exact: true }).tap();
    await expect.poll(() => text('payment-notice')).toBe(`Payment of ${money(toOlder + toNew)} recorded: ${money(toOlder + toNew)} on invoices, ${money(0)} kept as an advance`);
    const payment = await server.db.invoicePayment.findFirstOrThrow({ where: { customerId: companyId }, include: { allocations: true } });
    expect([payment.method, payment.amount, payment.reference]).toEqual(['bank-transfer', toOlder + toNew, 'SWIFT 4471']);
    expect(Object.fromEntries(payment.allocations.map((a) => [a.invoiceId, a.amount]))).toEqual({ [older.id]: toOlder, [invoice.id]: toNew });
    await expect.poll(() => text('account-balance')).toBe(money(invoiceGross - toNew + older.gross - toOlder));

    // The receivables after it: each bucket less what the payment put on its invoice.
    await office.section('Receivables').tap();
    await expect.poll(() => bucket('notDue')).toBe(money(invoiceGross - toNew));
    expect(await bucket('days31to60')).toBe(money(older.gross - toOlder));
    expect(await bucket('total')).toBe(money(invoiceGross - toNew + older.gross - toOlder));
    expect(await page.getByTestId('receivables-totals').locator('[data-bucket=total]').innerText()).toBe(money(invoiceGross - toNew + older.gross - toOlder));
    await expect.poll(() => page.getByTestId('receivables-chart').locator('canvas').count()).toBe(1);
    await office.screenshot('accounts-receivables');

    // A credit note for one of the two pieces on the invoice's first line.
    const firstLine = goods[0];
    expect(firstLine.quantityMilli).toBe(2000);
    const credited = Math.round((firstLine.amount * 1000) / 2000);
    await office.section('Invoices').tap();
    await page.getByTestId('invoice-row').filter({ hasText: invoice.displayNumber! }).tap();
    await expect.poll(() => text('invoice-balance')).toBe(money(invoiceGross - toNew));
    expect(await text('invoice-payments')).toContain(money(toNew));
    await page.getByRole('button', { name: 'Issue a credit note', exact: true }).tap();
    await office.type('input[name=credit-quantity-1]', '1');
    await office.type('input[name=credit-reason]', 'One canister returned unopened');
    await page.getByRole('button', { name: 'Credit the quantities given', exact: true }).tap();
    await expect.poll(() => text('invoice-balance')).toBe(money(invoiceGross - toNew - credited));
    const note = await server.db.invoice.findFirstOrThrow({ where: { correctsId: invoice.id } });
    expect([note.kind, note.gross]).toEqual(['credit-note', credited]);
    expect(await text('invoice-credit-notes')).toContain(`${note.displayNumber} · ${money(credited)}`);

    // Its PDF, read back.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF', exact: true }).tap()]);
    const file = path.join(server.dir, 'invoice.pdf');
    await download.saveAs(file);
    const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdf).toContain(invoice.displayNumber!);
    expect(pdf).toContain(COMPANY);
    for (const s of sales) expect(pdf).toContain(s.number);
    await office.screenshot('accounts-credit-note');

    // The company's card: its balance and open invoices.
    await office.section('Customers').tap();
    await office.type('input[name=customer-search]', 'Kuro');
    await page.getByRole('button', { name: new RegExp(COMPANY) }).first().tap();
    const owed = invoiceGross - toNew - credited + older.gross - toOlder;
    await expect.poll(() => text('customer-balance')).toBe(money(owed));
    expect(await page.getByTestId('customer-account').locator('tbody tr').count()).toBe(2);
    await office.screenshot('accounts-customer-card');

    // In Lithuanian: a share above what the older invoice owes is refused at its field, in Lithuanian, and nothing is stored.
    await page.locator('select[name=language]').selectOption('lt');
    // The navigation is written anew in Lithuanian (its links grow and wrap) before one is tapped.
    await expect.poll(() => page.locator('nav a[href="#/payments"]').innerText()).toBe('Mokėjimai');
    await page.locator('nav a[href="#/payments"]').tap();
    await expect.poll(() => page.locator('main h1').innerText()).toBe('Mokėjimai');
    await chooseCompany('customer-search');
    await office.type('input[name=payment-amount]', formatAmount(older.gross));
    await office.type(`input[name="share-${older.displayNumber}"]`, formatAmount(older.gross));
    await page.getByRole('button', { name: 'Įrašyti mokėjimą', exact: true }).tap();
    const refusal = `Pagal sąskaitą skolinga ${money(older.gross - toOlder, 'lt')}`;
    await expect.poll(() => text('payment-refusal')).toBe(refusal);
    expect(await page.getByTestId(`split-${older.displayNumber}`).locator('small').innerText()).toBe(refusal);
    expect(await server.db.invoicePayment.count({ where: { customerId: companyId } })).toBe(1);
    await office.screenshot('accounts-payment-refused-lt');
    await page.locator('nav a[href="#/receivables"]').tap();
    await expect.poll(() => bucket('notDue')).toBe(money(invoiceGross - toNew - credited, 'lt'));
    // Eight money columns under Lithuanian headings do not fit 768 px as a table: each row is a card.
    await expectNothingScrollsSideways(page, '[data-testid=receivables]');
    await office.screenshot('accounts-receivables-lt');
  }, 300_000);

  it('makes a contract with an agreed price, lists it as ending soon, and renews it as a new contract', async () => {
    await page.locator('select[name=language]').selectOption('en');
    await expect.poll(() => page.locator('nav a[href="#/contracts"]').innerText()).toBe('Contracts');
    await office.section('Contracts').tap();
    await page.getByRole('button', { name: 'New contract', exact: true }).tap();
    await chooseCompany('customer-search');
    const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
    const agreed = product.price - 50;
    await office.type('input[name=contract-number]', 'K-2026-01');
    await page.locator('input[name=contract-end]').fill(addDays(today, 20));
    await office.type('textarea[name=contract-terms]', 'Fuel and goods on account, paid monthly.');
    await office.type('input[name=contract-product-code]', product.sku);
    await page.getByRole('button', { name: 'Add goods', exact: true }).tap();
    await office.type('input[name=contract-price-0]', formatAmount(agreed));
    await page.getByRole('button', { name: 'Save', exact: true }).tap();
    await expect.poll(() => page.getByTestId('contract-view').count()).toBe(1);
    const first = await server.db.contract.findFirstOrThrow({ where: { customerId: companyId, number: 'K-2026-01' } });
    expect([first.startDate, first.endDate]).toEqual([today, addDays(today, 20)]);
    expect((await server.db.contractPrice.findMany({ where: { contractId: first.id } })).map((p) => [p.productId, p.unitPrice])).toEqual([[product.id, agreed]]);
    // Twenty days before its end and thirty days' reminder: it ends soon.
    expect(await text('contracts-ending')).toBe('1 contract ends soon: renew it or let it end');

    await page.getByRole('button', { name: 'Renew', exact: true }).tap();
    await office.type('input[name=contract-number]', 'K-2027-01');
    await page.locator('input[name=contract-end]').fill(addDays(today, 400));
    // A busy server: the list read again after saving answers late; "renews" is said once the list shows it.
    await page.route('**/api/contracts*', async (route) => {
      if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1_500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Save', exact: true }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('Contract K-2027-01 renews the one before it');
    await page.unroute('**/api/contracts*');
    const renewal = await server.db.contract.findFirstOrThrow({ where: { customerId: companyId, number: 'K-2027-01' } });
    expect([renewal.renewsId, renewal.startDate, renewal.endDate]).toEqual([first.id, addDays(today, 21), addDays(today, 400)]);
    expect((await server.db.contractPrice.findMany({ where: { contractId: renewal.id } })).map((p) => [p.productId, p.unitPrice])).toEqual([[product.id, agreed]]);
    expect(await page.getByTestId('contract-list').locator('tbody tr').count()).toBe(2);
    await office.screenshot('accounts-contracts');
  }, 300_000);
});
