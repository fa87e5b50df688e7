import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money.ts';
import { expectNothingScrollsSideways, requireBuiltUi, SHOTS, UI_DIR } from '../support/browser.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// "Sales and margin" on a tablet held upright (768×1024), in Russian and Lithuanian, whose words
// are long: the page does not scroll sideways and every figure of every row is on screen.

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
/** What each product sold for, VAT included, from the sales this test made. */
const soldFor = new Map<string, number>();

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 60 });
  const manager = await server.login('manager', '2222', 'R1');
  expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  const rows = await server.db.product.findMany({ where: { kind: 'goods', unit: 'piece', plu: null, price: { gt: 100 } }, orderBy: { sku: 'asc' }, take: 4 });
  const products = await Promise.all(rows.map(async (r) => (await findProducts(manager, r.sku)).find((p) => p.id === r.id)!));
  for (let i = 0; i < 2; i++) {
    const { request } = await buildSale(manager, products.map((p, n) => ({ product: p, quantityMilli: (n + 1 + i) * 1000 })));
    const sold = await manager.post<any>('/api/sales', request);
    expect(sold.status).toBe(201);
    for (const l of sold.body.lines) soldFor.set(l.productId, (soldFor.get(l.productId) ?? 0) + l.amount);
  }
  session = await openBackOffice({ device: { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' }, timeoutMs: 10_000 });
  ({ page, office } = session);
  await office.open(server.url);
  await office.signIn('manager', 'manager-demo-pass');
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Cells of the sales report not wholly on screen sideways (out of the window or cut by their frame). */
function cutCells(): Promise<string[]> {
  return page.evaluate(() => {
    const table = document.querySelector('[data-testid=sales-report]')!;
    const frame = table.parentElement!.getBoundingClientRect();
    const right = Math.min(frame.right, document.documentElement.clientWidth);
    return [...table.querySelectorAll('td, th')]
      .filter((c) => c.getClientRects().length > 0 && (c.textContent ?? '').trim() !== '')
      .map((c) => ({ text: (c.textContent ?? '').trim(), box: c.getBoundingClientRect() }))
      .filter(({ box }) => box.left < frame.left - 1 || box.right > right + 1)
      .map(({ text, box }) => `"${text}" ${Math.round(box.left)}–${Math.round(box.right)} in ${Math.round(frame.left)}–${Math.round(right)}`);
  });
}

const WORDS = { ru: { reports: 'Отчёты', show: 'Показать', nav: 'Склад' }, lt: { reports: 'Ataskaitos', show: 'Rodyti', nav: 'Sandėlis' } } as const;

describe('sales and margin on a portrait tablet', () => {
  for (const language of ['ru', 'lt'] as const) {
    it(`fits 768 px in ${language} with every figure on screen`, async () => {
      const words = WORDS[language];
      await page.locator('header select[name=language]').selectOption(language);
      await expect.poll(() => page.locator('nav').innerText()).toContain(words.nav);
      await page.getByRole('navigation').getByRole('link', { name: words.reports, exact: true }).tap();
      await page.locator('select[name=report-group]').selectOption('product');
      await page.getByRole('button', { name: words.show, exact: true }).tap();
      const table = page.getByTestId('sales-report');
      await expect.poll(() => table.locator('tbody tr').count()).toBe(soldFor.size);
      const text = await table.innerText();
      for (const amount of soldFor.values()) expect(text).toContain(formatMoney(amount, 'EUR', language));
      expect(text).toContain(formatMoney([...soldFor.values()].reduce((a, b) => a + b, 0), 'EUR', language));
      const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, client: document.scrollingElement!.clientWidth }));
      expect(widths.scroll, JSON.stringify(widths)).toBeLessThanOrEqual(widths.client);
      await expectNothingScrollsSideways(page, '[data-testid=sales-report]');
      expect(await cutCells()).toEqual([]);
      await table.scrollIntoViewIfNeeded();
      await office.screenshot(`sales-report-${language}-768x1024`);
      await table.screenshot({ path: `${SHOTS}/sales-report-table-${language}-768x1024.png` });
    });
  }
});
