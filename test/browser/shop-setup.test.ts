import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// A new shop owner sets up purchasing and a register on a portrait tablet, by touch and the
// on-screen keyboard: a supplier with a price list, a third register, and purchasing offers the
// supplier's suggested order. Screenshots in English and Russian.
let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;

/** Taps a field and types into it as a person would, replacing what it held. */
async function typeInto(selector: string, text: string): Promise<void> {
  await page.locator(selector).tap();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR });
  session = await openBackOffice({ device: { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' }, timeoutMs: 10_000 });
  ({ page, office } = session);
  await office.open(server.url);
  await typeInto('input[name=login]', 'owner');
  await typeInto('input[name=password]', 'owner-demo-pass');
  await page.getByRole('button', { name: 'Sign in' }).tap();
  await page.locator('header').first().getByText('Olivia Owner').waitFor();
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('setting up a shop on a portrait tablet', () => {
  it('creates a supplier with a price list, adds a register, and purchasing offers the supplier', async () => {
    const [product] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: {} } }, include: { barcodes: true }, orderBy: { sku: 'asc' }, skip: 3, take: 1 });

    // The supplier.
    await page.getByRole('navigation').getByRole('link', { name: 'Purchasing' }).tap();
    await page.getByRole('button', { name: 'Suppliers', exact: true }).tap();
    await page.getByRole('button', { name: 'New supplier' }).tap();
    await typeInto('input[name=supplier-code]', 'SAULE');
    await typeInto('input[name=supplier-name]', 'Saulės ūkis');
    await typeInto('input[name=supplier-contact]', 'ukis@saule.example.lt');
    await typeInto('input[name=supplier-lead]', '4');
    await typeInto('input[name=supplier-min-order]', '60');
    await page.getByTestId('supplier-form').getByRole('button', { name: 'Save' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Saulės ūkis added');
    const supplier = await server.db.supplier.findUniqueOrThrow({ where: { code: 'SAULE' } });
    expect(supplier).toMatchObject({ name: 'Saulės ūkis', contact: 'ukis@saule.example.lt', leadTimeDays: 4, minOrderAmount: 6000, currency: null, archivedAt: null });
    await expect.poll(() => page.getByTestId('suppliers').innerText()).toContain('Saulės ūkis');
    await office.screenshot('50-setup-supplier-768-en');

    // A supplier without a name is refused, naming the field, and nothing is added.
    await page.getByRole('button', { name: 'New supplier' }).tap();
    await typeInto('input[name=supplier-code]', 'NONAME');
    await page.getByTestId('supplier-form').getByRole('button', { name: 'Save' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('name');
    expect(await server.db.supplier.findUnique({ where: { code: 'NONAME' } })).toBeNull();

    // Its price list: a product scanned in, their price typed over ours.
    await page.locator('select[name=plan-supplier]').selectOption({ label: 'Saulės ūkis (4 days)' });
    await page.getByRole('button', { name: 'Supplier price list' }).tap();
    await typeInto('input[name=price-list-scan]', product.barcodes[0].code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('price-list').innerText()).toContain(product.name);
    await typeInto(`input[name=cost-${product.sku}]`, '0.75');
    await page.keyboard.press('Tab');
    await expect.poll(async () => (await server.db.supplierProduct.findFirst({ where: { supplierId: supplier.id, productId: product.id } }))?.unitCost).toBe(75);

    // A register.
    await page.getByRole('navigation').getByRole('link', { name: 'Registers & outlet' }).tap();
    await expect.poll(() => page.getByTestId('registers').innerText()).toContain('R2');
    expect(await page.locator('input[name=new-register-code]').getAttribute('placeholder')).toBe('R3');
    await typeInto('input[name=new-register-code]', 'R3');
    await typeInto('input[name=new-register-name]', 'Kasa prie durų');
    await page.getByRole('button', { name: 'Add', exact: true }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Register R3 added');
    await expect.poll(() => page.locator('[data-register=R3]').innerText()).toContain('ready');
    expect(await page.locator('input[name=new-register-code]').getAttribute('placeholder')).toBe('R4');
    expect(await server.db.register.findFirstOrThrow({ where: { code: 'R3' } })).toMatchObject({ name: 'Kasa prie durų', active: true });
    expect((await server.anonymous.post('/api/auth/login', { login: 'anna', pin: '3333', registerCode: 'R3' })).body.register.name).toBe('Kasa prie durų');
    await office.screenshot('51-setup-registers-768-en');

    // Purchasing offers the new supplier and its suggested order.
    await page.getByRole('navigation').getByRole('link', { name: 'Purchasing' }).tap();
    await expect.poll(() => page.locator('select[name=plan-supplier]').innerText()).toContain('Saulės ūkis (4 days)');
    await page.locator('select[name=plan-supplier]').selectOption({ label: 'Saulės ūkis (4 days)' });
    await expect.poll(() => page.getByTestId('plan').innerText()).toContain(product.name);
    expect(await page.getByTestId('plan').innerText()).toContain('€0.75');
    await expect.poll(() => page.locator('section .muted').first().innerText()).toContain('Minimum order €60.00.');
    await office.screenshot('52-setup-purchasing-768-en');

    // Ordered under the supplier's minimum: sent only when the owner says so; received short, the rest stays on order.
    await typeInto(`input[name=order-${product.sku}]`, '5');
    await page.getByRole('button', { name: 'Create the purchase order' }).tap();
    const order = page.getByTestId('purchase-order');
    await order.getByRole('button', { name: 'Mark as sent' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toContain('under the minimum order of €60.00');
    await order.getByRole('button', { name: 'Send under the minimum' }).tap();
    await expect.poll(() => order.innerText()).toContain('sent ·');
    await typeInto(`input[name=received-${product.sku}]`, '3');
    await expect.poll(() => order.innerText()).toContain('keep what did not come on order (a back-order)');
    expect(await order.locator('input[name=remainder][value=back-order]').isChecked()).toBe(true);
    await office.screenshot('55-setup-receive-short-768-en');
    await order.getByRole('button', { name: 'Receive the goods' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toMatch(/received as D-\d{6} · the rest stays on order as P-\d{6}/);
    const backOrder = await server.db.purchaseOrder.findFirstOrThrow({ where: { supplierId: supplier.id, backOrderOfId: { not: null } }, include: { lines: true } });
    expect(backOrder).toMatchObject({ status: 'sent', lines: [expect.objectContaining({ productId: product.id, quantityMilli: 2000 })] });
  });

  it('shows the same pages in Russian', async () => {
    await page.locator('select[name=language]').selectOption('ru');
    await page.getByRole('navigation').getByRole('link', { name: 'Кассы и точка' }).tap();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Кассы и точка');
    await expect.poll(() => page.locator('[data-register=R3]').innerText()).toContain('готова');
    await office.screenshot('53-setup-registers-768-ru');
    await page.getByRole('navigation').getByRole('link', { name: 'Закупки' }).tap();
    await page.getByRole('button', { name: 'Поставщики', exact: true }).tap();
    await expect.poll(() => page.getByTestId('suppliers').innerText()).toContain('Saulės ūkis');
    await page.getByTestId('suppliers').getByRole('button', { name: 'Saulės ūkis' }).tap();
    await expect.poll(() => page.getByTestId('supplier-form').innerText()).toContain('Срок поставки (дней)');
    await office.screenshot('54-setup-supplier-768-ru');
  });
});
