import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// Tasks for many customers at once on a tablet, by touch: from the customer list's filter and from
// a segment of the audit, each one request however often it is tapped.

const ZONE = 'Europe/Vilnius';
let server: TestServer;
let owner: ApiClient;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let maxId: string;
const kaunas: string[] = [];

/** The tasks with this title, and how many requests made them (their batch keys). */
async function tasksTitled(title: string) {
  const rows = await server.db.crmTask.findMany({ where: { title }, select: { customerId: true, assigneeId: true, originKey: true } });
  return { customers: rows.map((r) => r.customerId).sort(), assignees: [...new Set(rows.map((r) => r.assigneeId))], requests: new Set(rows.map((r) => r.originKey?.split(':')[1] ?? 'one by one')).size };
}

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 5, timezone: ZONE });
  owner = await server.login('owner', '1111');
  maxId = (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id;
  for (const [name, address] of [['Rasa Kaunietė', 'Laisvės al. 10, Kaunas'], ['Jonas Kaunietis', 'Savanorių pr. 5, KAUNAS'], ['Vilma Vilnietė', 'Gedimino pr. 1, Vilnius']]) {
    const made = await owner.post('/api/customers', { name, address });
    expect(made.status).toBe(201);
    if (address.toLowerCase().includes('kaunas')) kaunas.push(made.body.id);
  }
  session = await openBackOffice({ timeoutMs: 30_000, user: { url: server.url, login: 'owner', password: 'owner-demo-pass' } });
  ({ page, office } = session);
}, 120_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('tasks for many customers on a tablet, by touch', () => {
  it("makes a task for each customer of the list's filter in one request, and a second confirmation makes no second set", async () => {
    await office.section('Customers').tap();
    await office.type('input[name=filter-region]', 'kaunas');
    await expect.poll(() => page.locator('.list li').count()).toBe(2);
    const bulk = page.getByTestId('bulk-task');
    await office.type('input[name=bulk-task-title]', 'Invite to the Kaunas opening');
    await page.locator('select[name=bulk-task-assignee]').selectOption(maxId);
    for (let round = 0; round < 2; round++) {
      await bulk.getByRole('button', { name: 'Make 2 tasks…' }).tap();
      await expect.poll(() => bulk.innerText()).toContain('Make “Invite to the Kaunas opening” for all 2 customers shown, for Max Manager?');
      await bulk.getByRole('button', { name: 'Yes, make them' }).tap();
      await expect.poll(() => bulk.getByRole('status').innerText()).toBe('2 tasks made');
    }
    expect(await tasksTitled('Invite to the Kaunas opening')).toEqual({ customers: [...kaunas].sort(), assignees: [maxId], requests: 1 });
    await office.screenshot('crm-bulk-tasks-list-en');
  });

  it("makes a task for each of an audit segment's customers in one request, tapped twice", async () => {
    await office.section('Audit of the client base').tap();
    await expect.poll(() => office.heading().innerText()).toBe('Audit of the client base');
    const day = localTimeIn(ZONE).slice(0, 10);
    const ids = (await owner.get(`/api/crm/audit/never-bought?from=${day}&to=${day}`)).body.ids as string[];
    expect(ids.length).toBeGreaterThan(20);
    await page.getByTestId('segment-never-bought').tap();
    await expect.poll(() => page.getByTestId('segment-members').locator('h2').innerText()).toContain(String(ids.length));
    await page.locator('select[name=audit-manager]').selectOption(maxId);
    await office.type('input[name=audit-task]', 'Offer a first purchase discount');
    const make = page.getByRole('button', { name: 'Make a task for each' });
    await make.tap();
    await make.tap();
    await expect.poll(() => make.isEnabled()).toBe(true);
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`${ids.length} ${ids.length === 1 ? 'task' : 'tasks'} made`);
    expect(await tasksTitled('Offer a first purchase discount')).toEqual({ customers: [...ids].sort(), assignees: [maxId], requests: 1 });
    await office.screenshot('crm-bulk-tasks-audit-en');
  });
});
