import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';

// Codes as marked goods carry them (GS1 DataMatrix: GTIN, serial, then company-internal AIs 91 and
// 92 with a crypto tail), built in the test from the General Specifications' layout.
const GS = '\u001d';
const CRYPTO_TAIL = 'aBcD+/eFgH1234567890IjKlMnOpQrStUvWxYz=0123456789abcdEFGHijklMNOPqrstUVWXyz+/ABCDEFGHIJ';

let server: TestServer;
let strict: TestServer;
let cashier: ApiClient;
let gtin14: string;
let productId: string;

const scan = (api: ApiClient, code: string) => api.get<any>(`/api/scan/${encodeURIComponent(code)}`);
const yymmdd = (d: Date) => d.toISOString().slice(2, 10).replace(/-/g, '');
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000);

beforeAll(async () => {
  server = await startTestServer();
  strict = await startTestServer({ outletSettings: { refuseExpiredGoods: true } });
  cashier = await server.login('anna', '3333', 'R1');
  expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: { code: { startsWith: '477' } } } }, include: { barcodes: true }, orderBy: { sku: 'asc' } });
  gtin14 = `0${row.barcodes[0].code}`;
  productId = row.id;
});
afterAll(async () => {
  await server?.close();
  await strict?.close();
});

describe('GET /api/scan/:code with marked goods', () => {
  it('finds the product of a DataMatrix longer than 100 characters', async () => {
    const code = `]d201${gtin14}215sN*qa'Xyz%(${GS}91EE06${GS}92${CRYPTO_TAIL}`;
    expect(code.length).toBeGreaterThan(100);
    const res = await scan(cashier, code);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'product', product: { id: productId } });
    expect(res.body.expiredOn).toBeUndefined();
  });

  it('reads past an AI it does not know up to the next GS', async () => {
    const res = await scan(cashier, `01${gtin14}2399ABC${GS}10LOT1`);
    expect(res.status).toBe(200);
    expect(res.body.product.id).toBe(productId);
  });

  it('sells a price-labelled item whose long code the register sends back with the line', async () => {
    // A price from a code stands for goods the owner marked price-labelled, not under the list price.
    await server.db.$transaction((tx) => tx.product.update({ where: { id: productId }, data: { priceLabelled: true, price: 349 } }));
    const code = `01${gtin14}3922${'0349'}${GS}215sN*qa'Xyz%(${GS}91EE06${GS}92${CRYPTO_TAIL}`;
    const scanned = await scan(cashier, code);
    expect(scanned.body).toMatchObject({ type: 'product', unitPrice: 349 });
    const { request } = await buildSale(cashier, [{ product: scanned.body.product, quantityMilli: 1000, unitPrice: 349, scannedCode: scanned.body.code }]);
    const sale = await cashier.post<any>('/api/sales', request);
    expect(sale.status).toBe(201);
    expect(sale.body.lines[0]).toMatchObject({ unitPrice: 349, grossAmount: 349 });
  });
});

describe('expiry (AI 17) at the register', () => {
  it('tells the cashier when the goods expired, and still finds them', async () => {
    const expired = yymmdd(daysFromNow(-3));
    const res = await scan(cashier, `]d201${gtin14}17${expired}10LOT7`);
    expect(res.status).toBe(200);
    expect(res.body.expiredOn).toBe(`20${expired.slice(0, 2)}-${expired.slice(2, 4)}-${expired.slice(4, 6)}`);
    const fresh = await scan(cashier, `]d201${gtin14}17${yymmdd(daysFromNow(30))}10LOT7`);
    expect(fresh.body.expiredOn).toBeUndefined();
  });

  it('refuses expired goods in a shop whose setting says so, and sells goods still in date', async () => {
    const strictCashier = await strict.login('anna', '3333', 'R1');
    const res = await scan(strictCashier, `]d201${gtin14}17${yymmdd(daysFromNow(-1))}`);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'goods-expired' });
    expect((await scan(strictCashier, `]d201${gtin14}17${yymmdd(daysFromNow(2))}`)).status).toBe(200);
  });

  it('is a setting the owner changes', async () => {
    const owner = await server.login('owner', '1111');
    const res = await owner.request<any>('PUT', '/api/settings', { refuseExpiredGoods: true });
    expect(res.status).toBe(200);
    expect(res.body.refuseExpiredGoods).toBe(true);
    expect((await scan(cashier, `]d201${gtin14}17${yymmdd(daysFromNow(-1))}`)).status).toBe(409);
    await owner.request('PUT', '/api/settings', { refuseExpiredGoods: false });
  });
});
