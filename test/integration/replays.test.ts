import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient, ApiResponse } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { newId } from '../../shared/ids.ts';
import { newSigningKey, publicKeyOf, signTransferNote } from '../../server/stock/note-signing.ts';

let server: TestServer;
let file: Database.Database;
let cashier: ApiClient;
let otherRegister: ApiClient;
let manager: ApiClient;
let goods: ProductView[];

/** Every row of every table as committed to the SQLite file, read through a connection of our own. */
function everything() {
  const tables = (file.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%NameSearch%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(tables.map((t) => [t, file.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()]));
}

/** Sends each request under an id already used by a different one: each is refused naming the id, and nothing in the database changes. */
async function expectRefused(...sends: (() => Promise<ApiResponse>)[]) {
  const before = everything();
  for (const send of sends) {
    const res = await send();
    expect([res.status, res.body.error?.code, res.body.error?.fields]).toEqual([409, 'replay-mismatch', [{ path: 'id', message: 'already used by a different request' }]]);
  }
  expect(everything()).toEqual(before);
}

beforeAll(async () => {
  server = await startTestServer();
  cashier = await server.login('anna', '3333', 'R1');
  otherRegister = await server.login('anna', '3333', 'R2');
  manager = await server.login('manager', '2222', 'R1');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  expect((await otherRegister.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  const rows = await server.db.product.findMany({ where: { unit: 'piece', plu: null, kind: 'goods', price: { gt: 500 } }, orderBy: { sku: 'asc' }, take: 3 });
  goods = await Promise.all(rows.map(async (r) => (await findProducts(cashier, r.sku)).find((p) => p.id === r.id)!));
  file = new Database(path.join(server.dir, 'outlet.db'), { readonly: true });
});

afterAll(async () => {
  file?.close();
  await server?.close();
});

describe('a document id sent again', () => {
  it('gives a sale back to the same request; other lines, another total or another register get 409 and change nothing', async () => {
    const { request } = await buildSale(cashier, [{ product: goods[0], quantityMilli: 1000 }]);
    const first = await cashier.post<any>('/api/sales', request);
    expect(first.status).toBe(201);

    const otherLines = { ...(await buildSale(cashier, [{ product: goods[1], quantityMilli: 2000 }])).request, id: request.id };
    const moreOfIt = { ...(await buildSale(cashier, [{ product: goods[0], quantityMilli: 3000 }])).request, id: request.id };
    await expectRefused(
      () => cashier.post('/api/sales', otherLines),
      () => cashier.post('/api/sales', moreOfIt),
      () => cashier.post('/api/sales', { ...request, expectedTotal: request.expectedTotal + 1, tenders: [{ method: 'cash', amount: request.expectedTotal + 1 }] }),
      () => otherRegister.post('/api/sales', request),
    );

    const again = await cashier.post<any>('/api/sales', request);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: request.id, number: first.body.number, total: first.body.total, lines: [{ productId: goods[0].id, quantityMilli: 1000 }] });
    // A retry after a lost answer, with the cash counted again, is the same sale: it gets the payments as stored.
    const recounted = await cashier.post<any>('/api/sales', { ...request, tenders: [{ method: 'cash', amount: request.expectedTotal, tendered: request.expectedTotal + 500 }] });
    expect([recounted.status, recounted.body.number, recounted.body.payments]).toEqual([200, first.body.number, first.body.payments]);
  });

  it('stores one of two different sales racing under one new id and refuses the other', async () => {
    const one = (await buildSale(cashier, [{ product: goods[0], quantityMilli: 1000 }])).request;
    const other = { ...(await buildSale(cashier, [{ product: goods[1], quantityMilli: 1000 }])).request, id: one.id };
    const answers = await Promise.all([cashier.post<any>('/api/sales', one), cashier.post<any>('/api/sales', other)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('replay-mismatch');
    expect(file.prepare('SELECT COUNT(*) AS n FROM "SaleLine" WHERE "saleId" = ?').get(one.id)).toEqual({ n: 1 });
  });

  it('gives a return back to the same request; other lines or quantities under its id get 409', async () => {
    const { request: sale } = await buildSale(cashier, [{ product: goods[0], quantityMilli: 2000 }, { product: goods[1], quantityMilli: 1000 }]);
    const sold = await cashier.post<any>('/api/sales', sale);
    const ret = { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: sold.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' };
    const first = await manager.post<any>('/api/returns', ret);
    expect(first.status).toBe(201);

    await expectRefused(
      () => manager.post('/api/returns', { ...ret, lines: [{ saleLineId: sold.body.lines[0].id, quantityMilli: 2000 }] }),
      () => manager.post('/api/returns', { ...ret, lines: [{ saleLineId: sold.body.lines[1].id, quantityMilli: 1000 }] }),
      // A return under a sale's id is not that sale.
      () => manager.post('/api/returns', { ...ret, id: sale.id }),
    );

    const again = await manager.post<any>('/api/returns', ret);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: ret.id, number: first.body.number, total: first.body.total });
  });

  it('gives a pre-order back to the same request; other lines or another customer get 409', async () => {
    const [customer, other] = await server.db.customer.findMany({ orderBy: { id: 'asc' }, take: 2 });
    const order = { id: newId(), customerId: customer.id, note: 'Birthday cake', lines: [{ productId: goods[0].id, quantityMilli: 2000 }] };
    const first = await manager.post<any>('/api/pre-orders', order);
    expect(first.status).toBe(201);

    await expectRefused(
      () => manager.post('/api/pre-orders', { ...order, lines: [{ productId: goods[1].id, quantityMilli: 2000 }] }),
      () => manager.post('/api/pre-orders', { ...order, lines: [{ productId: goods[0].id, quantityMilli: 2000, unitPrice: 1 }] }),
      () => manager.post('/api/pre-orders', { ...order, customerId: other.id }),
    );

    const again = await manager.post<any>('/api/pre-orders', order);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: order.id, number: first.body.number, total: first.body.total });
  });

  it('gives a purchase order and its receipt back to the same request; other lines get 409', async () => {
    const supplier = (await manager.post<any>('/api/suppliers', { code: 'REPLAY', name: 'Replay Foods' })).body;
    const order = { id: newId(), supplierId: supplier.id, lines: [{ productId: goods[0].id, quantityMilli: 6000, unitCost: 100 }] };
    const first = await manager.post<any>('/api/purchase-orders', order);
    expect(first.status).toBe(201);
    await expectRefused(() => manager.post('/api/purchase-orders', { ...order, lines: [{ productId: goods[0].id, quantityMilli: 6000, unitCost: 99 }] }));
    const again = await manager.post<any>('/api/purchase-orders', order);
    expect([again.status, again.body.number]).toEqual([200, first.body.number]);

    expect((await manager.post(`/api/purchase-orders/${order.id}/send`)).status).toBe(200);
    const receipt = { lines: [{ productId: goods[0].id, quantityMilli: 5000, unitCost: 100 }] };
    const received = await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, receipt);
    expect(received.body).toMatchObject({ status: 'received' });
    await expectRefused(
      () => manager.post(`/api/purchase-orders/${order.id}/receive`, { lines: [{ productId: goods[0].id, quantityMilli: 6000, unitCost: 100 }] }),
      // A delivery under the order's id is not its receipt.
      () => manager.post('/api/stock/deliveries', { id: order.id, supplierId: supplier.id, lines: [{ productId: goods[1].id, quantityMilli: 1000, unitCost: 5 }] }),
    );
    expect((await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, receipt)).body).toMatchObject({ status: 'received', receivedDocumentNumber: received.body.receivedDocumentNumber });
  });

  it('gives a write-off, a stock count and a transfer back to the same request; others under their ids get 409', async () => {
    const writeOff = { id: newId(), reason: 'damaged', lines: [{ productId: goods[2].id, quantityMilli: 1000 }] };
    const count = { id: newId(), note: 'Shelf 3' };
    const transfer = { id: newId(), toOutletCode: 'north', lines: [{ productId: goods[2].id, quantityMilli: 1000 }] };
    const made = [await manager.post<any>('/api/stock/write-offs', writeOff), await manager.post<any>('/api/stock/counts', count), await manager.post<any>('/api/stock/transfers', transfer)];
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);

    await expectRefused(
      () => manager.post('/api/stock/write-offs', { ...writeOff, reason: 'theft' }),
      () => manager.post('/api/stock/write-offs', { ...writeOff, lines: [{ productId: goods[2].id, quantityMilli: 2000 }] }),
      () => manager.post('/api/stock/counts', { ...count, note: 'Shelf 4' }),
      () => manager.post('/api/stock/transfers', { ...transfer, toOutletCode: 'south' }),
      // Another kind of document under a used id is not that document.
      () => manager.post('/api/stock/write-offs', { ...writeOff, id: transfer.id }),
    );

    const again = [await manager.post<any>('/api/stock/write-offs', writeOff), await manager.post<any>('/api/stock/counts', count), await manager.post<any>('/api/stock/transfers', transfer)];
    expect(again.map((r) => [r.status, r.body.id, r.body.number])).toEqual(made.map((r) => [200, r.body.id, r.body.number]));
  });

  it('gives a received transfer note back to the same request; other quantities under its id get 409', async () => {
    // A note as outlet "north" signs it, with a key whose public half this outlet's owner registered.
    const northKey = newSigningKey();
    const owner = await server.login('owner', '1111');
    expect((await owner.put(`/api/stock/transfer-keys/north`, { name: 'North', publicKey: publicKeyOf(northKey) })).status).toBe(200);
    const note = signTransferNote({ id: newId(), number: 'TO-000042', from: { code: 'north', name: 'North' }, to: 'main', sentAt: new Date().toISOString(), lines: [{ sku: goods[1].sku, name: goods[1].name, quantityMilli: 3000, unitCost: 50 }] }, northKey);
    const received = await manager.post<any>('/api/stock/transfers/receive', { note, lines: [{ sku: goods[1].sku, quantityMilli: 2000 }] });
    expect(received.status).toBe(201);
    await expectRefused(
      () => manager.post('/api/stock/transfers/receive', { note, lines: [{ sku: goods[1].sku, quantityMilli: 3000 }] }),
      // The sender's note re-signed with other sent quantities (another outlet's honest mistake) under the same id.
      () => manager.post('/api/stock/transfers/receive', { note: signTransferNote({ ...note, lines: [{ ...note.lines[0], quantityMilli: 9000 }] }, northKey), lines: [{ sku: goods[1].sku, quantityMilli: 2000 }] }),
    );
    const again = await manager.post<any>('/api/stock/transfers/receive', { note, lines: [{ sku: goods[1].sku, quantityMilli: 2000 }] });
    expect([again.status, again.body.id, again.body.number]).toEqual([200, received.body.id, received.body.number]);
  });
});
