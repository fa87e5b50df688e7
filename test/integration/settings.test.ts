import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let printer: FakeNetworkPrinter;
let owner: ApiClient;
let cashier: ApiClient;

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  server = await startTestServer({ receiptPrinterUri: printer.uri });
  owner = await server.login('owner', '1111');
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 0 });
});
afterAll(async () => {
  await server.close();
  await printer.stop();
});

const sellOne = async () => {
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
  const product = (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
  const { request } = await buildSale(cashier, [{ product, quantityMilli: 1000 }]);
  return cashier.post('/api/sales', request);
};

describe('shop settings', () => {
  it('a new receipt footer is printed on the next receipt, and the change is audited', async () => {
    const res = await owner.request('PUT', '/api/settings', { receiptFooter: ['Ačiū, kad apsipirkote!', 'Returns within 14 days'] });
    expect(res.status).toBe(200);
    expect(res.body.receiptFooter).toEqual(['Ačiū, kad apsipirkote!', 'Returns within 14 days']);
    const jobs = printer.jobs.length;
    expect((await sellOne()).status).toBe(201);
    // A cash sale: the drawer kick goes first, then the receipt.
    const [, receipt] = (await printer.waitForJobs(jobs + 2)).slice(jobs);
    expect(decodeEscPos(receipt).text).toContain('Returns within 14 days');
    expect(await server.db.auditLog.count({ where: { action: 'settings-change' } })).toBe(1);
    expect((await owner.get('/api/settings')).body.receiptFooter).toHaveLength(2);
  });

  it('names bad values, keeps the others, and is the owner’s alone', async () => {
    const bad = await owner.request('PUT', '/api/settings', { minMarginBp: -5, discountCombination: { mode: 'stack' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.discountCombination.capBp', 'body.minMarginBp']);
    expect((await owner.get('/api/settings')).body.minMarginBp).toBe(0);
    const manager = await server.login('manager', '2222');
    expect((await manager.request('PUT', '/api/settings', { allowNegativeStock: false })).status).toBe(403);
  });

  it('a changed tax rate applies to the next sale; lines sold before keep theirs', async () => {
    const first = await sellOne();
    const rate = first.body.lines[0].taxRateBp;
    const code = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: rate } })).code;
    const changed = await owner.request('PUT', `/api/tax-rates/${code}`, { name: 'VAT changed', rateBp: rate + 100 });
    expect(changed.body).toMatchObject({ code, rateBp: rate + 100 });
    const second = await sellOne();
    expect(second.body.lines[0].taxRateBp).toBe(rate + 100);
    const stored = await server.db.saleLine.findFirstOrThrow({ where: { saleId: first.body.id } });
    expect(stored.taxRateBp).toBe(rate);
  });
});
