import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ru as officeRu } from '../../backoffice-ui/src/i18n/ru.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway.ts';

// Service messages on a tablet, by touch: the owner turns them off on a customer's form, the
// customer's pre-order arrives and the SMS gateway receives nothing; turned back on (in Russian),
// the next arrival reaches the gateway.

const PHONE = '+37061239101';
let gateway: SmsGateway;
let server: TestServer;
let owner: ApiClient;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let customerId: string;

/** A pre-order of the customer, made and marked arrived; answers its number. */
async function preOrderArrives(): Promise<{ id: string; number: string }> {
  const product = await server.db.product.findFirstOrThrow({ where: { kind: 'goods' }, orderBy: { sku: 'asc' } });
  const order = await owner.post<{ id: string; number: string }>('/api/pre-orders', { id: newId(), customerId, lines: [{ productId: product.id, quantityMilli: 1000, unitPrice: 500 }] });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const arrived = await owner.post<{ status: string }>(`/api/pre-orders/${order.body.id}/status`, { to: 'arrived' });
  expect(arrived.body.status).toBe('arrived');
  return order.body;
}

const form = () => page.getByTestId('customer-form');
const card = () => page.getByTestId('customer-card');
/** The card's own Edit (the points panel in it has an Edit of its own). */
const editCustomer = (name: string) => card().getByRole('button', { name, exact: true }).first();

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  gateway = await startSmsGateway();
  server = await startTestServer({ uiDir: UI_DIR, productCount: 5, timezone: 'Europe/Vilnius', messaging: { email: null, sms: gateway.sender, publicUrl: 'http://shop.test' } });
  owner = await server.login('owner', '1111');
  // No marketing consent: service messages need none.
  const made = await owner.post<{ id: string }>('/api/customers', { name: 'Ona Paslaugienė', phone: PHONE, smsConsent: false, emailConsent: false });
  expect(made.status).toBe(201);
  customerId = made.body.id;
  session = await openBackOffice();
  ({ page, office } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
  await gateway?.close();
});

describe('service messages on the customer form, on a tablet', () => {
  it('turned off: the pre-order arrives and no message is sent', async () => {
    await office.open(server.url);
    await office.signInTyping('owner', 'owner-demo-pass');
    await office.section('Customers').tap();
    await page.locator('.list li button').filter({ hasText: 'Ona Paslaugienė' }).tap();
    await expect.poll(() => page.getByTestId('customer-service-messages').innerText()).toBe('✓');
    await editCustomer('Edit').tap();
    const box = form().locator('input[name=serviceMessages]');
    expect(await box.isChecked()).toBe(true);
    expect(await form().innerText()).toContain('gets service messages (a pre-order has arrived)');
    await box.tap();
    expect(await box.isChecked()).toBe(false);
    await office.screenshot('service-messages-01-form-off-en');
    await form().getByRole('button', { name: 'Save', exact: true }).tap();
    await expect.poll(() => page.getByTestId('customer-service-messages').innerText()).toBe('✗');
    expect((await server.db.customer.findUniqueOrThrow({ where: { id: customerId } })).serviceMessagesRefusedAt).not.toBeNull();
    await office.screenshot('service-messages-02-card-off-en');

    const order = await preOrderArrives();
    expect((await server.db.preOrder.findUniqueOrThrow({ where: { id: order.id } })).notifiedBy).toBeNull();
    expect(await server.db.campaignMessage.count({ where: { customerId } })).toBe(0);
  });

  it('turned back on, in Russian: the next arrival reaches the SMS gateway, the refused one never does', async () => {
    await page.locator('header select[name=language]').selectOption('ru');
    await expect.poll(() => card().innerText()).toContain(officeRu['Service messages']);
    await editCustomer(officeRu['Edit']).tap();
    expect(await form().innerText()).toContain(officeRu['gets service messages (a pre-order has arrived)']);
    const box = form().locator('input[name=serviceMessages]');
    expect(await box.isChecked()).toBe(false);
    await box.tap();
    expect(await box.isChecked()).toBe(true);
    await office.screenshot('service-messages-03-form-on-ru');
    await form().getByRole('button', { name: officeRu['Save'], exact: true }).tap();
    await expect.poll(() => page.getByTestId('customer-service-messages').innerText()).toBe('✓');
    expect((await server.db.customer.findUniqueOrThrow({ where: { id: customerId } })).serviceMessagesRefusedAt).toBeNull();
    await office.screenshot('service-messages-04-card-on-ru');

    const order = await preOrderArrives();
    await expect.poll(() => gateway.texts.length, { timeout: 10_000 }).toBe(1);
    expect(gateway.texts[0].to).toBe(PHONE);
    expect(gateway.texts[0].text).toContain(order.number);
    expect((await server.db.preOrder.findUniqueOrThrow({ where: { id: order.id } })).notifiedBy).toBe('sms');
  });
});
