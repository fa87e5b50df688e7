import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { requireBuiltUi, SHOTS, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';
import { addHeadOfficeUser, signInToHeadOffice } from './pages/head-office-page.ts';

// On a 768×1024 tablet, by touch: head office's manager lets outlet A1 set its own prices within
// 20 % of the chain's, and A1's manager sets the price of a chain product in its otherwise
// read-only product form. Real PostgreSQL head office, a real outlet pulling from it.

const VAT = newId();
const TEA = newId();

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let session: BackOfficeSession | undefined;
let hq: Page;
let page: Page;
let office: BackOfficePage;

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice);
  expect((await headOffice.admin.put(`/api/head-office/master/tax-rate/${VAT}`, { code: 'OP-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await headOffice.admin.put(`/api/head-office/master/product/${TEA}`, { sku: 'OP-TEA', name: 'Chain green tea', taxRateId: VAT, price: 250, cost: 100 })).status).toBe(204);
  const token = await headOffice.addOutlet('A1');
  outlet = await startTestServer({ outletCode: 'A1', uiDir: UI_DIR, headOffice: { url: headOffice.url, token, intervalMs: 50, maxBackoffMs: 300 } });
  session = await openBackOffice({ timeoutMs: 20_000 });
  ({ page, office } = session);
  hq = await (await session.browser.newContext(TABLET_UPRIGHT)).newPage();
  hq.setDefaultTimeout(20_000);
}, 90_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await hq?.screenshot({ path: `${SHOTS}/failed-own-price-hq.png`, fullPage: true });
  await page?.screenshot({ path: `${SHOTS}/failed-own-price.png`, fullPage: true });
});

afterAll(async () => {
  await session?.close();
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

async function pulledEverything() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  const manager = await outlet.login('owner', '1111');
  await expect.poll(async () => (await manager.get('/api/sync/status')).body.masterDataCursor, { timeout: 30_000, interval: 100 }).toBeGreaterThanOrEqual(rows[0].seq);
}

describe('an outlet’s own price on a tablet', () => {
  it('head office allows it, and the outlet sets the price in its read-only product form', async () => {
    await signInToHeadOffice(hq, headOffice.url);
    const panel = hq.getByTestId('own-prices');
    await panel.locator('select[name=outlet]').selectOption('A1');
    await panel.locator('select[name=bound]').selectOption('within-percent');
    await panel.locator('input[name=percent]').tap();
    await hq.keyboard.press('ControlOrMeta+A');
    await hq.keyboard.type('20');
    await panel.locator('button[name=saveOwnPrices]').tap();
    await panel.getByRole('status').waitFor();
    await expect.poll(() => panel.getByTestId('own-price-settings').innerText()).toContain('within ±20 % of the chain price');
    await hq.screenshot({ path: `${SHOTS}/own-price-head-office.png`, fullPage: true });
    expect((await headOffice.db.prisma.ownPricePermission.findMany()).map((p) => [p.allowed, p.bound, p.percentBp])).toEqual([[true, 'within-percent', 2000]]);

    await pulledEverything();
    await office.open(outlet.url);
    await office.signIn('manager', 'manager-demo-pass');
    await office.section('Products').tap();
    await page.getByTestId('product-list').locator('tr[data-sku="OP-TEA"]').getByRole('button', { name: 'Chain green tea' }).tap();
    const own = page.getByTestId('own-price');
    await expect.poll(() => own.innerText()).toContain('Within 20 % either way of the chain price');
    expect(await page.getByTestId('product-form').locator('input[name=name]').isDisabled()).toBe(true);
    await office.type('[data-testid=own-price] input[name=own-price]', '3.10');
    await own.locator('button[name=set-own-price]').tap();
    await expect.poll(() => own.innerText()).toMatch(/own-price-outside-bound|outside what head office allows/);
    await office.type('[data-testid=own-price] input[name=own-price]', '2.75');
    await own.locator('button[name=set-own-price]').tap();
    await own.getByRole('status').waitFor();
    await page.screenshot({ path: `${SHOTS}/own-price-form.png`, fullPage: true });
    expect((await outlet.db.product.findUniqueOrThrow({ where: { id: TEA } })).price).toBe(275);
    await expect.poll(async () => (await headOffice.db.prisma.outletPrice.findMany()).map((o) => [o.productId, o.price, o.setByOutlet]), { timeout: 30_000 }).toEqual([[TEA, 275, true]]);
  });
});
