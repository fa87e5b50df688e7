import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Head office takes an outlet's invoices only as 1, 2, 3… of their series, a payment only of an
// invoice it holds (server/headoffice/receivables-checks.ts), and refuses a batch whole otherwise.
// So the outbox must reach it in the order the outlet made its documents. Here the outlet's clock is
// set back (the owner corrects a clock that ran fast) while head office is out of reach: invoice 3
// and the payment of invoice 2 are dated before invoice 2. Real PostgreSQL head office, the outlet's
// own pusher.
const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice | null = null;
let port: number;
let outlet: TestServer;
let manager: ApiClient;

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  port = headOffice.port;
  const token = await headOffice.addOutlet('OR1');
  outlet = await startTestServer({ outletCode: 'OR1', outletSettings: { invoicing: { seller: SELLER } }, headOffice: { url: headOffice.url, token, batchSize: 10, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 3000 } });
  manager = await outlet.login('manager', '2222');
}, 120_000);

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

const status = async () => (await manager.get<{ backlog: number; lastError: string | null }>('/api/sync/status')).body;

async function invoice(customerId: string): Promise<{ id: string; displayNumber: string; totals: { gross: number } }> {
  const draft = await manager.post<{ id: string }>('/api/invoices', {
    customerId,
    paymentTermsDays: 14,
    lines: [{ description: 'Delivery', unit: 'piece', quantityMilli: 1000, unitPriceGross: 12_100, taxRateBp: 2100 }],
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await manager.post<any>(`/api/invoices/${draft.body.id}/issue`, {});
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body;
}

it('reaches head office in the order the outlet made it, though its clock was set back meanwhile', { timeout: 120_000 }, async () => {
  const company = await manager.post<{ id: string }>('/api/customers', { name: 'UAB Laikrodis', kind: 'company', companyCode: '304998877', vatCode: 'LT100099887', address: 'Laisvės al. 10, Kaunas' });
  expect(company.status).toBe(201);
  const first = await invoice(company.body.id);
  await expect.poll(async () => (await status()).backlog, { timeout: 20_000, interval: 50 }).toBe(0);

  await headOffice!.close();
  headOffice = null;
  const second = await invoice(company.body.id);
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(Date.now() - 30 * 60_000);
  const third = await invoice(company.body.id);
  const payment = await manager.post('/api/invoice-payments', { id: newId(), customerId: company.body.id, method: 'bank-transfer', amount: 5_000, day: new Date().toISOString().slice(0, 10), allocations: [{ invoiceId: second.id, amount: 5_000 }] });
  expect(payment.status, JSON.stringify(payment.body)).toBe(201);
  expect([first, second, third].map((i) => i.displayNumber.split('-').pop())).toEqual(['000001', '000002', '000003']);
  expect((await status()).backlog).toBe(3);

  headOffice = await startHeadOffice(database.url, port);
  await expect
    .poll(async () => (({ backlog, lastError }) => ({ backlog, lastError }))(await status()), { timeout: 20_000, interval: 100 })
    .toEqual({ backlog: 0, lastError: null });
  const { rows } = await headOffice.db.pool.query<{ number: number; gross: string }>(`SELECT "number", "gross"::text FROM "ChainInvoice" WHERE "outletId" = (SELECT "id" FROM "Outlet" WHERE "code" = 'OR1') ORDER BY "number"`);
  expect(rows.map((r) => [r.number, Number(r.gross)])).toEqual([[1, 12_100], [2, 12_100], [3, 12_100]]);
  const { rows: paid } = await headOffice.db.pool.query<{ invoiceId: string; amount: string }>(`SELECT "invoiceId", "amount"::text FROM "ChainPaymentAllocation"`);
  expect(paid.map((p) => [p.invoiceId, Number(p.amount)])).toEqual([[second.id, 5_000]]);
});
