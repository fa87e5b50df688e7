import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// The owner audits the client base on a tablet: the segments with their counts, a segment's
// customers given to a manager, a task made for each and a campaign started for them; then the
// manager's report with its target, in English and in Russian.

let server: TestServer;
let owner: ApiClient;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let managerId: string;
const buyers: string[] = [];

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR });
  owner = await server.login('owner', '1111');
  managerId = (await owner.post('/api/users', { login: 'mira', name: 'Mira Manager', role: 'manager', pin: '7811', password: 'audit-pass-1' })).body.id;
  await owner.post('/api/shifts', { openingFloat: 0 });
  const sku = (await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', cost: { gt: 0 } }, orderBy: { sku: 'asc' } })).sku;
  const [product] = await findProducts(owner, sku);
  // Five buyers spending more and more, with e-mail consent.
  for (let i = 1; i <= 5; i++) {
    const c = (await owner.post('/api/customers', { name: `Buyer ${i}`, email: `buyer${i}@example.com`, emailConsent: true })).body;
    buyers.push(c.id);
    for (let r = 0; r < i; r++) {
      const { request } = await buildSale(owner, [{ product, quantityMilli: i * 1000 }], { customer: (await owner.get(`/api/customers/${c.id}`)).body });
      expect((await owner.post('/api/sales', request)).status).toBe(201);
    }
  }
  session = await openBackOffice({ device: { viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' }, timeoutMs: 30_000 });
  ({ page, office } = session);
  await office.open(server.url);
  await office.signIn('owner', 'owner-demo-pass');
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the audit of the client base and the manager’s report on a tablet', () => {
  it('shows the segments, and gives a segment to a manager, makes a task for each and starts a campaign', async () => {
    await office.section('Audit of the client base').tap();
    await expect.poll(() => office.heading().innerText()).toBe('Audit of the client base');
    await expect.poll(() => page.getByText('5 customers bought in the period').count()).toBe(1);
    const a = page.getByTestId('segment-abc-a');
    const ids = (await owner.get(`/api/crm/audit/abc-a?from=${localTimeIn('Europe/Vilnius').slice(0, 10)}&to=${localTimeIn('Europe/Vilnius').slice(0, 10)}`)).body.ids as string[];
    await expect.poll(() => a.locator('strong').innerText()).toBe(String(ids.length));
    await a.tap();
    const members = page.getByTestId('segment-members');
    await expect.poll(() => members.locator('tbody tr').count()).toBe(ids.length);

    await page.locator('select[name=audit-manager]').selectOption(managerId);
    await page.getByRole('button', { name: 'Assign all to the manager' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`${ids.length} ${ids.length === 1 ? 'customer' : 'customers'} given to Mira Manager`);
    expect((await server.db.customerManager.findMany({ where: { managerId } })).map((m) => m.customerId).sort()).toEqual([...ids].sort());

    await page.locator('input[name=audit-task]').fill('Thank for the loyalty');
    await page.getByRole('button', { name: 'Make a task for each' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`${ids.length} ${ids.length === 1 ? 'task' : 'tasks'} made`);
    expect((await server.db.crmTask.findMany({ where: { title: 'Thank for the loyalty', assigneeId: managerId } })).map((t) => t.customerId).sort()).toEqual([...ids].sort());

    await page.locator('input[name=audit-campaign]').fill('Best customers');
    await page.locator('input[name=audit-subject]').fill('Thank you');
    await page.locator('textarea[name=audit-template]').fill('Thank you, {{name}}. {{unsubscribe}}');
    await page.getByRole('button', { name: 'Start a campaign for them' }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`Best customers: ${ids.length} consenting ${ids.length === 1 ? 'recipient' : 'recipients'} queued`);
    const campaign = await server.db.campaign.findFirstOrThrow({ where: { name: 'Best customers' } });
    expect((await server.db.campaignMessage.findMany({ where: { campaignId: campaign.id } })).map((m) => m.customerId).sort()).toEqual([...ids].sort());
    await office.screenshot('client-audit-en');

    await page.locator('select[name=language]').selectOption('ru');
    await expect.poll(() => office.heading().innerText()).toBe('Аудит клиентской базы');
    await expect.poll(() => page.getByTestId('segment-rfm-champions').innerText()).toContain('Чемпионы');
    await office.screenshot('client-audit-ru');
  });

  it("shows each manager's figures against the target the owner sets, as a table and a chart", async () => {
    await office.section('Отчёт менеджера').tap();
    await expect.poll(() => office.heading().innerText()).toBe('Отчёт менеджера');
    await page.locator('select[name=target-manager]').selectOption(managerId);
    await page.locator('input[name=target-sales]').fill('500');
    await page.locator('input[name=target-gross-profit]').fill('120');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).tap();
    await expect.poll(() => page.getByRole('status').innerText()).toBe('План сохранён.');
    const month = localTimeIn('Europe/Vilnius').slice(0, 7);
    expect(await server.db.managerTarget.findUniqueOrThrow({ where: { managerId_month: { managerId, month } } })).toMatchObject({ sales: 500_00, grossProfit: 120_00 });
    const row = page.getByTestId('manager-report').locator('tbody tr', { hasText: 'Mira Manager' });
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe(String((await server.db.customerManager.count({ where: { managerId } }))));
    await expect.poll(() => page.getByTestId('manager-chart').locator('canvas').count()).toBe(1);
    await office.screenshot('manager-report-ru');
    await page.locator('select[name=language]').selectOption('en');
    await expect.poll(() => office.heading().innerText()).toBe("Manager's report");
    await office.screenshot('manager-report-en');
  });
});
