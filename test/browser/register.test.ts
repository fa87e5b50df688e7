import type { Browser, Page } from 'playwright-core';
import { launchChromium, requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { newId } from '../../shared/ids.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import { FakeScale } from '../../drivers/testing/fake-scale.ts';
import { buildInStoreBarcode } from '../../shared/barcodes.ts';
import { formatMoney } from '../../shared/money.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import { SerialPort } from 'serialport';
import { RegisterPage } from './pages/register-page.ts';
import { LOCALES } from '../../shared/locales.ts';
import { ru as ruTexts } from '../../pos-ui/src/i18n/ru.ts';
import { uk as ukTexts } from '../../pos-ui/src/i18n/uk.ts';
import { ro as roTexts } from '../../pos-ui/src/i18n/ro.ts';
import { lt as ltTexts } from '../../pos-ui/src/i18n/lt.ts';
import { zh as zhTexts } from '../../pos-ui/src/i18n/zh.ts';

const SIGN_IN_TITLE = 'Sign in to the register';
const titles: Record<string, string> = { en: SIGN_IN_TITLE, ru: ruTexts[SIGN_IN_TITLE], uk: ukTexts[SIGN_IN_TITLE], ro: roTexts[SIGN_IN_TITLE], lt: ltTexts[SIGN_IN_TITLE], zh: zhTexts[SIGN_IN_TITLE] };

// A cashier at a desktop register (1366×768) with a keyboard-wedge scanner, who never touches the
// mouse: every step is keys typed and pressed, and after every dialog the keyboard is back in the
// scan field. Headless Chromium against the built register, a real server and a fake network
// printer whose bytes are decoded back to the text on paper. Each step is also pictured as the
// two tablets show it (768×1024 and 1024×768).

const euro = (minor: number) => formatMoney(minor, 'EUR', 'en');

let server: TestServer;
let printer: FakeNetworkPrinter;
let browser: Browser;
let page: Page;
let display: Page;
let register: RegisterPage;
let scannerPty: PtyPair;
let scalePty: PtyPair;
let scale: FakeScale;

async function printed(count: number) {
  const before = printer.jobs.length;
  return async () => (await printer.waitForJobs(before + count)).slice(before).map((bytes) => decodeEscPos(bytes, 'generic-escpos'));
}

async function lastSale() {
  return server.db.sale.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { lines: true, payments: true, discounts: true } });
}

/** Pays what is left in cash exactly (F12, Enter on the empty amount), and waits for "paid". */
async function payExactCash() {
  await register.key('F12');
  await register.expectFocus('tendered');
  await register.key('Enter');
  await page.getByTestId('paid').waitFor();
  await register.expectFocus('scan-field');
}

/** Pays by card (F12, F2, Enter confirms the terminal approved it). */
async function payByCard() {
  await register.key('F12');
  await register.expectFocus('tendered');
  await register.key('F2');
  await register.key('Enter');
  await page.getByTestId('paid').waitFor();
  await register.expectFocus('scan-field');
}

beforeAll(async () => {
  requireBuiltUi('pos-ui');
  printer = await FakeNetworkPrinter.start();
  scannerPty = await startPtyPair();
  scalePty = await startPtyPair();
  scale = await FakeScale.open(scalePty.peer, 'toledo');
  server = await startTestServer({
    receiptPrinterUri: printer.uri,
    deviceEnv: {
      POS_SCANNERS: `serial:${scannerPty.device}?baud=9600&suffix=CR&register=R2`,
      POS_SCALES: `serial:${scalePty.device}?baud=9600&framing=7E1&protocol=toledo&register=R1`,
    },
    uiDir: UI_DIR,
    productCount: 520,
    // A head office that never answers (nothing listens there): the outlet sells on regardless.
    headOffice: { url: 'http://127.0.0.1:9', token: 'register-test-outlet-credential', intervalMs: 200, maxBackoffMs: 2000 },
  });
  browser = await launchChromium();
  // One browser profile with two windows: the register and the customer display beside it.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
  page = await context.newPage();
  display = await context.newPage();
  await display.goto(`${server.url}/pos-ui/display.html?register=R1`);
  page.setDefaultTimeout(15_000);
  register = new RegisterPage(page);
}, 60_000);

afterEach(async (context) => {
  // A failed step leaves a picture of what the cashier would have seen.
  if (context.task.result?.state === 'fail') await register?.screenshot(`failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await printer?.stop();
  await scannerPty?.stop();
  await scale?.close();
  await scalePty?.stop();
});

describe('a cashier at the register, by keyboard alone', () => {
  let piece: { name: string; barcode: string; price: number; id: string };
  let chocolate = '';
  let cashSaleNumber = '';

  it('signs in by typing a login and PIN, and opens the shift with a typed float', async () => {
    await register.open(server.url);
    await register.screenshotsOnTablets('01-login');
    await register.login('anna', '3333');
    await register.expectFocus('float');
    await register.screenshotsOnTablets('01b-open-shift');
    await register.openShift('150.00');
    const shift = await server.db.shift.findFirstOrThrow({ where: { closedAt: null } });
    expect(shift.openingFloat).toBe(15_000);
  });

  it('scans items with a keyboard-wedge scanner; the same item twice makes quantity 2', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true, barcodes: { some: {} }, name: { contains: 'Молоко' } }, include: { barcodes: true } });
    piece = { name: row.name, barcode: row.barcodes[0].code, price: row.price, id: row.id };
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.scan(piece.barcode);
    await expect.poll(() => register.cartRows.first().innerText()).toContain('2');
    await expect.poll(() => register.total.innerText()).toBe(euro(piece.price * 2));
  });

  it('F4 takes the typed quantity in its dialog, not in the scan field, and gives the keyboard back', async () => {
    await register.key('F4');
    // The line's quantity is there, selected: what is typed replaces it.
    await register.expectFocus('quantity');
    await register.screenshotsOnTablets('02-quantity');
    await page.keyboard.type('3');
    await register.key('Enter');
    await register.dialog().waitFor({ state: 'detached' });
    await expect.poll(() => register.cartRows.first().innerText()).toMatch(/\b3\b/);
    await register.expectFocus('scan-field');
    expect(await register.scanField.inputValue()).toBe('');
    await expect.poll(() => register.total.innerText()).toBe(euro(piece.price * 3));
  });

  it('every dialog a key opens takes the keyboard on its first field, keeps Tab inside itself, and gives the keyboard back to the scan field on Escape', async () => {
    const keys = ['F1', 'F3', 'F4', 'F5', 'F6', 'F7', 'F10', 'Shift+F1', 'Shift+F3', 'Shift+F4', 'Shift+F5', 'F12'];
    for (const key of keys) {
      await register.key(key);
      const dialog = register.dialog();
      await dialog.waitFor();
      await expect.poll(() => register.keyboardIn(dialog), { message: `${key}: the keyboard in its dialog` }).toBe('first field');
      for (const tab of ['Tab', 'Shift+Tab']) {
        for (let i = 0; i < 12; i++) {
          await register.key(tab);
          expect(await register.keyboardIn(dialog), `${key}: ${tab} ×${i + 1} stays in the dialog`).not.toBe('outside');
        }
      }
      await register.key('Escape');
      await dialog.waitFor({ state: 'detached' });
      await register.expectFocus('scan-field');
    }
    expect(await register.scanField.inputValue()).toBe('');
    expect(await register.rowCount()).toBe(1);
  });

  it('finds an item by words of its name in any order, and a name typed fast with Enter searches instead of being taken for a barcode', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true, name: { contains: 'Chocolate' } } });
    const words = row.name.split(' ').filter((w) => w.length >= 3);
    chocolate = row.name;
    await register.searchAndPick(`${words[1]} ${words[0]}`.toLowerCase(), row.name);
    await expect.poll(() => register.rowCount()).toBe(2);
    await register.expectFocus('scan-field');

    await page.keyboard.type('молоко');
    await register.key('Enter');
    await expect.poll(() => page.getByRole('option').count()).toBeGreaterThan(0);
    for (const name of await page.getByRole('option').allInnerTexts()) expect(name.toLowerCase()).toContain('молоко');
    expect(await register.notice.innerText()).not.toMatch(/Nothing is known/);
    await register.key('Escape');
    expect(await register.rowCount()).toBe(2);
  });

  it('weighs an item on the scale: waits while it settles, takes only a stable weight', async () => {
    const weighed = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', plu: { not: null } }, orderBy: { plu: 'asc' } });
    scale.grams = 0;
    await expect.poll(() => page.locator('header').first().innerText()).toContain('Scale: online');
    scale.grams = 760;
    scale.stable = false;
    await register.searchAndPick(weighed.name, weighed.name);
    const shown = page.getByTestId('scale-weight');
    await expect.poll(() => shown.innerText()).toContain('Settling');
    expect(await register.dialog().getByRole('button', { name: /Take weight/ }).isDisabled()).toBe(true);
    scale.grams = 735;
    scale.stable = true;
    await expect.poll(() => shown.innerText()).toContain('0.735 kg');
    await register.screenshotsOnTablets('02a-scale');
    await register.key('Enter');
    await expect.poll(() => register.cartRows.filter({ hasText: weighed.name }).innerText()).toContain('0.735 kg');
    await register.expectFocus('scan-field');
    scale.grams = 0;
  });

  it('sells a price-labelled item by its in-store barcode', async () => {
    const labelled = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', plu: { not: null } } });
    await register.scan(buildInStoreBarcode({ prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5 }, labelled.plu!, 1234));
    await expect.poll(() => register.cartRows.filter({ hasText: labelled.name }).innerText()).toContain(euro(1234));
    expect(await register.rowCount()).toBe(4);
  });

  it('attaches a customer by scanning their loyalty card, and another by typing a card after F3', async () => {
    const cards = await server.db.customerCard.findMany({ where: { customer: { category: { code: 'silver' } } }, include: { customer: true }, take: 2 });
    await register.scan(cards[1].code);
    await expect.poll(() => page.getByTestId('customer').innerText()).toContain(cards[1].customer.name);
    await register.key('F3');
    await register.typeInto('customer-search', cards[0].code);
    await register.screenshotsOnTablets('02b-customer');
    await register.key('Enter');
    await register.dialog().waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('customer').innerText()).toContain(cards[0].customer.name);
    await register.expectFocus('scan-field');
  });

  it('F6 gives a line discount with a typed reason once a manager approves with their PIN', async () => {
    await register.selectLine(piece.name);
    await register.key('F6');
    await register.typeInto('discount-value', '10');
    await register.key('Tab');
    await register.typeInto('discount-reason', 'Damaged box');
    await register.screenshotsOnTablets('02c-discount');
    await register.key('Enter');
    await register.approve('manager', '2222');
    await expect.poll(() => register.cartRows.filter({ hasText: piece.name }).innerText()).toContain('Damaged box');
    await register.expectFocus('scan-field');
  });

  it('voids a line with a senior cashier approving on the spot, after refusing a wrong PIN and a cashier alike', async () => {
    await register.selectLine(chocolate);
    await register.key('F8');
    // Neither answer tells a wrong PIN from a right one without the right, and the cashier stays signed in.
    expect(await register.refusedApproval('vera', '0000')).toBe('Wrong user or PIN.');
    expect(await register.refusedApproval('boris', '4444')).toBe('Wrong user or PIN.');
    await register.approve('vera', '5555');
    await expect.poll(() => register.rowCount()).toBe(3);
    expect(await server.db.auditLog.count({ where: { action: 'void-line' } })).toBe(1);
    await register.expectFocus('scan-field');
    await register.screenshotsOnTablets('02d-cart');
  });

  it('takes cash with the change shown as it is typed; says paid only after the commit; the receipt prints and the drawer opens', async () => {
    const jobs = await printed(2);
    const shownTotal = await register.total.innerText();
    await expect.poll(() => display.getByTestId('display-total').innerText()).toBe(shownTotal);
    expect(await display.getByTestId('customer-display').innerText()).toContain(piece.name);
    await display.screenshot({ path: 'test/browser/screenshots/03a-customer-display.png' });
    await register.key('F12');
    await register.typeInto('tendered', '100');
    const total = Number((await register.dialog().getByTestId('due').innerText()).replace(/\D/g, ''));
    await expect.poll(() => register.dialog().getByTestId('change-due').innerText()).toBe(euro(10_000 - total));
    await register.screenshotsOnTablets('03-payment');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    const sale = await lastSale();
    cashSaleNumber = sale.number;
    expect(euro(sale.total)).toBe(shownTotal);
    expect(sale.total).toBe(total);
    expect(sale.payments).toEqual([expect.objectContaining({ method: 'cash', tendered: 10_000, change: 10_000 - sale.total })]);
    expect(await page.getByTestId('paid').innerText()).toContain(euro(10_000 - sale.total).replace('€', ''));
    await register.expectFocus('scan-field');
    await register.screenshotsOnTablets('04-paid');
    await expect.poll(() => display.getByTestId('customer-display').innerText()).toContain(euro(10_000 - sale.total));
    await display.screenshot({ path: 'test/browser/screenshots/04a-customer-display-paid.png' });

    // The kick goes out on a connection of its own, so it may reach the printer before or after the receipt.
    const printouts = await jobs();
    const kick = printouts.find((p) => p.drawerKicks.length)!;
    const receipt = printouts.find((p) => p.drawerKicks.length === 0)!;
    expect(kick.drawerKicks).toEqual([{ pin: 0, t1: 25, t2: 250 }]);
    expect(receipt.text).toContain(piece.name);
    expect(receipt.text).toContain('Damaged box');
    expect(receipt.text).toMatch(new RegExp(`TOTAL\\s+${(sale.total / 100).toFixed(2)} EUR`));
    expect(receipt.barcodes[0].data).toBe(sale.number);
    const stock = await server.db.stockBalance.findFirstOrThrow({ where: { productId: piece.id } });
    const movement = await server.db.stockMovement.findFirstOrThrow({ where: { documentId: sale.id, productId: piece.id } });
    expect(movement.quantityMilli).toBe(-3000);
    expect(stock.quantityMilli).toBeGreaterThan(0);
    // Enter on the empty scan field goes on to a new sale.
    await register.key('Enter');
    await page.getByTestId('paid').waitFor({ state: 'detached' });
    expect(await register.rowCount()).toBe(0);
    // The sale waits in the outbox for head office, which does not answer; the register says so, discreetly.
    await expect.poll(() => page.getByTestId('head-office').innerText(), { timeout: 20_000 }).toMatch(/^Head office unreachable since /);
  });

  it('starts the next sale with a scan straight after payment, while "paid, give change" shows', async () => {
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await payExactCash();
    // No key in between: the next customer's item goes straight in.
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await page.getByTestId('paid').waitFor({ state: 'detached' });
    await expect.poll(() => register.total.innerText()).toBe(euro(piece.price));
  });

  it('takes a card payment confirmed by the cashier, without opening the drawer', async () => {
    const jobs = await printed(1);
    await payByCard();
    const sale = await lastSale();
    expect(sale.payments.map((p) => p.method)).toEqual(['card']);
    const [receipt] = await jobs();
    expect(receipt.drawerKicks).toEqual([]);
  });

  it('splits a payment over cash and card', async () => {
    await register.scan(piece.barcode);
    await register.scan(piece.barcode);
    await expect.poll(() => register.total.innerText()).toBe(euro(piece.price * 2));
    await register.key('F12');
    await register.typeInto('tendered', '1');
    await register.key('Enter');
    await expect.poll(() => register.dialog().getByTestId('remaining').innerText()).toBe(euro(piece.price * 2 - 100));
    await register.key('F2');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    const sale = await lastSale();
    expect(sale.payments.map((p) => [p.method, p.amount])).toEqual([
      ['cash', 100],
      ['card', sale.total - 100],
    ]);
    await register.key('Enter');
  });

  it('sells a gift card, then a points customer pays with points and that gift card', async () => {
    await register.searchAndPick('gift', 'Gift card');
    // The card's number scanned into its field; the scanner's Enter goes on to the amount.
    await register.typeInto('gift-card-code', 'GC-7788-0001');
    await register.key('Enter');
    await register.typeInto('gift-card-amount', '20');
    await register.key('Enter');
    await expect.poll(() => register.total.innerText()).toBe(euro(2000));
    await register.expectFocus('scan-field');
    await payByCard();
    await register.key('Enter');
    const card = await server.db.giftCard.findUniqueOrThrow({ where: { code: 'GC-7788-0001' }, include: { movements: true } });
    expect(card.movements.map((m) => [m.kind, m.amount])).toEqual([['issue', 2000]]);

    const member = await server.db.customerCard.findFirstOrThrow({ where: { customer: { category: { code: 'points' } } }, include: { customer: true } });
    await server.db.pointsMovement.create({ data: { id: newId(), customerId: member.customerId, kind: 'adjust', points: 150 } });
    await register.scan(member.code);
    await expect.poll(() => page.getByTestId('customer-points').innerText()).toContain('150');
    await register.scan(piece.barcode);
    await register.scan(piece.barcode);
    // Both scans answered (the row says 2) before Pay: what F12 asks for is the whole sale.
    await expect.poll(() => register.rowCount()).toBe(1);
    await expect.poll(() => register.quantityShown()).toBe('2');
    await register.key('F12');
    await register.expectFocus('tendered');
    await register.key('F3');
    await register.key('F4');
    await register.expectFocus('gift-card-code');
    await page.keyboard.type('GC-7788-0001', { delay: 4 });
    await register.key('Enter');
    await expect.poll(() => page.getByTestId('gift-card-balance').innerText()).toContain(euro(2000));
    await register.screenshotsOnTablets('04b-gift-card-and-points');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    const sale = await lastSale();
    expect(sale.payments.map((p) => [p.method, p.amount])).toEqual([
      ['points', 150],
      ['gift-card', sale.total - 150],
    ]);
    const balance = await server.db.giftCardMovement.aggregate({ where: { code: 'GC-7788-0001' }, _sum: { amount: true } });
    expect(balance._sum.amount).toBe(2000 - (sale.total - 150));
    await register.key('Enter');
  });

  it('a scan still on its way when Pay is pressed: the payment asks for what the cart then holds, and the sale is paid in full', async () => {
    // A busy till: the second scan's answer comes after the cashier pressed F12.
    let letItAnswer!: () => void;
    const answered = new Promise<void>((resolve) => (letItAnswer = resolve));
    let scans = 0;
    await page.route(`**/api/scan/${piece.barcode}`, async (route) => {
      if (++scans === 2) await answered;
      await route.continue();
    });
    try {
      await register.scan(piece.barcode);
      await expect.poll(() => register.rowCount()).toBe(1);
      await register.scan(piece.barcode);
      await register.key('F12');
      await register.expectFocus('tendered');
      expect(await page.getByTestId('due').innerText()).toBe(euro(piece.price));
      letItAnswer();
      await expect.poll(() => register.quantityShown()).toBe('2');
      await expect.poll(() => page.getByTestId('due').innerText()).toBe(euro(piece.price * 2));
      await register.key('Enter');
      await page.getByTestId('paid').waitFor();
    } finally {
      letItAnswer();
      await page.unroute(`**/api/scan/${piece.barcode}`);
    }
    const sale = await lastSale();
    expect(sale.lines.map((l) => [l.productId, l.quantityMilli])).toEqual([[piece.id, 2000]]);
    expect(sale.total).toBe(piece.price * 2);
    expect(sale.payments.map((p) => [p.method, p.amount])).toEqual([['cash', piece.price * 2]]);
    await register.key('Enter');
  });

  it('takes a pre-order from the cart with a deposit, then collects it when it arrives with the deposit deducted', async () => {
    const member = await server.db.customerCard.findFirstOrThrow({ where: { customer: { category: { code: 'bronze' } } }, include: { customer: true } });
    await register.scan(member.code);
    await expect.poll(() => page.getByTestId('customer').innerText()).toContain(member.customer.name);
    await register.scan(piece.barcode);
    await register.scan(piece.barcode);
    // Both scans answered (the row says 2) before Pay: what F12 asks for is the whole sale.
    await expect.poll(() => register.rowCount()).toBe(1);
    await expect.poll(() => register.quantityShown()).toBe('2');
    const agreed = await register.total.innerText();
    await register.key('Shift+F4');
    await register.expectFocus('expected-date');
    // The date typed as the British write it (the day and the month are both 12).
    await page.keyboard.type('12122026');
    await expect.poll(() => register.dialog().locator('[name=expected-date]').inputValue()).toBe('2026-12-12');
    await register.key('Enter');
    await expect.poll(() => register.dialog().getByTestId('pre-order-detail').innerText()).toContain(agreed);
    const order = await server.db.preOrder.findFirstOrThrow({ where: { customerId: member.customerId }, include: { lines: true } });
    expect(order).toMatchObject({ status: 'new', expectedDate: '2026-12-12', lines: [expect.objectContaining({ productId: piece.id, quantityMilli: 2000 })] });
    await register.screenshotsOnTablets('04c-pre-order-taken');

    // The deposit is a receipt of its own, paid like any sale.
    const jobs = await printed(2);
    await register.typeInto('deposit-amount', '1');
    await register.key('Enter');
    await register.dialog().waitFor({ state: 'detached' });
    await expect.poll(() => register.total.innerText()).toBe(euro(100));
    await payExactCash();
    await register.key('Enter');
    // The kick goes out on its own connection: it may arrive before or after the receipt.
    const depositReceipt = (await jobs()).find((p) => p.drawerKicks.length === 0)!;
    expect(depositReceipt.text).toContain('Pre-order deposit');
    expect(await server.db.preOrderDeposit.aggregate({ where: { preOrderId: order.id }, _sum: { amount: true } })).toEqual({ _sum: { amount: 100 } });

    // The goods arrive (the back office marks it); the cashier finds the order by its number and collects it.
    const manager = await server.login('manager', '2222', 'R2');
    expect((await manager.post(`/api/pre-orders/${order.id}/status`, { to: 'arrived' })).status).toBe(200);
    await register.key('Shift+F4');
    await register.typeInto('pre-order-search', order.number);
    await register.key('Enter');
    const collect = register.dialog().getByRole('button', { name: 'Collect' });
    await collect.waitFor();
    await register.tabTo(collect);
    await register.key('Enter');
    await expect.poll(() => register.total.innerText()).toBe(agreed);
    await register.expectFocus('scan-field');
    await register.key('F12');
    await expect.poll(() => register.dialog().innerText()).toContain(`Deposit ${order.number}`);
    await register.screenshotsOnTablets('04d-pre-order-collect-payment');
    await register.typeInto('tendered', '100');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.key('Enter');
    const sale = await lastSale();
    expect(euro(sale.total)).toBe(agreed);
    expect(sale.payments.map((p) => [p.method, p.amount])).toEqual([['deposit', 100], ['cash', sale.total - 100]]);
    expect(await server.db.preOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'collected', collectedSaleId: sale.id });
  });

  it('parks a sale with F9 and resumes it from F10 by its number key', async () => {
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.key('F9');
    await expect.poll(() => register.rowCount()).toBe(0);
    await register.key('F10');
    await expect.poll(() => register.focused()).toMatch(/^Resume/);
    await register.screenshotsOnTablets('04f-parked');
    await register.key('1');
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.expectFocus('scan-field');
    await payByCard();
    await register.key('Enter');
  });

  it('reprints the last receipt marked COPY', async () => {
    const jobs = await printed(1);
    await register.key('Shift+F2');
    const [copy] = await jobs();
    expect(copy.text).toContain('*** COPY ***');
  });

  it('F1 takes a return by the typed receipt number: the chosen quantity back to stock, cash refunded after approval', async () => {
    const before = await server.db.stockBalance.findFirstOrThrow({ where: { productId: piece.id } });
    await register.key('F1');
    await register.typeInto('receipt-number', cashSaleNumber);
    await register.key('Enter');
    // The receipt found, the keyboard goes to its first line's quantity; Enter refunds in cash.
    await register.typeInto('return-1', '1');
    await register.screenshotsOnTablets('05-return');
    await register.key('Enter');
    await register.approve('manager', '2222');
    await page.getByTestId('return-done').waitFor();
    const after = await server.db.stockBalance.findFirstOrThrow({ where: { productId: piece.id } });
    expect(after.quantityMilli - before.quantityMilli).toBe(1000);
    const refund = await lastSale();
    expect(refund.kind).toBe('return');
    expect(refund.payments[0]).toMatchObject({ method: 'cash' });
    await register.key('Enter');
    await register.dialog().waitFor({ state: 'detached' });
    await register.expectFocus('scan-field');
  });

  it('opens the return of a scanned receipt and refuses to return more than was sold', async () => {
    await register.scan(cashSaleNumber);
    const dialog = register.dialog();
    await register.typeInto('return-1', '5');
    // Refused before any supervisor is asked: the server names what is wrong first.
    await register.tabTo(dialog.getByRole('button', { name: 'Refund to card' }));
    await register.key('Enter');
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/can still be returned/);
    await register.key('Escape');
    await register.expectFocus('scan-field');
  });

  it('puts cash into the drawer with a reason, and may not take it out', async () => {
    await register.key('Shift+F5');
    await register.typeInto('cash-amount', '20');
    await register.key('Tab');
    await register.typeInto('cash-reason', 'Float top-up');
    expect(await register.dialog().getByRole('radio', { name: 'Cash out' }).isDisabled()).toBe(true);
    await register.screenshotsOnTablets('05b-cash-in');
    await register.key('Enter');
    await register.dialog().waitFor({ state: 'detached' });
    await register.expectFocus('scan-field');
    expect(await server.db.cashMovement.findMany({ select: { kind: true, amount: true, reason: true } })).toEqual([{ kind: 'in', amount: 2000, reason: 'Float top-up' }]);
  });

  it('prints an X report, closes the shift with Shift+F1 and the counted cash, and shows the whole Z on screen before signing out', async () => {
    let jobs = await printed(1);
    await register.key('Shift+F1');
    await register.expectFocus('counted-cash');
    await page.getByTestId('shift-report').waitFor();
    await register.tabTo(register.dialog().getByRole('button', { name: 'Print X report' }));
    await register.key('Enter');
    expect((await jobs())[0].text).toContain('X REPORT');
    await register.screenshotsOnTablets('06-shift');

    jobs = await printed(1);
    await register.tabTo(register.dialog().locator('[name=counted-cash]'));
    await register.typeInto('counted-cash', '200');
    await register.key('Enter');
    const z = page.getByTestId('z-screen');
    await z.waitFor();
    const [paper] = await jobs();
    expect(paper.text).toContain('Z REPORT');
    expect(paper.text).toMatch(/Counted cash\s+200\.00/);
    const shift = await server.db.shift.findFirstOrThrow({ where: { closedAt: { not: null } } });
    expect(shift.countedCash).toBe(20_000);
    // Every figure of the Z, as the server stored it, is on the screen.
    const stored = JSON.parse(shift.zReport!);
    const shown = await z.innerText();
    for (const minor of [stored.salesTotal, stored.returnsTotal, stored.discountTotal, stored.openingFloat, stored.cashIn, stored.cashOut, stored.expectedCash, stored.countedCash]) expect(shown).toContain(euro(minor));
    for (const tender of stored.tenders) expect(shown).toContain(euro(tender.sales - tender.refunds));
    for (const tax of stored.taxes) expect(shown).toContain(euro(tax.tax));
    expect(await page.getByTestId('cash-difference').innerText()).toBe(`${stored.difference > 0 ? '+' : ''}${euro(stored.difference)}`);
    await expect.poll(() => page.getByTestId('z-print-status').innerText()).toBe('Z report printed.');
    await register.screenshotsOnTablets('07-z-report');
    await register.key('Enter');
    await page.locator('input[name=login]').waitFor();
  });

  it('works in Russian with Unicode names end to end', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await register.open(server.url, 'R2');
    await expect.poll(() => register.focused()).toMatch(/^(login|pin)$/);
    await register.tabTo(page.getByRole('button', { name: 'Русский' }), 'Shift+Tab');
    await register.key('Enter');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Вход в кассу');
    await register.screenshot('08-login-ru');
    await register.login('boris', '4444');
    // Chosen on the sign-in screen: it becomes Boris's language (his receipts print in it too).
    await expect.poll(async () => (await server.db.user.findUniqueOrThrow({ where: { login: 'boris' } })).locale).toBe('ru');
    await register.openShift('50');
    await register.scan(piece.barcode);
    await expect.poll(() => register.total.innerText()).toContain('€');
    expect(await page.getByRole('button', { name: /Оплата/ }).count()).toBeGreaterThan(0);

    // No scale at register 2: the cashier types the weight (in the Russian decimal format).
    const weighed = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', plu: { not: null } }, orderBy: { plu: 'desc' } });
    await register.searchAndPick(weighed.name, weighed.name);
    await register.typeInto('quantity', '0,5');
    await register.key('Enter');
    await expect.poll(() => register.cartRows.filter({ hasText: weighed.name }).innerText()).toContain('0,500 kg');

    // The serial scanner of register 2, read by the server, scans into this register's cart.
    await expect.poll(() => page.locator('header').first().innerText()).toContain('Сканер: в сети');
    const serial = new SerialPort({ path: scannerPty.peer, baudRate: 9600 });
    serial.write(`${piece.barcode}\r`);
    await expect.poll(() => register.cartRows.first().innerText()).toMatch(/\b2\b/);
    await new Promise<void>((r) => serial.close(() => r()));
    await register.screenshot('09-sell-ru');
  });

  it('speaks each of its six languages, and a user who chose one gets it back at the next sign-in', async () => {
    await register.key('Shift+F12');
    await expect.poll(() => register.focused()).toMatch(/^(login|pin)$/);
    await register.tabTo(page.getByRole('button', { name: 'English', exact: true }), 'Shift+Tab');
    for (const [code, name] of Object.entries(LOCALES)) {
      await register.tabTo(page.getByRole('button', { name, exact: true }));
      await register.key('Enter');
      await expect.poll(() => page.locator('h1').innerText()).toBe(titles[code]);
    }
    await register.screenshot('08b-login-zh');
    // The screen stays in Chinese (the last one picked) until Boris signs in: his own language is Russian.
    await page.reload();
    await register.login('boris', '4444');
    await expect.poll(() => page.getByRole('button', { name: /Оплата/ }).count()).toBeGreaterThan(0);
  });
});
