import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startStandInHeadOffice } from '../support/stand-in-head-office.ts';

// An outlet of a chain whose head office is of the version before customers' funnel moves were
// synced: it refuses a batch with a type it does not know (400 invalid-input). The move and every
// document after it wait in order, and each arrives once when head office is upgraded.
const OLD_TYPES = [
  'sale', 'return', 'shift', 'stock-delivery', 'stock-write-off', 'stock-count', 'stock-transfer-out', 'stock-transfer-in', 'customer-edit', 'customer-merge',
  'invoice', 'credit-note', 'invoice-payment', 'advance-allocation',
];
const TOKEN = 'outlet-old-head-office-funnel-credential';
let upgraded = false;
const stored = new Map<string, string>();
let headOffice: Awaited<ReturnType<typeof startStandInHeadOffice>>;
let server: TestServer;
let owner: ApiClient;
const LEAD = newId();

beforeAll(async () => {
  headOffice = await startStandInHeadOffice(TOKEN, (body, res) => {
    const batch = JSON.parse(body) as { documents: { documentId: string; type: string }[] };
    const unknown = batch.documents.findIndex((d) => !upgraded && !OLD_TYPES.includes(d.type));
    if (unknown >= 0) return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'invalid-input', message: `documents.${unknown}.type: Invalid option`, fields: [{ path: `documents.${unknown}.type`, message: 'Invalid option' }] } }));
    for (const d of batch.documents) if (!stored.has(d.documentId)) stored.set(d.documentId, d.type);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ held: batch.documents.map((d) => d.documentId) }));
  });
  server = await startTestServer({ headOffice: { url: headOffice.url, token: TOKEN, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  owner = await server.login('owner', '1111');
  // The chain's status as an earlier pull left it (this stand-in sends no master data).
  const outlet = await server.db.outlet.findFirstOrThrow();
  await server.db.$transaction((tx) => tx.customerStatus.create({ data: { id: LEAD, outletId: outlet.id, name: 'Lead', customerType: 'lead', position: 0, initial: true, origin: 'head-office' } }));
});
afterAll(async () => {
  await server.close();
  await headOffice.close();
});

const status = async () => (await owner.get<any>('/api/sync/status')).body;

describe("a chain outlet's funnel and a head office that does not know funnel moves yet", () => {
  it('keeps the move and every document after it queued in order while refused, and delivers each once after the upgrade', async () => {
    const cashier = await server.login('anna', '3333');
    expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
    const customer = await owner.post('/api/customers', { name: 'Old Chain Lead' });
    await expect.poll(async () => (await status()).backlog, { timeout: 20_000, interval: 50 }).toBe(0);

    const moved = await owner.post(`/api/customers/${customer.body.id}/status`, { statusId: LEAD });
    expect(moved.status).toBe(200);
    const moveId = moved.body.history[0].id;
    await sellSimpleSales(server.db, cashier, 2);

    await expect.poll(async () => (await status()).lastError ?? '', { timeout: 20_000, interval: 50 }).toContain('400 invalid-input');
    const waiting = await server.db.outboxEntry.findMany({ where: { ackedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(waiting.map((e) => e.type)).toEqual(['customer-status-move', 'sale', 'sale']);
    expect(waiting[0].documentId).toBe(moveId);
    expect(stored.has(moveId)).toBe(false);

    upgraded = true;
    await expect.poll(async () => (await status()).backlog, { timeout: 20_000, interval: 50 }).toBe(0);
    const all = await server.db.outboxEntry.findMany();
    expect(new Set(all.map((e) => e.documentId))).toEqual(new Set(stored.keys()));
    expect(stored.get(moveId)).toBe('customer-status-move');
  });
});
