import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../shared/receipt-labels.ts';
import { SmtpSender } from '../../server/campaigns/senders.ts';
import { en } from '../../shared/i18n/en.ts';
import { ro } from '../../shared/i18n/ro.ts';
import { formatMoney } from '../../shared/money.ts';
import { launchChromium, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';

// A cashier registers a Romanian customer at the till (F3, keys typed), sells to them, and taps
// "E-mail receipt" on "Paid": the receipt arrives in Romanian at the real SMTP test server.

let server: TestServer;
let smtp: MailServer;
let browser: Browser;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  smtp = await startMailServer();
  server = await startTestServer({
    uiDir: UI_DIR,
    messaging: { email: new SmtpSender(`${smtp.url}?ignoreTLS=true`, 'Till Demo Market <shop@example.com>'), sms: null, publicUrl: 'http://shop.test' },
    campaignIntervalMs: 100,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, hasTouch: true, locale: 'en-GB' });
  page.setDefaultTimeout(15_000);
  register = new RegisterPage(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

describe('a receipt e-mailed from the register', () => {
  it('goes to a customer registered at the till, in the language chosen for them', async () => {
    await register.open(server.url);
    await register.login('anna', '3333');
    await register.openShift('50');

    await register.key('F3');
    const dialog = register.dialog();
    await register.expectFocus('customer-search');
    await register.tabTo(dialog.getByRole('button', { name: 'New customer' }));
    await register.key('Enter');
    await register.typeInto('customer-name', 'Maria Popescu');
    await register.key('Tab');
    await register.typeInto('customer-phone', '+373 600 55 555');
    await register.key('Tab');
    await register.typeInto('customer-email', 'maria@example.com');
    await register.key('Tab');
    await register.expectFocus('customer-locale');
    // A closed list takes the first letters of a choice, as a person types them.
    await page.keyboard.type('Rom');
    await expect.poll(() => dialog.locator('select[name="customer-locale"]').inputValue()).toBe('ro');
    // Tab stays inside the dialog: past Save and the close key, round to the first field.
    await register.key('Tab');
    await register.key('Tab');
    await register.key('Tab');
    expect(await register.keyboardIn(dialog)).toBe('first field');
    await register.screenshot('receipt-mail-1-new-customer');
    await dialog.getByRole('button', { name: /Save/ }).tap();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await register.expectFocus('scan-field');
    const customer = await server.db.customer.findFirstOrThrow({ where: { name: 'Maria Popescu' } });
    expect(customer).toMatchObject({ phone: '+37360055555', email: 'maria@example.com', locale: 'ro' });

    const product = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: {} } }, include: { barcodes: true }, orderBy: { sku: 'asc' } });
    await register.scan(product.barcodes[0].code);
    await expect.poll(() => register.cartRows.count()).toBeGreaterThan(0);
    await register.key('F12');
    await register.expectFocus('tendered');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.expectFocus('scan-field');
    const sale = await server.db.sale.findFirstOrThrow({ where: { customerId: customer.id }, include: { lines: true } });
    await register.screenshot('receipt-mail-2-paid');

    await page.getByTestId('paid').getByRole('button', { name: /E-mail receipt/ }).tap();
    await register.expectFocus('receipt-email');
    await register.screenshot('receipt-mail-3-dialog');
    // Nothing typed: the customer's own address.
    await register.key('Enter');
    await expect.poll(() => register.notice.innerText()).toBe(`Receipt ${sale.number} e-mailed to m•••@example.com`);
    await register.expectFocus('scan-field');
    await register.screenshot('receipt-mail-4-sent');

    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(1);
    const mail = smtp.mails[0];
    expect(mail.to).toMatchObject({ text: 'maria@example.com' });
    const values: Record<string, string> = { number: sale.number, outlet: (await server.db.outlet.findFirstOrThrow()).name };
    const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k]);
    expect(mail.subject).toBe(fill(ro.notices['receipt.subject']));
    expect(mail.text).toContain(fill(ro.notices['receipt.intro']));
    const total = sale.lines.reduce((sum, l) => sum + Math.round((l.unitPrice * l.quantityMilli) / 1000) - l.discountAmount, 0);
    expect(mail.text).toContain(`${labelsFor('ro').total}  ${formatMoney(total, 'EUR', 'ro')}`);
    expect(mail.text).toContain(`${labelsFor('ro').cash}  ${formatMoney(total, 'EUR', 'ro')}`);
    // Asked again from the keyboard (Shift+F6, the last sale), to an address typed at the till: a
    // wrong one is refused naming the field in the register's language, the right one goes.
    await register.key('Shift+F6');
    await register.typeInto('receipt-email', 'maria.work@');
    await register.key('Enter');
    await expect.poll(() => register.dialog().getByRole('alert').innerText()).toContain(`${en.names['field.email']}:`);
    await register.screenshot('receipt-mail-5-wrong-address');
    await register.typeInto('receipt-email', 'example.com');
    await register.key('Enter');
    await expect.poll(() => register.notice.innerText()).toBe(`Receipt ${sale.number} e-mailed to m•••@example.com`);
    await register.expectFocus('scan-field');
    await expect.poll(() => smtp.mails.length, { timeout: 15_000 }).toBe(2);
    expect(smtp.mails[1].to).toMatchObject({ text: 'maria.work@example.com' });
    expect(smtp.mails[1].subject).toBe(fill(ro.notices['receipt.subject']));

    // The mail as a mail reader shows it (away from the register's page and its content policy).
    await page.goto('about:blank');
    await page.setContent(String(mail.html));
    await page.screenshot({ path: 'test/browser/screenshots/receipt-mail-6-mail.png' });
  });
});
