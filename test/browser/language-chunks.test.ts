import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, TABLET_LANDSCAPE, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BackOfficePage } from './pages/backoffice-page.ts';
import { lt as sharedLt } from '../../shared/i18n/lt.ts';
import { lt as officeLt } from '../../backoffice-ui/src/i18n/lt.ts';
import { lt as registerLt } from '../../pos-ui/src/i18n/lt.ts';

// Each UI downloads the texts of the language it shows, not all six: an English page fetches no
// other language's catalogue; choosing Lithuanian fetches the Lithuanian ones (the UI's own and the
// server texts'), and the page, the server's names and its refusals are then Lithuanian.

const OTHER_LANGUAGE = /\/assets\/(ru|uk|ro|lt|zh)-[\w-]+\.js$/;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 20 });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function englishPage(): Promise<{ page: Page; scripts: string[] }> {
  const page = await browser.newPage(TABLET_LANDSCAPE);
  page.setDefaultTimeout(15_000);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
  });
  return { page, scripts };
}

const languagesFetched = (scripts: string[]) => [...new Set(scripts.filter((s) => OTHER_LANGUAGE.test(s)).map((s) => s.match(OTHER_LANGUAGE)![1]))];

describe('a UI downloads only the language it shows', () => {
  it('the back office in English fetches no other language; switched to Lithuanian, it fetches and speaks Lithuanian only', async () => {
    const { page, scripts } = await englishPage();
    const office = new BackOfficePage(page);
    await office.open(server.url);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Back office');
    expect(languagesFetched(scripts)).toEqual([]);

    await page.locator('select[name=language]').selectOption('lt');
    await expect.poll(() => page.locator('h1').innerText()).toBe(officeLt['Back office']);
    expect(scripts.filter((s) => OTHER_LANGUAGE.test(s)), 'the back office’s and the server texts’ Lithuanian').toHaveLength(2);
    expect(languagesFetched(scripts)).toEqual(['lt']);

    await office.signInTyping('owner', 'owner-demo-pass');
    // The role's name comes from the server texts' catalogue, fetched with the language.
    await expect.poll(() => page.locator('header').innerText()).toContain(sharedLt.names['role.owner']);
    expect(languagesFetched(scripts)).toEqual(['lt']);
    await page.close();
  });

  it('the register in English fetches no other language; a tap on Lietuvių fetches Lithuanian only', async () => {
    const { page, scripts } = await englishPage();
    await page.goto(`${server.url}/pos-ui/`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Sign in to the register');
    expect(languagesFetched(scripts)).toEqual([]);
    await page.getByRole('navigation').getByRole('button', { name: 'Lietuvių' }).tap();
    await expect.poll(() => page.locator('h1').innerText()).toBe(registerLt['Sign in to the register']);
    expect(languagesFetched(scripts)).toEqual(['lt']);
    await page.close();
  });
});
