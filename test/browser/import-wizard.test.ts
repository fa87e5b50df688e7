import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltUi, TABLET_LANDSCAPE, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// The import wizard on a tablet, driven by touch and the keyboard as an owner drives it: the sheet
// of a workbook, the file's category values mapped in the value table, the update rule, and a
// wrong encoding seen in the preview and put right, in English and in Russian.
let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR });
  session = await openBackOffice({ device: TABLET_LANDSCAPE, timeoutMs: 10_000 });
  ({ page, office } = session);
  await office.open(server.url);
  await office.signIn('manager', 'manager-demo-pass');
  await page.locator('header').first().getByText('Max Manager').waitFor();
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

const wizard = () => page.getByTestId('import-wizard');
/** Picks an option of a select with the keyboard: arrow down as many times as it takes, as on a tablet's keyboard. */
async function pickByKeys(select: Locator, wanted: string) {
  await select.tap();
  await select.press('Escape');
  for (let i = 0; i < 40 && (await select.inputValue()) !== wanted; i++) await select.press('ArrowDown');
  expect(await select.inputValue()).toBe(wanted);
}

describe('the customer import wizard', () => {
  it('reads the chosen sheet, maps category values through the value table, and imports by the rule chosen', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Pastabos').addRow(['Eksportuota iš senos programos']);
    const sheet = workbook.addWorksheet('Klientai');
    sheet.addRow(['Vardas', 'Pavardė', 'Telefonas', 'Kortelės Nr.', 'Kategorija', 'Gimimo data']);
    const rows: [string, string, string, string, string, Date][] = [
      ['Žydrūnė', 'Kazlauskienė', '8 612 50001', '9960000000017', 'Pensininkė', new Date(Date.UTC(1950, 4, 1))],
      ['芳', '王', '+86 138 0013 8005', '9960000000024', '金卡', new Date(Date.UTC(1985, 5, 1))],
      ['Ольга', 'Ёлкина', '+7 912 500 00 03', '9960000000031', 'Золотая', new Date(Date.UTC(1970, 0, 31))],
    ];
    for (const row of rows) sheet.addRow(row).getCell(6).numFmt = 'yyyy-mm-dd';
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).tap();
    await page.getByRole('button', { name: 'Import…' }).tap();
    await page.locator('input[name=import-file]').setInputFiles({ name: 'klientai.xlsx', mimeType: 'application/octet-stream', buffer: file });
    await expect.poll(() => wizard().innerText()).toContain('Eksportuota iš senos programos');

    await pickByKeys(page.locator('select[name=import-sheet]'), 'Klientai');
    await expect.poll(() => wizard().innerText()).toContain('Kazlauskienė');
    expect(await page.locator('select[name=map-firstName]').inputValue()).toBe('Vardas');
    expect(await page.locator('select[name=map-category]').inputValue()).toBe('Kategorija');
    expect(await page.locator('select[name=import-date-format] option').first().innerText()).toMatch(/as found/);

    const values = page.getByTestId('import-category-values');
    await expect.poll(() => values.innerText()).toContain('Pensininkė');
    await pickByKeys(page.locator('select[name="category-value-Pensininkė"]'), 'pensioner');
    await pickByKeys(page.locator('select[name="category-value-金卡"]'), 'gold');
    await pickByKeys(page.locator('select[name="category-value-Золотая"]'), 'gold');
    await pickByKeys(page.locator('select[name=import-update-rule]'), 'fill-empty');

    await page.getByRole('button', { name: 'Check (dry run)' }).tap();
    await expect.poll(() => page.getByTestId('import-report').innerText()).toContain('Would create 3');
    await office.screenshot('40-import-wizard-sheet-and-values-en');
    await page.getByRole('button', { name: 'Import', exact: true }).tap();
    await expect.poll(() => page.getByTestId('import-report').innerText()).toContain('Created 3');

    const imported = await server.db.customer.findMany({ where: { cards: { some: { code: { startsWith: '996000000' } } } }, include: { category: true }, orderBy: { name: 'asc' } });
    expect(imported.map((c) => [c.name, c.phone, c.birthday, c.category?.code])).toEqual([
      ['Žydrūnė Kazlauskienė', '+37061250001', '1950-05-01', 'pensioner'],
      ['Ольга Ёлкина', '+79125000003', '1970-01-31', 'gold'],
      ['王芳', '+8613800138005', '1985-06-01', 'gold'],
    ]);
  });

  it('in Russian, shows a wrong encoding in the preview, and the file as it is in the right one, with the rows that cannot be read', async () => {
    await pickByKeys(page.locator('header select[name=language]'), 'ru');
    await expect.poll(() => page.locator('body').innerText()).toContain('Покупатели');
    const text = ['ФИО;Телефон;Дисконтная карта', 'Петров Сергей;+7 912 500 00 04;9961000000016', '"Сломанная строка;+7 912 500 00 05;9961000000023', 'Сидорова Анна;+7 912 500 00 06;9961000000030'].join('\r\n');
    const file = iconv.encode(text, 'koi8-r');
    await page.locator('input[name=import-file]').setInputFiles({ name: 'klienty.csv', mimeType: 'text/csv', buffer: file });
    await expect.poll(() => wizard().innerText()).toContain('Петров Сергей');
    await expect.poll(() => page.getByTestId('import-malformed').innerText()).toContain('Строка 3');

    await pickByKeys(page.locator('select[name=import-encoding]'), 'windows-1251');
    await expect.poll(() => wizard().innerText()).not.toContain('Петров Сергей');
    expect(await wizard().innerText()).toContain(iconv.decode(iconv.encode('Петров Сергей', 'koi8-r'), 'windows-1251'));
    await office.screenshot('41-import-wizard-wrong-encoding-ru');

    await pickByKeys(page.locator('select[name=import-encoding]'), 'koi8-r');
    await expect.poll(() => wizard().innerText()).toContain('Петров Сергей');
    await page.getByRole('button', { name: /пробн|Проверить/i }).tap();
    await expect.poll(() => page.getByTestId('import-report').innerText()).toMatch(/2/);
    await office.screenshot('42-import-wizard-right-encoding-ru');
  });
});
