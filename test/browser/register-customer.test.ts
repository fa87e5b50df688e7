import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCALE_CODES, type Locale } from '../../shared/locales.ts';
import { launchChromium, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { RegisterPage } from './pages/register-page.ts';
import { en } from '../../pos-ui/src/i18n/en.ts';
import { ru } from '../../pos-ui/src/i18n/ru.ts';
import { uk } from '../../pos-ui/src/i18n/uk.ts';
import { ro } from '../../pos-ui/src/i18n/ro.ts';
import { lt } from '../../pos-ui/src/i18n/lt.ts';
import { zh } from '../../pos-ui/src/i18n/zh.ts';

// The F3 customer dialog's two forms at the till: changing the attached customer's phone, e-mail
// and language by keyboard alone, stored in the customer's row; and registering a new customer or
// changing one as both tablets show it in all six languages, checked for text that does not fit
// and for targets smaller than a fingertip, and pictured.

const catalogs = { en, ru, uk, ro, lt, zh };
const TABLETS = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
];

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 100 });
  await (await server.login('anna', '3333', 'R1')).post('/api/shifts', { openingFloat: 10_000 });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A register window signed in as Anna (whose shift is open), in her language. */
async function signedIn(viewport: { width: number; height: number }, browserLocale: string): Promise<{ page: Page; register: RegisterPage }> {
  const context = await browser.newContext({ viewport, hasTouch: true, locale: browserLocale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const register = new RegisterPage(page);
  await register.open(server.url);
  await register.login('anna', '3333');
  await register.expectFocus('scan-field');
  return { page, register };
}

/** A customer with a loyalty card, attached to the sale by scanning it. */
async function attachByCard(register: RegisterPage, card: { code: string; customer: { name: string } }) {
  await register.scan(card.code);
  await expect.poll(() => register.page.getByTestId('customer').innerText()).toContain(card.customer.name);
}

describe('changing the attached customer at the till, by keyboard alone', () => {
  let window: RegisterPage | undefined;

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await window?.screenshot(`failed-customer-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
    await window?.page.context().close();
  });

  it('F3, Tab to "Change", types a phone, an e-mail and a language, Enter: the customer row has them and the keyboard is back in the scan field', async () => {
    const card = await server.db.customerCard.findFirstOrThrow({ where: { customer: { locale: null, mergedIntoId: null } }, include: { customer: true }, orderBy: { code: 'asc' } });
    const { page, register } = await signedIn({ width: 1366, height: 768 }, 'en-GB');
    window = register;
    await attachByCard(register, card);
    await register.key('F3');
    await register.expectFocus('customer-search');
    await register.tabTo(register.dialog().getByRole('button', { name: `Change ${card.customer.name}` }));
    await register.key('Enter');
    await expect.poll(() => register.dialog().getAttribute('aria-label')).toBe(card.customer.name);
    await register.typeInto('customer-phone', '+370 612 34567');
    await register.key('Tab');
    await register.typeInto('customer-email', 'Rasa.Keiciama@Example.com');
    await register.key('Tab');
    await register.expectFocus('customer-locale');
    // A closed select takes the first letters of an option, as a person picks by keyboard.
    await page.keyboard.type('Lie');
    await expect.poll(() => register.dialog().locator('select[name=customer-locale]').inputValue()).toBe('lt');
    await register.tabTo(register.dialog().getByRole('button', { name: /^Save/ }));
    await register.key('Enter');
    await register.dialog().waitFor({ state: 'detached' });
    await register.expectFocus('scan-field');

    const stored = await server.db.customer.findUniqueOrThrow({ where: { id: card.customerId } });
    expect({ phone: stored.phone, email: stored.email, locale: stored.locale }).toEqual({ phone: '+37061234567', email: 'rasa.keiciama@example.com', locale: 'lt' });
    expect({ name: stored.name, personalDiscountBp: stored.personalDiscountBp, categoryId: stored.categoryId }).toEqual({
      name: card.customer.name,
      personalDiscountBp: card.customer.personalDiscountBp,
      categoryId: card.customer.categoryId,
    });
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'customer-update', entityId: card.customerId } });
    expect(JSON.parse(audit.details).fields).toEqual(expect.arrayContaining(['phone', 'email', 'locale']));
    // Still the sale's customer, and a scan goes straight into the scan field.
    expect(await page.getByTestId('customer').innerText()).toContain(card.customer.name);
  });
});

describe('the F3 customer forms in six languages on both tablets', () => {
  for (const locale of LOCALE_CODES) {
    it(`fits the search, the new customer and the change forms in ${locale}`, async () => {
      const t = (text: keyof typeof en, params: Record<string, string> = {}) => catalogs[locale][text].replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
      await server.db.user.update({ where: { login: 'anna' }, data: { locale } });
      const { page, register } = await signedIn(TABLETS[1], browserLocaleOf(locale));
      const dialog = register.dialog();
      const check = async (name: string) => {
        for (const size of TABLETS) {
          await page.setViewportSize(size);
          const where = `${locale} ${name} ${size.width}×${size.height}`;
          expect(await register.overflows(), `${where}: overflows`).toEqual([]);
          expect(await register.unfitButtons(), `${where}: button text that does not fit`).toEqual([]);
          expect(await dialog.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth })), `${where}: dialog`).toSatisfy(({ scroll, client }: { scroll: number; client: number }) => scroll <= client);
          expect(await register.smallTargets(), `${where}: targets under 44 px`).toEqual([]);
          await register.screenshot(`4x-${locale}-customer-${name}-${size.width}x${size.height}`);
        }
      };
      try {
        await expect.poll(() => page.getByRole('button', { name: new RegExp(`^${t('Pay')}`) }).count()).toBeGreaterThan(0);
        // The longest name with a card: what the title and the "Change …" key must hold.
        const cards = await server.db.customerCard.findMany({ where: { customer: { mergedIntoId: null } }, include: { customer: true } });
        const card = cards.sort((a, b) => b.customer.name.length - a.customer.name.length)[0];
        await attachByCard(register, card);

        await register.key('F3');
        await register.expectFocus('customer-search');
        await check('search');
        await register.tabTo(dialog.getByRole('button', { name: t('New customer'), exact: true }));
        await register.key('Enter');
        await register.expectFocus('customer-name');
        await check('new');
        await register.key('Escape');
        await dialog.waitFor({ state: 'detached' });

        await register.key('F3');
        await register.tabTo(dialog.getByRole('button', { name: t('Change {name}', { name: card.customer.name }), exact: true }));
        await register.key('Enter');
        await register.expectFocus('customer-phone');
        await check('change');
        await register.key('Escape');
        await dialog.waitFor({ state: 'detached' });
        await register.expectFocus('scan-field');
      } finally {
        await page.context().close();
      }
    }, 120_000);
  }
});

function browserLocaleOf(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale === 'zh' ? 'zh-CN' : locale;
}
