import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushBatchSchema, type SyncDocument } from '../../shared/schemas/sync.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startStandInHeadOffice } from '../support/stand-in-head-office.ts';

// The outlet's half of sync against a stand-in for head office that keeps each document once by
// its id (the behaviour head office promises) and can be made to fail in the ways links fail.
type Mode = 'ok' | 'down' | 'lose-answer';
const TOKEN = 'outlet-main-test-credential';
let mode: Mode = 'ok';
const stored = new Map<string, SyncDocument>();
const arrivals: string[] = [];
let headOffice: Awaited<ReturnType<typeof startStandInHeadOffice>>;
let server: TestServer;
let cashier: ApiClient;

beforeAll(async () => {
  headOffice = await startStandInHeadOffice(
    TOKEN,
    (body, res) => {
      const batch = PushBatchSchema.parse(JSON.parse(body));
      for (const doc of batch.documents) {
        arrivals.push(doc.documentId);
        if (!stored.has(doc.documentId)) stored.set(doc.documentId, doc);
      }
      // Stored, but the answer never reaches the outlet.
      if (mode === 'lose-answer') return void res.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ held: batch.documents.map((d) => d.documentId) }));
    },
    () => mode === 'down',
  );
  const url = headOffice.url;
  server = await startTestServer({ headOffice: { url, token: TOKEN, batchSize: 7, intervalMs: 30, maxBackoffMs: 300 } });
  cashier = await server.login('anna', '3333');
  expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
});
afterAll(async () => {
  await server.close();
  await headOffice.close();
});

const sell = (count: number) => sellSimpleSales(server.db, cashier, count);

const status = async () => (await cashier.get<any>('/api/sync/status')).body;
const outletTotal = async () => (await server.db.sale.aggregate({ where: { kind: 'sale' }, _sum: { total: true } }))._sum.total ?? 0;
const headOfficeTotal = () => [...stored.values()].filter((d) => d.type === 'sale').reduce((s, d) => s + (d.payload.total as number), 0);

describe('pushing the outbox to head office', () => {
  it('sends every document once, oldest first, in batches, and marks what head office holds', async () => {
    await sell(20);
    const manager = await server.login('manager', '2222');
    const [p] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    await manager.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: p.id, quantityMilli: 5000, unitCost: 10 }] });
    await expect.poll(async () => (await status()).backlog, { timeout: 10_000 }).toBe(0);
    const outbox = await server.db.outboxEntry.findMany({ orderBy: { sequence: 'asc' } });
    expect(stored.size).toBe(outbox.length);
    expect([...stored.values()].map((d) => d.type).sort()).toEqual(outbox.map((e) => e.type).sort());
    expect(arrivals).toEqual(outbox.map((e) => e.documentId)); // in order, none twice
    expect(headOfficeTotal()).toBe(await outletTotal());
    expect(await status()).toMatchObject({ configured: true, backlog: 0, unreachableSince: null });
  });

  it('keeps selling while head office is down, says since when, and catches up when it is back', async () => {
    mode = 'down';
    await sell(9);
    await expect.poll(async () => (await status()).unreachableSince, { timeout: 10_000 }).not.toBeNull();
    const down = await status();
    expect(down.backlog).toBe(9);
    expect(down.lastError).toContain('503');
    mode = 'ok';
    await expect.poll(async () => (await status()).backlog, { timeout: 10_000 }).toBe(0);
    expect((await status()).unreachableSince).toBeNull();
    expect(headOfficeTotal()).toBe(await outletTotal());
  });

  it('sends again what head office stored but could not confirm, and head office keeps it once', async () => {
    mode = 'lose-answer';
    const before = arrivals.length;
    await sell(5);
    await expect.poll(() => arrivals.length - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(10); // each sent at least twice
    expect((await status()).backlog).toBe(5);
    mode = 'ok';
    await expect.poll(async () => (await status()).backlog, { timeout: 10_000 }).toBe(0);
    expect(stored.size).toBe(await server.db.outboxEntry.count());
    expect(new Set(arrivals).size).toBeLessThan(arrivals.length); // duplicates did arrive…
    expect(headOfficeTotal()).toBe(await outletTotal()); // …and were not counted twice
  });
});
