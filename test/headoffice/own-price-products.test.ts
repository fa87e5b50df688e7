import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import { lineGross } from '../../shared/money.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Head office's own-price permission of one product (and so of its variants), deciding for that
// product whatever its category's says; and a variant's own price from a moment. Real PostgreSQL
// head office, a real outlet A1 let price Drinks itself but not Clothes. Expected prices and totals
// come from the prices this test set.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let cashier: ApiClient;
let owner: ApiClient;

const VAT = newId();
const DRINKS = newId();
const CLOTHES = newId();
const JUICE = newId();
const WATER = newId();
const HAT = newId();
const HAT_S = newId();
const HAT_L = newId();
const CAP = newId();
const JUICE_CODE = withCheckDigit('477000000301');
const HAT_S_CODE = withCheckDigit('477000000318');
const HAT_L_CODE = withCheckDigit('477000000325');
const CHAIN = { juice: 250, water: 100, hatS: 1500, hatL: 1600, cap: 900 };

const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
const grant = (productId: string, body: unknown) => headOffice.admin.put(`/api/head-office/outlets/A1/own-prices/products/${productId}`, body);
async function pulled() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}
const caughtUp = () => expect.poll(async () => (await cashier.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);
const details = async (id: string) => (await owner.get<any>(`/api/products/${id}/details`)).body;
const scanned = async (code: string, as = cashier) => (await as.get<any>(`/api/scan/${code}`)).body.product;
async function sell(code: string, quantityMilli: number, as = cashier) {
  const { request } = await buildSale(as, [{ product: await scanned(code, as), quantityMilli }]);
  const sold = await as.post<any>('/api/sales', request);
  expect(sold.status, JSON.stringify(sold.body)).toBe(201);
  return sold.body.total as number;
}
/** The outlet's own variant prices through the product's form, as the back office sends it. */
async function setVariantPrices(prices: number[]) {
  const d = await details(HAT);
  return owner.put<any>(`/api/products/${HAT}`, { ...d, variants: d.variants.map((v: { price: number }, i: number) => ({ ...v, price: prices[i] ?? v.price })) });
}
async function headOfficeOwnPrices() {
  const { rows } = await headOffice.db.pool.query(`SELECT p."productId", p."price" FROM "OutletPrice" p JOIN "Outlet" o ON o."id" = p."outletId" WHERE o."code" = 'A1' AND p."setByOutlet" ORDER BY p."price"`);
  return rows.map((r) => [r.productId, r.price]);
}
const rule = (chainPrice: number, bound = 'none', percentBp: number | null = null) => ({ bound, percentBp, chainPrice });

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('tax-rate', VAT, { code: 'OPP-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await put('category', DRINKS, { code: 'OPP-DRINKS', name: 'Drinks' })).status).toBe(204);
  expect((await put('category', CLOTHES, { code: 'OPP-CLOTHES', name: 'Clothes' })).status).toBe(204);
  const simple = (sku: string, categoryId: string, price: number, barcodes: string[] = []) => ({ sku, name: sku, categoryId, taxRateId: VAT, price, cost: 50, barcodes });
  expect((await put('product', JUICE, simple('OPP-JUICE', DRINKS, CHAIN.juice, [JUICE_CODE]))).status).toBe(204);
  expect((await put('product', WATER, simple('OPP-WATER', DRINKS, CHAIN.water))).status).toBe(204);
  expect((await put('product', CAP, simple('OPP-CAP', CLOTHES, CHAIN.cap))).status).toBe(204);
  expect((await put('product', HAT, { sku: 'OPP-HAT', name: 'Hat', categoryId: CLOTHES, taxRateId: VAT, price: 1500, cost: 600, kind: 'family', options: [{ name: 'Size', values: ['S', 'L'] }] })).status).toBe(204);
  const variant = (sku: string, size: string, price: number, code: string) => ({ sku, name: `Hat ${size}`, categoryId: CLOTHES, taxRateId: VAT, price, cost: 600, parentId: HAT, optionValues: [size], barcodes: [code] });
  expect((await put('product', HAT_S, variant('OPP-HAT-S', 'S', CHAIN.hatS, HAT_S_CODE))).status).toBe(204);
  expect((await put('product', HAT_L, variant('OPP-HAT-L', 'L', CHAIN.hatL, HAT_L_CODE))).status).toBe(204);
  const token = await headOffice.addOutlet('A1');
  expect((await headOffice.admin.put('/api/head-office/outlets/A1/own-prices', { categoryId: DRINKS, allowed: true, bound: 'none', percentBp: null })).status).toBe(204);
  outlet = await startTestServer({ outletCode: 'A1', headOffice: { url: headOffice.url, token, batchSize: 10, intervalMs: 30, maxBackoffMs: 200 } });
  cashier = await outlet.login('anna', '3333');
  owner = await outlet.login('owner', '1111');
  expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe("head office's own-price permission of one product", () => {
  it('permits one product with variants in a category that is not permitted: its variants are the outlet’s to price, the rest of the category stays head office’s', async () => {
    await pulled();
    expect((await details(HAT)).variants.map((v: any) => v.ownPrice)).toEqual([null, null]);
    expect((await grant(HAT, { allowed: true, bound: 'within-percent', percentBp: 2000 })).status).toBe(204);
    await pulled();
    expect((await headOffice.admin.get('/api/head-office/outlets/A1/own-prices/products')).body).toEqual([{ productId: HAT, productName: 'Hat', sku: 'OPP-HAT', allowed: true, bound: 'within-percent', percentBp: 2000 }]);
    expect((await details(HAT)).variants.map((v: any) => v.ownPrice)).toEqual([rule(CHAIN.hatS, 'within-percent', 2000), rule(CHAIN.hatL, 'within-percent', 2000)]);
    expect((await details(CAP)).ownPrice).toBeNull();

    // Within 20 % of each variant's own chain price: S 1500 → at most 1800, L 1600 → at most 1920 (so 1950 is outside).
    const outside = await setVariantPrices([1700, 1950]);
    expect([outside.status, outside.body.error?.code, outside.body.error?.fields?.map((f: { path: string }) => f.path)]).toEqual([422, 'own-price-outside-bound', ['variants.1.price']]);
    const saved = await setVariantPrices([1700, 1900]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await sell(HAT_S_CODE, 2000)).toBe(lineGross(2000, 1700));
    expect(await sell(HAT_L_CODE, 1000)).toBe(lineGross(1000, 1900));
    const capPriced = await owner.put<any>(`/api/products/${CAP}`, { ...(await details(CAP)), price: 950 });
    expect([capPriced.status, capPriced.body.error?.code]).toEqual([409, 'owned-by-head-office']);
    await caughtUp();
    expect(await headOfficeOwnPrices()).toEqual([[HAT_S, 1700], [HAT_L, 1900]]);
  });

  it('refuses a permission of a variant (its product’s decides) or of a product head office does not have, naming the field', async () => {
    const ofVariant = await grant(HAT_S, { allowed: true });
    expect([ofVariant.status, ofVariant.body.error?.code, ofVariant.body.error?.fields?.[0]?.path]).toEqual([409, 'edit-the-product', 'productId']);
    const unknown = await grant(newId(), { allowed: true });
    expect([unknown.status, unknown.body.error?.code, unknown.body.error?.fields?.[0]?.path]).toEqual([404, 'product-not-found', 'productId']);
    const unsound = await grant(HAT, { allowed: true, bound: 'within-percent' });
    expect([unsound.status, unsound.body.error?.fields?.map((f: { path: string }) => f.path)]).toEqual([400, ['body.percentBp']]);
  });

  it('withdraws one product from a permitted category: its own price goes, the register sells at head office’s price, the category’s other products stay the outlet’s', async () => {
    const saved = await owner.put<any>(`/api/products/${JUICE}`, { ...(await details(JUICE)), price: 280 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await sell(JUICE_CODE, 3000)).toBe(lineGross(3000, 280));
    await caughtUp();
    expect(await headOfficeOwnPrices()).toContainEqual([JUICE, 280]);

    expect((await grant(JUICE, { allowed: false })).status).toBe(204);
    await pulled();
    expect((await scanned(JUICE_CODE)).price).toBe(CHAIN.juice);
    expect(await sell(JUICE_CODE, 3000)).toBe(lineGross(3000, CHAIN.juice));
    expect((await details(JUICE)).ownPrice).toBeNull();
    expect((await details(WATER)).ownPrice).toEqual(rule(CHAIN.water));
    const refused = await owner.put<any>(`/api/products/${JUICE}`, { ...(await details(JUICE)), price: 270 });
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'owned-by-head-office']);
    expect((await headOfficeOwnPrices()).map(([id]) => id)).not.toContain(JUICE);
  });

  it('takes a product’s permission away: the product follows its category again, so the hats’ own prices revert and the juice is the outlet’s again', async () => {
    expect((await headOffice.admin.request('DELETE', `/api/head-office/outlets/A1/own-prices/products/${HAT}`)).status).toBe(204);
    expect((await headOffice.admin.request('DELETE', `/api/head-office/outlets/A1/own-prices/products/${JUICE}`)).status).toBe(204);
    await pulled();
    expect((await headOffice.admin.get('/api/head-office/outlets/A1/own-prices/products')).body).toEqual([]);
    expect([(await scanned(HAT_S_CODE)).price, (await scanned(HAT_L_CODE)).price]).toEqual([CHAIN.hatS, CHAIN.hatL]);
    expect(await sell(HAT_L_CODE, 1000)).toBe(lineGross(1000, CHAIN.hatL));
    expect((await details(HAT)).variants.map((v: any) => v.ownPrice)).toEqual([null, null]);
    expect((await details(JUICE)).ownPrice).toEqual(rule(CHAIN.juice));
    expect(await headOfficeOwnPrices()).toEqual([]);
  });
});

describe("a variant's price from a moment", () => {
  it('the outlet’s own (its form) and head office’s (its form): today’s sales at today’s prices, after the moment (clock moved) at the new ones', async () => {
    expect((await grant(HAT, { allowed: true, bound: 'none' })).status).toBe(204);
    await pulled();
    const from = new Date(Date.now() + 86_400_000);
    // The outlet's own price of S from tomorrow, through the product's form as the back office sends it.
    const form = await details(HAT);
    const own = await owner.put<any>(`/api/products/${HAT}`, { ...form, variants: form.variants.map((v: { price: number }, i: number) => ({ ...v, price: i === 0 ? 1450 : v.price })), priceFrom: from.toISOString() });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    // Head office's price of L from the same moment, through its product form.
    const chainForm = (await headOffice.admin.get<any>(`/api/head-office/products/${HAT}`)).body;
    const chain = await headOffice.admin.put<any>(`/api/head-office/products/${HAT}`, { ...chainForm, variants: chainForm.variants.map((v: { price: number }, i: number) => ({ ...v, price: i === 1 ? 1700 : v.price })), priceFrom: from.toISOString() });
    expect(chain.status, JSON.stringify(chain.body)).toBe(200);
    expect((await headOffice.admin.get<any>(`/api/head-office/products/${HAT}`)).body.variants.map((v: any) => [v.price, v.priceChanges.map((c: any) => [c.from, c.price])])).toEqual([[CHAIN.hatS, []], [CHAIN.hatL, [[from.toISOString(), 1700]]]]);
    await pulled();
    expect((await details(HAT)).variants.map((v: any) => [v.price, v.priceChanges.map((c: any) => [c.from, c.price])])).toEqual([[CHAIN.hatS, [[from.toISOString(), 1450]]], [CHAIN.hatL, [[from.toISOString(), 1700]]]]);
    expect(await sell(HAT_S_CODE, 1000)).toBe(lineGross(1000, CHAIN.hatS));
    expect(await sell(HAT_L_CODE, 1000)).toBe(lineGross(1000, CHAIN.hatL));
    const past = await owner.put<any>(`/api/products/${HAT}`, { ...(await details(HAT)), priceFrom: new Date(Date.now() - 86_400_000).toISOString() });
    expect([past.status, past.body.error?.code, past.body.error?.fields?.[0]?.path]).toEqual([422, 'effective-in-past', 'priceFrom']);
    try {
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      vi.setSystemTime(new Date(from.getTime() + 60_000));
      const later = await outlet.login('anna', '3333');
      expect([(await scanned(HAT_S_CODE, later)).price, (await scanned(HAT_L_CODE, later)).price]).toEqual([1450, 1700]);
      expect(await sell(HAT_S_CODE, 2000, later)).toBe(lineGross(2000, 1450));
      expect(await sell(HAT_L_CODE, 1000, later)).toBe(lineGross(1000, 1700));
    } finally {
      vi.useRealTimers();
    }
  });
});
