import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { addDays } from '../../shared/time.ts';
import type { SyncDocument } from '../../shared/schemas/sync.ts';
import { ApiClient } from '../support/api-client.ts';
import { createPostgresDatabase, outletIdentity, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { BUCKETS, receivablesFrom } from '../support/receivables.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Invoices, credit notes and payments reach head office on real PostgreSQL through the outbox, and
// head office's receivables are what the documents themselves say, added up here. A1 and B1 push by
// themselves; C1 never pushes on its own: the test pushes its documents by hand, genuine or edited,
// and each lie must be refused whole, naming its field, with nothing of it counted.
interface Outlet {
  code: string;
  server: TestServer;
  manager: ApiClient;
}

const SELLER = { name: 'UAB Till Prekyba', companyCode: '305000111', vatCode: 'LT100012345', address: 'Gedimino pr. 1, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 1000', email: 'billing@till.test' };
const today = new Date().toISOString().slice(0, 10);
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
const outlets = {} as Record<'A1' | 'B1' | 'C1', Outlet>;
const tokens: Record<string, string> = {};

async function startOutlet(code: 'A1' | 'B1' | 'C1', linked: boolean): Promise<Outlet> {
  tokens[code] = await headOffice.addOutlet(code);
  const server = await startTestServer({
    outletCode: code,
    outletSettings: { invoicing: { seller: { ...SELLER, name: `Till ${code}` } } },
    headOffice: linked ? { url: headOffice.url, token: tokens[code], batchSize: 10, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 3000 } : null,
  });
  return { code, server, manager: await server.login('manager', '2222') };
}

async function outbox(o: Outlet): Promise<SyncDocument[]> {
  const entries = await o.server.db.outboxEntry.findMany({ orderBy: { sequence: 'asc' } });
  return entries.map((e) => ({ documentId: e.documentId, type: e.type as SyncDocument['type'], createdAt: e.createdAt.toISOString(), payload: JSON.parse(e.payload) }));
}

async function madeBy(o: Outlet, act: () => Promise<unknown>): Promise<SyncDocument[]> {
  const before = new Set((await outbox(o)).map((d) => d.documentId));
  await act();
  return (await outbox(o)).filter((d) => !before.has(d.documentId));
}

async function push(o: Outlet, documents: unknown[]) {
  return new ApiClient(headOffice.url, tokens[o.code]).post<any>('/api/sync/push', { outletCode: o.code, ...(await outletIdentity(o.server.db)), sentAt: new Date().toISOString(), documents });
}

const caughtUp = (o: Outlet) => expect.poll(async () => (await o.manager.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);

async function company(o: Outlet, name: string): Promise<string> {
  const res = await o.manager.post('/api/customers', { name, kind: 'company', companyCode: `30${Math.floor(1e6 + Math.random() * 9e6)}`, address: 'Savanorių pr. 5, Kaunas' });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Issues an invoice of free lines on a day, due `terms` days later. */
async function invoice(o: Outlet, customerId: string, issueDate: string, terms: number, lines: [number, number][]) {
  const draft = await o.manager.post('/api/invoices', {
    customerId,
    paymentTermsDays: terms,
    lines: lines.map(([pieces, price], i) => ({ description: `Service ${i + 1}`, unit: 'piece', quantityMilli: pieces * 1000, unitPriceGross: price, taxRateBp: 2100 })),
  });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const issued = await o.manager.post(`/api/invoices/${draft.body.id}/issue`, { issueDate });
  expect(issued.status, JSON.stringify(issued.body)).toBe(200);
  return issued.body as { id: string; displayNumber: string; totals: { gross: number } };
}

async function pay(o: Outlet, customerId: string, day: string, amount: number, allocations: { invoiceId: string; amount: number }[]) {
  const res = await o.manager.post('/api/invoice-payments', { id: newId(), customerId, method: 'bank-transfer', amount, day, allocations });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function reported(asOf: string) {
  const res = await headOffice.admin.get<any>(`/api/head-office/receivables?asOf=${asOf}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.rows.map((r: any) => [`${r.customerId} ${r.outletCode}`, { invoices: r.invoices, total: r.total, ...Object.fromEntries(BUCKETS.map((b) => [b, r[b]])) }]));
}

const pushedBy = async (...codes: ('A1' | 'B1')[]) => (await Promise.all(codes.map(async (c) => (await outbox(outlets[c])).map((doc) => ({ outletCode: c, doc }))))).flat();

let customerX: string;
let a1Invoices: Awaited<ReturnType<typeof invoice>>[];
/** What head office took from C1 (genuine), for the report to follow from. */
const acceptedFromC1: SyncDocument[] = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  outlets.A1 = await startOutlet('A1', true);
  outlets.B1 = await startOutlet('B1', true);
  outlets.C1 = await startOutlet('C1', false);
}, 120_000);

afterAll(async () => {
  for (const o of Object.values(outlets)) await o?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe('receivables across the chain at head office', () => {
  it('adds up what the pushed invoices, credit notes and payments say, by customer and outlet and by age, and a customer’s balance at each outlet', async () => {
    const a1 = outlets.A1;
    customerX = await company(a1, 'UAB Grandinės Pirkėjas');
    const customerY = await company(a1, 'UAB Kitas Pirkėjas');
    a1Invoices = [
      await invoice(a1, customerX, addDays(today, -130), 30, [[2, 12_100]]), // over 90 days late
      await invoice(a1, customerX, addDays(today, -100), 30, [[1, 24_200], [3, 1_210]]), // 61–90
      await invoice(a1, customerX, addDays(today, -70), 30, [[4, 5_000]]), // 31–60
      await invoice(a1, customerY, addDays(today, -40), 30, [[1, 99_999]]), // 1–30
      await invoice(a1, customerY, today, 14, [[5, 3_333]]), // not due
    ];
    // A payment split over two invoices, an invoice paid in two parts, a credit note, an advance moved on.
    await pay(a1, customerX, addDays(today, -20), 30_000, [{ invoiceId: a1Invoices[0].id, amount: 20_000 }, { invoiceId: a1Invoices[1].id, amount: 10_000 }]);
    await pay(a1, customerX, addDays(today, -10), 4_000, [{ invoiceId: a1Invoices[0].id, amount: 4_000 }]);
    await pay(a1, customerY, addDays(today, -5), 60_000, [{ invoiceId: a1Invoices[3].id, amount: 50_000 }]);
    const credit = await a1.manager.post(`/api/invoices/${a1Invoices[2].id}/credit-notes`, { id: newId(), reason: 'Returned', issueDate: addDays(today, -2), lines: [{ position: 1, quantityMilli: 1000 }] });
    expect(credit.status).toBe(201);
    expect((await a1.manager.post(`/api/customers/${customerY}/advance-allocations`, { allocations: [{ invoiceId: a1Invoices[4].id, amount: 6_000 }] })).status).toBe(200);
    await caughtUp(a1);

    // B1 invoices the same customer, once it has pulled them from head office.
    await expect.poll(async () => (await outlets.B1.server.db.customer.findUnique({ where: { id: customerX } }))?.id, { timeout: 20_000, interval: 50 }).toBe(customerX);
    const b1Invoice = await invoice(outlets.B1, customerX, addDays(today, -50), 30, [[3, 7_000]]);
    await pay(outlets.B1, customerX, addDays(today, -1), 25_000, [{ invoiceId: b1Invoice.id, amount: 20_000 }]);
    await caughtUp(outlets.B1);

    const documents = await pushedBy('A1', 'B1');
    expect(documents.filter((d) => ['invoice', 'credit-note', 'invoice-payment', 'advance-allocation'].includes(d.doc.type)).length).toBe(12);
    for (const asOf of [today, addDays(today, -15), addDays(today, -60), addDays(today, 40)]) {
      const expected = receivablesFrom(documents, asOf);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(await reported(asOf), `as of ${asOf}`).toEqual(expected);
    }

    const balance = await headOffice.admin.get<any>(`/api/head-office/customers/${customerX}/receivables?asOf=${today}`);
    expect(balance.status).toBe(200);
    const fromDocs = receivablesFrom(documents, today);
    const owedAt = (code: string) => fromDocs[`${customerX} ${code}`].total;
    expect(balance.body.outlets.map((o: any) => [o.outletCode, o.owed, o.advance, o.balance])).toEqual([
      ['A1', owedAt('A1'), 0, owedAt('A1')],
      ['B1', owedAt('B1'), 5_000, owedAt('B1') - 5_000],
    ]);
    expect(balance.body.totals).toEqual([{ currency: 'EUR', owed: owedAt('A1') + owedAt('B1'), overdue: owedAt('A1') + owedAt('B1'), advance: 5_000, balance: owedAt('A1') + owedAt('B1') - 5_000 }]);
    expect((await headOffice.admin.get(`/api/head-office/customers/${newId()}/receivables`)).status).toBe(404);
    expect((await new ApiClient(headOffice.url, tokens.A1).get('/api/head-office/receivables')).status).toBe(401);
  });

  it('refuses invoices and payments that lie, naming the field, and counts nothing of them; a resend counts once', async () => {
    const c1 = outlets.C1;
    const before = await reported(today);
    const customer = await madeBy(c1, () => company(c1, 'UAB Melagio Pirkėjas'));
    const customerId = (customer[0].payload as any).customerId;
    let first!: Awaited<ReturnType<typeof invoice>>;
    const genuine = await madeBy(c1, async () => {
      first = await invoice(c1, customerId, addDays(today, -45), 10, [[2, 10_000], [1, 5_000]]);
    });
    const second = await madeBy(c1, () => invoice(c1, customerId, addDays(today, -44), 10, [[1, 8_000]]));
    const held = async () => (await headOffice.db.pool.query(`SELECT count(*)::int AS n FROM "SyncedDocument" s JOIN "Outlet" o ON o."id" = s."outletId" WHERE o."code" = 'C1'`)).rows[0].n;

    const expectRefused = async (documents: SyncDocument[], status: number, code: string, path: string) => {
      const count = await held();
      const res = await push(c1, documents);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.fields[0].path).toBe(path);
      expect(await held()).toBe(count);
      expect(await reported(today)).toEqual(receivablesFromC1(before));
    };
    const receivablesFromC1 = (rest: Record<string, unknown>) => ({ ...rest, ...receivablesFrom(acceptedFromC1.map((doc) => ({ outletCode: 'C1', doc })), today) });

    // A total that is not the sum of its lines.
    const inflated = structuredClone(genuine[0]);
    (inflated.payload as any).document.totals.gross += 100;
    await expectRefused([...customer, inflated], 422, 'invalid-document', 'documents.1.payload.document.totals.gross');
    // A number that comes after a gap (the first invoice left out).
    await expectRefused([...customer, ...second], 422, 'invoice-number-gap', 'documents.1.payload.document.number');

    // The genuine ones, twice: counted once.
    for (let i = 0; i < 2; i++) {
      const res = await push(c1, [...customer, ...genuine]);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    acceptedFromC1.push(...customer, ...genuine);
    expect(await reported(today)).toEqual(receivablesFromC1(before));

    // Another document under a number taken already.
    const repeated = structuredClone(second[0]);
    (repeated.payload as any).document.number = 1;
    (repeated.payload as any).document.displayNumber = (genuine[0].payload as any).document.displayNumber;
    await expectRefused([repeated], 409, 'invoice-number-repeated', 'documents.0.payload.document.number');

    // A credit note above what remains of its invoice line.
    const credit = await madeBy(c1, () => c1.manager.post(`/api/invoices/${first.id}/credit-notes`, { id: newId(), reason: 'Part back', lines: [{ position: 2, quantityMilli: 1000 }] }));
    const overCredit = structuredClone(credit[0]);
    const line = (overCredit.payload as any).document.lines[0];
    Object.assign(line, { quantityMilli: 3000, gross: 15_000, vat: 2_603, net: 12_397 });
    const doc = (overCredit.payload as any).document;
    doc.vatBreakdown = [{ taxRateBp: 2100, net: 12_397, vat: 2_603, gross: 15_000 }];
    doc.totals = { net: 12_397, vat: 2_603, gross: 15_000 };
    await expectRefused([...second, overCredit], 422, 'credit-above-invoiced', 'documents.1.payload.document.lines.0');

    // A payment of another outlet's invoice.
    const payment = await madeBy(c1, () => pay(c1, customerId, today, 1_000, [{ invoiceId: first.id, amount: 1_000 }]));
    const elsewhere = structuredClone(payment[0]);
    (elsewhere.payload as any).allocations[0].invoiceId = a1Invoices[1].id;
    await expectRefused([...second, ...credit, elsewhere], 403, 'wrong-outlet', 'documents.2.payload.allocations.0.invoiceId');
    // A payment above what the invoice still owes.
    const above = structuredClone(payment[0]);
    Object.assign(above.payload, { amount: 30_000 });
    (above.payload as any).allocations[0].amount = 30_000;
    await expectRefused([...second, ...credit, above], 422, 'allocation-above-balance', 'documents.2.payload.allocations.0.amount');

    // The rest as the outlet made it: taken, and the report follows from it.
    const res = await push(c1, [...second, ...credit, ...payment]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    acceptedFromC1.push(...second, ...credit, ...payment);
    expect(await reported(today)).toEqual(receivablesFromC1(before));
  });
});
