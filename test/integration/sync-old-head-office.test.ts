import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startStandInHeadOffice } from '../support/stand-in-head-office.ts';

// An outlet that invoices, linked to a head office of the version before invoices were synced: that
// head office validates each batch against the types it knows and refuses the whole batch (400
// invalid-input) otherwise. The outlet must lose nothing: every document after the invoice waits
// with it (the outbox keeps its order), and all arrive once when head office is upgraded.
const OLD_TYPES = ['sale', 'return', 'shift', 'stock-delivery', 'stock-write-off', 'stock-count', 'stock-transfer-out', 'stock-transfer-in', 'customer-edit', 'customer-merge'];
const TOKEN = 'outlet-old-head-office-credential';
let upgraded = false;
const stored = new Map<string, string>();
let headOffice: Awaited<ReturnType<typeof startStandInHeadOffice>>;
let server: TestServer;
let manager: ApiClient;

beforeAll(async () => {
  headOffice = await startStandInHeadOffice(TOKEN, (body, res) => {
    const batch = JSON.parse(body) as { documents: { documentId: string; type: string }[] };
    const unknown = batch.documents.findIndex((d) => !upgraded && !OLD_TYPES.includes(d.type));
    if (unknown >= 0) return void res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'invalid-input', message: `documents.${unknown}.type: Invalid option`, fields: [{ path: `documents.${unknown}.type`, message: 'Invalid option' }] } }));
    for (const d of batch.documents) if (!stored.has(d.documentId)) stored.set(d.documentId, d.type);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ held: batch.documents.map((d) => d.documentId) }));
  });
  const url = headOffice.url;
  server = await startTestServer({ outletSettings: { invoicing: { buyerCompanyRequired: false } }, headOffice: { url, token: TOKEN, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  manager = await server.login('manager', '2222');
});
afterAll(async () => {
  await server.close();
  await headOffice.close();
});

const status = async () => (await manager.get<any>('/api/sync/status')).body;

describe('an invoicing outlet and a head office that does not know invoices yet', () => {
  it('keeps the invoice and every document after it queued in order while refused, and delivers each once after the upgrade', async () => {
    const cashier = await server.login('anna', '3333');
    expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
    await sellSimpleSales(server.db, cashier, 2);
    await expect.poll(async () => (await status()).backlog, { timeout: 20_000, interval: 50 }).toBe(0);

    const customer = await manager.post('/api/customers', { name: 'UAB Sena Būstinė', kind: 'company', companyCode: '300111222' });
    const draft = await manager.post('/api/invoices', { customerId: customer.body.id, lines: [{ description: 'Service', unit: 'piece', quantityMilli: 1000, unitPriceGross: 1210, taxRateBp: 2100 }] });
    const invoice = await manager.post(`/api/invoices/${draft.body.id}/issue`, {});
    expect(invoice.status).toBe(200);
    await sellSimpleSales(server.db, cashier, 3);

    await expect.poll(async () => (await status()).lastError ?? '', { timeout: 20_000, interval: 50 }).toContain('400 invalid-input');
    const waiting = await server.db.outboxEntry.findMany({ where: { ackedAt: null }, orderBy: { sequence: 'asc' } });
    expect(waiting.map((e) => e.type)).toEqual(['invoice', 'sale', 'sale', 'sale']);
    expect(stored.has(invoice.body.id)).toBe(false);

    upgraded = true;
    await expect.poll(async () => (await status()).backlog, { timeout: 20_000, interval: 50 }).toBe(0);
    const all = await server.db.outboxEntry.findMany();
    expect(new Set(all.map((e) => e.documentId))).toEqual(new Set(stored.keys()));
    expect(stored.get(invoice.body.id)).toBe('invoice');
  });
});
