import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { weightedAverageCost } from '../../server/stock/service.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Two outlet servers of one chain, each with its own database: goods leave one and arrive at the other.
let main: TestServer;
let north: TestServer;
let mainManager: ApiClient;
let northManager: ApiClient;

const onHand = async (server: TestServer, sku: string) => {
  const product = await server.db.product.findUniqueOrThrow({ where: { sku } });
  return (await server.db.stockBalance.findFirst({ where: { productId: product.id } }))?.quantityMilli ?? 0;
};

beforeAll(async () => {
  [main, north] = await Promise.all([startTestServer(), startTestServer({ outletCode: 'north' })]);
  mainManager = await main.login('manager', '2222');
  northManager = await north.login('manager', '2222');
});
afterAll(async () => {
  await main.close();
  await north.close();
});

describe('transfers between outlets', () => {
  it('takes the goods off the sender at once, and the receiver posts what arrived at the sender\'s cost, once', async () => {
    const [a, b] = await main.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, orderBy: { sku: 'asc' }, skip: 2, take: 2 });
    const [mainA, mainB, northA, northB] = [await onHand(main, a.sku), await onHand(main, b.sku), await onHand(north, a.sku), await onHand(north, b.sku)];
    const sent = await mainManager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'north', lines: [{ productId: a.id, quantityMilli: 5000 }, { productId: b.id, quantityMilli: 2000 }] });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ kind: 'transfer-out', number: 'TO-000001', status: 'in-transit', counterpart: 'north', totalCost: 5 * a.cost + 2 * b.cost });
    expect(await onHand(main, a.sku)).toBe(mainA - 5000);
    expect(await onHand(main, b.sku)).toBe(mainB - 2000);

    const note = (await mainManager.get<any>(`/api/stock/transfers/${sent.body.id}/note`)).body;
    expect(note).toMatchObject({ id: sent.body.id, from: { code: 'main' }, to: 'north', lines: [{ sku: a.sku, quantityMilli: 5000, unitCost: a.cost }, { sku: b.sku, quantityMilli: 2000, unitCost: b.cost }] });

    // Only four of a arrived.
    const northCostA = (await north.db.product.findUniqueOrThrow({ where: { sku: a.sku } })).cost;
    const received = await northManager.post<any>('/api/stock/transfers/receive', { note, lines: [{ sku: a.sku, quantityMilli: 4000 }] });
    expect(received.status).toBe(201);
    expect(received.body).toMatchObject({ kind: 'transfer-in', number: 'TI-000001', status: 'posted', counterpart: 'main' });
    expect(received.body.lines.find((l: any) => l.sku === a.sku)).toMatchObject({ quantityMilli: 4000, expectedMilli: 5000, differenceMilli: -1000 });
    expect(await onHand(north, a.sku)).toBe(northA + 4000);
    expect(await onHand(north, b.sku)).toBe(northB + 2000);
    expect((await north.db.product.findUniqueOrThrow({ where: { sku: a.sku } })).cost).toBe(weightedAverageCost(northA, northCostA, 4000, a.cost));

    // The same note again (a retry, or scanned twice) changes nothing.
    await northManager.post('/api/stock/transfers/receive', { note });
    expect(await onHand(north, a.sku)).toBe(northA + 4000);
    // Both sides queue their document for head office, once.
    expect((await main.db.outboxEntry.findMany({ where: { documentId: sent.body.id } })).map((e) => e.type)).toEqual(['stock-transfer-out']);
    expect((await north.db.outboxEntry.findMany({ where: { documentId: sent.body.id } })).map((e) => e.type)).toEqual(['stock-transfer-in']);
  });

  it('refuses a note for another outlet, an unknown product, or a transfer to itself, naming the field', async () => {
    const [a] = await main.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    const note = { id: newId(), number: 'TO-000099', from: { code: 'main', name: 'Main' }, to: 'south', sentAt: new Date().toISOString(), lines: [{ sku: a.sku, name: a.name, quantityMilli: 1000, unitCost: 10 }] };
    expect((await northManager.post<any>('/api/stock/transfers/receive', { note })).body.error).toMatchObject({ code: 'wrong-outlet', fields: [{ path: 'note.to' }] });
    const unknown = await northManager.post<any>('/api/stock/transfers/receive', { note: { ...note, to: 'north', lines: [{ ...note.lines[0], sku: 'NO-SUCH-SKU' }] } });
    expect(unknown.body.error).toMatchObject({ code: 'product-not-found', fields: [{ path: 'note.lines.0.sku' }] });
    const self = await mainManager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'main', lines: [{ productId: a.id, quantityMilli: 1000 }] });
    expect(self.body.error).toMatchObject({ code: 'same-outlet', fields: [{ path: 'toOutletCode' }] });
    expect(await north.db.stockDocument.count({ where: { kind: 'transfer-in' } })).toBe(1);
  });
});
