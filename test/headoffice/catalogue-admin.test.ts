import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { createPostgresDatabase, databaseDigest, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Head office's own catalogue routes, as its pages use them: products with variants and barcodes,
// the category tree, outlets' own prices and suppliers, checked by the outlet's rules of the form
// and sent down the pull. Real PostgreSQL, a real outlet server pulling from it.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let cashier: ApiClient;
let manager: ApiClient;
const VAT = newId();

/** GS1's check digit, written out here rather than taken from the code under test. */
function gs1(data: string): string {
  const sum = [...data].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return data + String((10 - (sum % 10)) % 10);
}
const RED_M = gs1('479000000001');
const BLUE_M = gs1('479000000002');
const UPC_A = '042100005264';

async function pulled() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await manager.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

const admin = () => headOffice.admin;
const tee = (extra: Record<string, unknown> = {}) => ({
  name: 'Cotton tee', sku: 'HQ-TEE', taxRateId: VAT, price: 1500, cost: 500, options: [{ name: 'Colour', values: ['Red', 'Blue'] }, { name: 'Size', values: ['M'] }],
  variants: [
    { values: ['Red', 'M'], sku: 'HQ-TEE-RM', price: 1500, cost: 500, barcodes: [RED_M] },
    { values: ['Blue', 'M'], sku: 'HQ-TEE-BM', price: 1600, cost: 500, barcodes: [BLUE_M, UPC_A] },
  ],
  ...extra,
});

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await admin().put(`/api/head-office/master/tax-rate/${VAT}`, { code: 'HQ-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  const token = await headOffice.addOutlet('K1');
  await headOffice.addOutlet('K2');
  outlet = await startTestServer({ outletCode: 'K1', headOffice: { url: headOffice.url, token, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  cashier = await outlet.login('anna', '3333');
  manager = await outlet.login('manager', '2222');
  await cashier.post('/api/shifts', { openingFloat: 0 });
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

let teeId: string;
let clothes: string;

describe("head office's categories", () => {
  it('makes a tree, moves within it but never under itself, archives a branch with what is under it', async () => {
    const top = await admin().post('/api/head-office/categories', { name: 'Clothes' });
    expect(top.status).toBe(201);
    clothes = top.body.id;
    const shirts = (await admin().post('/api/head-office/categories', { name: 'Shirts', parentId: clothes })).body;
    const sale = (await admin().post('/api/head-office/categories', { name: 'Sale', parentId: shirts.id })).body;
    expect(shirts).toMatchObject({ code: 'shirts', parentId: clothes, active: true });
    const twice = await admin().post('/api/head-office/categories', { name: 'Again', code: 'shirts' });
    expect(twice.body.error).toMatchObject({ code: 'duplicate-category-code', fields: [{ path: 'code' }] });
    const before = await databaseDigest(database.url, ['OutletSyncState']);
    const cycle = await admin().put(`/api/head-office/categories/${clothes}`, { parentId: sale.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error).toMatchObject({ code: 'category-cycle', fields: [{ path: 'parentId' }] });
    expect(await databaseDigest(database.url, ['OutletSyncState'])).toBe(before);

    expect((await admin().put(`/api/head-office/categories/${shirts.id}`, { active: false })).body).toMatchObject({ active: false });
    const tree = (await admin().get('/api/head-office/categories')).body.items;
    expect(tree.filter((c: { active: boolean }) => !c.active).map((c: { id: string }) => c.id).sort()).toEqual([shirts.id, sale.id].sort());
    await pulled();
    expect((await outlet.db.category.findMany({ where: { id: { in: [clothes, shirts.id, sale.id] } }, orderBy: { id: 'asc' } })).map((c) => [c.id, c.parentId, c.active])).toEqual(
      [[clothes, null, true], [shirts.id, clothes, false], [sale.id, shirts.id, false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });
});

describe("head office's products", () => {
  it('creates a product with variants and barcodes; the outlet gets it and sells a variant by its barcode', async () => {
    const created = await admin().post('/api/head-office/products', tee({ categoryId: clothes }));
    expect(created.status).toBe(201);
    teeId = created.body.id;
    expect(created.body).toMatchObject({ name: 'Cotton tee', sku: 'HQ-TEE', kind: 'goods', barcodes: [], options: [{ name: 'Colour' }, { name: 'Size' }] });
    expect(created.body.variants.map((v: any) => [v.name, v.sku, v.price, v.barcodes])).toEqual([
      ['Cotton tee Red / M', 'HQ-TEE-RM', 1500, [RED_M]],
      ['Cotton tee Blue / M', 'HQ-TEE-BM', 1600, [BLUE_M, `0${UPC_A}`].sort()],
    ]);
    const blue = created.body.variants[1].id;
    expect(await headOffice.db.prisma.masterChange.count({ where: { entity: 'product', entityId: { in: [teeId, blue] } } })).toBeGreaterThanOrEqual(2);
    await pulled();
    const scanned = await cashier.get(`/api/scan/${UPC_A}`);
    expect(scanned.body.product).toMatchObject({ id: blue, parentId: teeId, price: 1600 });
    const sale = await cashier.post('/api/sales', (await buildSale(cashier, [{ product: scanned.body.product, quantityMilli: 1000 }])).request);
    expect(sale.status).toBe(201);
    expect(sale.body.total).toBe(1600);
  });

  it('finds products by name words in any order, a SKU or its beginning, a barcode as scanned, a page at a time', async () => {
    for (const [i, name] of ['Linen shirt', 'Linen trousers', 'Wool scarf', 'Wool socks', 'Silk scarf'].entries()) {
      expect((await admin().post('/api/head-office/products', { name, sku: `HQ-P${i}`, taxRateId: VAT, price: 1000 + i, barcodes: [gs1(`47910000000${i}`)] })).status).toBe(201);
    }
    const names = async (q: string) => (await admin().get(`/api/head-office/products?q=${encodeURIComponent(q)}`)).body.items.map((p: { name: string }) => p.name);
    expect(await names('scarf wool')).toEqual(['Wool scarf']);
    expect(await names('SCARF')).toEqual(['Silk scarf', 'Wool scarf']);
    expect(await names('HQ-TEE')).toEqual(['Cotton tee']);
    expect(await names('HQ-P')).toEqual(['Linen shirt', 'Linen trousers', 'Silk scarf', 'Wool scarf', 'Wool socks']);
    expect(await names(UPC_A)).toEqual(['Cotton tee']);
    expect(await names(gs1('479100000003'))).toEqual(['Wool socks']);

    const seen: string[] = [];
    let next: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; next: string | null } } = await admin().get(`/api/head-office/products?q=HQ&limit=2${next ? `&after=${next}` : ''}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.name));
      next = page.body.next;
    } while (next);
    expect(seen).toEqual(['Cotton tee', 'Linen shirt', 'Linen trousers', 'Silk scarf', 'Wool scarf', 'Wool socks']);
    expect((await admin().get('/api/head-office/products?after=not-a-cursor')).body.error).toMatchObject({ code: 'invalid-cursor', fields: [{ path: 'after' }] });
  });

  it('refuses a bad form naming the field, and head office’s database is unchanged', async () => {
    const before = await databaseDigest(database.url, ['OutletSyncState']);
    const details = (await admin().get(`/api/head-office/products/${teeId}`)).body;
    const variants = details.variants.map((v: any) => ({ id: v.id, values: v.values, sku: v.sku, price: v.price, cost: v.cost, barcodes: v.barcodes }));
    const cases: [string, Record<string, unknown>, number, string, string][] = [
      ['a barcode another product of the chain has', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: 100, barcodes: [RED_M] }, 409, 'duplicate-barcode', 'barcodes.0'],
      ['the same code as 12 digits', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: 100, barcodes: [UPC_A] }, 409, 'duplicate-barcode', 'barcodes.0'],
      ['a wrong check digit', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: 100, barcodes: [RED_M.slice(0, 12) + ((Number(RED_M[12]) + 1) % 10)] }, 422, 'invalid-barcode', 'barcodes.0'],
      ['variants without options', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: 100, variants: [{ values: [], sku: 'HQ-OTHER-1', price: 100 }] }, 422, 'variant-without-options', 'variants.0.values'],
      ['a variant without a value', tee({ sku: 'HQ-TEE2', variants: [{ values: ['Red'], sku: 'HQ-TEE2-R', price: 100 }] }), 422, 'variant-options-mismatch', 'variants.0.values'],
      ['a SKU another has', { name: 'Other', sku: 'HQ-P1', taxRateId: VAT, price: 100 }, 409, 'duplicate-sku', 'sku'],
      ['a negative price', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: -1 }, 422, 'price-negative', 'price'],
      ['a picture that is no image', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: 100, picture: `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}` }, 422, 'invalid-picture', 'picture'],
      ['an unknown category', { name: 'Other', sku: 'HQ-OTHER', taxRateId: VAT, price: 100, categoryId: newId() }, 404, 'category-not-found', 'categoryId'],
    ];
    for (const [what, body, status, code, path] of cases) {
      const res = await admin().post('/api/head-office/products', body);
      expect([what, res.status, res.body.error?.code], what).toEqual([what, status, code]);
      expect(res.body.error.fields.map((f: { path: string }) => f.path), what).toContain(path);
    }
    // A change that takes the barcode of another product, in the second variant's place.
    const taking = await admin().put(`/api/head-office/products/${teeId}`, tee({ variants: [variants[0], { ...variants[1], barcodes: [gs1('479100000000')] }] }));
    expect(taking.body.error).toMatchObject({ code: 'duplicate-barcode', fields: [{ path: 'variants.1.barcodes.0' }], details: { sku: 'HQ-P0', name: 'Linen shirt' } });
    const variantOfOther = await admin().put(`/api/head-office/products/${variants[0].id}`, tee());
    expect(variantOfOther.body.error.code).toBe('edit-the-product');
    expect(await databaseDigest(database.url, ['OutletSyncState'])).toBe(before);
  });

  it('changes a variant’s price, adds one and archives one left out; the outlet gets each', async () => {
    const details = (await admin().get(`/api/head-office/products/${teeId}`)).body;
    const [red, blue] = details.variants;
    const form = tee({
      options: [{ name: 'Colour', values: ['Red', 'Blue', 'Green'] }, { name: 'Size', values: ['M'] }],
      variants: [
        { id: red.id, values: ['Red', 'M'], sku: red.sku, price: 1450, cost: 500, barcodes: red.barcodes },
        { values: ['Green', 'M'], sku: 'HQ-TEE-GM', price: 1500, cost: 500 },
      ],
    });
    const changed = await admin().put(`/api/head-office/products/${teeId}`, form);
    expect(changed.status).toBe(200);
    const bySku = Object.fromEntries(changed.body.variants.map((v: any) => [v.sku, [v.price, v.active]]));
    expect(bySku).toEqual({ 'HQ-TEE-RM': [1450, true], 'HQ-TEE-BM': [1600, false], 'HQ-TEE-GM': [1500, true] });
    await pulled();
    expect((await cashier.get(`/api/scan/${RED_M}`)).body.product.price).toBe(1450);
    expect((await outlet.db.product.findUniqueOrThrow({ where: { id: blue.id } })).active).toBe(false);
    expect(await outlet.db.product.findUniqueOrThrow({ where: { sku: 'HQ-TEE-GM' } })).toMatchObject({ parentId: teeId, active: true, price: 1500 });
  });

  it("sets one outlet's own price of a variant: that outlet sells at it, the chain's price stays, a product with variants takes none", async () => {
    const red = (await admin().get(`/api/head-office/products/${teeId}`)).body.variants.find((v: { sku: string }) => v.sku === 'HQ-TEE-RM');
    const onFamily = await admin().put(`/api/head-office/outlets/K1/prices/${teeId}`, { price: 999 });
    expect(onFamily.body.error).toMatchObject({ code: 'product-has-variants', fields: [{ path: 'productId' }] });
    expect((await admin().put(`/api/head-office/outlets/K1/prices/${red.id}`, { price: 1299 })).status).toBe(204);
    const details = (await admin().get(`/api/head-office/products/${teeId}`)).body;
    expect(details.outletPrices).toEqual([{ outletCode: 'K1', productId: red.id, price: 1299 }]);
    expect(details.variants.find((v: { id: string }) => v.id === red.id).price).toBe(1450);
    await pulled();
    const scanned = (await cashier.get(`/api/scan/${RED_M}`)).body.product;
    expect(scanned.price).toBe(1299);
    expect((await cashier.post('/api/sales', (await buildSale(cashier, [{ product: scanned, quantityMilli: 1000 }])).request)).body.total).toBe(1299);
  });
});

describe("head office's suppliers", () => {
  it('adds, refuses a code another has, changes and archives; the outlet gets them', async () => {
    const added = await admin().post('/api/head-office/suppliers', { code: 'HQ-TEXTILE', name: 'Textile Ltd', leadTimeDays: 5 });
    expect(added.status).toBe(201);
    // The outlet's sale of the test before is still being pushed (it fills ChainSalesDay): the digest waits for it.
    await expect.poll(async () => (await cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000, interval: 50 }).toBe(0);
    const before = await databaseDigest(database.url, ['OutletSyncState']);
    const twice = await admin().post('/api/head-office/suppliers', { code: 'HQ-TEXTILE', name: 'Another' });
    expect(twice.body.error).toMatchObject({ code: 'supplier-exists', fields: [{ path: 'body.code' }] });
    const noName = await admin().post('/api/head-office/suppliers', { code: 'HQ-X' });
    expect(noName.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.name');
    expect((await admin().put(`/api/head-office/suppliers/${newId()}`, { code: 'HQ-Y', name: 'Nobody' })).body.error.code).toBe('supplier-not-found');
    expect(await databaseDigest(database.url, ['OutletSyncState'])).toBe(before);
    expect((await admin().put(`/api/head-office/suppliers/${added.body.id}`, { code: 'HQ-TEXTILE', name: 'Textile Ltd', leadTimeDays: 7, archived: true })).status).toBe(200);
    expect((await admin().get('/api/head-office/suppliers')).body.items).toEqual([expect.objectContaining({ id: added.body.id, leadTimeDays: 7, archived: true })]);
    await pulled();
    expect((await manager.get(`/api/suppliers/${added.body.id}`)).body).toMatchObject({ code: 'HQ-TEXTILE', leadTimeDays: 7, archived: true, origin: 'head-office' });
  });
});

describe('an outlet of the chain', () => {
  it("changes none of head office's fields, each refusal naming the field; its own minimum level it sets", async () => {
    const details = (await manager.get(`/api/products/${teeId}/details`)).body;
    const form = { ...details, variants: details.variants.map((v: Record<string, unknown>) => ({ ...v })) };
    const ids = [teeId, ...form.variants.map((v: { id: string }) => v.id)];
    const footprint = async () => ({
      products: await outlet.db.product.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } }),
      barcodes: await outlet.db.barcode.findMany({ where: { productId: { in: ids } }, orderBy: { code: 'asc' } }),
      levels: await outlet.db.stockLevel.findMany({ where: { productId: { in: ids } } }),
    });
    const before = await footprint();
    const withVariant = (i: number, change: Record<string, unknown>) => ({ ...form, variants: form.variants.map((v: object, j: number) => (j === i ? { ...v, ...change } : v)) });
    const cases: [string, Record<string, unknown>, string[]][] = [
      ['the name', { ...form, name: 'Local tee' }, ['name']],
      ["a variant's price", withVariant(0, { price: 1 }), ['variants.0.price']],
      ["a variant's barcodes", withVariant(0, { barcodes: [...form.variants[0].barcodes, gs1('479200000001')] }), ['variants.0.barcodes']],
      ['the name and a minimum level', { ...withVariant(0, { minMilli: 3000 }), name: 'Local tee' }, ['name']],
    ];
    for (const [what, body, fields] of cases) {
      const res = await manager.put(`/api/products/${teeId}`, body);
      expect([what, res.status, res.body.error?.code], what).toEqual([what, 409, 'owned-by-head-office']);
      expect(res.body.error.fields.map((f: { path: string }) => f.path), what).toEqual(fields);
    }
    const created = await manager.post('/api/products', { name: 'Local', sku: 'K1-LOCAL', taxRateId: VAT, price: 100 });
    expect(created.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'sku' }, { path: 'name' }, { path: 'price' }] });
    const category = await manager.put(`/api/categories/${clothes}`, { name: 'Local clothes' });
    expect(category.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'name' }] });
    expect(await footprint()).toEqual(before);

    // Unchanged form, and the outlet's own minimum level of a variant: saved.
    expect((await manager.put(`/api/products/${teeId}`, withVariant(0, { minMilli: 3000 }))).status).toBe(200);
    expect(await outlet.db.stockLevel.findMany({ where: { productId: { in: ids } }, select: { productId: true, minMilli: true } })).toEqual([{ productId: form.variants[0].id, minMilli: 3000 }]);
    expect((await footprint()).products).toEqual(before.products);
  });
});
