import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { launchChromium, requireBuiltUi, SHOTS, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { addHeadOfficeUser, signInToHeadOffice } from './pages/head-office-page.ts';

// Head office's manager on a 768×1024 tablet, by touch, imports a price list written in
// Windows-1251: the preview reads it, a dry run lists the refused line by its number and field, and
// nothing is imported until the file is mended; the mended file is checked and imported, and the
// new prices are head office's. Real PostgreSQL, headless Chromium.

const VAT = newId();
const TEA = newId();

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let browser: Browser;
let page: Page;

const csv = (lines: string[]) => ({ name: 'прайс.csv', mimeType: 'text/csv', buffer: iconv.encode(lines.join('\r\n'), 'windows-1251') });

beforeAll(async () => {
  requireBuiltUi('headoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice);
  expect((await headOffice.admin.put(`/api/head-office/master/tax-rate/${VAT}`, { code: 'HQ-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await headOffice.admin.put(`/api/head-office/master/product/${TEA}`, { sku: 'HQ-TEA', name: 'Black tea', taxRateId: VAT, price: 300 })).status).toBe(204);
  await headOffice.addOutlet('VLN-1');
  browser = await launchChromium();
  page = await (await browser.newContext(TABLET_UPRIGHT)).newPage();
  page.setDefaultTimeout(15_000);
}, 60_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  await page?.screenshot({ path: `${SHOTS}/failed-headoffice-price-list.png`, fullPage: true });
});

afterAll(async () => {
  await browser?.close();
  await headOffice?.close();
  await database?.drop();
});

const wizard = () => page.getByTestId('price-list-import');

describe('a price list imported at head office on a tablet', () => {
  it('previews a Windows-1251 file, lists the refused line, imports nothing until it is mended, then imports it', async () => {
    await signInToHeadOffice(page, headOffice.url);
    await page.locator('nav').getByRole('button', { name: 'Products', exact: true }).tap();
    await page.locator('button[name=import-price-list]').tap();

    const header = 'Артикул;Наименование;Цена;НДС;Магазин';
    await wizard().locator('input[name=price-list-file]').setInputFiles(csv([header, 'HQ-TEA;;3,40;;', 'HQ-GREEN;Чай зелёный;abc;21;', 'HQ-TEA;;3,10;;VLN-1']));
    await expect.poll(() => wizard().getByTestId('price-list-reading').textContent()).toContain('windows-1251');
    await expect.poll(() => wizard().locator('table').textContent()).toContain('Чай зелёный');
    expect(await wizard().locator('select[name=map-outlet]').inputValue()).toBe('Магазин');
    await wizard().locator('button[name=dry-run]').tap();
    await expect.poll(() => wizard().getByTestId('price-list-rejected').textContent()).toContain('Line 3: price');
    expect(await wizard().locator('button[name=import]').isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/headoffice-price-list-refused.png`, fullPage: true });

    await wizard().locator('input[name=price-list-file]').setInputFiles(csv([header, 'HQ-TEA;;3,40;;', 'HQ-GREEN;Чай зелёный;4,20;21;', 'HQ-TEA;;3,10;;VLN-1']));
    await wizard().locator('button[name=dry-run]').tap();
    await expect.poll(() => wizard().getByTestId('price-list-report').textContent()).toContain('Would create 1 · update 1 · set 1 outlet price ·');
    await wizard().locator('button[name=import]').tap();
    await expect.poll(() => wizard().getByTestId('price-list-report').textContent()).toContain('Created 1 · updated 1 · outlet prices 1');
    await page.screenshot({ path: `${SHOTS}/headoffice-price-list-imported.png`, fullPage: true });

    const { prisma } = headOffice.db;
    expect((await prisma.product.findUniqueOrThrow({ where: { id: TEA } })).price).toBe(340);
    expect(await prisma.product.findUniqueOrThrow({ where: { sku: 'HQ-GREEN' } })).toMatchObject({ name: 'Чай зелёный', price: 420 });
    expect((await prisma.outletPrice.findMany({ where: { productId: TEA } })).map((o) => o.price)).toEqual([310]);
  });

  it('lists the import with who made it, and undoes it: a product changed since is named and put back only when ticked', async () => {
    const history = page.getByTestId('price-list-history');
    await expect.poll(() => history.getByTestId('price-list-import-row').first().textContent()).toContain('Hanna Head');
    expect(await history.locator('th').allTextContents()).toEqual(['When', 'Who', 'File', 'Encoding', '', '']);
    expect(await history.getByTestId('price-list-import-row').first().textContent()).toContain('прайс.csv');
    expect(await history.getByTestId('price-list-import-row').first().textContent()).toContain('windows-1251');
    // The tea's price is changed again after the import.
    expect((await headOffice.admin.put(`/api/head-office/master/product/${TEA}`, { sku: 'HQ-TEA', name: 'Black tea', taxRateId: VAT, price: 355 })).status).toBe(204);

    await history.locator('button[name=undo-import]').first().tap();
    const preview = page.getByTestId('price-list-undo-preview');
    await expect.poll(() => preview.textContent()).toContain('HQ-TEA');
    expect(await preview.textContent()).toContain('VLN-1');
    expect(await preview.textContent()).toContain('Undoing puts back, as before the import: 0 prices, the data of 0 products; and archives 1 product it created.');
    await page.screenshot({ path: `${SHOTS}/headoffice-price-list-undo-preview.png`, fullPage: true });
    await preview.locator('input[name=restore-changed]').tap();
    await preview.locator('button[name=confirm-undo]').tap();
    await expect.poll(() => history.getByTestId('price-list-undone').textContent()).toContain('Put back: 2 prices, the data of 1 product; archived: 1 product.');
    await expect.poll(() => history.getByTestId('price-list-import-row').first().textContent()).toContain('Undone');
    expect(await history.locator('button[name=undo-import]').count()).toBe(0);
    // Every heading and the undone mark are seen whole, on the tablet upright and lying.
    for (const size of [{ width: 768, height: 1024 }, { width: 1024, height: 768 }]) {
      await page.setViewportSize(size);
      const box = (await history.boundingBox())!;
      for (const cell of [...(await history.locator('th').all()), history.getByTestId('price-list-import-row').first().locator('td').last()]) {
        const { x, width } = (await cell.boundingBox())!;
        expect(x, await cell.textContent() ?? '').toBeGreaterThanOrEqual(box.x - 0.5);
        expect(x + width, await cell.textContent() ?? '').toBeLessThanOrEqual(box.x + box.width + 0.5);
      }
      await page.screenshot({ path: `${SHOTS}/headoffice-price-list-undone-${size.width}.png`, fullPage: true });
    }
    await page.setViewportSize(TABLET_UPRIGHT.viewport!);

    const { prisma } = headOffice.db;
    expect((await prisma.product.findUniqueOrThrow({ where: { id: TEA } })).price).toBe(300);
    expect(await prisma.outletPrice.count({ where: { productId: TEA } })).toBe(0);
    expect(await prisma.product.findUniqueOrThrow({ where: { sku: 'HQ-GREEN' } })).toMatchObject({ price: 420, active: false });
  });
});
