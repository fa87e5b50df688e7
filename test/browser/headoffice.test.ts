import type { Browser, Page } from 'playwright-core';
import { launchChromium, requireBuiltUi, SHOTS, UI_DIR } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import type { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { addHeadOfficeUser } from './pages/head-office-page.ts';

// Head office's owner on a tablet: signs in, sees every outlet's sales and link, adds an outlet and
// revokes it. Real PostgreSQL, a real outlet pushing, headless Chromium.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let cashier: ApiClient;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  requireBuiltUi('headoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice);
  const token = await headOffice.addOutlet('VLN-1');
  outlet = await startTestServer({ outletCode: 'VLN-1', headOffice: { url: headOffice.url, token, intervalMs: 50, maxBackoffMs: 300 } });
  cashier = await outlet.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB', timezoneId: 'Europe/Vilnius' });
  page.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

const row = (code: string) => page.locator(`tr[data-outlet="${code}"]`);

describe('head office in the browser', () => {
  it('signs in only with the right password', async () => {
    await page.goto(`${headOffice.url}/headoffice-ui/`);
    await page.getByLabel('Login').fill('hanna');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/Wrong login or password/);
    await page.getByLabel('Password').fill('head-office-pass');
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await expect.poll(() => page.locator('header').innerText()).toContain('Hanna Head');
  });

  it('shows what the outlet sold, to the cent, and that it is in touch', async () => {
    await sellSimpleSales(outlet.db, cashier, 5);
    await expect.poll(async () => (await cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000 }).toBe(0);
    const own = (await outlet.db.sale.aggregate({ where: { kind: 'sale' }, _sum: { total: true } }))._sum.total!;
    await page.getByLabel('From').fill('2000-01-01'); // and reload the figures
    await expect.poll(() => row('VLN-1').getByTestId('outlet-total').innerText(), { timeout: 20_000 }).toBe(formatMoney(own, 'EUR', 'en-GB'));
    await expect.poll(() => page.getByTestId('chain-total').innerText()).toBe(formatMoney(own, 'EUR', 'en-GB'));
    expect(await row('VLN-1').innerText()).toContain('in touch');
    await page.screenshot({ path: `${SHOTS}/40-head-office-chain.png`, fullPage: true });
  });

  it('finds a product and shows its stock at each outlet', async () => {
    const vat = newId();
    const tea = newId();
    await headOffice.admin.put(`/api/head-office/master/tax-rate/${vat}`, { code: 'HO-VAT9', name: 'VAT 9 %', rateBp: 900 });
    await headOffice.admin.put(`/api/head-office/master/product/${tea}`, { sku: 'HO-TEA', name: 'Green tea 100 g', taxRateId: vat, price: 450 });
    await expect.poll(async () => (await outlet.db.product.findUnique({ where: { id: tea } }))?.sku, { timeout: 15_000 }).toBe('HO-TEA');
    const manager = await outlet.login('manager', '2222');
    expect((await manager.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: tea, quantityMilli: 7000, unitCost: 200 }] })).status).toBe(201);
    await expect.poll(async () => (await cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000 }).toBe(0);
    // The stock panel's Find (the own-price panel has one for single products too).
    const stockFind = page.locator('form').filter({ has: page.getByLabel('SKU, barcode or name') }).getByRole('button', { name: 'Find' });
    await page.getByLabel('SKU, barcode or name').fill('green tea');
    await stockFind.tap();
    await expect.poll(() => page.locator('tr[data-product="HO-TEA"] [data-outlet-stock="VLN-1"]').innerText()).toBe('7');
    const sent = await manager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'KNS-1', lines: [{ productId: tea, quantityMilli: 2000 }] });
    expect(sent.status).toBe(201);
    await expect.poll(async () => (await cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000 }).toBe(0);
    await page.getByLabel('From').fill('2000-01-02'); // reload the figures
    await expect.poll(() => page.locator(`tr[data-transfer="${sent.body.number}"]`).innerText()).toMatch(/VLN-1 → KNS-1[\s\S]*in transit/);
    await stockFind.tap();
    await expect.poll(() => page.locator('tr[data-product="HO-TEA"] [data-outlet-stock="VLN-1"]').innerText()).toBe('5');
  });

  it('adds an outlet, whose credential works at once, and revokes it', async () => {
    await page.getByLabel('Code', { exact: true }).fill('KNS-1');
    await page.getByLabel('Name', { exact: true }).fill('Kaunas, Laisvės al. 1');
    await page.getByRole('button', { name: 'Add', exact: true }).tap();
    const token = await page.getByTestId('issued-token').innerText();
    expect(token.length).toBeGreaterThan(30);
    const pull = () => fetch(`${headOffice.url}/api/sync/pull?after=0`, { headers: { authorization: `Bearer ${token}` } });
    expect((await pull()).status).toBe(200);
    await expect.poll(() => row('KNS-1').innerText()).toContain('Kaunas');
    await page.screenshot({ path: `${SHOTS}/41-head-office-outlet-added.png`, fullPage: true });
    page.once('dialog', (dialog) => void dialog.accept());
    await row('KNS-1').getByRole('button', { name: 'Revoke' }).tap();
    await expect.poll(() => row('KNS-1').innerText()).toContain('no credential');
    expect((await pull()).status).toBe(401);
  });

  it('speaks Lithuanian on a tablet held upright', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.getByLabel('Language').selectOption('lt');
    await expect.poll(() => page.getByRole('heading', { name: 'Parduotuvės', exact: true }).count()).toBe(1);
    expect(await row('VLN-1').innerText()).toContain('ryšys yra');
    await page.screenshot({ path: `${SHOTS}/42-head-office-lt-768.png`, fullPage: true });
  });
});
