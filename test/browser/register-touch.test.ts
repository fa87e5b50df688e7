import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money.ts';
import { LOCALE_CODES, LOCALES } from '../../shared/locales.ts';
import type { PairedRegister } from '../../shared/schemas/register-touch.ts';
import { launchChromium, requireBuiltUi, TABLET_LANDSCAPE, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BackOfficePage } from './pages/backoffice-page.ts';
import { RegisterPage } from './pages/register-page.ts';
import { itemsText } from '../support/plural-words.ts';
import { en } from '../../pos-ui/src/i18n/en.ts';
import { ru } from '../../pos-ui/src/i18n/ru.ts';
import { uk } from '../../pos-ui/src/i18n/uk.ts';
import { ro } from '../../pos-ui/src/i18n/ro.ts';
import { lt } from '../../pos-ui/src/i18n/lt.ts';
import { zh } from '../../pos-ui/src/i18n/zh.ts';

// A tablet register without a keyboard: the owner pairs it from the back office and lays out its
// tiles, the cashier taps their name and PIN, tiles and number pads, and pays. Then the key screens
// in all six languages on both tablets, each checked for text that does not fit and for touch
// targets smaller than a fingertip, and pictured.

const catalogs = { en, ru, uk, ro, lt, zh };
const TABLETS = [
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
];

let server: TestServer;
let browser: Browser;
let owner: Page;
let tablet: BrowserContext;
let page: Page;
let register: RegisterPage;

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 200 });
  browser = await launchChromium();
  owner = await (await browser.newContext(TABLET_LANDSCAPE)).newPage();
  tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'en-GB' });
  page = await tablet.newPage();
  page.setDefaultTimeout(15_000);
  owner.setDefaultTimeout(15_000);
  register = new RegisterPage(page);
}, 60_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await register?.screenshot(`failed-touch-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Checks the screen as it is: nothing runs out of its box, every control is big enough to tap. */
async function fits(where: string, fitHeight = false) {
  expect(await register.overflows(fitHeight), `${where}: overflows`).toEqual([]);
  expect(await register.smallTargets(), `${where}: targets under 44 px`).toEqual([]);
}

/** A text field (not a numeric one: those take inputmode none) brings up the tablet's own keyboard, which puts in words whole, without key presses. */
const onScreenKeyboard = (text: string) => page.keyboard.insertText(text);

/** A supervisor's approval by touch: the login on the tablet's keyboard, the PIN tapped on the dialog's pad. */
async function approveByPad(login: string, pin: string) {
  const approval = page.getByRole('dialog', { name: 'Supervisor approval' });
  await approval.waitFor();
  await register.expectFocus('approver');
  await onScreenKeyboard(login);
  await register.tapPad(pin);
  await expect.poll(() => approval.locator('input[name=approver-pin]').inputValue()).toBe(pin);
  await approval.getByRole('button', { name: /Approve/ }).tap();
  await approval.waitFor({ state: 'detached' });
}

describe('a cashier on a 1024×768 touch tablet, without a keyboard', () => {
  let fromCategory = '';
  let paid = 0;
  let tiles: { piece: { id: string; name: string; price: number }; weighed: { id: string; name: string; price: number }; category: { id: string; name: string } };

  it('is paired by the owner from the back office, with the tiles the owner laid out', async () => {
    const piece = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' } });
    const weighed = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', active: true }, orderBy: { sku: 'asc' } });
    const category = await server.db.category.findFirstOrThrow({ where: { products: { some: { unit: 'piece', active: true } } }, orderBy: { code: 'asc' } });
    tiles = { piece, weighed, category };

    const office = new BackOfficePage(owner);
    await office.open(server.url);
    await office.signIn('owner', 'owner-demo-pass');
    await office.section('Pairing and tiles').tap();
    const row = owner.getByRole('row').filter({ hasText: 'R1' });
    await row.getByRole('button', { name: 'Tiles' }).tap();
    for (const product of [piece, weighed]) {
      await owner.locator('input[name=tile-product]').tap();
      await owner.keyboard.type(product.sku);
      await owner.getByRole('button', { name: 'Add product' }).tap();
      await expect.poll(() => owner.locator('ol.tiles').innerText()).toContain(product.name);
    }
    await owner.locator('select[name=tile-category]').selectOption(category.id);
    await owner.getByRole('button', { name: 'Add category' }).tap();
    await owner.getByRole('button', { name: 'Save tiles' }).tap();
    await expect.poll(() => server.db.registerTile.count()).toBe(3);
    await row.getByRole('button', { name: 'Pair a register' }).tap();
    const code = (await owner.getByTestId('pairing-code').locator('.code').innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^\d{8}$/);
    await office.screenshot('20-backoffice-registers');

    await register.open(server.url);
    await page.getByRole('button', { name: 'Pair this register' }).tap();
    await register.tapPad(code);
    await expect.poll(() => page.locator('input[name=pairing-code]').inputValue()).toBe(code);
    await page.getByRole('button', { name: 'Pair', exact: true }).tap();
    await page.getByTestId('user-tiles').getByRole('button').first().waitFor();
    expect(JSON.parse((await page.evaluate(() => localStorage.getItem('till.pairedRegister')))!).register.code).toBe('R1');
    await expect.poll(async () => (await server.db.registerPairing.findFirstOrThrow()).pairedAt).not.toBeNull();
  });

  it('signs in by tapping a name and the PIN on the pad, and opens the shift on the pad', async () => {
    await fits('sign-in tiles', true);
    await register.screenshot('21-touch-sign-in');
    await page.getByTestId('user-tiles').getByRole('button', { name: /Anna Kassir/ }).tap();
    await register.tapPad('3333');
    await register.screenshot('21b-touch-pin');
    await fits('sign-in PIN', true);
    await page.getByRole('button', { name: 'Sign in', exact: true }).tap();
    await page.locator('input[name=float]').waitFor();
    const session = await server.db.session.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { user: true } });
    expect(session.user.login).toBe('anna');
    expect(session.registerId).toBe((await server.db.register.findFirstOrThrow({ where: { code: 'R1' } })).id);
    await register.tapPad('50');
    await expect.poll(() => page.getByTestId('float-amount').innerText()).toBe(formatMoney(5000, 'EUR', 'en'));
    await fits('open shift');
    await page.getByRole('button', { name: 'Open shift' }).tap();
    await register.scanField.waitFor();
    expect((await server.db.shift.findFirstOrThrow({ where: { closedAt: null } })).openingFloat).toBe(5000);
  });

  it('sells by tiles: a product, one from a category, and a weighed one whose weight is tapped on the pad', async () => {
    await page.getByTestId('product-tile').filter({ hasText: tiles.piece.name }).tap();
    await expect.poll(() => register.rowCount()).toBe(1);
    await page.getByTestId('category-tile').filter({ hasText: tiles.category.name }).tap();
    const inCategory = page.getByTestId('product-tile').first();
    // The tile draws the name with soft hyphens where it may break; the product's name has none.
    fromCategory = (await inCategory.locator('.name').innerText()).replaceAll('\u00ad', '').trim();
    await inCategory.tap();
    await expect.poll(() => register.cartRows.filter({ hasText: fromCategory }).count()).toBe(1);
    await page.getByRole('button', { name: `‹ ${tiles.category.name}` }).tap();
    await page.getByTestId('product-tile').filter({ hasText: tiles.weighed.name }).tap();
    await register.dialog().waitFor();
    await register.tapPad('0.5');
    await expect.poll(() => register.dialog().locator('input[name=quantity]').inputValue()).toBe('0.5');
    await register.screenshot('22-touch-weight');
    await fits('weight dialog');
    await register.dialog().getByRole('button', { name: /OK/ }).tap();
    await expect.poll(() => register.cartRows.filter({ hasText: tiles.weighed.name }).innerText()).toContain('0.500 kg');
    await register.screenshot('23-touch-sell');
    await fits('sell screen');
  });

  it('changes a line’s quantity on the pad: a tap replaces the quantity the dialog shows, as a typed key does', async () => {
    await register.cartRows.filter({ hasText: tiles.piece.name }).tap();
    await page.locator('[data-key="F4"]').tap();
    const quantity = register.dialog().locator('input[name=quantity]');
    await expect.poll(() => quantity.inputValue()).toBe('1');
    await register.expectFocus('quantity');
    await register.tapPad('3');
    await expect.poll(() => quantity.inputValue()).toBe('3');
    await register.expectFocus('quantity');
    await register.screenshot('22b-touch-quantity');
    await fits('quantity dialog');
    await register.dialog().getByRole('button', { name: /OK/ }).tap();
    await expect.poll(() => register.cartRows.filter({ hasText: tiles.piece.name }).locator('td.num').first().innerText()).toBe('3');
  });

  /**
   * A line's dialog of an amount and a reason, by touch: the line tapped, then its key; the amount
   * tapped on the pad (the keyboard stays in its field), the reason on the tablet's keyboard; OK.
   */
  async function amountAndReason(line: string, key: string, field: string, amount: string, reason: string, shot: string) {
    await register.cartRows.filter({ hasText: line }).tap();
    await page.locator(`[data-key="${key}"]`).tap();
    await register.expectFocus(field);
    await register.tapPad(amount);
    await expect.poll(() => register.dialog().locator(`input[name=${field}]`).inputValue()).toBe(amount);
    await register.expectFocus(field);
    await register.dialog().locator(`input[name=${field.replace(/-value$/, '')}-reason]`).tap();
    await onScreenKeyboard(reason);
    await register.screenshot(shot);
    await fits(shot);
    await register.dialog().getByRole('button', { name: /OK/ }).tap();
  }

  it('gives a line discount in per cent on the pad, approved by a senior cashier whose PIN is tapped', async () => {
    await amountAndReason(tiles.piece.name, 'F6', 'discount-value', '10', 'Loyal customer', '22c-touch-discount');
    await approveByPad('vera', '5555');
    await expect.poll(() => register.cartRows.filter({ hasText: tiles.piece.name }).innerText()).toContain('Loyal customer');
  });

  it('changes a price on the pad, approved by a manager whose PIN is tapped', async () => {
    await amountAndReason(fromCategory, 'F5', 'price', '1.25', 'Shelf label', '22d-touch-price');
    await approveByPad('manager', '2222');
    await expect.poll(() => register.cartRows.filter({ hasText: fromCategory }).innerText()).toContain(formatMoney(125, 'EUR', 'en'));
  });

  it('gives a discount on the whole receipt, an amount tapped on the pad', async () => {
    await page.locator('[data-key="F7"]').tap();
    const dialog = register.dialog();
    await register.expectFocus('discount-value');
    await dialog.getByRole('radio', { name: 'Amount' }).tap();
    await expect.poll(() => dialog.getByRole('radio', { name: 'Amount' }).getAttribute('aria-checked')).toBe('true');
    await register.tapPad('2.5');
    await expect.poll(() => dialog.locator('input[name=discount-value]').inputValue()).toBe('2.5');
    await dialog.locator('input[name=discount-reason]').tap();
    await onScreenKeyboard('Regular customer');
    await register.screenshot('22e-touch-receipt-discount');
    await fits('receipt discount');
    await dialog.getByRole('button', { name: /OK/ }).tap();
    // A quarter of the receipt is more than a cashier may give alone.
    await approveByPad('vera', '5555');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.locator('.hint').filter({ hasText: 'Regular customer' }).count()).toBe(1);
  });

  it('pays in cash tapped on the pad, with the change shown before it is taken', async () => {
    const total = Number((await register.total.innerText()).replace(/\D/g, ''));
    // Whole tens of euros, enough for the total: the change is then never nil.
    const tendered = (Math.floor(total / 1000) + 1) * 1000;
    await page.getByRole('button', { name: /^Pay/ }).first().tap();
    await register.dialog().waitFor();
    await register.tapPad(String(tendered / 100));
    await expect.poll(() => register.dialog().getByTestId('change-due').innerText()).toBe(formatMoney(tendered - total, 'EUR', 'en'));
    await register.expectFocus('tendered');
    await register.screenshot('24-touch-pay');
    await fits('payment');
    await register.dialog().getByRole('button', { name: /Take cash/ }).tap();
    await page.getByTestId('paid').waitFor();
    await register.screenshot('25-touch-paid');
    const sale = await server.db.sale.findFirstOrThrow({ include: { lines: true, payments: true, discounts: true } });
    // The total from what was tapped: three at the list price less 10 %, one at the tapped 1.25,
    // half a kilo at the kilo price (half a cent up), then 2.50 off the receipt.
    const gross = 3 * tiles.piece.price;
    const lineDiscount = Math.floor((gross + 5) / 10);
    expect(total).toBe(gross - lineDiscount + 125 + Math.round(tiles.weighed.price / 2) - 250);
    expect(sale.total).toBe(total);
    const receiptDiscounts = sale.discounts.filter((d) => d.reason === 'Regular customer');
    expect(receiptDiscounts.length).toBeGreaterThan(0);
    const vera = await server.db.user.findFirstOrThrow({ where: { login: 'vera' } });
    expect(receiptDiscounts.every((d) => d.source === 'manual' && d.approvedById === vera.id)).toBe(true);
    expect(receiptDiscounts.reduce((s, d) => s + d.amount, 0)).toBe(250);
    expect(sale.discountTotal).toBe(lineDiscount + 250);
    const line = (productId: string) => sale.lines.find((l) => l.productId === productId)!;
    expect(sale.lines.map((l) => [l.productId, l.quantityMilli])).toEqual(expect.arrayContaining([[tiles.piece.id, 3000], [tiles.weighed.id, 500]]));
    expect(sale.lines).toHaveLength(3);
    // 10 % of three at the list price, half a cent up; the price tapped, on the line from the category.
    expect(sale.discounts.filter((d) => d.lineId === line(tiles.piece.id).id && d.reason === 'Loyal customer')).toEqual([expect.objectContaining({ source: 'manual', amount: lineDiscount })]);
    expect(line(tiles.piece.id).grossAmount).toBe(gross);
    expect(sale.lines.find((l) => l.name === fromCategory)).toEqual(expect.objectContaining({ unitPrice: 125, quantityMilli: 1000 }));
    expect(sale.payments).toEqual([expect.objectContaining({ method: 'cash', tendered, change: tendered - total })]);
    paid = total;
  });

  it('closes the shift with the cash counted tapped on the pad, and the Z shows the difference', async () => {
    await page.locator('[data-key="⇧F1"]').tap();
    await register.dialog().getByTestId('shift-report').waitFor();
    await register.expectFocus('counted-cash');
    // The drawer holds the float and the sale's cash, less a euro short.
    const counted = 5000 + paid - 100;
    await register.tapPad((counted / 100).toFixed(2));
    await expect.poll(() => register.dialog().locator('input[name=counted-cash]').inputValue()).toBe((counted / 100).toFixed(2));
    await register.expectFocus('counted-cash');
    await expect.poll(() => register.dialog().locator('.difference').innerText()).toContain(formatMoney(-100, 'EUR', 'en'));
    await register.screenshot('26-touch-shift-close');
    await fits('shift close');
    await register.dialog().getByRole('button', { name: /Close shift/ }).tap();
    await page.getByTestId('z-screen').waitFor();
    await register.screenshot('27-touch-z');
    await fits('Z screen');
    const shift = await server.db.shift.findFirstOrThrow({ where: { register: { code: 'R1' } }, orderBy: { openedAt: 'desc' } });
    expect(shift).toEqual(expect.objectContaining({ countedCash: counted, expectedCash: 5000 + paid }));
    expect(shift.closedAt).not.toBeNull();
  });
});

describe('the register in six languages on both tablets, the language tapped at sign-in', () => {
  const SIGN_IN_SIZES = [...TABLETS, { width: 1366, height: 768 }];
  let paired: PairedRegister;

  beforeAll(async () => {
    const manager = await server.login('manager', '2222', 'R2');
    const { body } = await manager.post('/api/registers/R2/pairing-code', { pinAlone: false });
    paired = (await server.anonymous.post('/api/registers/pair', { code: body.code })).body;
    const products = await server.db.product.findMany({ where: { kind: 'goods', active: true, unit: 'piece', discountable: true }, orderBy: { name: 'desc' }, take: 7 });
    const categories = await server.db.category.findMany({ take: 3 });
    const colours = ['#1d5bd8', '#f4c542', null, '#127a3e', '#b42318', null, '#7c3aed'];
    await manager.put('/api/registers/R2/tiles', { tiles: [...products.map((p, i) => ({ productId: p.id, colour: colours[i] })), ...categories.map((c) => ({ categoryId: c.id }))] });
  });

  for (const locale of LOCALE_CODES) {
    describe(locale, () => {
      const t = (text: keyof typeof en) => catalogs[locale][text];
      let context: BrowserContext;
      let screen: Page;
      let shots: RegisterPage;

      /** The screen as it is, at each size: nothing runs out of its box, every control big enough to tap; pictured on the tablets. */
      async function shoot(name: string, { sizes = TABLETS, fitHeight = false } = {}) {
        for (const size of sizes) {
          await screen.setViewportSize(size);
          const at = `${locale} ${name} ${size.width}×${size.height}`;
          expect(await shots.overflows(fitHeight), `${at}: overflows`).toEqual([]);
          expect(await shots.outOfBox(), `${at}: out of its box`).toEqual([]);
          expect(await shots.smallTargets(), `${at}: targets under 44 px`).toEqual([]);
          // The language picker shows every language in its own script, Chinese too: on one line.
          if (name.startsWith('sign-in')) expect(await shots.linesOf('简体中文'), `${at}: 简体中文 wraps`).toEqual([1]);
          if (TABLETS.includes(size)) await shots.screenshot(`3x-${locale}-${name}-${size.width}x${size.height}`);
        }
        await screen.setViewportSize(TABLETS[0]);
      }

      const key = (name: string) => screen.locator(`[data-key="${name}"]`).tap();
      const closeDialog = async () => {
        await shots.dialog().getByRole('button', { name: t('Close'), exact: true }).tap();
        await expect.poll(() => screen.getByRole('dialog').count()).toBe(0);
      };

      beforeAll(async () => {
        // A language that failed midway left its shift open: the next one starts from a closed shift all the same.
        if (await server.db.shift.count({ where: { closedAt: null, register: { code: 'R2' } } })) {
          await (await server.login('manager', '2222', 'R2')).post('/api/shifts/current/close', { countedCash: 0 });
        }
        context = await browser.newContext({ viewport: TABLETS[0], hasTouch: true, locale: locale === 'en' ? 'en-GB' : locale === 'zh' ? 'zh-CN' : locale });
        screen = await context.newPage();
        screen.setDefaultTimeout(15_000);
        shots = new RegisterPage(screen);
        await screen.goto(`${server.url}/pos-ui/`);
        await screen.evaluate((value) => localStorage.setItem('till.pairedRegister', value), JSON.stringify(paired));
        await screen.reload();
      });

      afterEach(async (test) => {
        if (test.task.result?.state === 'fail') await shots.screenshot(`failed-touch-${locale}-${test.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
      });

      afterAll(async () => {
        await context?.close();
      });

      it('fits the sign-in at 1024×768, 768×1024 and 1366×768: by tiles, by PIN and by login name', async () => {
        const users = screen.getByTestId('user-tiles').getByRole('button');
        await users.first().waitFor();
        await screen.getByRole('button', { name: LOCALES[locale], exact: true }).tap();
        await expect.poll(() => screen.locator('h1').innerText()).toBe(t('Sign in to the register'));
        expect(await screen.evaluate(() => document.documentElement.lang)).toBe(locale);
        // A browser set to Chinese without Chinese system fonts drew the bold heading as blanks in DejaVu Sans.
        if (locale === 'zh') expect(await shots.fontsDrawing('h1')).toEqual([expect.objectContaining({ bundled: true })]);
        await shoot('sign-in', { sizes: SIGN_IN_SIZES, fitHeight: true });
        await screen.getByRole('button', { name: t('Sign in with a login name'), exact: true }).tap();
        await screen.locator('input[name=login]').waitFor();
        await shoot('sign-in-login', { sizes: SIGN_IN_SIZES, fitHeight: true });
        await screen.getByRole('button', { name: t('Back to the cashiers’ tiles'), exact: true }).tap();
        await users.filter({ hasText: 'Vera Senior' }).tap();
        await shots.tapPad('5555');
        await shoot('sign-in-pin', { sizes: SIGN_IN_SIZES, fitHeight: true });
        await screen.getByRole('button', { name: t('Sign in'), exact: true }).tap();
        await screen.locator('input[name=float]').waitFor();
        // Picked on the sign-in screen, the language became Vera's.
        await expect.poll(async () => (await server.db.user.findUniqueOrThrow({ where: { login: 'vera' } })).locale).toBe(locale);
      });

      it('fits the shift opening, the sale by tiles and its quantity, discount and price dialogs on both tablets', async () => {
        await shots.tapPad('100');
        await shoot('open-shift');
        await screen.getByRole('button', { name: t('Open shift'), exact: true }).tap();
        await shots.scanField.waitFor();
        for (const tile of (await screen.getByTestId('product-tile').all()).slice(0, 3)) await tile.tap();
        await expect.poll(() => shots.rowCount()).toBe(3);
        // A category tile counts its products the language's way (9 позиций, 9 prekės, 9 articole).
        for (const tile of await screen.getByTestId('category-tile').all()) {
          const count = (await tile.locator('.price').innerText()).replace(/\s*›$/, '');
          expect(count).toBe(itemsText(locale, Number(count.match(/\d+/)![0])));
        }
        await shoot('sell');
        await shots.cartRows.first().tap();
        await key('F4');
        await shots.tapPad('2');
        await shoot('quantity');
        await closeDialog();
        await key('F6');
        await shots.tapPad('5');
        await shoot('discount');
        await closeDialog();
        await key('F5');
        await shots.tapPad('1');
        await shoot('price');
        await closeDialog();
      });

      it('fits the payment, the paid screen, the shift close and the Z on both tablets', async () => {
        await screen.getByRole('button', { name: new RegExp(`^${t('Pay')}`) }).first().tap();
        await shots.dialog().waitFor();
        await shots.tapPad('100');
        await shoot('pay');
        await shots.dialog().getByRole('button', { name: new RegExp(t('Take cash')) }).tap();
        await screen.getByTestId('paid').waitFor();
        await shoot('paid');
        await key('⇧F1');
        await shots.dialog().getByTestId('shift-report').waitFor();
        await shots.tapPad('200');
        await shoot('shift-close');
        await shots.dialog().getByRole('button', { name: new RegExp(t('Close shift (Z report)').replace(/[()]/g, '\\$&')) }).tap();
        await screen.getByTestId('z-screen').waitFor();
        await shoot('z');
        await screen.getByRole('button', { name: new RegExp(t('Sign out')) }).tap();
        await screen.getByTestId('user-tiles').getByRole('button').first().waitFor();
      });
    });
  }
});
