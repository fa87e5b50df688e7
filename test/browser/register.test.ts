import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
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
import { en as enTexts } from '../../pos-ui/src/i18n/en.ts';
import { ru as ruTexts } from '../../pos-ui/src/i18n/ru.ts';
import { uk as ukTexts } from '../../pos-ui/src/i18n/uk.ts';
import { ro as roTexts } from '../../pos-ui/src/i18n/ro.ts';
import { lt as ltTexts } from '../../pos-ui/src/i18n/lt.ts';
import { zh as zhTexts } from '../../pos-ui/src/i18n/zh.ts';

const catalogs = { en: enTexts, ru: ruTexts, uk: ukTexts, ro: roTexts, lt: ltTexts, zh: zhTexts };

// The whole cashier story of issue 2 in headless Chromium against the built register, a real
// server and a fake network printer whose bytes are decoded back to the text on paper.

const UI_DIR = path.resolve('dist/ui');
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

beforeAll(async () => {
  if (!fs.existsSync(path.join(UI_DIR, 'pos-ui', 'index.html'))) throw new Error('Build the UI first: npm run build');
  fs.mkdirSync('test/browser/screenshots', { recursive: true });
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
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'en-GB' });
  page = await context.newPage();
  display = await context.newPage();
  await display.goto(`${server.url}/pos-ui/display.html?register=R1`);
  page.setDefaultTimeout(10_000);
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

describe('a cashier at the register', () => {
  let piece: { name: string; barcode: string; price: number; id: string };
  let cashSaleNumber = '';

  it('signs in with a PIN and opens the shift with a counted float', async () => {
    await register.open(server.url);
    await register.screenshot('01-login');
    await register.login('anna', '3333');
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

  it('finds an item by name as it types and adds it', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true, name: { contains: 'Chocolate' } } });
    await register.searchAndPick(row.name.slice(0, 14), row.name);
    await expect.poll(() => register.rowCount()).toBe(2);
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
    await register.screenshot('02a-scale');
    await register.key('Enter');
    await expect.poll(() => register.cartRows.filter({ hasText: weighed.name }).innerText()).toContain('0.735 kg');
    scale.grams = 0;
  });

  it('sells a price-labelled item by its in-store barcode', async () => {
    const labelled = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', plu: { not: null } } });
    await register.scan(buildInStoreBarcode({ prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5 }, labelled.plu!, 1234));
    await expect.poll(() => register.cartRows.filter({ hasText: labelled.name }).innerText()).toContain(euro(1234));
    expect(await register.rowCount()).toBe(4);
  });

  it('attaches a customer by scanning their loyalty card', async () => {
    const card = await server.db.customerCard.findFirstOrThrow({ where: { customer: { category: { code: 'silver' } } }, include: { customer: true } });
    await register.scan(card.code);
    await expect.poll(() => page.getByTestId('customer').innerText()).toContain(card.customer.name);
  });

  it('gives a manual line discount with a reason once a manager approves with their PIN', async () => {
    await register.selectLine(piece.name);
    await register.key('F6');
    await register.dialog().locator('input[name=discount-value]').fill('10');
    await register.dialog().locator('input[name=discount-reason]').fill('Damaged box');
    await register.key('Enter');
    await register.approve('manager', '2222');
    await expect.poll(() => register.cartRows.filter({ hasText: piece.name }).innerText()).toContain('Damaged box');
  });

  it('voids a line with a senior cashier approving on the spot, after refusing a wrong PIN and a cashier alike', async () => {
    const chocolate = register.cartRows.filter({ hasText: 'Chocolate' });
    await chocolate.click();
    await register.key('F8');
    // Neither answer tells a wrong PIN from a right one without the right, and the cashier stays signed in.
    expect(await register.refusedApproval('vera', '0000')).toBe('Wrong user or PIN.');
    expect(await register.refusedApproval('boris', '4444')).toBe('Wrong user or PIN.');
    await register.approve('vera', '5555');
    await expect.poll(() => register.rowCount()).toBe(3);
    expect(await server.db.auditLog.count({ where: { action: 'void-line' } })).toBe(1);
    await register.screenshot('02-cart');
  });

  it('takes cash with change; says paid only after the commit; the receipt prints and the drawer opens', async () => {
    const jobs = await printed(2);
    const shownTotal = await register.total.innerText();
    await expect.poll(() => display.getByTestId('display-total').innerText()).toBe(shownTotal);
    expect(await display.getByTestId('customer-display').innerText()).toContain(piece.name);
    await display.screenshot({ path: 'test/browser/screenshots/03a-customer-display.png' });
    await register.key('F12');
    await register.screenshot('03-payment');
    await register.dialog().locator('input[name=tendered]').fill('100');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    const sale = await lastSale();
    cashSaleNumber = sale.number;
    expect(euro(sale.total)).toBe(shownTotal);
    expect(sale.payments).toEqual([expect.objectContaining({ method: 'cash', tendered: 10_000, change: 10_000 - sale.total })]);
    expect(await page.getByTestId('paid').innerText()).toContain(euro(10_000 - sale.total).replace('€', ''));
    await register.screenshot('04-paid');
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
    expect(movement.quantityMilli).toBe(-2000);
    expect(stock.quantityMilli).toBeGreaterThan(0);
    await register.key('Enter');
    await expect.poll(() => register.rowCount()).toBe(0);
    // The sale waits in the outbox for head office, which does not answer; the register says so, discreetly.
    await expect.poll(() => page.getByTestId('head-office').innerText(), { timeout: 20_000 }).toMatch(/^Head office unreachable since /);
  });

  it('takes a card payment confirmed by the cashier, without opening the drawer', async () => {
    const jobs = await printed(1);
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.key('F12');
    await register.key('F2');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    const sale = await lastSale();
    expect(sale.payments.map((p) => p.method)).toEqual(['card']);
    const [receipt] = await jobs();
    expect(receipt.drawerKicks).toEqual([]);
    await register.key('Enter');
  });

  it('splits a payment over cash and card', async () => {
    await register.scan(piece.barcode);
    await register.scan(piece.barcode);
    await expect.poll(() => register.total.innerText()).toBe(euro(piece.price * 2));
    await register.key('F12');
    await register.dialog().locator('input[name=tendered]').fill('1');
    await register.key('Enter');
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
    await register.dialog().locator('input[name=gift-card-code]').waitFor();
    await register.scan('GC-7788-0001');
    await register.dialog().locator('input[name=gift-card-amount]').fill('20');
    await register.key('Enter');
    await expect.poll(() => register.total.innerText()).toBe(euro(2000));
    await register.key('F12');
    await register.key('F2');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.key('Enter');
    const card = await server.db.giftCard.findUniqueOrThrow({ where: { code: 'GC-7788-0001' }, include: { movements: true } });
    expect(card.movements.map((m) => [m.kind, m.amount])).toEqual([['issue', 2000]]);

    const member = await server.db.customerCard.findFirstOrThrow({ where: { customer: { category: { code: 'points' } } }, include: { customer: true } });
    await server.db.pointsMovement.create({ data: { id: newId(), customerId: member.customerId, kind: 'adjust', points: 150 } });
    await register.scan(member.code);
    await expect.poll(() => page.getByTestId('customer-points').innerText()).toContain('150');
    await register.scan(piece.barcode);
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.key('F12');
    await register.key('F3');
    await register.key('F4');
    await register.dialog().locator('input[name=gift-card-code]').waitFor();
    await register.scan('GC-7788-0001');
    await expect.poll(() => page.getByTestId('gift-card-balance').innerText()).toContain(euro(2000));
    await register.screenshot('04b-gift-card-and-points');
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

  it('takes a pre-order from the cart with a deposit, then collects it when it arrives with the deposit deducted', async () => {
    const member = await server.db.customerCard.findFirstOrThrow({ where: { customer: { category: { code: 'bronze' } } }, include: { customer: true } });
    await register.scan(member.code);
    await expect.poll(() => page.getByTestId('customer').innerText()).toContain(member.customer.name);
    await register.scan(piece.barcode);
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    const agreed = await register.total.innerText();
    await register.key('Shift+F4');
    await register.dialog().getByTestId('order-cart').locator('input[name=expected-date]').fill('2026-12-12');
    await register.dialog().getByRole('button', { name: 'Take the pre-order' }).click();
    await expect.poll(() => register.dialog().getByTestId('pre-order-detail').innerText()).toContain(agreed);
    const order = await server.db.preOrder.findFirstOrThrow({ where: { customerId: member.customerId }, include: { lines: true } });
    expect(order).toMatchObject({ status: 'new', expectedDate: '2026-12-12', lines: [expect.objectContaining({ productId: piece.id, quantityMilli: 2000 })] });
    await register.screenshot('04c-pre-order-taken');
    await page.setViewportSize({ width: 768, height: 1024 });
    await register.screenshot('04c-pre-order-taken-768');
    await page.setViewportSize({ width: 1366, height: 800 });

    // The deposit is a receipt of its own, paid like any sale.
    const jobs = await printed(2);
    await register.dialog().locator('input[name=deposit-amount]').fill('1');
    await register.key('Enter');
    await expect.poll(() => register.total.innerText()).toBe(euro(100));
    await register.key('F12');
    await register.dialog().locator('input[name=tendered]').fill('1');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.key('Enter');
    // The kick goes out on its own connection: it may arrive before or after the receipt.
    const depositReceipt = (await jobs()).find((p) => p.drawerKicks.length === 0)!;
    expect(depositReceipt.text).toContain('Pre-order deposit');
    expect(await server.db.preOrderDeposit.aggregate({ where: { preOrderId: order.id }, _sum: { amount: true } })).toEqual({ _sum: { amount: 100 } });

    // The goods arrive (the back office marks it); the cashier finds the order by its number and collects it.
    const manager = await server.login('manager', '2222', 'R2');
    expect((await manager.post(`/api/pre-orders/${order.id}/status`, { to: 'arrived' })).status).toBe(200);
    await register.key('Shift+F4');
    await register.dialog().locator('input[name=pre-order-search]').fill(order.number);
    await register.key('Enter');
    await register.dialog().getByRole('button', { name: 'Collect' }).click();
    await expect.poll(() => register.total.innerText()).toBe(agreed);
    await register.key('F12');
    await expect.poll(() => register.dialog().innerText()).toContain(`Deposit ${order.number}`);
    await register.screenshot('04d-pre-order-collect-payment');
    // The same on a tablet, either way round.
    for (const [width, height] of [[1024, 768], [768, 1024]]) {
      await page.setViewportSize({ width, height });
      await register.screenshot(`04e-pre-order-collect-payment-${width}`);
    }
    await page.setViewportSize({ width: 1366, height: 800 });
    await register.dialog().locator('input[name=tendered]').fill('100');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.key('Enter');
    const sale = await lastSale();
    expect(euro(sale.total)).toBe(agreed);
    expect(sale.payments.map((p) => [p.method, p.amount])).toEqual([['deposit', 100], ['cash', sale.total - 100]]);
    expect(await server.db.preOrder.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: 'collected', collectedSaleId: sale.id });
  });

  it('parks a sale and resumes it', async () => {
    await register.scan(piece.barcode);
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.key('F9');
    await expect.poll(() => register.rowCount()).toBe(0);
    await register.key('F10');
    await register.dialog().getByRole('button', { name: /Resume/ }).first().click();
    await expect.poll(() => register.rowCount()).toBe(1);
    await register.key('F12');
    await register.key('F2');
    await register.key('Enter');
    await page.getByTestId('paid').waitFor();
    await register.key('Enter');
  });

  it('reprints the last receipt marked COPY', async () => {
    const jobs = await printed(1);
    await register.key('Shift+F2');
    const [copy] = await jobs();
    expect(copy.text).toContain('*** COPY ***');
  });

  it('takes a return by the receipt number: chosen quantity back to stock, cash refunded after approval', async () => {
    const before = await server.db.stockBalance.findFirstOrThrow({ where: { productId: piece.id } });
    await register.scan(cashSaleNumber);
    const dialog = register.dialog();
    await dialog.locator('input[name=return-1]').fill('1');
    await register.screenshot('05-return');
    await dialog.getByRole('button', { name: 'Refund cash' }).click();
    await register.approve('manager', '2222');
    await page.getByTestId('return-done').waitFor();
    const after = await server.db.stockBalance.findFirstOrThrow({ where: { productId: piece.id } });
    expect(after.quantityMilli - before.quantityMilli).toBe(1000);
    const refund = await lastSale();
    expect(refund.kind).toBe('return');
    expect(refund.payments[0]).toMatchObject({ method: 'cash' });
    await register.key('Escape');
  });

  it('refuses to return more than was sold', async () => {
    await register.key('F1');
    const dialog = register.dialog();
    await dialog.locator('input[name=receipt-number]').fill(cashSaleNumber);
    await register.key('Enter');
    await dialog.locator('input[name=return-1]').fill('5');
    // Refused before any supervisor is asked: the server names what is wrong first.
    await dialog.getByRole('button', { name: 'Refund to card' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/can still be returned/);
    await register.key('Escape');
  });

  it('prints an X report and closes the shift with a Z report', async () => {
    let jobs = await printed(1);
    await register.key('Shift+F1');
    await page.getByTestId('shift-report').waitFor();
    await register.dialog().getByRole('button', { name: 'Print X report' }).click();
    expect((await jobs())[0].text).toContain('X REPORT');
    await register.screenshot('06-shift');

    jobs = await printed(1);
    await register.dialog().locator('input[name=counted-cash]').fill('200');
    await register.dialog().getByRole('button', { name: /Close shift/ }).click();
    const [z] = await jobs();
    expect(z.text).toContain('Z REPORT');
    expect(z.text).toMatch(/Counted cash\s+200\.00/);
    const shift = await server.db.shift.findFirstOrThrow({ where: { closedAt: { not: null } } });
    expect(shift.countedCash).toBe(20_000);
    await register.screenshot('07-z-report');
    await register.key('Escape');
    await page.locator('input[name=float]').waitFor();
  });

  it('works in Russian with Unicode names end to end', async () => {
    await register.key('Shift+F12').catch(() => {});
    await page.evaluate(() => sessionStorage.clear());
    await register.open(server.url, 'R2');
    await page.getByRole('button', { name: 'Русский' }).click();
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
    await register.dialog().locator('input[name=quantity]').fill('0,5');
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
    await page.locator('h1').waitFor();
    for (const [code, name] of Object.entries(LOCALES)) {
      await page.getByRole('button', { name, exact: true }).click();
      await expect.poll(() => page.locator('h1').innerText()).toBe(catalogs[code as keyof typeof LOCALES]['login.title']);
    }
    await register.screenshot('08b-login-zh');
    // The screen stays in Chinese (the last one picked) until Boris signs in: his own language is Russian.
    await page.reload();
    await page.locator('input[name=login]').fill('boris');
    await page.locator('input[name=pin]').fill('4444');
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.getByRole('button', { name: /Оплата/ }).count()).toBeGreaterThan(0);
  });
});
