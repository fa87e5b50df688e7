import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireBuiltUi, TABLET_LANDSCAPE, UI_DIR } from '../support/browser.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BackOfficePage } from './pages/backoffice-page.ts';
import { zh as officeZh } from '../../backoffice-ui/src/i18n/zh.ts';

// Chinese on a machine without a Chinese font (this one has none: `fc-list :lang=zh` is empty):
// each UI brings its own, and Chromium says which font painted a heading's glyphs, so text that
// is in the page but drawn as empty boxes fails. A Latin page fetches only the subsets its few Chinese
// characters (the language picker's) fall in.

const BUNDLED = 'Noto Sans SC Variable';
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 20 });
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await headOffice?.close();
  await database?.drop();
});

/** A page whose language is remembered as `locale` before it loads, and the font files it fetched. */
async function openIn(locale: string, storageKey: string) {
  const page = await browser.newPage(TABLET_LANDSCAPE);
  page.setDefaultTimeout(15_000);
  await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [storageKey, locale]);
  const fontFiles: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.woff2')) fontFiles.push(request.url());
  });
  return { page, fontFiles };
}

/** The fonts Chromium painted an element's text with, and how many glyphs each drew. */
async function paintedFonts(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

/** Waits until every Chinese character of the element is drawn by the bundled font. */
async function expectDrawnByBundledFont(page: Page, selector: string): Promise<void> {
  const text = await page.locator(selector).first().innerText();
  const chinese = [...text].filter((c) => /\p{Script=Han}/u.test(c)).length;
  expect(chinese, `${selector} holds Chinese`).toBeGreaterThan(1);
  await expect
    .poll(async () => (await paintedFonts(page, selector)).filter((f) => f.isCustomFont && f.familyName.startsWith('Noto Sans SC')).reduce((n, f) => n + f.glyphCount, 0), {
      message: `glyphs of "${text}" drawn by ${BUNDLED}`,
    })
    .toBeGreaterThanOrEqual(chinese);
  // No Chinese character fell to a system font (there is none: it would be the empty box).
  const others = (await paintedFonts(page, selector)).filter((f) => !f.isCustomFont);
  const latin = [...text].filter((c) => !/\p{Script=Han}/u.test(c) && c.trim()).length;
  expect(others.reduce((n, f) => n + f.glyphCount, 0)).toBeLessThanOrEqual(latin);
}

describe('Chinese in every UI on a machine without a Chinese font', () => {
  it('the back office draws a Chinese page’s heading with its own font, fetched only for Chinese', async () => {
    const english = await openIn('en', 'till.backoffice.locale');
    await english.page.goto(`${server.url}/backoffice-ui/`);
    await expect.poll(() => english.page.locator('h1').innerText()).toMatch(/\w/);
    await english.page.evaluate(() => document.fonts.ready);
    // Its only Chinese is the language picker's 简体中文: at most a subset for each of its four characters.
    expect(english.fontFiles.filter((url) => url.includes('noto-sans-sc')).length, 'Chinese subsets an English page fetches').toBeLessThanOrEqual(4);
    await english.page.close();

    const { page, fontFiles } = await openIn('zh', 'till.backoffice.locale');
    const office = new BackOfficePage(page);
    await office.open(server.url);
    await office.signInTyping('owner', 'owner-demo-pass');
    await page.goto(`${server.url}/backoffice-ui/#/customers`);
    await expect.poll(() => office.heading().innerText()).toContain(officeZh['Customers']);
    await expectDrawnByBundledFont(page, 'main h1');
    await expectDrawnByBundledFont(page, 'nav a:first-of-type');
    // Only the subsets the page's characters fall in, not the whole font (about a hundred files).
    const subsets = fontFiles.filter((url) => url.includes('noto-sans-sc'));
    expect(subsets.length).toBeGreaterThan(0);
    expect(subsets.length).toBeLessThan(40);
    await office.screenshot('50-backoffice-customers-zh-font');
    await page.close();
  });

  it('head office draws its Chinese sign-in with its own font', async () => {
    const { page } = await openIn('zh', 'till.headoffice.locale');
    await page.goto(`${headOffice.url}/headoffice-ui/`);
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/\p{Script=Han}/u);
    await expectDrawnByBundledFont(page, 'h1');
    await page.screenshot({ path: 'test/browser/screenshots/51-headoffice-sign-in-zh-font.png' });
    await page.close();
  });

  it('the register draws its Chinese sign-in with its own font', async () => {
    const { page } = await openIn('zh', 'till.locale');
    await page.goto(`${server.url}/pos-ui/`);
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/\p{Script=Han}/u);
    await expectDrawnByBundledFont(page, 'h1');
    await page.close();
  });
});
