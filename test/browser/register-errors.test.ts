import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';
import { ru } from '../../shared/i18n/ru.ts';

// The server refuses in English (for its logs and API users) and names the refusal by a code; the
// register shows that code's text in the cashier's language, filled with the refusal's details.

let server: TestServer;
let browser: Browser;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  server = await startTestServer({ uiDir: UI_DIR });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
  page.setDefaultTimeout(10_000);
  register = new RegisterPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a Russian cashier reads the server’s refusals in Russian', () => {
  it('a misread barcode and an unknown receipt number', async () => {
    await register.open(server.url);
    await page.getByRole('button', { name: 'Русский' }).click();
    await register.login('anna', '3333');
    await register.openShift('50');

    await register.scan('4779999999999');
    const badDigit = ru.errors['invalid-check-digit'].replace('{code}', '4779999999999');
    await expect.poll(() => register.notice.innerText()).toBe(badDigit);
    await register.screenshot('register-errors-1-check-digit-ru');

    await register.key('F1');
    const dialog = register.dialog();
    await register.typeInto('receipt-number', 'R9-9999-9999');
    await register.key('Enter');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toBe(ru.errors['sale-not-found'].replace('{number}', 'R9-9999-9999'));
    expect(await page.locator('body').innerText()).not.toMatch(/Bad check digit|No receipt|No sale/);
    await register.screenshot('register-errors-2-no-receipt-ru');
  });
});
