import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireBuiltUi, SHOTS, UI_DIR } from '../support/browser.ts';
import { buildSale } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BackOfficePage } from './pages/backoffice-page.ts';
import { RegisterPage } from './pages/register-page.ts';
import { addHeadOfficeUser, HANNA, signInToHeadOffice } from './pages/head-office-page.ts';

// The built UIs under the servers' Content-Security-Policy, in headless Chromium: a cashier sells,
// the customer display follows, an owner walks through every back-office section, head office
// signs in. Every violation the browser reports, and every uncaught error, is collected; none may
// occur. Then a page on another origin tries to frame each UI.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let browser: Browser;
let context: BrowserContext;
const problems: string[] = [];

/** Every securitypolicyviolation event in any page or frame of the context, and every page error. */
async function watchForViolations(target: BrowserContext): Promise<void> {
  await target.exposeBinding('reportViolation', ({ frame }, text: string) => problems.push(`${frame.url()}: ${text}`));
  await target.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => (window as unknown as { reportViolation(text: string): void }).reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`),
      true,
    );
  });
  target.on('page', (page) => page.on('pageerror', (err) => problems.push(`${page.url()}: ${err.message}`)));
}

/** Opens a UI page and checks the policy came with it. */
async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy'] ?? 'no policy').toMatch(/frame-ancestors 'none'/);
}

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice);
  outlet = await startTestServer({ uiDir: UI_DIR });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', hasTouch: true });
  await watchForViolations(context);
}, 60_000);

afterEach(async (test) => {
  // A failed step leaves a picture of every open page.
  if (test.task.result?.state !== 'fail') return;
  for (const [i, page] of context.pages().entries()) await page.screenshot({ path: `${SHOTS}/failed-csp-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}-${i}.png` });
});

afterAll(async () => {
  await browser?.close();
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe('the UIs under the Content-Security-Policy', () => {
  it('the register sells for cash while the customer display follows, with no violation', async () => {
    const display = await context.newPage();
    await open(display, `${outlet.url}/pos-ui/display.html?register=R1`);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const register = new RegisterPage(page);
    await open(page, `${outlet.url}/pos-ui/?register=R1`);
    await register.login('anna', '3333');
    await register.openShift('50.00');
    const product = await outlet.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: {} } }, include: { barcodes: true } });
    await register.scan(product.barcodes[0].code);
    // The first scan on a busy machine (two cores shared with other suites) can take a while.
    await expect.poll(() => register.rowCount(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => display.getByTestId('customer-display').innerText()).toContain(product.name);
    await register.key('F12');
    await register.typeInto('tendered', '100');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.screenshot('60-register-under-csp');
    expect(problems).toEqual([]);
  });

  it('the back office shows every section, a customer with their spend chart and the report charts, with no violation', async () => {
    const card = await outlet.db.customerCard.findFirstOrThrow({ include: { customer: true } });
    const cashier = await outlet.login('boris', '4444', 'R2');
    await cashier.post('/api/shifts', { openingFloat: 0 });
    const customer = (await cashier.get(`/api/scan/${card.code}`)).body.customer;
    const [row] = await outlet.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 1 });
    const product = (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
    const { request } = await buildSale(cashier, [{ product, quantityMilli: 1000 }], { customer });
    expect((await cashier.post('/api/sales', request)).status).toBe(201);

    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const office = new BackOfficePage(page);
    await open(page, `${outlet.url}/backoffice-ui/`);
    await office.signIn('owner', 'owner-demo-pass');
    const sections = page.getByRole('navigation').getByRole('link');
    await expect.poll(() => sections.count()).toBeGreaterThan(8);
    for (const name of await sections.allInnerTexts()) {
      await sections.filter({ hasText: name }).first().tap();
      await expect.poll(() => page.locator('main').innerText()).not.toBe('');
    }
    await sections.filter({ hasText: 'Customers' }).tap();
    await page.locator('input[name=customer-search]').fill(card.code);
    await page.getByRole('button', { name: new RegExp(card.customer.name) }).first().tap();
    await expect.poll(() => page.getByTestId('customer-card').locator('canvas').count()).toBe(2);
    await sections.filter({ hasText: 'Reports' }).tap();
    await expect.poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
    await office.screenshot('61-backoffice-under-csp');
    expect(problems).toEqual([]);
  });

  it('head office signs in and shows the chain, with no violation', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await open(page, `${headOffice.url}/headoffice-ui/`);
    await signInToHeadOffice(page, headOffice.url, HANNA, false);
    await expect.poll(() => page.locator('header').innerText()).toContain('Hanna Head');
    await page.screenshot({ path: `${SHOTS}/62-head-office-under-csp.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it('reports what it forbids: an inline style injected into the back office is refused', async () => {
    const page = await context.newPage();
    await open(page, `${outlet.url}/backoffice-ui/`);
    const applied = await page.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 7px solid rgb(255, 0, 0); }';
      document.head.append(style);
      return getComputedStyle(document.body).outlineWidth;
    });
    expect(applied).not.toBe('7px');
    await expect.poll(() => problems.length).toBe(1);
    expect(problems[0]).toMatch(/style-src.* blocked inline/);
    problems.length = 0;
  });

  it('no page on another origin can frame the UIs', async () => {
    const page = await context.newPage();
    const uis = [`${outlet.url}/backoffice-ui/`, `${outlet.url}/pos-ui/?register=R1`, `${headOffice.url}/headoffice-ui/`];
    // about:blank is another origin than any of them.
    await page.setContent(uis.map((url) => `<iframe src="${url}" width="400" height="300"></iframe>`).join(''), { waitUntil: 'load' });
    const frames = page.frames().filter((frame) => frame !== page.mainFrame());
    expect(frames).toHaveLength(uis.length);
    for (const frame of frames) {
      expect(uis).not.toContain(frame.url());
      expect(await frame.locator('input').count()).toBe(0);
    }
  });
});
