import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Head office is the master of the chain's catalogue: a product with variants, the category tree
// and a price from tomorrow travel down the pull, and the outlet shows that catalogue without
// letting anyone change it there. Real PostgreSQL, a real outlet server.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let cashier: ApiClient;
let manager: ApiClient;

const VAT = newId();
const CLOTHES = newId();
const SHIRTS = newId();
const SHIRT = newId();
const SHIRT_M = newId();
const SHIRT_L = newId();

/** GS1's check digit, written out here rather than taken from the code under test. */
function gs1(data: string): string {
  const sum = [...data].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return data + String((10 - (sum % 10)) % 10);
}
const M_CODE = gs1('478000000011');
const UPC_A = '036000291452';

const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
async function pulled() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}
const shirt = (extra: Record<string, unknown> = {}) => ({ sku: 'HO-SHIRT', name: 'Shirt', taxRateId: VAT, categoryId: SHIRTS, price: 2000, kind: 'family', options: [{ name: 'Size', values: ['M', 'L'] }], ...extra });
const variant = (size: string, price: number, barcodes: string[], extra: Record<string, unknown> = {}) => ({
  sku: `HO-SHIRT-${size}`, name: `Shirt ${size}`, taxRateId: VAT, categoryId: SHIRTS, price, parentId: SHIRT, optionValues: [size], barcodes, ...extra,
});

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('tax-rate', VAT, { code: 'HO-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await put('category', CLOTHES, { code: 'ho-clothes', name: 'Clothes' })).status).toBe(204);
  expect((await put('category', SHIRTS, { code: 'ho-shirts', name: 'Shirts', parentId: CLOTHES })).status).toBe(204);
  expect((await put('product', SHIRT, shirt())).status).toBe(204);
  // Put before the product they belong to changes again: the pull sends each with its product.
  expect((await put('product', SHIRT_M, variant('M', 2000, [M_CODE]))).status).toBe(204);
  expect((await put('product', SHIRT_L, variant('L', 2200, [UPC_A]))).status).toBe(204);
  expect((await put('product', SHIRT, shirt({ name: 'Shirt', tileColour: '#336699' }))).status).toBe(204);
  const token = await headOffice.addOutlet('C1');
  outlet = await startTestServer({ outletCode: 'C1', headOffice: { url: headOffice.url, token, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  cashier = await outlet.login('anna', '3333');
  manager = await outlet.login('manager', '2222');
  await cashier.post('/api/shifts', { openingFloat: 0 });
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe("the chain's catalogue at an outlet", () => {
  it('arrives with its variants and the category tree; a variant sells by its barcode, its UPC-A as 12 digits too', async () => {
    await pulled();
    expect(await outlet.db.category.findUniqueOrThrow({ where: { id: SHIRTS } })).toMatchObject({ parentId: CLOTHES, active: true });
    const list = (await manager.get(`/api/products?categoryId=${CLOTHES}`)).body;
    expect(list.items.map((p: { id: string; variants: { id: string }[] }) => [p.id, p.variants.map((v) => v.id).sort()])).toEqual([[SHIRT, [SHIRT_M, SHIRT_L].sort()]]);
    expect(list.items[0]).toMatchObject({ name: 'Shirt', tileColour: '#336699' });
    const scanned = await cashier.get(`/api/scan/${UPC_A}`);
    expect(scanned.body.product).toMatchObject({ id: SHIRT_L, parentId: SHIRT, price: 2200 });
    expect((await outlet.db.barcode.findUniqueOrThrow({ where: { code: `0${UPC_A}` } })).productId).toBe(SHIRT_L);
    const { request } = await buildSale(cashier, [{ product: (await cashier.get(`/api/scan/${M_CODE}`)).body.product, quantityMilli: 1000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    expect((await cashier.get('/api/scan/HO-SHIRT')).body.error.code).toBe('product-has-variants');
  });

  it("takes head office's price from tomorrow: today's sale at today's price, tomorrow's at the new one", async () => {
    const today = new Date();
    const from = new Date(today.getTime() + 86_400_000);
    expect((await put('product', SHIRT_M, variant('M', 2000, [M_CODE], { priceChanges: [{ from: from.toISOString(), price: 1800 }] }))).status).toBe(204);
    await pulled();
    const now = (await cashier.get(`/api/products/${SHIRT_M}`)).body;
    expect(now).toMatchObject({ price: 2000, priceChanges: [{ from: from.toISOString(), price: 1800 }] });
    expect((await cashier.post('/api/sales', (await buildSale(cashier, [{ product: now, quantityMilli: 1000 }])).request)).body.total).toBe(2000);
    try {
      vi.setSystemTime(new Date(from.getTime() + 60_000));
      const later = await outlet.login('anna', '3333');
      const then = (await later.get(`/api/products/${SHIRT_M}`)).body;
      expect(then.price).toBe(1800);
      expect((await later.post('/api/sales', (await buildSale(later, [{ product: then, quantityMilli: 1000 }])).request)).body.total).toBe(1800);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the catalogue read-only: nothing of it is changed at the outlet', async () => {
    expect((await manager.get('/api/products')).body).toMatchObject({ editable: false, owner: 'head-office' });
    const details = (await manager.get(`/api/products/${SHIRT}/details`)).body;
    const before = await outlet.db.product.findUniqueOrThrow({ where: { id: SHIRT } });
    const attempts = [
      await manager.put(`/api/products/${SHIRT}`, { ...details, name: 'Local shirt' }),
      await manager.post('/api/products', { name: 'Local', sku: 'LOCAL-1', taxRateId: VAT, price: 100 }),
      await manager.post('/api/products/prices', { productIds: [SHIRT_M], change: { kind: 'set', price: 1 } }),
      await manager.post('/api/categories', { name: 'Local' }),
      await manager.put(`/api/categories/${SHIRTS}`, { name: 'Local' }),
      await manager.post('/api/products/bulk', { productIds: [SHIRT], action: { kind: 'archive' } }),
    ];
    expect(attempts.map((a) => [a.status, a.body.error?.code])).toEqual(attempts.map(() => [409, 'owned-by-head-office']));
    expect(await outlet.db.product.findUniqueOrThrow({ where: { id: SHIRT } })).toEqual(before);
    expect(await outlet.db.product.count({ where: { sku: 'LOCAL-1' } })).toBe(0);
  });

  it('archives at head office: the archived variant no longer sells at the outlet, and a category archived there is archived here', async () => {
    expect((await put('product', SHIRT_L, variant('L', 2200, [UPC_A], { active: false }))).status).toBe(204);
    expect((await put('category', SHIRTS, { code: 'ho-shirts', name: 'Shirts', parentId: CLOTHES, active: false })).status).toBe(204);
    await pulled();
    expect((await cashier.get(`/api/scan/${UPC_A}`)).body.error.code).toBe('product-archived');
    expect((await outlet.db.category.findUniqueOrThrow({ where: { id: SHIRTS } })).active).toBe(false);
  });

  it("refuses at head office a code with a wrong check digit, naming the field", async () => {
    const res = await put('product', newId(), { sku: 'HO-BAD', name: 'Bad', taxRateId: VAT, price: 100, barcodes: [gs1('478000000099'), '4006381333932'] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid-barcode', fields: [{ path: 'body.barcodes.1' }] });
  });
});
