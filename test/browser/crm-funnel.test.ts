import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ru as officeRu } from '../../backoffice-ui/src/i18n/ru.ts';
import { ru } from '../../shared/i18n/ru.ts';
import type { ApiClient } from '../support/api-client.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// The owner on a tablet, by touch: sets up the funnel's statuses and moves, moves a lead through
// the funnel on the customer's card, and sees the funnel's chart and table change; then in Russian,
// a move the funnel no longer allows is refused in Russian.

let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let owner: ApiClient;

const counts = async () => Object.fromEntries(await page.getByTestId('funnel-row').evaluateAll((rows) => rows.map((r) => [r.children[0].firstChild?.textContent, Number(r.children[1].textContent)])));
const chart = () => page.getByTestId('funnel-chart').screenshot();

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, timezone: 'UTC' });
  owner = await server.login('owner', '1111');
  session = await openBackOffice({ timeoutMs: 20_000 });
  ({ page, office } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the funnel on a tablet', () => {
  it('sets up the funnel, moves a lead through it on the card, and the chart and table follow; refused in Russian once a move is taken away', async () => {
    await office.open(server.url);
    await office.signInTyping('owner', 'owner-demo-pass');
    await expect.poll(() => office.section('Funnel statuses').count()).toBe(1);

    // The owner's funnel: four statuses typed in, three moves ticked.
    await page.goto(`${server.url}/backoffice-ui/#/funnel-statuses`);
    await expect.poll(() => office.heading().innerText()).toBe('Funnel statuses');
    const names = ['Lead', 'Contacted', 'Offer', 'Client'];
    for (const [i, name] of names.entries()) {
      await page.getByTestId('funnel-add-status').tap();
      await office.type(`[data-testid=funnel-status]:nth-child(${i + 1}) input[name=status-name]`, name);
      await office.type(`[data-testid=funnel-status]:nth-child(${i + 1}) input[name=status-type]`, i < 3 ? 'lead' : 'client');
    }
    for (const [from, to] of [['Lead', 'Contacted'], ['Contacted', 'Offer'], ['Offer', 'Client']]) await page.getByLabel(`${from} → ${to}`).tap();
    await office.screenshot('funnel-01-statuses-en');
    await page.getByTestId('funnel-save').tap();
    await expect.poll(() => page.locator('.notice.ok').innerText()).toBe('Saved');
    const statuses = await server.db.customerStatus.findMany({ orderBy: { position: 'asc' } });
    expect(statuses.map((s) => [s.name, s.customerType, s.initial])).toEqual([['Lead', 'lead', true], ['Contacted', 'lead', false], ['Offer', 'lead', false], ['Client', 'client', false]]);
    const id = Object.fromEntries(statuses.map((s) => [s.name, s.id]));
    expect((await server.db.customerStatusMove.findMany()).map((m) => `${m.fromId}>${m.toId}`).sort()).toEqual([`${id.Lead}>${id.Contacted}`, `${id.Contacted}>${id.Offer}`, `${id.Offer}>${id.Client}`].sort());

    // Two leads already in the funnel, one of them contacted.
    const customers = await server.db.customer.findMany({ orderBy: { name: 'asc' }, take: 3 });
    for (const c of customers.slice(1)) expect((await owner.post(`/api/customers/${c.id}/status`, { statusId: id.Lead })).status).toBe(200);
    expect((await owner.post(`/api/customers/${customers[2].id}/status`, { statusId: id.Contacted })).status).toBe(200);

    await page.goto(`${server.url}/backoffice-ui/#/funnel`);
    await expect.poll(counts).toEqual({ Lead: 1, Contacted: 1, Offer: 0, Client: 0 });
    const before = await chart();

    // The lead on the card: new, then moved Lead → Contacted → Offer by touch.
    const lead = customers[0];
    await page.goto(`${server.url}/backoffice-ui/#/customers`);
    await office.type('input[name=customer-search]', lead.name);
    await page.locator('.list li button').filter({ hasText: lead.name }).first().tap();
    await expect.poll(() => page.getByTestId('customer-status-now').innerText()).toBe('No status');
    for (const next of ['Lead', 'Contacted', 'Offer']) {
      await page.getByTestId('status-move').filter({ hasText: next }).tap();
      await expect.poll(() => page.getByTestId('customer-status-now').innerText()).toBe(next);
    }
    await expect.poll(() => page.getByTestId('status-history').locator('li').count()).toBe(3);
    await page.getByTestId('customer-status').scrollIntoViewIfNeeded();
    await office.screenshot('funnel-02-card-en');
    expect((await server.db.customerStatusChange.findMany({ where: { customerId: lead.id }, orderBy: { at: 'asc' } })).map((h) => h.toId)).toEqual([id.Lead, id.Contacted, id.Offer]);

    await page.goto(`${server.url}/backoffice-ui/#/funnel`);
    await expect.poll(counts).toEqual({ Lead: 1, Contacted: 1, Offer: 1, Client: 0 });
    await expect.poll(async () => Buffer.compare(await chart(), before) !== 0).toBe(true);
    await office.screenshot('funnel-03-report-en');

    // In Russian: the report's words, and a move taken away meanwhile refused in Russian on the card.
    await page.locator('header select[name=language]').selectOption('ru');
    await expect.poll(() => office.heading().innerText()).toBe(officeRu['Funnel']);
    await expect.poll(() => page.getByTestId('funnel-table').locator('th').first().innerText()).toBe(officeRu['Stage']);
    await office.screenshot('funnel-04-report-ru');
    await page.goto(`${server.url}/backoffice-ui/#/customers`);
    await office.type('input[name=customer-search]', lead.name);
    await page.locator('.list li button').filter({ hasText: lead.name }).first().tap();
    await expect.poll(() => page.getByTestId('status-move').innerText()).toBe('Client');
    await server.db.$transaction((tx) => tx.customerStatusMove.delete({ where: { fromId_toId: { fromId: id.Offer, toId: id.Client } } }));
    await page.getByTestId('status-move').tap();
    await expect.poll(() => page.getByTestId('customer-status').locator('.notice.error').innerText()).toBe(ru.errors['customer-status-move-not-allowed'].replace('{from}', 'Offer').replace('{to}', 'Client'));
    expect((await server.db.customerStage.findUniqueOrThrow({ where: { customerId: lead.id } })).statusId).toBe(id.Offer);
    // The card now offers only what the funnel allows: no move from Offer.
    await expect.poll(() => page.getByTestId('status-move').count()).toBe(0);
    await page.getByTestId('customer-status').scrollIntoViewIfNeeded();
    await office.screenshot('funnel-05-card-refused-ru');
  }, 180_000);
});
