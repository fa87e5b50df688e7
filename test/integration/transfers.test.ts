import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { weightedAverageCost } from '../../server/stock/service.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Two outlet servers of one chain without head office, each with its own database: goods leave one
// and arrive at the other with a note signed by the sender, whose key the receiver's owner registered.
let main: TestServer;
let north: TestServer;
let mainManager: ApiClient;
let northManager: ApiClient;
let mainOwner: ApiClient;
let northOwner: ApiClient;

const onHand = async (server: TestServer, sku: string) => {
  const product = await server.db.product.findUniqueOrThrow({ where: { sku } });
  return (await server.db.stockBalance.findFirst({ where: { productId: product.id } }))?.quantityMilli ?? 0;
};
const transfersIn = (server: TestServer) => server.db.stockDocument.count({ where: { kind: 'transfer-in' } });

/** Sends `quantity` pieces of a product from main to north and returns the signed note. */
async function sendToNorth(sku: string, quantityMilli = 1000) {
  const product = await main.db.product.findUniqueOrThrow({ where: { sku } });
  const sent = await mainManager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'north', lines: [{ productId: product.id, quantityMilli }] });
  expect(sent.status).toBe(201);
  return (await mainManager.get<any>(`/api/stock/transfers/${sent.body.id}/note`)).body;
}

beforeAll(async () => {
  [main, north] = await Promise.all([startTestServer(), startTestServer({ outletCode: 'north' })]);
  [mainManager, northManager, mainOwner, northOwner] = await Promise.all([main.login('manager', '2222'), north.login('manager', '2222'), main.login('owner', '1111'), north.login('owner', '1111')]);
  // Each owner gives the other shop their outlet's public key.
  const [mainKey, northKey] = [(await mainManager.get<any>('/api/stock/transfer-keys')).body.own, (await northManager.get<any>('/api/stock/transfer-keys')).body.own];
  expect((await northOwner.put('/api/stock/transfer-keys/main', { name: mainKey.name, publicKey: mainKey.publicKey })).status).toBe(200);
  expect((await mainOwner.put('/api/stock/transfer-keys/north', { name: northKey.name, publicKey: northKey.publicKey })).status).toBe(200);
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

    // The same receipt again (a retry after a lost answer) answers the receipt and changes nothing;
    // the note received again with other quantities is refused, not counted a second time.
    const again = await northManager.post<any>('/api/stock/transfers/receive', { note, lines: [{ sku: a.sku, quantityMilli: 4000 }] });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(received.body.id);
    const otherCount = await northManager.post<any>('/api/stock/transfers/receive', { note });
    expect([otherCount.status, otherCount.body.error.code]).toEqual([409, 'replay-mismatch']);
    expect(await onHand(north, a.sku)).toBe(northA + 4000);
    // Both sides queue their document for head office, once; the receipt is a document of its own that names the transfer.
    expect((await main.db.outboxEntry.findMany({ where: { documentId: sent.body.id } })).map((e) => e.type)).toEqual(['stock-transfer-out']);
    const receipts = await north.db.outboxEntry.findMany({ where: { type: 'stock-transfer-in' } });
    expect(receipts.map((e) => e.documentId)).toEqual([received.body.id]);
    expect(received.body.id).not.toBe(sent.body.id);
    expect(JSON.parse(receipts[0].payload)).toMatchObject({ transferId: sent.body.id, transferNote: note });
  });

  it('refuses a note edited after it was signed: another quantity, another id, another cost', async () => {
    const [p] = await main.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, orderBy: { sku: 'asc' }, skip: 5, take: 1 });
    const note = await sendToNorth(p.sku, 2000);
    const before = [await onHand(north, p.sku), await transfersIn(north)];
    const edits = [
      { ...note, lines: [{ ...note.lines[0], quantityMilli: 20_000 }] },
      { ...note, id: newId() },
      { ...note, lines: [{ ...note.lines[0], unitCost: 0 }] },
      { ...note, from: { ...note.from, name: 'Somebody else' } },
    ];
    for (const edited of edits) {
      const res = await northManager.post<any>('/api/stock/transfers/receive', { note: edited });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalid-signature', fields: [{ path: 'note.signature' }] });
    }
    expect([await onHand(north, p.sku), await transfersIn(north)]).toEqual(before);
    // The note as signed goes in, once, however often it is sent, also at the same moment.
    const answers = await Promise.all([1, 2, 3].map(() => northManager.post<any>('/api/stock/transfers/receive', { note })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(new Set(answers.filter((a) => a.status < 300).map((a) => a.body.id)).size).toBe(1);
    expect(await onHand(north, p.sku)).toBe(before[0] + 2000);
    expect(await transfersIn(north)).toBe(before[1] + 1);
  });

  it('refuses a note at the outlet that sent it, and one from an outlet whose key it does not hold', async () => {
    const [p] = await main.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, orderBy: { sku: 'asc' }, skip: 6, take: 1 });
    const note = await sendToNorth(p.sku);
    const mainStock = await onHand(main, p.sku);
    const atSender = await mainManager.post<any>('/api/stock/transfers/receive', { note });
    expect(atSender.status).toBe(422);
    expect(atSender.body.error).toMatchObject({ code: 'wrong-outlet', fields: [{ path: 'note.to' }] });
    expect(await onHand(main, p.sku)).toBe(mainStock);
    expect(await transfersIn(main)).toBe(0);

    const stranger = await startTestServer({ outletCode: 'south' });
    const southOwner = await stranger.login('manager', '2222');
    expect((await southOwner.post<any>('/api/stock/transfers/receive', { note: { ...note, to: 'south' } })).body.error).toMatchObject({ code: 'unknown-sender', fields: [{ path: 'note.from.code' }] });
    await stranger.close();
    // Registering keys is the owner's: a manager may not.
    expect((await northManager.put('/api/stock/transfer-keys/south', { name: 'South', publicKey: note.signature.slice(0, 43) })).status).toBe(403);
  });

  it('keeps each outlet’s signing key in its own database and out of every answer; registering a key is audited', async () => {
    const signingKey = JSON.parse((await main.db.outlet.findFirstOrThrow()).settings).signingKey as string;
    expect(signingKey.length).toBeGreaterThan(40);
    const [p] = await main.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    const answers = [await mainOwner.get('/api/settings'), await mainOwner.get('/api/stock/transfer-keys'), { body: await sendToNorth(p.sku) }, await mainOwner.get('/api/audit?limit=200')];
    for (const answer of answers) expect(JSON.stringify(answer.body)).not.toContain(signingKey.slice(20, 60));
    // Settings saved by the owner keep the key.
    expect((await mainOwner.put('/api/settings', { receiptFooter: ['Thanks'] })).status).toBe(200);
    expect(JSON.parse((await main.db.outlet.findFirstOrThrow()).settings).signingKey).toBe(signingKey);
    const northKeys = (await northManager.get<any>('/api/stock/transfer-keys')).body.outlets;
    expect(northKeys).toEqual([expect.objectContaining({ code: 'main', source: 'owner', publicKey: (await mainManager.get<any>('/api/stock/transfer-keys')).body.own.publicKey })]);
    const audit = (await northOwner.get<any>('/api/audit?action=peer-outlet-key')).body.items;
    expect(audit).toEqual([expect.objectContaining({ action: 'peer-outlet-key', entityType: 'outlet', entityId: 'main', user: 'Olivia Owner' })]);
  });

  it('refuses a note for another outlet, an unknown product, or a transfer to itself, naming the field', async () => {
    const [a] = await main.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    const note = await sendToNorth(a.sku);
    expect((await northManager.post<any>('/api/stock/transfers/receive', { note: { ...note, to: 'south' } })).body.error).toMatchObject({ code: 'wrong-outlet', fields: [{ path: 'note.to' }] });
    await main.db.product.update({ where: { id: a.id }, data: { sku: 'ONLY-AT-MAIN' } });
    const renamed = await sendToNorth('ONLY-AT-MAIN');
    const unknown = await northManager.post<any>('/api/stock/transfers/receive', { note: renamed });
    expect(unknown.body.error).toMatchObject({ code: 'product-not-found', fields: [{ path: 'note.lines.0.sku' }] });
    const self = await mainManager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'main', lines: [{ productId: a.id, quantityMilli: 1000 }] });
    expect(self.body.error).toMatchObject({ code: 'same-outlet', fields: [{ path: 'toOutletCode' }] });
    const unsigned = await northManager.post<any>('/api/stock/transfers/receive', { note: { ...note, signature: undefined } });
    expect(unsigned.body.error).toMatchObject({ code: 'invalid-input', fields: [{ path: 'body.note.signature' }] });
  });
});
