import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';

// A long sale on a 1024×768 tablet: the cart scrolls by itself so that the line just scanned, or the
// one the arrow keys moved to, is shown whole, below the cart's header row that stays on top, and
// only the cart scrolls (the page around it stays where it is).

const UI_DIR = path.resolve('dist/ui');
const LINES = 30;

let server: TestServer;
let browser: Browser;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  if (!fs.existsSync(path.join(UI_DIR, 'pos-ui', 'index.html'))) throw new Error('Build the UI first: npm run build');
  fs.mkdirSync('test/browser/screenshots', { recursive: true });
  server = await startTestServer({ uiDir: UI_DIR, productCount: 200 });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  register = new RegisterPage(page);
}, 60_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await register?.screenshot(`failed-cart-scroll-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Where the cart row with this number (1-based) is, measured on the screen: wholly in the part of
 * the cart not covered by its header row, partly, or not at all. Also how far the page itself has scrolled.
 */
function rowShown(n: number): Promise<{ shown: 'whole' | 'partly' | 'hidden'; pageScrolled: number }> {
  return page.evaluate((n) => {
    const body = document.querySelector('[data-testid="cart"]')!;
    const scroller = body.closest('.cart')!.getBoundingClientRect();
    // The header cells stick to the top of the cart (the header row itself scrolls away).
    const header = body.closest('table')!.querySelector('thead th')!.getBoundingClientRect();
    const row = body.querySelectorAll('tr')[n - 1].getBoundingClientRect();
    const top = Math.max(scroller.top, header.bottom);
    const shown = row.top >= top - 1 && row.bottom <= scroller.bottom + 1 ? 'whole' : row.bottom > top && row.top < scroller.bottom ? 'partly' : 'hidden';
    return { shown, pageScrolled: (document.scrollingElement ?? document.documentElement).scrollTop };
  }, n);
}

describe('a long sale on a 1024×768 tablet', () => {
  it(`shows each line just scanned whole, up to the ${LINES}th, and only the cart scrolls`, async () => {
    const products = await server.db.product.findMany({
      where: { unit: 'piece', kind: 'goods', plu: null, active: true, barcodes: { some: {} } },
      include: { barcodes: true },
      orderBy: { sku: 'asc' },
      take: LINES,
    });
    expect(products).toHaveLength(LINES);
    await register.open(server.url);
    await register.login('anna', '3333');
    await register.openShift('0');
    for (const [i, product] of products.entries()) {
      await register.scan(product.barcodes[0].code);
      await expect.poll(() => register.rowCount()).toBe(i + 1);
      await expect.poll(() => rowShown(i + 1), { message: `line ${i + 1} just scanned` }).toEqual({ shown: 'whole', pageScrolled: 0 });
    }
    // The cart does overflow: its first line is out of sight now.
    expect((await rowShown(1)).shown).toBe('hidden');
    await register.screenshot('cart-scroll-30-lines-1024x768');
  }, 180_000);

  it('shows an old line whole, below the header row, when the arrow keys move to it, and the new last line again on the way back', async () => {
    for (let n = LINES - 1; n >= 1; n--) {
      await register.key('ArrowUp');
      await expect.poll(() => page.getByTestId('cart').locator('tr.selected td.n').innerText()).toBe(String(n));
      await expect.poll(() => rowShown(n), { message: `line ${n} selected with ArrowUp` }).toEqual({ shown: 'whole', pageScrolled: 0 });
    }
    expect((await rowShown(LINES)).shown).toBe('hidden');
    await register.screenshot('cart-scroll-first-line-selected-1024x768');
    for (let i = 1; i < LINES; i++) await register.key('ArrowDown');
    await expect.poll(() => page.getByTestId('cart').locator('tr.selected td.n').innerText()).toBe(String(LINES));
    await expect.poll(() => rowShown(LINES)).toEqual({ shown: 'whole', pageScrolled: 0 });
    await register.expectFocus('scan-field');
  }, 120_000);
});
