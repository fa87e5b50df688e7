import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import { labelsFor } from '../../shared/receipt-labels.ts';
import type { ApiClient } from '../support/api-client.ts';
import { expectNothingScrollsSideways, requireBuiltUi, SHOTS, TABLET_UPRIGHT, UI_DIR } from '../support/browser.ts';
import { buildSale, findProducts, type TestLine } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// Issue 13 on a 768×1024 tablet, by touch: the shift history keeps each closed shift's Z whole
// (tenders and taxes by rate too), shows a past one as printed and prints it again marked COPY; the
// reports page refreshes when opened again, on its button and on a pull down, and says as of when.
// Every figure is the test's own sum of the documents it made through the API.

interface Doc { total: number; discountTotal: number; payments: { method: string; amount: number }[]; lines: { id: string; taxRateBp: number; amount: number; taxAmount: number }[] }

let server: TestServer;
let printer: FakeNetworkPrinter;
let manager: ApiClient;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let pick: (rateBp: number, n?: number) => TestLine['product'];
let rates: [number, number];
/** The first shift's figures as the test sums them from its sales and return. */
let first: { sales: number; salesCount: number; returns: number; discounts: number; cash: number; card: number; refundsCash: number; taxes: Map<number, { net: number; tax: number; gross: number }>; expected: number; counted: number };

const amount = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;
const euro = (minor: number) => formatMoney(minor, 'EUR', 'en-GB');

async function sell(lines: TestLine[], method: 'cash' | 'card'): Promise<Doc> {
  const { request } = await buildSale(manager, lines, { tenders: (total) => [{ method, amount: total }] });
  const sold = await manager.post<Doc>('/api/sales', request);
  expect(sold.status, JSON.stringify(sold.body)).toBe(201);
  return sold.body;
}

async function closeShift(counted: (expected: number) => number): Promise<void> {
  const { expectedCash } = (await manager.get<{ expectedCash: number }>('/api/shifts/current/x-report')).body;
  expect((await manager.post('/api/shifts/current/close', { countedCash: counted(expectedCash) })).status).toBe(200);
}

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  printer = await FakeNetworkPrinter.start();
  server = await startTestServer({ uiDir: UI_DIR, receiptPrinterUri: printer.uri, timezone: 'Europe/Vilnius' });
  manager = await server.login('manager', '2222', 'R1');
  const rows = await server.db.product.findMany({ where: { kind: 'goods', unit: 'piece', plu: null, discountable: true, price: { gt: 100, lt: 3000 } }, include: { taxRate: true }, orderBy: { sku: 'asc' } });
  const byRate = new Map<number, typeof rows>();
  for (const r of rows) byRate.set(r.taxRate.rateBp, [...(byRate.get(r.taxRate.rateBp) ?? []), r]);
  const found = [...byRate.keys()].filter((rate) => byRate.get(rate)!.length >= 3);
  expect(found.length, 'two tax rates among the demo goods').toBeGreaterThanOrEqual(2);
  rates = [found[0], found[1]];
  const views = new Map<string, TestLine['product']>();
  for (const rate of rates) for (const r of byRate.get(rate)!.slice(0, 3)) views.set(r.id, (await findProducts(manager, r.sku)).find((p) => p.id === r.id)!);
  pick = (rateBp, n = 0) => views.get(byRate.get(rateBp)![n].id)!;

  // The first shift: a discounted cash sale in both rates, a card sale, one unit returned in cash,
  // a drawer 0.30 short.
  const float = 5_000;
  expect((await manager.post('/api/shifts', { openingFloat: float })).status).toBe(201);
  const a = await sell([{ product: pick(rates[0]), quantityMilli: 2000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'Dented box' } }, { product: pick(rates[1]), quantityMilli: 1000 }], 'cash');
  const b = await sell([{ product: pick(rates[1], 1), quantityMilli: 3000 }, { product: pick(rates[0], 1), quantityMilli: 1000 }], 'card');
  const returned = await manager.post<Doc>('/api/returns', { id: newId(), originalSaleId: (a as any).id, lines: [{ saleLineId: a.lines[1].id, quantityMilli: 1000 }], refundMethod: 'cash' });
  expect(returned.status, JSON.stringify(returned.body)).toBe(201);
  const r = returned.body;
  const taxes = new Map<number, { net: number; tax: number; gross: number }>();
  for (const [doc, sign] of [[a, 1], [b, 1], [r, -1]] as const) {
    for (const l of doc.lines) {
      const row = taxes.get(l.taxRateBp) ?? { net: 0, tax: 0, gross: 0 };
      row.gross += sign * l.amount;
      row.tax += sign * l.taxAmount;
      row.net = row.gross - row.tax;
      taxes.set(l.taxRateBp, row);
    }
  }
  const paid = (doc: Doc, method: string) => doc.payments.filter((p) => p.method === method).reduce((s, p) => s + p.amount, 0);
  const expected = float + paid(a, 'cash') + paid(b, 'cash') - paid(r, 'cash');
  first = {
    sales: a.total + b.total, salesCount: 2, returns: r.total, discounts: a.discountTotal + b.discountTotal,
    cash: paid(a, 'cash') + paid(b, 'cash'), card: paid(a, 'card') + paid(b, 'card'), refundsCash: paid(r, 'cash'),
    taxes, expected, counted: expected - 30,
  };
  expect(first.discounts).toBeGreaterThan(0);
  await closeShift(() => first.counted);
  // A second shift, closed even.
  expect((await manager.post('/api/shifts', { openingFloat: 2_000 })).status).toBe(201);
  await sell([{ product: pick(rates[0], 2), quantityMilli: 1000 }], 'card');
  await closeShift((e) => e);

  session = await openBackOffice({ device: TABLET_UPRIGHT, timeoutMs: 20_000, user: { url: server.url, login: 'owner', password: 'owner-demo-pass' } });
  ({ page, office } = session);
  await office.section('Reports').waitFor();
}, 90_000);

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await office?.screenshot(`failed-shift-history-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
  await printer?.stop();
});

/** Every line of the first shift's Z with its figure, in `locale`'s words, as the paper lays it out. */
function firstShiftLines(locale: string): RegExp[] {
  const t = labelsFor(locale);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = (label: string, figure: string) => new RegExp(`^\\s*${escape(label)}\\s+${escape(figure)}\\s*$`, 'm');
  return [
    row(`${t.sales} (${first.salesCount})`, amount(first.sales)),
    row(`${t.returns} (1)`, `-${amount(first.returns)}`),
    row(t.discounts, amount(first.discounts)),
    row(t.cash, amount(first.cash)),
    row(t.refunds, `-${amount(first.refundsCash)}`),
    row(t.card, amount(first.card)),
    ...[...first.taxes].map(([rate, x]) => row(`${t.vatRate} ${rate / 100}%`, `${amount(x.net)} + ${amount(x.tax)} = ${amount(x.gross)}`)),
    row(t.expectedCash, amount(first.expected)),
    row(t.countedCash, amount(first.counted)),
    row(t.difference, amount(first.counted - first.expected)),
  ];
}

async function openReports(): Promise<void> {
  await office.section('Reports').tap();
  await expect.poll(() => page.getByTestId('as-of').innerText()).toMatch(/\d{1,2}:\d{2}:\d{2}/);
}

async function openFirstZ(locale: string): Promise<string> {
  const history = page.getByTestId('shift-history');
  await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
  const row = history.locator('tbody tr').filter({ has: page.getByTestId('shift-number').getByText('R1 · 1', { exact: true }) });
  await row.getByTestId('show-z').tap();
  const z = page.getByTestId('z-printout');
  await expect.poll(() => z.locator('pre').innerText()).toContain(labelsFor(locale).difference);
  return z.locator('pre').innerText();
}

describe('a past Z in the shift history on a portrait tablet', () => {
  it('shows every figure of the first shift as printed, and prints it again marked COPY with the same figures', async () => {
    await openReports();
    const history = page.getByTestId('shift-history');
    const rowText = await history.locator('tbody tr').filter({ has: page.getByTestId('shift-number').getByText('R1 · 1', { exact: true }) }).innerText();
    for (const figure of [first.sales, first.returns, first.expected, first.counted, first.counted - first.expected]) expect(rowText).toContain(euro(figure));
    // Every column and the Z's button are on the upright tablet's screen, with nothing to scroll sideways.
    await expectNothingScrollsSideways(page, '[data-testid=shift-history]');
    const button = (await history.getByTestId('show-z').first().boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(TABLET_UPRIGHT.viewport!.width);
    const shown = await openFirstZ('en');
    for (const line of firstShiftLines('en')) expect(shown).toMatch(line);
    expect(shown).toContain(labelsFor('en').zReport);
    expect(shown).not.toContain(labelsFor('en').copy);
    await page.getByTestId('z-printout').scrollIntoViewIfNeeded();
    await office.screenshot('80-shift-history-z-en-768');
    await page.locator('.shifts').screenshot({ path: `${SHOTS}/80-shift-history-z-en-768-close.png` });

    const before = printer.jobs.length;
    await page.getByRole('button', { name: 'Print again' }).tap();
    await expect.poll(() => page.getByTestId('z-printout').getByRole('status').innerText()).toContain('COPY');
    const [bytes] = (await printer.waitForJobs(before + 1)).slice(before);
    const printed = decodeEscPos(bytes, 'generic-escpos').lines.join('\n');
    expect(printed).toContain(labelsFor('en').zReport);
    expect(printed).toContain(labelsFor('en').copy);
    for (const line of firstShiftLines('en')) expect(printed).toMatch(line);
    expect(await server.db.auditLog.count({ where: { action: 'reprint', entityType: 'shift' } })).toBe(1);
  });

  it('shows and reprints it in Russian, in Russian words', async () => {
    await page.locator('header select[name=language]').selectOption('ru');
    await expect.poll(() => office.section('Отчёты').count()).toBe(1);
    await office.section('Отчёты').tap();
    await expectNothingScrollsSideways(page, '[data-testid=shift-history]');
    const shown = await openFirstZ('ru');
    for (const line of firstShiftLines('ru')) expect(shown).toMatch(line);
    await page.getByTestId('z-printout').scrollIntoViewIfNeeded();
    await office.screenshot('81-shift-history-z-ru-768');
    await page.locator('.shifts').screenshot({ path: `${SHOTS}/81-shift-history-z-ru-768-close.png` });
    const before = printer.jobs.length;
    await page.getByTestId('z-printout').getByRole('button').first().tap();
    const [bytes] = (await printer.waitForJobs(before + 1)).slice(before);
    const printed = decodeEscPos(bytes, 'generic-escpos').lines.join('\n');
    expect(printed).toContain(labelsFor('ru').copy);
    for (const line of firstShiftLines('ru')) expect(printed).toMatch(line);
    await page.locator('header select[name=language]').selectOption('en');
    await expect.poll(() => office.section('Reports').count()).toBe(1);
  });
});

describe('the reports page refreshes itself', () => {
  const card = (name: string) => async () => {
    const text = await page.getByTestId('dashboard').innerText();
    return new RegExp(`${name}\\s+(\\S+)`).exec(text)?.[1];
  };
  const receipts = async () => Number(await card('Receipts')());

  it('shows a new sale when opened again, on Refresh and on a pull down, with the as-of time moving', async () => {
    await openReports();
    const start = await receipts();
    // Today's receipts so far are the test's three sales (returns are not receipts).
    expect(start).toBe(3);
    expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);

    await sell([{ product: pick(rates[1], 2), quantityMilli: 1000 }], 'card');
    await office.section('Customers').tap();
    await openReports();
    await expect.poll(receipts).toBe(start + 1);

    await sell([{ product: pick(rates[0], 2), quantityMilli: 1000 }], 'cash');
    const asOf = await page.getByTestId('as-of').innerText();
    // The as-of time shows seconds: let one pass so a refresh shows a later one.
    await page.waitForTimeout(1_100);
    await page.getByRole('button', { name: 'Refresh' }).tap();
    await expect.poll(receipts).toBe(start + 2);
    await expect.poll(() => page.getByTestId('as-of').innerText()).toMatch(/^As of \d{1,2}:\d{2}:\d{2}/);
    expect(await page.getByTestId('as-of').innerText()).not.toBe(asOf);

    // Closing the shift shows in the history on a pull down from the top of the page.
    await sell([{ product: pick(rates[1], 1), quantityMilli: 1000 }], 'card');
    await closeShift((e) => e);
    await page.evaluate(() => window.scrollTo(0, 0));
    const touch = await page.context().newCDPSession(page);
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: 380, y: 200 }] });
    for (const y of [240, 290, 340, 380]) await touch.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: 380, y }] });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(receipts).toBe(start + 3);
    await expect.poll(() => page.getByTestId('shift-history').locator('tbody tr').count()).toBe(3);
    await office.screenshot('82-reports-refreshed-en-768');
  });
});
