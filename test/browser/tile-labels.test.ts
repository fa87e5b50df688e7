import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';

// Product tiles whose names end in a bracketed size or kind, and category tiles with their count: on
// both tablets no line of a tile's text holds only punctuation (a ")" or "(" left by itself), measured from the text's line boxes.

const NAMES = [
  'Milk 2.5% (1 l)',
  'Молоко 2,5% (пастеризованное)',
  'Кефир 1% (ультрапастеризованный)',
  'Сливки 10% (стерилизованные)',
  'Pienas 2,5 % (pasterizuotas)',
  'Lapte 3,5% (pasteurizat)',
  'Йогурт (клубничный)',
  'Сметана 20% (фермерская)',
  'Ряжанка 4% (0,5 l)',
  'Vanduo (negazuotas)',
];
const SIZES = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

let server: TestServer;
let browser: Browser;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 60 });
  const products = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', active: true }, orderBy: { sku: 'asc' }, take: NAMES.length });
  for (const [i, p] of products.entries()) await server.db.product.update({ where: { id: p.id }, data: { name: NAMES[i] } });
  const manager = await server.login('manager', '2222', 'R2');
  const categories = await server.db.category.findMany({ where: { products: { some: { active: true } } }, orderBy: { code: 'asc' }, take: 3 });
  const tiles = [...products.map((p) => ({ productId: p.id, colour: null })), ...categories.map((c) => ({ categoryId: c.id }))];
  expect((await manager.put('/api/registers/R1/tiles', { tiles })).status).toBe(200);
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: SIZES[0], hasTouch: true, locale: 'en-GB' })).newPage();
  page.setDefaultTimeout(15_000);
  register = new RegisterPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Each tile text's lines as drawn (a product's name; a category's name and count): its characters grouped by the top of the line box each stands in. */
function tileLines(): Promise<{ name: string; lines: string[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid=product-tile] .name, [data-testid=category-tile] .name, [data-testid=category-tile] .price')].map((el) => {
      const lines = new Map<number, string>();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const box = [...range.getClientRects()].find((r) => r.width > 0);
          if (!box) continue;
          const top = [...lines.keys()].find((t) => Math.abs(t - box.top) < 3) ?? Math.round(box.top);
          lines.set(top, (lines.get(top) ?? '') + text[i]);
        }
      }
      return { name: el.textContent ?? '', lines: [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line.trim()) };
    }),
  );
}

describe('product tiles with bracketed names', () => {
  it('wrap with no line of punctuation alone, on both tablets, in Romanian (whose counts are long: "20 de articole ›")', async () => {
    await page.addInitScript(() => localStorage.setItem('till.locale', 'ro'));
    await register.open(server.url);
    await register.login('anna', '3333');
    await register.openShift('0');
    await expect.poll(() => page.getByTestId('product-tile').count()).toBe(NAMES.length);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const tiles = await tileLines();
      expect(tiles.map((t) => t.name)).toEqual(expect.arrayContaining(NAMES));
      expect(tiles).toHaveLength(NAMES.length + 3 * 2);
      // Some names do wrap here: the check is not empty.
      expect(tiles.some((t) => t.lines.length > 1), `${size.width}: ${JSON.stringify(tiles)}`).toBe(true);
      const lonePunctuation = tiles.filter((t) => t.lines.some((line) => /^[\p{P}\p{S}\s]+$/u.test(line)));
      expect(lonePunctuation, `${size.width}×${size.height}`).toEqual([]);
      await register.screenshot(`tile-labels-${size.width}x${size.height}`);
    }
  });
});
