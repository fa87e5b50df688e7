import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (playwright-core never downloads one here); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where `npm run build` puts the UIs the test servers serve. */
export const UI_DIR = path.resolve('dist/ui');
/** Where browser tests leave the screenshots a person looks at. */
export const SHOTS = 'test/browser/screenshots';

/** A tablet held upright and used by touch. */
export const TABLET_UPRIGHT: BrowserContextOptions = { viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true, locale: 'en-GB' };
/** A tablet on its side, used by touch. */
export const TABLET_LANDSCAPE: BrowserContextOptions = { viewport: { width: 1180, height: 820 }, hasTouch: true, locale: 'en-GB' };

/** Stops the file at once when the UI it opens was not built, and makes the screenshots' folder. */
export function requireBuiltUi(ui: 'pos-ui' | 'backoffice-ui' | 'headoffice-ui'): void {
  if (!fs.existsSync(path.join(UI_DIR, ui, 'index.html'))) throw new Error('Build the UI first: npm run build');
  fs.mkdirSync(SHOTS, { recursive: true });
}

/** Headless Chromium with the flags these machines need (see shared/docs/toolchain.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Nothing scrolls sideways: the page is no wider than the window, and each table `tables` selects
 * is no wider than itself shows nor than its frame (a `.scroll` box) shows. At least one must be there.
 */
export async function expectNothingScrollsSideways(page: Page, tables: string): Promise<void> {
  const widths = await page.evaluate((selector) => ({
    page: document.documentElement.scrollWidth,
    innerWidth,
    tables: [...document.querySelectorAll(selector)].map((t) => ({ table: t.scrollWidth, tableClient: t.clientWidth, frame: t.parentElement!.scrollWidth, frameClient: t.parentElement!.clientWidth })),
  }), tables);
  const seen = JSON.stringify(widths);
  expect(widths.page, seen).toBeLessThanOrEqual(widths.innerWidth);
  expect(widths.tables.length, seen).toBeGreaterThan(0);
  for (const t of widths.tables) {
    expect(t.table, seen).toBeLessThanOrEqual(t.tableClient);
    expect(t.frame, seen).toBeLessThanOrEqual(t.frameClient);
  }
}
