import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import { withCheckDigit } from '../../shared/barcodes.ts';
import { formatMoney } from '../../shared/money.ts';
import { addDays, localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import { requireBuiltUi, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';
import { RegisterPage } from './pages/register-page.ts';

// Issue 14 as a shop owner does it on a 768×1024 tablet, by touch: a product with two barcodes, a
// T-shirt in 3 sizes × 2 colours, a variant sold by scanning its own barcode at the register, a
// price from tomorrow (today's sale at the old price, tomorrow's with both clocks moved at the new),
// the changed labels printed, an archived product refused at the register. Real server, real
// database, a fake label printer; what the screens say is checked against the rows stored.

const ZONE = 'Europe/Vilnius'; // the demo outlet's
const euro = (minor: number) => formatMoney(minor, 'EUR', 'en');
const code = (n: number) => withCheckDigit(`46099${String(n).padStart(7, '0')}`);

let server: TestServer;
let receipts: FakeNetworkPrinter;
let labels: FakeNetworkPrinter;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let register: RegisterPage;

const mug = { name: 'Enamel mug', sku: 'MUG-ENAMEL', price: 850, barcodes: [code(1), code(2)] };
const shirt = { name: 'Linen T-shirt', sku: 'TEE-LINEN', sizes: ['S', 'M', 'L'], colours: ['Red', 'Blue'] };
const shirtCode = (i: number) => code(100 + i);

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  receipts = await FakeNetworkPrinter.start();
  labels = await FakeNetworkPrinter.start();
  server = await startTestServer({
    receiptPrinterUri: receipts.uri,
    deviceEnv: { POS_LABEL_PRINTER: `${labels.uri}?language=tspl&width=58&height=40&ean13=truncated` },
    uiDir: UI_DIR,
  });
  session = await openBackOffice({ timeoutMs: 10_000 });
  ({ page, office } = session);
  const registerPage = await (await session.browser.newContext(TABLET_UPRIGHT)).newPage();
  registerPage.setDefaultTimeout(10_000);
  register = new RegisterPage(registerPage);
}, 60_000);

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  const name = context.task.name.slice(0, 40).replace(/\W+/g, '-');
  await office?.screenshot(`failed-catalogue-${name}`);
  await register?.screenshot(`failed-catalogue-register-${name}`);
});

afterAll(async () => {
  vi.useRealTimers();
  await session?.close();
  await server?.close();
  await receipts?.stop();
  await labels?.stop();
});

const form = () => page.getByTestId('product-form');
const listRow = (sku: string) => page.getByTestId('product-list').locator(`tr[data-sku="${sku}"]`);

async function search(text: string) {
  await page.locator('input[name=product-search]').fill(text);
  await expect.poll(() => page.getByTestId('product-list').locator('tbody tr').count()).toBe(1);
}

async function payCash(amount: string) {
  await register.key('F12');
  await register.typeInto('tendered', amount);
  await register.key('Enter');
  await register.page.getByTestId('paid').waitFor();
  await register.key('Enter');
  await expect.poll(() => register.rowCount()).toBe(0);
}

/** The scanner types into whatever has focus: the scan field must have it first. */
/** A keyboard-wedge scanner's burst: the register reads what reached its scan field, then Enter. */
const scan = (code: string) => register.scan(code);

const lastSale = () => server.db.sale.findFirstOrThrow({ orderBy: { createdAt: 'desc' }, include: { lines: true } });

describe('the catalogue on a tablet, by touch', () => {
  it('lists the products and creates one with two barcodes, refusing a wrong check digit as it is typed', async () => {
    await office.open(server.url);
    await office.signIn('manager', 'manager-demo-pass');
    await page.getByRole('navigation').getByRole('link', { name: 'Products' }).tap();
    await expect.poll(() => page.getByTestId('product-list').locator('tbody tr').count()).toBe(50);
    await expect(page.locator('button[name=more]').isVisible()).resolves.toBe(true);
    await office.screenshot('catalogue-01-list');

    await page.locator('button[name=new-product]').tap();
    await form().locator('input[name=name]').fill(mug.name);
    await form().locator('input[name=sku]').fill(mug.sku);
    await form().locator('input[name=price]').fill('8.50');
    await form().locator('input[name=cost]').fill('3.10');
    const wrong = `${mug.barcodes[0].slice(0, 12)}${(Number(mug.barcodes[0][12]) + 1) % 10}`;
    await form().locator('input[name=barcode-0]').fill(wrong);
    await expect.poll(() => form().innerText()).toContain(`Barcode ${wrong}: the check digit is wrong`);
    await form().locator('input[name=barcode-0]').fill(mug.barcodes[0]);
    await form().locator('button[name=add-barcode]').tap();
    await form().locator('input[name=barcode-1]').fill(mug.barcodes[1]);
    await expect.poll(() => form().innerText()).not.toContain('the check digit is wrong');
    await office.screenshot('catalogue-02-form');
    await form().locator('button[name=save]').tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain(`${mug.name} saved`);

    const stored = await server.db.product.findUniqueOrThrow({ where: { sku: mug.sku }, include: { barcodes: true } });
    expect(stored).toMatchObject({ name: mug.name, price: 850, cost: 310, active: true });
    expect(stored.barcodes.map((b) => b.code).sort()).toEqual([...mug.barcodes].sort());
  });

  it('refuses a barcode another product has, naming it, and stores nothing', async () => {
    const taken = await server.db.barcode.findFirstOrThrow({ where: { product: { sku: { not: mug.sku } } }, include: { product: true } });
    await page.locator('button[name=new-product]').tap();
    await form().locator('input[name=name]').fill('Copycat');
    await form().locator('input[name=sku]').fill('COPYCAT-1');
    await form().locator('input[name=price]').fill('1.00');
    await form().locator('input[name=barcode-0]').fill(taken.code);
    await form().locator('button[name=save]').tap();
    await expect.poll(() => form().getByRole('alert').innerText()).toBe(`Barcode ${taken.code} is already on ${taken.product.name}`);
    expect(await server.db.product.count({ where: { sku: 'COPYCAT-1' } })).toBe(0);
    await form().locator('button[name=cancel]').tap();
  });

  it('warns of a price below cost and saves it only when the manager goes ahead', async () => {
    await page.locator('button[name=new-product]').tap();
    await form().locator('input[name=name]').fill('Clearance pen');
    await form().locator('input[name=sku]').fill('PEN-CLEAR');
    await form().locator('input[name=price]').fill('0.50');
    await form().locator('input[name=cost]').fill('1.00');
    await form().locator('button[name=save]').tap();
    await expect.poll(() => form().getByRole('alert').innerText()).toContain('The price is below the cost (net of VAT)');
    expect(await server.db.product.count({ where: { sku: 'PEN-CLEAR' } })).toBe(0);
    await form().locator('button[name=go-ahead]').tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Clearance pen saved');
    expect(await server.db.product.findUniqueOrThrow({ where: { sku: 'PEN-CLEAR' } })).toMatchObject({ price: 50, cost: 100 });
  });

  it('makes a T-shirt in 3 sizes × 2 colours, each variant with its own barcode, shown together in the list', async () => {
    await page.locator('button[name=new-product]').tap();
    await form().locator('input[name=name]').fill(shirt.name);
    await form().locator('input[name=sku]').fill(shirt.sku);
    await form().locator('input[name=price]').fill('19.00');
    await form().locator('input[name=cost]').fill('7.00');
    await form().locator('input[name=hasVariants]').tap();
    await form().locator('input[name=option-0]').fill('Size');
    await form().locator('input[name=option-values-0]').fill(shirt.sizes.join(', '));
    await form().locator('button[name=add-option]').tap();
    await form().locator('input[name=option-1]').fill('Colour');
    await form().locator('input[name=option-values-1]').fill(shirt.colours.join(', '));
    await form().locator('button[name=make-variants]').tap();
    const matrix = form().getByTestId('variants').locator('tbody tr');
    await expect.poll(() => matrix.count()).toBe(6);
    expect(await matrix.allInnerTexts()).toEqual(shirt.sizes.flatMap((s) => shirt.colours.map((c) => expect.stringContaining(`${s} / ${c}`))));
    for (let i = 0; i < 6; i++) await form().locator(`input[name=variant-barcodes-${i}]`).fill(shirtCode(i));
    await form().locator('input[name=variant-price-5]').fill('21.00'); // L / Blue costs more
    await office.screenshot('catalogue-03-variants');
    await form().locator('button[name=save]').tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain(`${shirt.name} saved`);

    const family = await server.db.product.findUniqueOrThrow({ where: { sku: shirt.sku } });
    const variants = await server.db.product.findMany({ where: { parentId: family.id }, include: { barcodes: true }, orderBy: { sku: 'asc' } });
    expect(variants).toHaveLength(6);
    expect(variants.map((v) => [v.name, v.price, v.barcodes.map((b) => b.code)]).sort()).toEqual(
      shirt.sizes.flatMap((s, si) => shirt.colours.map((c, ci) => [`${shirt.name} ${s} / ${c}`, si === 2 && ci === 1 ? 2100 : 1900, [shirtCode(si * 2 + ci)]])).sort(),
    );

    await search(shirt.name);
    await expect.poll(() => listRow(shirt.sku).locator('.variants li').count()).toBe(6);
    await office.screenshot('catalogue-04-list-variants');
  });

  it('sells a variant by scanning its barcode, another by picking it, and the mug by its second barcode', async () => {
    await register.open(server.url);
    await register.login('anna', '3333');
    await register.openShift('100.00');
    await scan(shirtCode(5));
    await expect.poll(() => register.cartRows.first().innerText()).toContain(`${shirt.name} L / Blue`);
    await register.searchAndPick(shirt.name, `${shirt.name} S / Red`);
    await expect.poll(() => register.rowCount()).toBe(2);
    await scan(mug.barcodes[1]);
    await expect.poll(() => register.rowCount()).toBe(3);
    await expect.poll(() => register.total.innerText()).toBe(euro(2100 + 1900 + 850));
    await register.screenshot('catalogue-05-register-variant');
    await payCash('50');
    const sale = await lastSale();
    const variant = (i: number) => server.db.product.findFirstOrThrow({ where: { barcodes: { some: { code: shirtCode(i) } } } });
    const sold = await server.db.product.findUniqueOrThrow({ where: { sku: mug.sku } });
    expect(sale.lines.map((l) => [l.productId, l.unitPrice]).sort()).toEqual([[(await variant(5)).id, 2100], [(await variant(0)).id, 1900], [sold.id, 850]].sort());
  });

  it('changes the mug price from tomorrow with a preview, and prints its labels at tomorrow’s price', async () => {
    const { id: productId } = await server.db.product.findUniqueOrThrow({ where: { sku: mug.sku } });
    await search(mug.name);
    await listRow(mug.sku).getByRole('checkbox').tap();
    await page.locator('button[name=bulk-price]').tap();
    await page.locator('input[name=price-amount]').fill('9.49');
    await page.locator('select[name=price-rounding]').selectOption('ninety-nine');
    await page.locator('button[name=from-tomorrow]').tap();
    await page.locator('button[name=price-preview]').tap();
    await expect.poll(() => page.getByTestId('price-preview').locator('tbody').innerText()).toMatch(new RegExp(`${mug.name}\\s+${euro(850).replace('.', '\\.')}\\s+${euro(999).replace('.', '\\.')}`));
    await office.screenshot('catalogue-06-price-preview');
    expect(await server.db.priceChange.count({ where: { productId, appliedAt: null } })).toBe(0); // a preview changes nothing

    await page.locator('button[name=price-apply]').tap();
    await page.getByTestId('labels-offer').waitFor();
    const from = startOfLocalDay(ZONE, addDays(localTimeIn(ZONE).slice(0, 10), 1));
    const change = await server.db.priceChange.findFirstOrThrow({ where: { productId, appliedAt: null } });
    expect([change.price, change.effectiveAt.toISOString()]).toEqual([999, from.toISOString()]);
    expect((await server.db.product.findUniqueOrThrow({ where: { sku: mug.sku } })).price).toBe(850);
    await expect.poll(() => listRow(mug.sku).getByTestId('next-price').innerText()).toContain(euro(999));

    await page.locator('button[name=print-changed-labels]').tap();
    await labels.waitForJobs(1);
    const job = await server.db.printJob.findFirstOrThrow({ where: { kind: 'labels' }, orderBy: { createdAt: 'desc' } });
    expect(JSON.parse(job.payload).labels.map((l: { name: string; price: number }) => [l.name, l.price])).toEqual([[mug.name, 999]]);
    await expect.poll(() => page.getByRole('status').innerText()).toContain('1 label ×');
  });

  it('sells the mug today at the old price and tomorrow (both clocks moved) at the new', async () => {
    await scan(mug.barcodes[0]);
    await expect.poll(() => register.total.innerText()).toBe(euro(850));
    await payCash('10');
    expect((await lastSale()).lines.map((l) => l.unitPrice)).toEqual([850]);

    const tomorrow = new Date(startOfLocalDay(ZONE, addDays(localTimeIn(ZONE).slice(0, 10), 1)).getTime() + 3600_000);
    vi.setSystemTime(tomorrow);
    // The register's own clock moves too: it prices the cart by the local time.
    await register.page.context().clock.install({ time: tomorrow });
    // A new day's cashier signs in afresh (yesterday's session may have run out).
    await register.page.evaluate(() => sessionStorage.clear());
    await register.page.reload();
    await register.login('anna', '3333');
    await scan(mug.barcodes[0]);
    await expect.poll(() => register.total.innerText()).toBe(euro(999));
    await register.screenshot('catalogue-07-register-tomorrow');
    await payCash('10');
    const sale = await lastSale();
    expect([sale.lines.map((l) => l.unitPrice), sale.createdAt.getTime() >= tomorrow.getTime()]).toEqual([[999], true]);
    // The back office's morning session may have run out by tomorrow too: the manager signs in afresh.
    await page.evaluate(() => { sessionStorage.clear(); localStorage.clear(); });
    await office.open(server.url);
    await office.signIn('manager', 'manager-demo-pass');
    await office.section('Products').tap();
  });

  it('archives the mug: the register refuses it, the history stays', async () => {
    await search(mug.name);
    await listRow(mug.sku).getByRole('button', { name: mug.name }).tap();
    await form().locator('input[name=archived]').tap();
    await form().locator('button[name=save]').tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain(`${mug.name} saved`);
    const archived = await server.db.product.findUniqueOrThrow({ where: { sku: mug.sku } });
    expect(archived.active).toBe(false);

    // The cashier reads the refusal in their own language.
    await register.page.evaluate(() => localStorage.setItem('till.locale', 'ru'));
    await register.page.reload();
    await scan(mug.barcodes[1]);
    await expect.poll(() => register.notice.innerText()).toBe(`${mug.name} в архиве: больше не продаётся`);
    expect(await register.rowCount()).toBe(0);
    await register.screenshot('catalogue-08-register-archived');
    expect(await server.db.saleLine.count({ where: { productId: archived.id } })).toBe(3);

    await page.locator('select[name=filter-status]').selectOption('archived');
    await page.locator('input[name=product-search]').fill(mug.name);
    await expect.poll(() => listRow(mug.sku).innerText()).toContain('archived');
  });

  it('grows the category tree, files the T-shirt under it from the list, filters by the branch and archives it whole', async () => {
    await page.locator('select[name=filter-status]').selectOption('active');
    await page.locator('button[name=categories]').tap();
    const tree = page.getByTestId('categories');
    await tree.locator('input[name=new-category]').fill('Clothing');
    await tree.getByRole('button', { name: 'Add' }).tap();
    await expect.poll(() => tree.locator('li').filter({ hasText: 'Clothing' }).count()).toBe(1);
    await tree.locator('input[name=new-category]').fill('Tees');
    await tree.locator('select[name=new-category-parent]').selectOption({ label: 'Clothing' });
    await tree.getByRole('button', { name: 'Add' }).tap();
    await expect.poll(() => tree.locator('li').filter({ hasText: 'Tees' }).count()).toBe(1);
    await tree.locator('li').filter({ hasText: 'Tees' }).getByRole('button', { name: 'Rename or move' }).tap();
    await tree.locator('input[name=category-name]').fill('T-shirts');
    await tree.getByRole('button', { name: 'Save' }).tap();
    await expect.poll(() => tree.innerText()).toContain('T-shirts');
    await office.screenshot('catalogue-09-categories');
    const clothing = await server.db.category.findFirstOrThrow({ where: { name: 'Clothing' } });
    const tees = await server.db.category.findFirstOrThrow({ where: { name: 'T-shirts' } });
    expect([tees.parentId, tees.active]).toEqual([clothing.id, true]);
    await tree.getByRole('button', { name: 'Close' }).tap();

    await search(shirt.name);
    await listRow(shirt.sku).getByRole('checkbox').tap();
    await page.locator('select[name=bulk-category]').selectOption({ label: '\u00a0\u00a0T-shirts' });
    await page.locator('button[name=bulk-move]').tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('7 products changed') // the T-shirt and its six variants;
    expect((await server.db.product.findUniqueOrThrow({ where: { sku: shirt.sku } })).categoryId).toBe(tees.id);
    await page.locator('input[name=product-search]').fill('');
    await page.locator('select[name=filter-category]').selectOption({ label: 'Clothing' });
    await expect.poll(() => page.getByTestId('product-list').locator('tbody tr').allInnerTexts()).toEqual([expect.stringContaining(shirt.name)]);
    await page.locator('select[name=filter-category]').selectOption('');

    await page.locator('button[name=categories]').tap();
    await tree.locator('li').filter({ hasText: 'Clothing' }).getByRole('button', { name: 'Archive' }).tap();
    await expect.poll(async () => (await server.db.category.findMany({ where: { id: { in: [clothing.id, tees.id] } } })).map((c) => c.active)).toEqual([false, false]);
    await tree.getByRole('button', { name: 'Close' }).tap();
  });

  it('shows the catalogue in Russian', async () => {
    await page.locator('header select').selectOption('ru');
    await page.locator('select[name=filter-status]').selectOption('active');
    await page.locator('input[name=product-search]').fill(shirt.name);
    await expect.poll(() => page.locator('main').innerText()).toContain('Новый товар');
    await expect.poll(() => listRow(shirt.sku).innerText()).toContain('6 вариантов');
    await office.screenshot('catalogue-10-list-ru');
    await listRow(shirt.sku).getByRole('button', { name: shirt.name }).tap();
    await expect.poll(() => form().innerText()).toContain('Варианты');
    await office.screenshot('catalogue-11-form-ru');
  });
});
