import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { launchChromium, requireBuiltUi, SHOTS, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { BackOfficePage } from './pages/backoffice-page.ts';
import { addHeadOfficeUser, signInToHeadOffice } from './pages/head-office-page.ts';

// The funnel in a chain on a tablet: the outlet's owner sees head office's funnel and cannot change
// it; head office's owner sees the chain's funnel with the outlet's customers in their stages.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let owner: ApiClient;
let browser: Browser;
let page: Page;
const LEAD = newId();
const WON = newId();

beforeAll(async () => {
  requireBuiltUi('headoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice);
  expect((await headOffice.admin.put(`/api/head-office/master/customer-status/${WON}`, { name: 'Won', customerType: 'client', position: 1 })).status).toBe(204);
  expect((await headOffice.admin.put(`/api/head-office/master/customer-status/${LEAD}`, { name: 'Lead', customerType: 'lead', position: 0, initial: true, moves: [WON] })).status).toBe(204);
  const token = await headOffice.addOutlet('FUN-1');
  outlet = await startTestServer({ uiDir: UI_DIR, outletCode: 'FUN-1', headOffice: { url: headOffice.url, token, intervalMs: 50, maxBackoffMs: 300 } });
  owner = await outlet.login('owner', '1111');
  browser = await launchChromium();
  page = await browser.newPage(TABLET_UPRIGHT);
  page.setDefaultTimeout(20_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe("the chain's funnel on a tablet", () => {
  it("shows the outlet head office's funnel read-only", async () => {
    await expect.poll(async () => (await owner.get<any>('/api/customer-statuses')).body.statuses.length, { timeout: 20_000 }).toBe(2);
    const office = new BackOfficePage(page);
    await office.open(outlet.url);
    await office.signInTyping('owner', 'owner-demo-pass');
    await page.goto(`${outlet.url}/backoffice-ui/#/funnel-statuses`);
    await expect.poll(() => page.getByTestId('funnel-owned').innerText()).toContain('kept by head office');
    expect(await page.locator('input[name="status-name"]').evaluateAll((inputs) => inputs.map((i) => [(i as HTMLInputElement).value, i.matches(':disabled')]))).toEqual([['Lead', true], ['Won', true]]);
    expect(await page.getByTestId('funnel-save').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/chain-funnel-outlet.png`, fullPage: true });
  });

  it("shows head office the chain's funnel with the outlet's customers in their stages", async () => {
    for (const name of ['Won Buyer', 'New Lead']) {
      const customer = await owner.post<any>('/api/customers', { name });
      expect((await owner.post(`/api/customers/${customer.body.id}/status`, { statusId: LEAD })).status).toBe(200);
      if (name === 'Won Buyer') expect((await owner.post(`/api/customers/${customer.body.id}/status`, { statusId: WON })).status).toBe(200);
    }
    await expect.poll(async () => (await owner.get<any>('/api/sync/status')).body.backlog, { timeout: 20_000 }).toBe(0);
    await signInToHeadOffice(page, headOffice.url);
    const stage = (name: string) => page.locator(`[data-panel="funnel"] tr[data-stage="${name}"]`);
    await expect.poll(() => stage('Lead').innerText()).toMatch(/^Lead\s+1\s+2/);
    await expect.poll(() => stage('Won').innerText()).toMatch(/^Won\s+1\s+1/);
    expect(await page.locator('[data-panel="funnel"]').innerText()).toMatch(/Lead → Won\s+2\s+1\s+50[.,]0 %/);
    expect(await page.locator('tr[data-funnel-outlet="FUN-1"]').innerText()).toMatch(/FUN-1\s+1\s+1/);
    await page.locator('[data-panel="funnel"]').screenshot({ path: `${SHOTS}/chain-funnel-head-office.png` });
  });
});
