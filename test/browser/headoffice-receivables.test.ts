import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import type { SyncDocument } from '../../shared/schemas/sync.ts';
import { addDays } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { expectNothingScrollsSideways, launchChromium, requireBuiltUi, SHOTS, UI_DIR } from '../support/browser.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { BUCKETS, receivablesFrom } from '../support/receivables.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { addHeadOfficeUser, signInToHeadOffice, type HeadOfficeUser } from './pages/head-office-page.ts';

const RASA: HeadOfficeUser = { login: 'rasa', name: 'Rasa Buhalterė', password: 'head-office-pass' };

// Head office's owner on a portrait tablet, by touch, in English and Lithuanian: two outlets issue
// invoices to their companies due on days in every aged bucket and take partial payments; the
// receivables page shows per customer and outlet what the test adds up from the documents the
// outlets pushed, and nothing on it scrolls sideways at 768 px. Real PostgreSQL, headless Chromium.
const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };
const today = new Date().toISOString().slice(0, 10);
interface Outlet {
  code: string;
  server: TestServer;
  manager: ApiClient;
}
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
const outlets: Outlet[] = [];
let browser: Browser;
let page: Page;
/** Customer id → name, for finding the rows. */
const names = new Map<string, string>();

async function startOutlet(code: string): Promise<Outlet> {
  const token = await headOffice.addOutlet(code);
  const server = await startTestServer({
    outletCode: code,
    outletSettings: { invoicing: { seller: { ...SELLER, name: `Till ${code}` } } },
    headOffice: { url: headOffice.url, token, batchSize: 20, intervalMs: 50, maxBackoffMs: 300, timeoutMs: 3000 },
  });
  return { code, server, manager: await server.login('manager', '2222') };
}

async function company(o: Outlet, name: string): Promise<string> {
  const res = await o.manager.post<{ id: string }>('/api/customers', { name, kind: 'company', companyCode: `30${Math.floor(1e6 + Math.random() * 9e6)}`, address: 'Savanorių pr. 5, Kaunas' });
  expect(res.status).toBe(201);
  names.set(res.body.id, name);
  return res.body.id;
}

/** An invoice of one service line issued `daysAgo` days ago, due `terms` days after issue. */
async function invoice(o: Outlet, customerId: string, daysAgo: number, terms: number, gross: number): Promise<string> {
  const draft = await o.manager.post<{ id: string }>('/api/invoices', { customerId, paymentTermsDays: terms, lines: [{ description: 'Paslauga', unit: 'piece', quantityMilli: 1000, unitPriceGross: gross, taxRateBp: 2100 }] });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await o.manager.post<{ id: string }>(`/api/invoices/${draft.body.id}/issue`, { issueDate: addDays(today, -daysAgo) });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body.id;
}

async function pay(o: Outlet, customerId: string, invoiceId: string, amount: number) {
  const res = await o.manager.post('/api/invoice-payments', { id: newId(), customerId, method: 'bank-transfer', amount, day: today, allocations: [{ invoiceId, amount }] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

const pushed = async (): Promise<{ outletCode: string; doc: SyncDocument }[]> =>
  (
    await Promise.all(
      outlets.map(async (o) =>
        (await o.server.db.outboxEntry.findMany({ orderBy: { sequence: 'asc' } })).map((e) => ({
          outletCode: o.code,
          doc: { documentId: e.documentId, type: e.type as SyncDocument['type'], createdAt: e.createdAt.toISOString(), payload: JSON.parse(e.payload) },
        })),
      ),
    )
  ).flat();

beforeAll(async () => {
  requireBuiltUi('headoffice-ui');
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  await addHeadOfficeUser(headOffice, RASA);
  outlets.push(await startOutlet('VLN-1'), await startOutlet('KNS-1'));
  const [vilnius, kaunas] = outlets;
  // Vilnius: one company late in every bucket, another paying in parts; Kaunas: a company of its own.
  const statybos = await company(vilnius, 'UAB Statybų Sprendimai Ir Kompanija');
  await invoice(vilnius, statybos, 5, 30, 121_000); // not due
  await invoice(vilnius, statybos, 50, 30, 24_200); // 20 days late
  await invoice(vilnius, statybos, 80, 30, 36_300); // 50 days late
  await invoice(vilnius, statybos, 105, 30, 12_100); // 75 days late
  await invoice(vilnius, statybos, 160, 30, 6_050); // 130 days late
  const baldai = await company(vilnius, 'UAB Baldai');
  const paidInParts = await invoice(vilnius, baldai, 45, 14, 99_990); // 31 days late
  await pay(vilnius, baldai, paidInParts, 30_000);
  await pay(vilnius, baldai, paidInParts, 19_990);
  const ukis = await company(kaunas, 'ŽŪB Kauno Ūkis');
  const older = await invoice(kaunas, ukis, 200, 60, 500_000); // 140 days late
  await pay(kaunas, ukis, older, 123_456);
  await invoice(kaunas, ukis, 10, 14, 7_777); // not due
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 768, height: 1024 }, hasTouch: true, locale: 'en-GB' });
  page.setDefaultTimeout(15_000);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const o of outlets) await o.server.close();
  await headOffice?.close();
  await database?.drop();
});

const panel = () => page.locator('[data-panel="receivables"]');

/** Every row of the page equals the documents' own sums, in the page's language's money format. */
async function showsWhatTheDocumentsSay(locale: string) {
  const expected = receivablesFrom(await pushed(), today);
  expect(Object.keys(expected)).toHaveLength(3);
  for (const [key, sums] of Object.entries(expected)) {
    const [customerId, outletCode] = key.split(' ');
    const row = panel().locator(`tr[data-receivable="${names.get(customerId)} ${outletCode}"]`);
    for (const bucket of [...BUCKETS, 'total'] as const) {
      await expect.poll(() => row.locator(`[data-bucket="${bucket}"]`).innerText(), { timeout: 15_000 }).toBe(formatMoney(sums[bucket], 'EUR', locale));
    }
    expect(await row.locator('[data-invoices]').innerText()).toBe(String(sums.invoices));
  }
  expect(await panel().locator('tr[data-receivable]').count()).toBe(3);
  for (const bucket of [...BUCKETS, 'total'] as const) {
    const sum = Object.values(expected).reduce((s, r) => s + r[bucket], 0);
    expect(await panel().locator(`tfoot [data-bucket="${bucket}"]`).innerText()).toBe(formatMoney(sum, 'EUR', locale));
  }
}

describe('the chain’s receivables on a tablet', () => {
  it('show per customer and outlet what the pushed invoices and payments add up to, by age, in English', { timeout: 120_000 }, async () => {
  for (const o of outlets) await expect.poll(async () => (await o.manager.get('/api/sync/status')).body.backlog, { timeout: 30_000, interval: 100 }).toBe(0);
    await signInToHeadOffice(page, headOffice.url, RASA);
    await expect.poll(() => page.locator('header').innerText()).toContain('Rasa Buhalterė');
    await showsWhatTheDocumentsSay('en-GB');
    await panel().scrollIntoViewIfNeeded();
    await expectNothingScrollsSideways(page, 'main table');
    await page.screenshot({ path: `${SHOTS}/60-head-office-receivables-en.png`, fullPage: true });
  });

  it('show the same in Lithuanian, a customer’s balance at each outlet a tap away, and nothing scrolls sideways', { timeout: 120_000 }, async () => {
    await page.locator('select[name=language]').selectOption('lt');
    await expect.poll(() => panel().locator('h2').innerText()).toBe('Tinklo gautinos sumos');
    await showsWhatTheDocumentsSay('lt');
    await expectNothingScrollsSideways(page, 'main table');
    await panel().getByRole('button', { name: 'UAB Baldai' }).tap();
    const balance = page.locator('[data-customer-balance]');
    await expect.poll(() => balance.innerText()).toContain('VLN-1');
    expect(await balance.locator('tbody tr').first().innerText()).toContain(formatMoney(99_990 - 30_000 - 19_990, 'EUR', 'lt'));
    await expectNothingScrollsSideways(page, 'main table');
    await panel().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/61-head-office-receivables-lt.png`, fullPage: true });
  });
});
