import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (playwright-core never downloads one here); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
