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
// read-only product form. Real PostgreSQL head office, a real outlet pulling from it. Head office's
// browser keeps Toronto's clock (its time zone is the browser's), the outlet Vilnius's.

const VAT = newId();
const TEA = newId();
const [HATS, SHIRT, SHIRT_S, SHIRT_M, HAT, HAT_ONE, MUG] = Array.from({ length: 7 }, () => newId());
const HQ_ZONE = 'America/Toronto';

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
  hq = await (await session.browser.newContext({ ...TABLET_UPRIGHT, timezoneId: HQ_ZONE })).newPage();
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

/** Taps a head-office field and types into it, as a person does. */
async function typeAtHq(field: ReturnType<Page['locator']>, text: string) {
  await field.tap();
  await hq.keyboard.press('ControlOrMeta+A');
  await hq.keyboard.type(text);
}

/** The instant a wall-clock time ("2026-12-04T09:30") names in a time zone, worked out from the zone's offset as Intl names it ("GMT-05:00"). */
function instantIn(zone: string, local: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  const name = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(asUtc)).find((p) => p.type === 'timeZoneName')!.value;
  const [, sign, hours, minutes] = /GMT([+-])(\d\d):(\d\d)/.exec(name) ?? ['', '+', '00', '00'];
  const offsetMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * 60_000;
  return new Date(asUtc - offsetMs).toISOString();
}

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
  }, 90_000);

  it('the outlet sets its own price of each variant of a product it may price; a product with variants it may not is read-only (English, then Lithuanian)', async () => {
    const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
    const family = (sku: string, categoryId: string | null) => ({ sku, name: sku === 'OP-SHIRT' ? 'Chain shirt' : 'Chain hat', categoryId, taxRateId: VAT, price: 1000, cost: 400, kind: 'family', options: [{ name: 'Size', values: ['S', 'M'] }] });
    const variant = (parentId: string, sku: string, categoryId: string | null, value: string, price: number) => ({ sku, name: sku, categoryId, taxRateId: VAT, price, cost: 400, parentId, optionValues: [value] });
    expect((await put('category', HATS, { code: 'OP-HATS', name: 'Hats' })).status).toBe(204);
    expect((await put('product', SHIRT, family('OP-SHIRT', null))).status).toBe(204);
    expect((await put('product', SHIRT_S, variant(SHIRT, 'OP-SHIRT-S', null, 'S', 1000))).status).toBe(204);
    expect((await put('product', SHIRT_M, variant(SHIRT, 'OP-SHIRT-M', null, 'M', 1200))).status).toBe(204);
    expect((await put('product', HAT, family('OP-HAT', HATS))).status).toBe(204);
    expect((await put('product', HAT_ONE, variant(HAT, 'OP-HAT-S', HATS, 'S', 1500))).status).toBe(204);
    // A1 may price everything within 20 % (the test above) but hats.
    expect((await headOffice.admin.put('/api/head-office/outlets/A1/own-prices', { categoryId: HATS, allowed: false })).status).toBe(204);
    await pulledEverything();

    await page.getByTestId('product-form').locator('button[name=cancel]').tap();
    await office.type('input[name=product-search]', 'Chain');
    await page.getByTestId('product-list').locator('tr[data-sku="OP-SHIRT"]').getByRole('button', { name: 'Chain shirt' }).tap();
    const own = page.getByTestId('own-price');
    await expect.poll(() => own.innerText()).toContain('set its own price of each variant of this product');
    const rows = own.getByTestId('own-variant-prices').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).innerText()).toContain('Within 20 % either way of the chain price');
    expect(await page.getByTestId('product-form').locator('input[name=variant-price-0]').isDisabled()).toBe(true);
    // S is 10.00 at the chain: 12.50 is more than 20 % above.
    await office.type('[data-testid=own-price] input[name=own-price-0]', '12.50');
    await own.locator('button[name=set-own-price]').tap();
    await expect.poll(() => rows.nth(0).innerText()).toContain('outside what head office allows');
    // The refused price has the focus, to be typed again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('own-price-0');
    await page.screenshot({ path: `${SHOTS}/own-price-variants-refused.png`, fullPage: true });
    expect((await outlet.db.product.findMany({ where: { parentId: SHIRT }, orderBy: { sku: 'asc' } })).map((p) => [p.sku, p.price])).toEqual([['OP-SHIRT-M', 1200], ['OP-SHIRT-S', 1000]]);

    await office.type('[data-testid=own-price] input[name=own-price-0]', '11.50');
    await own.locator('button[name=set-own-price]').tap();
    await own.getByRole('status').waitFor();
    await page.screenshot({ path: `${SHOTS}/own-price-variants-set.png`, fullPage: true });
    expect((await outlet.db.product.findMany({ where: { parentId: SHIRT }, orderBy: { sku: 'asc' } })).map((p) => [p.sku, p.price])).toEqual([['OP-SHIRT-M', 1200], ['OP-SHIRT-S', 1150]]);
    await expect.poll(async () => (await headOffice.db.prisma.outletPrice.findMany({ where: { productId: { in: [SHIRT, SHIRT_S, SHIRT_M] } } })).map((o) => [o.productId, o.price, o.setByOutlet]), { timeout: 30_000 }).toEqual([[SHIRT_S, 1150, true]]);

    // M's own price from a moment next year: typed into the panel's From, segment by segment; M sells at 12.00 until then.
    await office.type('[data-testid=own-price] input[name=own-price-1]', '13.00');
    const year = new Date().getFullYear() + 1;
    await own.locator('input[name=own-price-from]').tap({ position: { x: 12, y: 12 } });
    await page.keyboard.type(`0115${year}`);
    await page.keyboard.press('ArrowRight'); // the year takes up to six digits: on to the hour
    await page.keyboard.type('1000A');
    expect(await own.locator('input[name=own-price-from]').inputValue()).toBe(`${year}-01-15T10:00`);
    await own.locator('button[name=set-own-price]').tap();
    await own.getByRole('status').waitFor();
    await expect.poll(() => rows.nth(1).innerText()).toContain('13.00');
    await page.screenshot({ path: `${SHOTS}/own-price-variants-from.png`, fullPage: true });
    // Read in the outlet's time zone, Vilnius: UTC+2 in January.
    const moment = `${year}-01-15T08:00:00.000Z`;
    expect(await rows.nth(1).innerText()).toContain(`15/01/${year}, 10:00`);
    expect((await outlet.db.product.findMany({ where: { parentId: SHIRT }, orderBy: { sku: 'asc' } })).map((p) => [p.sku, p.price])).toEqual([['OP-SHIRT-M', 1200], ['OP-SHIRT-S', 1150]]);
    expect((await outlet.db.priceChange.findMany({ where: { productId: SHIRT_M, appliedAt: null } })).map((c) => [c.price, c.effectiveAt.toISOString(), c.ownPrice])).toEqual([[1300, moment, true]]);

    // In Lithuanian: the hat is head office's, shown read-only with no own price; the shirt's panel in Lithuanian.
    await page.locator('header select[name=language]').selectOption('lt');
    await page.getByTestId('product-form').locator('button[name=cancel]').tap();
    await page.getByTestId('product-list').locator('tr[data-sku="OP-HAT"]').getByRole('button', { name: 'Chain hat' }).tap();
    const form = page.getByTestId('product-form');
    await expect.poll(() => form.innerText()).toContain('Katalogą tvarko centrinė būstinė');
    expect(await own.count()).toBe(0);
    expect(await form.locator('input[name=variant-price-0]').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/own-price-variants-read-only-lt.png`, fullPage: true });
    await form.locator('button[name=cancel]').tap();
    await page.getByTestId('product-list').locator('tr[data-sku="OP-SHIRT"]').getByRole('button', { name: 'Chain shirt' }).tap();
    await expect.poll(() => own.innerText()).toContain('kiekvieno šios prekės varianto kainą');
    await page.screenshot({ path: `${SHOTS}/own-price-variants-lt.png`, fullPage: true });
  }, 90_000);

  it('head office lets A1 price one hat (its category may not) and withdraws that again; the outlet’s form follows each pull', async () => {
    const products = hq.getByTestId('own-price-products');
    // A search finding more than a page shows ten, and the rest on "More".
    for (let i = 1; i <= 12; i++) expect((await headOffice.admin.put(`/api/head-office/master/product/${newId()}`, { sku: `OP-CAP-${String(i).padStart(2, '0')}`, name: `Chain cap ${i}`, taxRateId: VAT, price: 900 })).status).toBe(204);
    await typeAtHq(products.locator('input[name=own-price-product-search]'), 'chain cap');
    await products.locator('button[name=find-own-price-product]').tap();
    const results = products.getByTestId('own-price-product-results').getByRole('button');
    await expect.poll(() => results.count()).toBe(10);
    await products.locator('button[name=more-own-price-products]').tap();
    await expect.poll(() => results.count()).toBe(12);
    expect((await results.allInnerTexts()).map((text) => text.split(' · ')[1]).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `OP-CAP-${String(i + 1).padStart(2, '0')}`));
    expect(await products.locator('button[name=more-own-price-products]').count()).toBe(0);

    await typeAtHq(products.locator('input[name=own-price-product-search]'), 'OP-HAT');
    await products.locator('button[name=find-own-price-product]').tap();
    await products.getByTestId('own-price-product-results').getByRole('button', { name: /Chain hat/ }).tap();
    await products.locator('input[name=productAllowed][value=yes]').tap();
    // 0 % is no bound head office takes: refused, by its code, in English.
    await products.locator('select[name=productBound]').selectOption('within-percent');
    await typeAtHq(products.locator('input[name=productPercent]'), '0');
    await products.locator('button[name=saveProductPermission]').tap();
    await expect.poll(() => products.getByRole('alert').innerText()).toContain('Some of what was entered is not valid');
    expect(await headOffice.db.prisma.ownPriceProductPermission.count()).toBe(0);
    await products.locator('select[name=productBound]').selectOption('not-below-cost');
    await products.locator('button[name=saveProductPermission]').tap();
    await products.getByRole('status').waitFor();
    const list = products.getByTestId('own-price-product-settings');
    await expect.poll(() => list.innerText()).toContain('Chain hat');
    expect(await list.innerText()).toContain('not below cost');
    await products.screenshot({ path: `${SHOTS}/own-price-product-head-office.png` });
    expect((await headOffice.db.prisma.ownPriceProductPermission.findMany()).map((p) => [p.productId, p.allowed, p.bound, p.percentBp])).toEqual([[HAT, true, 'not-below-cost', null]]);

    // The outlet, after its pull: the hat's variant has a price field of its own.
    await pulledEverything();
    await page.locator('header select[name=language]').selectOption('en');
    await page.getByTestId('product-form').locator('button[name=cancel]').tap();
    await page.getByTestId('product-list').locator('tr[data-sku="OP-HAT"]').getByRole('button', { name: 'Chain hat' }).tap();
    const own = page.getByTestId('own-price');
    await expect.poll(() => own.innerText()).toContain('set its own price of each variant of this product');
    expect(await own.locator('input[name=own-price-0]').isEditable()).toBe(true);
    expect(await own.innerText()).toContain('Not below cost');
    await page.screenshot({ path: `${SHOTS}/own-price-product-outlet.png`, fullPage: true });

    // In Russian at head office, then withdrawn there: the hat follows its category again.
    await hq.locator('header select[name=language]').selectOption('ru');
    await expect.poll(() => products.innerText()).toContain('не ниже себестоимости');
    await products.screenshot({ path: `${SHOTS}/own-price-product-head-office-ru.png` });
    await list.locator('button[name="withdraw-OP-HAT"]').tap();
    await expect.poll(() => list.innerText()).not.toContain('Chain hat');
    expect((await headOffice.db.prisma.ownPriceProductPermission.findMany()).map((p) => [p.productId, p.allowed])).toEqual([[HAT, null]]);
    await hq.locator('header select[name=language]').selectOption('en');

    await pulledEverything();
    await page.getByTestId('product-form').locator('button[name=cancel]').tap();
    await page.getByTestId('product-list').locator('tr[data-sku="OP-HAT"]').getByRole('button', { name: 'Chain hat' }).tap();
    await expect.poll(() => page.getByTestId('product-form').innerText()).toContain('Head office owns this catalogue');
    expect(await own.count()).toBe(0);
  }, 90_000);

  it('head office changes a chain price from tomorrow morning in its product form: today’s price stays, the change waits at the moment typed', async () => {
    expect((await headOffice.admin.put(`/api/head-office/master/product/${MUG}`, { sku: 'OP-MUG', name: 'Chain mug', taxRateId: VAT, price: 500, cost: 200 })).status).toBe(204);
    await hq.getByRole('navigation').getByRole('button', { name: 'Products' }).tap();
    await typeAtHq(hq.locator('input[name=product-search]'), 'OP-MUG');
    await hq.keyboard.press('Enter');
    await hq.getByTestId('product-list').locator('tr[data-sku="OP-MUG"]').getByRole('button', { name: 'Chain mug' }).tap();
    const form = hq.getByTestId('product-form');
    await expect.poll(() => form.locator('input[name=price]').inputValue()).toBe('5.00');
    await typeAtHq(form.locator('input[name=price]'), '6.40');

    // Tomorrow 09:30 on head office's clock (Toronto), typed segment by segment as headless Chromium lays the field out (month, day, year, hour, minute, AM/PM).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: HQ_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const [year, month, day] = tomorrow.split('-');
    // Yesterday first: head office refuses a moment that has passed, and the field is marked.
    const [yYear, yMonth, yDay] = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10).split('-');
    await form.locator('input[name=priceFrom]').tap({ position: { x: 12, y: 12 } });
    await hq.keyboard.type(`${yMonth}${yDay}${yYear}`);
    await hq.keyboard.press('ArrowRight');
    await hq.keyboard.type('0930A');
    await form.locator('button[name=save]').tap();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain('That moment has passed');
    expect(await form.locator('input[name=priceFrom]').getAttribute('aria-invalid')).toBe('true');
    expect(await headOffice.db.prisma.priceChange.count({ where: { productId: MUG, appliedAt: null } })).toBe(0);
    await form.locator('input[name=priceFrom]').tap({ position: { x: 12, y: 12 } });
    await hq.keyboard.type(`${month}${day}${year}`);
    await hq.keyboard.press('ArrowRight'); // the year takes up to six digits: on to the hour
    await hq.keyboard.type('0930A');
    expect(await form.locator('input[name=priceFrom]').inputValue()).toBe(`${tomorrow}T09:30`);
    await form.locator('button[name=save]').tap();
    await form.getByRole('status').waitFor();

    const pending = form.getByTestId('pending-prices');
    await expect.poll(() => pending.innerText()).toContain(`${day}/${month}/${year}, 09:30`);
    expect(await pending.innerText()).toContain('6.40');
    // The form shows the price in force: still today's.
    expect(await form.locator('input[name=price]').inputValue()).toBe('5.00');
    await pending.scrollIntoViewIfNeeded();
    await hq.screenshot({ path: `${SHOTS}/chain-price-from-head-office.png`, fullPage: true });

    expect((await headOffice.db.prisma.product.findUniqueOrThrow({ where: { id: MUG } })).price).toBe(500);
    const moment = instantIn(HQ_ZONE, `${tomorrow}T09:30`);
    expect((await headOffice.db.prisma.priceChange.findMany({ where: { productId: MUG, appliedAt: null } })).map((c) => [c.price, c.effectiveAt.toISOString()])).toEqual([[640, moment]]);
    const shown = (await headOffice.admin.get(`/api/head-office/products/${MUG}`)).body;
    expect([shown.price, shown.priceChanges.map((c: { from: string; price: number }) => [c.price, c.from])]).toEqual([500, [[640, moment]]]);

    await hq.locator('header select[name=language]').selectOption('lt');
    await expect.poll(() => form.innerText()).toContain('Suplanuotos kainos');
    // The saved notice is said again in the language chosen after saving.
    expect(await form.getByRole('status').innerText()).toBe('Išsaugota: parduotuvės tai gaus kito sinchronizavimo metu.');
    await hq.screenshot({ path: `${SHOTS}/chain-price-from-head-office-lt.png`, fullPage: true });
    await hq.locator('header select[name=language]').selectOption('en');

    // The outlet gets the scheduled price; head office withdraws it before its time by a tap, and the outlet drops it.
    await pulledEverything();
    expect((await outlet.db.priceChange.findMany({ where: { productId: MUG, appliedAt: null } })).map((c) => [c.price, c.effectiveAt.toISOString()])).toEqual([[640, moment]]);
    const [waiting] = await headOffice.db.prisma.priceChange.findMany({ where: { productId: MUG, appliedAt: null } });
    await form.getByTestId('pending-prices').locator(`button[name=withdraw-price-${waiting.id}]`).tap();
    await expect.poll(() => form.getByRole('status').innerText()).toBe('Withdrawn: outlets drop that price by their next pull.');
    expect(await form.getByTestId('pending-prices').count()).toBe(0);
    expect(await headOffice.db.prisma.priceChange.count({ where: { productId: MUG, appliedAt: null } })).toBe(0);
    expect((await headOffice.db.prisma.product.findUniqueOrThrow({ where: { id: MUG } })).price).toBe(500);
    await hq.screenshot({ path: `${SHOTS}/chain-price-withdrawn-head-office.png`, fullPage: true });
    await pulledEverything();
    expect(await outlet.db.priceChange.count({ where: { productId: MUG, appliedAt: null } })).toBe(0);
    expect((await outlet.db.product.findUniqueOrThrow({ where: { id: MUG } })).price).toBe(500);
    // A second withdrawal of the same change is refused by its code.
    const again = await headOffice.admin.request('DELETE', `/api/head-office/price-changes/${waiting.id}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'price-change-not-found']);
  }, 90_000);
});
