import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import { launchChromium, requireBuiltUi, SHOTS, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';
import { addHeadOfficeUser, signInToHeadOffice } from './pages/head-office-page.ts';

// Head office's manager on a 768×1024 tablet, by touch: makes a product with a variant and its
// barcode, gives one outlet a price of its own for that variant, and the outlet pulls it and sells
// it at the register at that price. Then the catalogue pages in English and Russian. Real
// PostgreSQL, a real outlet pulling from it, headless Chromium for both.

const VAT = newId();

/** GS1's check digit, written out here rather than taken from the code under test. */
function gs1(data: string): string {
  const sum = [...data].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return data + String((10 - (sum % 10)) % 10);
}
const HOODIE_M = gs1('479300000001');

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let browser: Browser;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  requireBuiltUi('headoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice);
  expect((await headOffice.admin.put(`/api/head-office/master/tax-rate/${VAT}`, { code: 'HQ-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  const token = await headOffice.addOutlet('VLN-1');
  await headOffice.addOutlet('KNS-1');
  outlet = await startTestServer({ outletCode: 'VLN-1', uiDir: UI_DIR, headOffice: { url: headOffice.url, token, intervalMs: 50, maxBackoffMs: 300 } });
  browser = await launchChromium();
  page = await (await browser.newContext(TABLET_UPRIGHT)).newPage();
  page.setDefaultTimeout(15_000);
  const registerPage = await (await browser.newContext(TABLET_UPRIGHT)).newPage();
  registerPage.setDefaultTimeout(15_000);
  register = new RegisterPage(registerPage);
}, 60_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await page?.screenshot({ path: `${SHOTS}/failed-headoffice-catalogue.png`, fullPage: true });
  await register?.page.screenshot({ path: `${SHOTS}/failed-headoffice-catalogue-register.png` });
});

afterAll(async () => {
  await browser?.close();
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

const form = () => page.getByTestId('product-form');
const tab = (name: string) => page.locator('nav').getByRole('button', { name, exact: true });

describe("head office's catalogue on a tablet", () => {
  let variantM: string;

  it('makes a product with variants and a barcode, and gives one outlet its own price for a variant', async () => {
    await signInToHeadOffice(page, headOffice.url);
    await tab('Products').tap();
    await page.locator('button[name=new-product]').tap();
    await form().locator('input[name=name]').fill('Chain hoodie');
    await form().locator('input[name=sku]').fill('HQ-HOOD');
    await form().locator('input[name=price]').fill('30.00');
    await form().locator('input[name=cost]').fill('12.00');
    await form().locator('button[name=add-option]').tap();
    await form().locator('input[name=option-0-name]').fill('Size');
    await form().locator('input[name=option-0-values]').fill('S, M');
    await form().locator('button[name=make-variants]').tap();
    await expect.poll(() => form().getByTestId('variants').locator('tbody tr').count()).toBe(2);
    // A wrong check digit first: refused, the field marked, nothing stored.
    const wrong = HOODIE_M.slice(0, 12) + ((Number(HOODIE_M[12]) + 1) % 10);
    await form().locator('input[name=variant-1-barcode]').fill(wrong);
    await form().locator('button[name=save]').tap();
    await expect.poll(() => form().getByRole('alert').innerText()).toContain(`Barcode ${wrong} is not valid`);
    expect(await form().locator('input[name=variant-1-barcode]').getAttribute('aria-invalid')).toBe('true');
    expect(await headOffice.db.prisma.product.count()).toBe(0);

    await form().locator('input[name=variant-1-barcode]').fill(HOODIE_M);
    await form().locator('input[name=variant-1-price]').fill('32.00');
    await form().locator('button[name=save]').tap();
    await expect.poll(() => form().getByRole('status').innerText()).toContain('Saved');
    const stored = await headOffice.db.prisma.product.findUniqueOrThrow({ where: { sku: 'HQ-HOOD-M' }, include: { barcodes: true } });
    expect(stored).toMatchObject({ name: 'Chain hoodie M', price: 3200, cost: 1200, kind: 'goods' });
    expect(stored.barcodes.map((b) => b.code)).toEqual([HOODIE_M]);
    variantM = stored.id;

    const prices = form().getByTestId('outlet-prices');
    await prices.locator(`input[name="own-VLN-1-${variantM}"]`).fill('27.50');
    await prices.locator(`button[name="set-VLN-1-${variantM}"]`).tap();
    await expect.poll(() => form().getByRole('status').innerText()).toContain('VLN-1');
    expect(await headOffice.db.prisma.outletPrice.findMany({ select: { productId: true, price: true } })).toEqual([{ productId: variantM, price: 2750 }]);
    await page.screenshot({ path: `${SHOTS}/headoffice-catalogue-en-product-form.png`, fullPage: true });
  });

  it('reaches the outlet by its pull and sells there at the register at the outlet’s own price', async () => {
    await expect.poll(async () => (await outlet.db.product.findUnique({ where: { id: variantM } }))?.price ?? null, { timeout: 20_000, interval: 100 }).toBe(2750);
    await register.open(outlet.url);
    await register.login('anna', '3333');
    await register.openShift('0');
    await register.scan(HOODIE_M);
    await expect.poll(() => register.cartRows.first().innerText()).toContain('Chain hoodie M');
    await expect.poll(() => register.total.innerText()).toBe(formatMoney(2750, 'EUR', 'en'));
    await register.key('F12');
    await register.typeInto('tendered', '30.00');
    await register.key('Enter');
    await register.page.getByTestId('paid').waitFor();
    const sale = await outlet.db.sale.findFirstOrThrow({ include: { lines: true } });
    expect(sale.total).toBe(2750);
    expect(sale.lines.map((l) => [l.productId, l.unitPrice])).toEqual([[variantM, 2750]]);
  });

  it('shows the catalogue pages in English and Russian', async () => {
    for (const locale of ['en', 'ru'] as const) {
      await page.locator('header select[name=language]').selectOption(locale);
      const names = locale === 'en' ? ['Products', 'Categories', 'Suppliers'] : ['Товары', 'Категории', 'Поставщики'];
      await tab(names[0]).tap();
      await page.getByTestId('product-list').locator('tr[data-sku="HQ-HOOD"]').waitFor();
      await page.screenshot({ path: `${SHOTS}/headoffice-catalogue-${locale}-products.png`, fullPage: true });
      await page.getByTestId('product-list').getByRole('button', { name: 'Chain hoodie' }).tap();
      await form().getByTestId('variants').waitFor();
      await page.screenshot({ path: `${SHOTS}/headoffice-catalogue-${locale}-product.png`, fullPage: true });
      await tab(names[1]).tap();
      await page.locator('input[name=category-name]').fill(locale === 'en' ? 'Clothes' : 'Одежда');
      await page.locator('input[name=category-name]').press('Enter');
      await page.getByTestId('category-tree').locator(`li[data-category="${locale === 'en' ? 'Clothes' : 'Одежда'}"]`).waitFor();
      await page.screenshot({ path: `${SHOTS}/headoffice-catalogue-${locale}-categories.png`, fullPage: true });
      await tab(names[2]).tap();
      await page.locator('button[name=new-supplier]').tap();
      await page.getByTestId('supplier-form').locator('input[name=code]').fill(`HQ-SUP-${locale}`);
      await page.getByTestId('supplier-form').locator('input[name=name]').fill(locale === 'en' ? 'Textile Ltd' : 'Текстиль');
      await page.getByTestId('supplier-form').locator('button[name=save]').tap();
      await page.getByTestId('supplier-list').locator(`tr[data-code="HQ-SUP-${locale}"]`).waitFor();
      await page.screenshot({ path: `${SHOTS}/headoffice-catalogue-${locale}-suppliers.png`, fullPage: true });
      expect(await page.locator('nav').innerText()).toContain(names[2]);
    }
    expect(await headOffice.db.prisma.supplier.count()).toBe(2);
    expect(await headOffice.db.prisma.category.count()).toBe(2);
  });
});
