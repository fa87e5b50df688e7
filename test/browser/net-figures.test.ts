import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money.ts';
import { newId } from '../../shared/ids.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// The reports and the customer card on a portrait tablet, in English and in Lithuanian: the net
// figures they show are the test's own sums of the documents it made.

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let gold = '';
let goldName = '';

/** Net revenue (goods, without VAT, returns subtracted) of the documents that match. */
async function netRevenue(where: { customerId?: string } = {}) {
  const docs = await server.db.sale.findMany({ where, include: { lines: true } });
  return docs.reduce((s, d) => s + (d.kind === 'sale' ? 1 : -1) * d.lines.filter((l) => l.kind === 'goods').reduce((t, l) => t + l.amount - l.taxAmount, 0), 0);
}

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR });
  const manager = await server.login('manager', '2222', 'R1');
  expect((await manager.post('/api/shifts', { openingFloat: 5_000 })).status).toBe(201);
  const rows = await server.db.product.findMany({ where: { kind: 'goods', unit: 'piece', plu: null, discountable: true, price: { gt: 100, lt: 2000 } }, orderBy: { sku: 'asc' } });
  const byCategory = [...new Map(rows.map((r) => [r.categoryId, r])).values()].slice(0, 4);
  const products = await Promise.all(byCategory.map(async (r) => (await findProducts(manager, r.sku)).find((p) => p.id === r.id)!));
  const customer = (await manager.post('/api/customers', { name: 'Gintarė Gold', categoryCode: 'gold' })).body;
  gold = customer.id;
  goldName = customer.name;
  const view = (await manager.get(`/api/customers/${gold}`)).body;
  let first: any = null;
  for (let i = 0; i < 3; i++) {
    const { request } = await buildSale(manager, products.slice(0, 3).map((p, n) => ({ product: p, quantityMilli: (n + 1 + i) * 1000 })), { customer: view });
    const sold = await manager.post('/api/sales', request);
    expect(sold.status).toBe(201);
    first ??= sold.body;
  }
  const walkIn = await buildSale(manager, [{ product: products[3], quantityMilli: 4000 }, { product: products[0], quantityMilli: 1000 }]);
  expect((await manager.post('/api/sales', walkIn.request)).status).toBe(201);
  expect((await manager.post('/api/returns', { id: newId(), originalSaleId: first.id, lines: [{ saleLineId: first.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' })).status).toBe(201);
  const order = (await manager.post('/api/pre-orders', { id: newId(), customerId: gold, lines: [{ productId: products[1].id, quantityMilli: 1000, unitPrice: products[1].price }] })).body;
  const deposit = (await manager.get('/api/pre-orders/deposit-product')).body;
  const amount = Math.floor(order.total / 2);
  expect((await manager.post('/api/sales', { id: newId(), customerId: gold, lines: [{ lineId: newId(), productId: deposit.id, quantityMilli: 1000, deposit: { preOrderId: order.id, amount } }], tenders: [{ method: 'cash', amount }], expectedTotal: amount })).status).toBe(201);
  expect((await manager.post('/api/shifts/current/cash-movements', { kind: 'out', amount: 1_000, reason: 'Courier' })).status).toBe(200);
  const expected = (await manager.get('/api/shifts/current/x-report')).body.expectedCash;
  expect((await manager.post('/api/shifts/current/close', { countedCash: expected - 20 })).status).toBe(200);

  session = await openBackOffice({ device: { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' }, timeoutMs: 10_000 });
  ({ page, office } = session);
  await office.open(server.url);
  await office.signIn('manager', 'manager-demo-pass');
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function reports(language: 'en' | 'lt') {
  const money = (minor: number) => formatMoney(minor, 'EUR', language === 'en' ? 'en-GB' : 'lt');
  const tab = { en: 'Reports', lt: 'Ataskaitos' }[language];
  await page.getByRole('navigation').getByRole('link', { name: tab, exact: true }).tap();
  await expect.poll(() => page.getByTestId('dashboard-revenue').innerText()).toBe(money(await netRevenue()));
  await expect.poll(() => page.getByTestId('top-products-chart').locator('canvas').count()).toBe(1);
  await page.locator('select[name=report-group]').selectOption('category');
  await page.getByRole('button', { name: { en: 'Show', lt: 'Rodyti' }[language], exact: true }).tap();
  await expect.poll(() => page.getByTestId('sales-chart').locator('canvas').count()).toBe(1);
  const rates = new Set((await server.db.saleLine.findMany({ where: { kind: 'goods' } })).map((l) => l.taxRateBp));
  expect(await page.getByTestId('vat-by-rate').locator('tbody tr').count()).toBe(rates.size);
  expect(await page.getByTestId('report-basis').innerText()).toContain({ en: 'without VAT', lt: 'be PVM' }[language]);
  await office.screenshot(`70-net-reports-${language}-768`);

  await page.locator('select[name=report-group]').selectOption('customer');
  await page.getByRole('button', { name: { en: 'Show', lt: 'Rodyti' }[language], exact: true }).tap();
  const walkIn = page.getByTestId('walk-in');
  await expect.poll(() => walkIn.innerText()).toContain({ en: 'Walk-in sales (no customer)', lt: 'Pardavimai be pirkėjo' }[language]);
  const walkInRevenue = (await netRevenue()) - (await netRevenue({ customerId: gold }));
  expect(await walkIn.innerText()).toContain(money(walkInRevenue));
  expect(await page.getByTestId('sales-report').locator('tbody').innerText()).not.toMatch(/Walk-in|be pirkėjo/);

  await page.locator('select[name=table-report]').selectOption('category-preferences');
  await expect.poll(() => page.getByTestId('table-report-chart').locator('canvas').count()).toBe(1);
  await page.getByTestId('table-report').scrollIntoViewIfNeeded();
  await office.screenshot(`71-net-customers-and-preferences-${language}-768`);

  await page.getByTestId('show-z').first().tap();
  const z = page.getByTestId('z-printout');
  await expect.poll(() => z.innerText()).toContain({ en: 'Counted by: Max Manager', lt: 'Suskaičiavo: Max Manager' }[language]);
  expect(await z.innerText()).toContain({ en: 'Z REPORT', lt: 'Z ATASKAITA' }[language]);
  await z.scrollIntoViewIfNeeded();
  await office.screenshot(`72-net-z-${language}-768`);
}

async function customerCard(language: 'en' | 'lt') {
  const money = (minor: number) => formatMoney(minor, 'EUR', language === 'en' ? 'en-GB' : 'lt');
  await page.getByRole('navigation').getByRole('link', { name: { en: 'Customers', lt: 'Pirkėjai' }[language], exact: true }).tap();
  await page.locator('input[name=customer-search]').fill('Gintar');
  await page.getByRole('button', { name: new RegExp(goldName) }).first().tap();
  const card = page.getByTestId('customer-card');
  await expect.poll(() => card.getByTestId('customer-revenue').innerText()).toBe(money(await netRevenue({ customerId: gold })));
  expect(await card.getByTestId('customer-basis').innerText()).toContain({ en: 'net of returns', lt: 'atėmus grąžinimus' }[language]);
  expect(await card.locator('canvas').count()).toBe(2);
  expect(await card.getByTestId('customer-categories').locator('tbody tr').count()).toBe(3);
  await office.screenshot(`73-net-customer-${language}-768`);
}

describe('net figures in the back office on a portrait tablet', () => {
  it('shows the reports with net revenue, VAT by rate, walk-in sales apart, charts and the Z as printed, in English', async () => {
    await reports('en');
  });

  it('shows the customer card on one basis with its charts, in English', async () => {
    await customerCard('en');
  });

  it('shows the same in Lithuanian, written the Lithuanian way', async () => {
    await page.locator('header select[name=language]').selectOption('lt');
    await expect.poll(() => page.locator('nav').innerText()).toContain('Sandėlis');
    await reports('lt');
    await customerCard('lt');
  });
});
