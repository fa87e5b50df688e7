import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import { lineGross } from '../../shared/money.ts';
import type { SyncDocument } from '../../shared/schemas/sync.ts';
import { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { createPostgresDatabase, databaseDigest, outletIdentity, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// An outlet's own price, where head office allows it: real PostgreSQL head office, two real
// outlets. A1 is let set its own prices within 20 % of the chain's; B1 is not. What the outlets and
// head office hold is read from their databases.
interface Outlet {
  code: string;
  server: TestServer;
  cashier: ApiClient;
  owner: ApiClient;
}

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let a1: Outlet;
let b1: Outlet;
const tokens: Record<string, string> = {};

const VAT = newId();
const DRINKS = newId();
const JUICE = newId();
const JUICE_CODE = withCheckDigit('477000000101');
const juice = (price: number) => ({ sku: 'OWN-JUICE', name: 'Own juice 1 l', categoryId: DRINKS, taxRateId: VAT, price, cost: 120, barcodes: [JUICE_CODE] });

async function startOutlet(code: string): Promise<Outlet> {
  tokens[code] = await headOffice.addOutlet(code);
  const server = await startTestServer({ outletCode: code, headOffice: { url: headOffice.url, token: tokens[code], batchSize: 10, intervalMs: 30, maxBackoffMs: 200 } });
  const cashier = await server.login('anna', '3333');
  expect((await cashier.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
  return { code, server, cashier, owner: await server.login('owner', '1111') };
}

async function pulled(o: Outlet) {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}
const caughtUp = (o: Outlet) => expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);
const scanPrice = async (o: Outlet) => (await o.cashier.get(`/api/scan/${JUICE_CODE}`)).body.product.price as number;
const details = async (o: Outlet) => (await o.owner.get(`/api/products/${JUICE}/details`)).body;
const setOwnPrice = async (o: Outlet, price: number) => o.owner.put(`/api/products/${JUICE}`, { ...(await details(o)), price });
const permit = (code: string, body: unknown) => headOffice.admin.put(`/api/head-office/outlets/${code}/own-prices`, body);
async function headOfficePrice(code: string) {
  const { rows } = await headOffice.db.pool.query(`SELECT p."price", p."setByOutlet" FROM "OutletPrice" p JOIN "Outlet" o ON o."id" = p."outletId" WHERE o."code" = $1 AND p."productId" = $2`, [code, JUICE]);
  return rows[0] ?? null;
}
/** What the outlet holds of the product's price: its price, its price history, its outbox. */
async function outletState(o: Outlet) {
  const product = await o.server.db.product.findUniqueOrThrow({ where: { id: JUICE }, select: { price: true, nextPriceAt: true } });
  return { product, changes: await o.server.db.priceChange.count({ where: { productId: JUICE } }), outbox: await o.server.db.outboxEntry.count() };
}
async function push(o: Outlet, documents: SyncDocument[]) {
  const identity = await outletIdentity(o.server.db);
  return new ApiClient(headOffice.url, tokens[o.code]).post<any>('/api/sync/push', { outletCode: o.code, ...identity, sentAt: new Date().toISOString(), documents });
}
async function priceDocument(o: Outlet, fields: { productId?: string; price: number }): Promise<SyncDocument> {
  const { outletId } = await outletIdentity(o.server.db);
  const id = newId();
  const at = new Date().toISOString();
  return { documentId: id, type: 'outlet-price', createdAt: at, payload: { id, outletId, productId: fields.productId ?? JUICE, price: fields.price, previousPrice: null, effectiveAt: at } };
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
  expect((await put('tax-rate', VAT, { code: 'OWN-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await put('category', DRINKS, { code: 'OWN-DRINKS', name: 'Drinks' })).status).toBe(204);
  expect((await put('product', JUICE, juice(250))).status).toBe(204);
  a1 = await startOutlet('A1');
  b1 = await startOutlet('B1');
}, 120_000);

afterAll(async () => {
  await a1?.server.close();
  await b1?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe('an outlet’s own price, where head office allows it', () => {
  it('head office keeps the setting per outlet, and only a sound one', async () => {
    expect((await permit('A1', { allowed: true, bound: 'within-percent', percentBp: 2000 })).status).toBe(204);
    await pulled(a1);
    await pulled(b1);
    expect((await headOffice.admin.get('/api/head-office/outlets/A1/own-prices')).body).toEqual([{ categoryId: null, categoryName: null, allowed: true, bound: 'within-percent', percentBp: 2000 }]);
    expect((await headOffice.admin.get('/api/head-office/outlets/B1/own-prices')).body).toEqual([]);
    const bad = await permit('B1', { allowed: true, bound: 'within-percent' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toContain('body.percentBp');
    expect((await permit('B1', { allowed: true, categoryId: newId() })).body.error).toMatchObject({ code: 'category-not-found', fields: [{ path: 'categoryId' }] });
    expect((await permit('Z9', { allowed: true })).status).toBe(404);
    expect((await headOffice.admin.get('/api/head-office/outlets/B1/own-prices')).body).toEqual([]);
  });

  it('lets the allowed outlet set its price: a sale there takes it, head office records it, the other outlet keeps the chain’s', async () => {
    expect((await details(a1)).ownPrice).toEqual({ bound: 'within-percent', percentBp: 2000, chainPrice: 250 });
    expect((await details(b1)).ownPrice).toBeNull();
    const saved = await setOwnPrice(a1, 275);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(await scanPrice(a1)).toBe(275);

    const product = (await a1.cashier.get(`/api/scan/${JUICE_CODE}`)).body.product;
    const { request } = await buildSale(a1.cashier, [{ product, quantityMilli: 2000 }]);
    const sold = await a1.cashier.post<any>('/api/sales', request);
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    expect(sold.body.total).toBe(lineGross(2000, 275));

    await caughtUp(a1);
    expect(await headOfficePrice('A1')).toEqual({ price: 275, setByOutlet: true });
    const page = (await headOffice.admin.get(`/api/head-office/products/${JUICE}`)).body;
    expect(page.outletPrices).toEqual([{ outletCode: 'A1', productId: JUICE, price: 275 }]);
    const { rows: [day] } = await headOffice.db.pool.query(`SELECT d."total"::int AS "total" FROM "ChainSalesDay" d JOIN "Outlet" o ON o."id" = d."outletId" WHERE o."code" = 'A1'`);
    expect(day.total).toBe(lineGross(2000, 275));

    expect(await scanPrice(b1)).toBe(250);
    expect(await headOfficePrice('B1')).toBeNull();
  });

  it('keeps the outlet’s own price through head office’s next chain price change', async () => {
    expect((await headOffice.admin.put(`/api/head-office/master/product/${JUICE}`, juice(260))).status).toBe(204);
    await pulled(a1);
    await pulled(b1);
    expect(await scanPrice(b1)).toBe(260);
    expect(await scanPrice(a1)).toBe(275);
    expect((await details(a1)).ownPrice).toMatchObject({ chainPrice: 260 });
    // Head office's own per-outlet price would silently replace it: refused while the outlet may set its own.
    const overwrite = await headOffice.admin.put(`/api/head-office/outlets/A1/prices/${JUICE}`, { price: 199 });
    expect(overwrite.status).toBe(409);
    expect(overwrite.body.error).toMatchObject({ code: 'outlet-sets-own-price', fields: [{ path: 'price' }] });
    expect(await headOfficePrice('A1')).toEqual({ price: 275, setByOutlet: true });
  });

  it('sets an own price from a date: scheduled at the outlet, kept through a pull, not at head office before its time', async () => {
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const scheduled = await a1.owner.post<any>('/api/products/prices', { productIds: [JUICE], change: { kind: 'set', price: 290 }, effectiveAt: from });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect((await details(a1)).priceChanges).toMatchObject([{ price: 290, from }]);
    expect((await headOffice.admin.put(`/api/head-office/master/product/${JUICE}`, { ...juice(260), name: 'Own juice, 1 litre' })).status).toBe(204);
    await pulled(a1);
    expect((await details(a1))).toMatchObject({ name: 'Own juice, 1 litre', price: 275, priceChanges: [{ price: 290, from }] });
    await caughtUp(a1);
    expect(await headOfficePrice('A1')).toEqual({ price: 275, setByOutlet: true });
  });

  it('refuses a price outside the bound, and any price at an outlet not allowed, naming the field and changing nothing', async () => {
    const beforeA = await outletState(a1);
    const beforeB = await outletState(b1);
    const outside = await setOwnPrice(a1, 313); // 260 + 20 % is 312
    expect(outside.status).toBe(422);
    expect(outside.body.error).toMatchObject({ code: 'own-price-outside-bound', fields: [{ path: 'price' }] });
    const outsideLater = await a1.owner.post<any>('/api/products/prices', { productIds: [JUICE], change: { kind: 'set', price: 207 }, effectiveAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(outsideLater.body.error).toMatchObject({ code: 'own-price-outside-bound', fields: [{ path: 'productIds.0' }] });
    const nameToo = await a1.owner.put<any>(`/api/products/${JUICE}`, { ...(await details(a1)), price: 280, name: 'Mine' });
    expect(nameToo.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'name' }] });

    const notAllowed = await setOwnPrice(b1, 240);
    expect(notAllowed.status).toBe(409);
    expect(notAllowed.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'price' }] });
    const notAllowedLater = await b1.owner.post<any>('/api/products/prices', { productIds: [JUICE], change: { kind: 'set', price: 240 }, effectiveAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(notAllowedLater.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'productIds.0' }] });

    expect(await outletState(a1)).toEqual(beforeA);
    expect(await outletState(b1)).toEqual(beforeB);
    expect(await scanPrice(b1)).toBe(260);
  });

  it('refuses pushed price documents that lie, whole batches, and takes a resent one once', async () => {
    await caughtUp(a1);
    await caughtUp(b1);
    const digest = () => databaseDigest(database.url, ['OutletSyncState']);
    const before = await digest();
    const lies: [Outlet, SyncDocument, number, string, string][] = [
      [b1, await priceDocument(b1, { price: 240 }), 403, 'own-price-not-allowed', 'documents.0.payload.price'],
      [a1, await priceDocument(a1, { price: 400 }), 422, 'own-price-outside-bound', 'documents.0.payload.price'],
      [a1, await priceDocument(a1, { price: 270, productId: newId() }), 422, 'product-not-found', 'documents.0.payload.productId'],
    ];
    for (const [outlet, doc, status, code, path] of lies) {
      const res = await push(outlet, [doc]);
      expect([res.status, res.body.error?.code, res.body.error?.fields?.[0]?.path]).toEqual([status, code, path]);
    }
    // A sound price in the same batch is refused with the lie.
    const mixed = await push(a1, [await priceDocument(a1, { price: 270 }), await priceDocument(a1, { price: 400 })]);
    expect([mixed.status, mixed.body.error?.code, mixed.body.error?.fields?.[0]?.path]).toEqual([422, 'own-price-outside-bound', 'documents.1.payload.price']);
    expect(await digest()).toBe(before);

    // A resent document changes nothing; a later price stands.
    const first = await priceDocument(a1, { price: 270 });
    expect((await push(a1, [first])).status).toBe(200);
    expect(await headOfficePrice('A1')).toEqual({ price: 270, setByOutlet: true });
    expect((await push(a1, [await priceDocument(a1, { price: 280 })])).status).toBe(200);
    expect((await push(a1, [first])).status).toBe(200);
    expect(await headOfficePrice('A1')).toEqual({ price: 280, setByOutlet: true });
    const { rows } = await headOffice.db.pool.query(`SELECT count(*)::int AS "n" FROM "SyncedDocument" WHERE "documentId" = $1`, [first.documentId]);
    expect(rows[0].n).toBe(1);
  });

  it('reverts the outlet to the chain price through the pull when head office withdraws the permission', async () => {
    expect((await permit('A1', { allowed: false })).status).toBe(204);
    expect(await headOfficePrice('A1')).toBeNull();
    await pulled(a1);
    expect(await scanPrice(a1)).toBe(260);
    expect(await details(a1)).toMatchObject({ ownPrice: null, price: 260, priceChanges: [] });
    const refused = await setOwnPrice(a1, 270);
    expect(refused.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'price' }] });
    // A price the outlet set before it heard of the withdrawal is held, not taken: the batch goes through.
    const stale = await priceDocument(a1, { price: 270 });
    const staleAt = new Date(Date.now() - 60_000).toISOString();
    const held = await push(a1, [{ ...stale, createdAt: staleAt, payload: { ...stale.payload, effectiveAt: staleAt } }]);
    expect(held.status).toBe(200);
    expect(await headOfficePrice('A1')).toBeNull();
  });

  it('a category’s permission covers its subcategories, ones made later, and products moved into them later, at the outlet and at head office', async () => {
    const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
    const [dairy, cheese, blue, cheddar, gorgonzola] = [newId(), newId(), newId(), newId(), newId()];
    const food = (sku: string, categoryId: string) => ({ sku, name: sku, categoryId, taxRateId: VAT, price: 500, cost: 100, barcodes: [] });
    expect((await put('category', dairy, { code: 'OWN-DAIRY', name: 'Dairy' })).status).toBe(204);
    expect((await put('category', cheese, { code: 'OWN-CHEESE', name: 'Cheese', parentId: dairy })).status).toBe(204);
    expect((await put('product', cheddar, food('OWN-CHEDDAR', cheese))).status).toBe(204);
    expect((await put('product', gorgonzola, food('OWN-GORGONZOLA', DRINKS))).status).toBe(204);
    expect((await permit('B1', { categoryId: dairy, allowed: true, bound: 'none' })).status).toBe(204);
    await pulled(b1);
    const detailsOf = async (id: string) => (await b1.owner.get(`/api/products/${id}/details`)).body;
    const setPrice = async (id: string, price: number) => b1.owner.put<any>(`/api/products/${id}`, { ...(await detailsOf(id)), price });

    // Dairy > Cheese: B1 sets the price, head office takes it.
    expect((await detailsOf(cheddar)).ownPrice).toEqual({ bound: 'none', percentBp: null, chainPrice: 500 });
    const cheddarSaved = await setPrice(cheddar, 450);
    expect(cheddarSaved.status, JSON.stringify(cheddarSaved.body)).toBe(200);
    // A product outside Dairy stays head office's.
    expect((await setPrice(gorgonzola, 450)).body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'price' }] });

    // Dairy > Cheese > Blue made after the permission, and a product moved into it after that.
    expect((await put('category', blue, { code: 'OWN-BLUE', name: 'Blue cheese', parentId: cheese })).status).toBe(204);
    expect((await put('product', gorgonzola, food('OWN-GORGONZOLA', blue))).status).toBe(204);
    await pulled(b1);
    expect((await detailsOf(gorgonzola)).ownPrice).toEqual({ bound: 'none', percentBp: null, chainPrice: 500 });
    const gorgonzolaSaved = await setPrice(gorgonzola, 470);
    expect(gorgonzolaSaved.status, JSON.stringify(gorgonzolaSaved.body)).toBe(200);
    await caughtUp(b1);
    const { rows } = await headOffice.db.pool.query(`SELECT p."productId", p."price", p."setByOutlet" FROM "OutletPrice" p JOIN "Outlet" o ON o."id" = p."outletId" WHERE o."code" = 'B1' ORDER BY p."price"`);
    expect(rows).toEqual([{ productId: cheddar, price: 450, setByOutlet: true }, { productId: gorgonzola, price: 470, setByOutlet: true }]);
    // Head office's own check of a pushed price takes the tree too.
    expect((await push(b1, [await priceDocument(b1, { productId: gorgonzola, price: 480 })])).status).toBe(200);
    expect((await push(b1, [await priceDocument(b1, { price: 240 })])).body.error).toMatchObject({ code: 'own-price-not-allowed' });
  });

  it('a permission change is one change to pull for an outlet that works its products out itself, and every product it covers for an older outlet', async () => {
    const seq = async () => (await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`)).rows[0].seq as number;
    const loggedAfter = async (after: number) => (await headOffice.db.pool.query(`SELECT "entity", "entityId" FROM "MasterChange" WHERE "seq" > $1 ORDER BY "seq"`, [after])).rows;
    const { rows: [drinks] } = await headOffice.db.pool.query(`SELECT count(*)::int AS "n" FROM "Product" WHERE "categoryId" = $1`, [DRINKS]);
    expect(drinks.n).toBeGreaterThanOrEqual(1);

    // A1 pulls as this version does: the permission on Drinks is one change, and wins over its withdrawn one for all products.
    const before = await seq();
    expect((await permit('A1', { categoryId: DRINKS, allowed: true, bound: 'none' })).status).toBe(204);
    const { rows: [{ id: outletId }] } = await headOffice.db.pool.query(`SELECT "id" FROM "Outlet" WHERE "code" = 'A1'`);
    expect(await loggedAfter(before)).toEqual([{ entity: 'own-price-permission', entityId: `${outletId}:${DRINKS}` }]);
    await pulled(a1);
    expect((await details(a1)).ownPrice).toEqual({ bound: 'none', percentBp: null, chainPrice: 260 });
    expect(await a1.server.db.ownPricePermission.findMany({ orderBy: { categoryId: 'asc' } })).toEqual([
      { categoryId: '', allowed: false, bound: 'none', percentBp: null },
      { categoryId: DRINKS, allowed: true, bound: 'none', percentBp: null },
    ]);

    // An older outlet pulls without `accepts`: it never sees a permission change (its pull would refuse the
    // entity), and its own permission comes as every product it covers, each with its rule.
    const old = new ApiClient(headOffice.url, await headOffice.addOutlet('C1'));
    const oldEntities = ['tax-rate', 'category', 'customer-category', 'product', 'discount-rule', 'customer', 'user', 'supplier', 'custom-field', 'customer-status', 'outlet'];
    const firstPull = await old.get<any>(`/api/sync/pull?after=${before}&limit=2000`);
    expect(firstPull.status).toBe(200);
    expect(firstPull.body.changes.filter((c: { entity: string }) => !oldEntities.includes(c.entity))).toEqual([]);
    const beforeOld = await seq();
    expect((await permit('C1', { categoryId: DRINKS, allowed: true, bound: 'within-percent', percentBp: 1000 })).status).toBe(204);
    const logged = await loggedAfter(beforeOld);
    expect(logged.every((c: { entity: string }) => c.entity === 'product')).toBe(true);
    expect(logged.length).toBe(drinks.n);
    const oldPull = await old.get<any>(`/api/sync/pull?after=${beforeOld}&limit=2000`);
    expect(oldPull.body.changes.find((c: { id: string }) => c.id === JUICE).data.ownPrice).toEqual({ bound: 'within-percent', percentBp: 1000, chainPrice: 260 });
  });
});

describe('an outlet’s own price of each variant, where head office allows it for the product', () => {
  it('takes the permission of the variant’s product (its category or one above), per variant within its own chain price, at the outlet and at head office', async () => {
    const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
    const [clothes, shirts, hats, shirt, shirtS, shirtM, hat, hatOne, hatTwo] = Array.from({ length: 9 }, () => newId());
    const family = (sku: string, categoryId: string, values: string[]) => ({ sku, name: sku, categoryId, taxRateId: VAT, price: 2000, cost: 800, kind: 'family', options: [{ name: 'Size', values }] });
    const variant = (parentId: string, sku: string, categoryId: string, value: string, price: number) => ({ sku, name: sku, categoryId, taxRateId: VAT, price, cost: 800, parentId, optionValues: [value] });
    expect((await put('category', clothes, { code: 'OWN-CLOTHES', name: 'Clothes' })).status).toBe(204);
    expect((await put('category', shirts, { code: 'OWN-SHIRTS', name: 'Shirts', parentId: clothes })).status).toBe(204);
    expect((await put('category', hats, { code: 'OWN-HATS', name: 'Hats' })).status).toBe(204);
    expect((await put('product', shirt, family('OWN-SHIRT', shirts, ['S', 'M']))).status).toBe(204);
    expect((await put('product', shirtS, variant(shirt, 'OWN-SHIRT-S', shirts, 'S', 2000))).status).toBe(204);
    expect((await put('product', shirtM, variant(shirt, 'OWN-SHIRT-M', shirts, 'M', 2200))).status).toBe(204);
    // A hat whose second variant is filed under Shirts: it is still a hat, and hats are head office's.
    expect((await put('product', hat, family('OWN-HAT', hats, ['One', 'Two']))).status).toBe(204);
    expect((await put('product', hatOne, variant(hat, 'OWN-HAT-ONE', hats, 'One', 1500))).status).toBe(204);
    expect((await put('product', hatTwo, variant(hat, 'OWN-HAT-TWO', shirts, 'Two', 1600))).status).toBe(204);
    // A1's permission for all its products is withdrawn (above); Clothes it may price within 10 %.
    expect((await permit('A1', { categoryId: clothes, allowed: true, bound: 'within-percent', percentBp: 1000 })).status).toBe(204);
    await pulled(a1);
    const detailsOf = async (id: string) => (await a1.owner.get(`/api/products/${id}/details`)).body;
    const withPrices = async (id: string, prices: Record<number, number>) => {
      const d = await detailsOf(id);
      return a1.owner.put<any>(`/api/products/${id}`, { ...d, variants: d.variants.map((v: { price: number }, i: number) => ({ ...v, price: prices[i] ?? v.price })) });
    };
    const rule = (chainPrice: number) => ({ bound: 'within-percent', percentBp: 1000, chainPrice });
    expect((await detailsOf(shirt)).variants.map((v: any) => [v.sku, v.ownPrice])).toEqual([['OWN-SHIRT-S', rule(2000)], ['OWN-SHIRT-M', rule(2200)]]);
    expect((await detailsOf(hat)).variants.map((v: any) => [v.sku, v.ownPrice])).toEqual([['OWN-HAT-ONE', null], ['OWN-HAT-TWO', null]]);
    const prices = async () => Object.fromEntries((await a1.server.db.product.findMany({ where: { id: { in: [shirtS, shirtM, hatOne, hatTwo] } }, select: { sku: true, price: true } })).map((p) => [p.sku, p.price]));
    const chain = { 'OWN-SHIRT-S': 2000, 'OWN-SHIRT-M': 2200, 'OWN-HAT-ONE': 1500, 'OWN-HAT-TWO': 1600 };
    expect(await prices()).toEqual(chain);

    // Refused, naming the variant's field, and nothing changes: S is bound to 2000 ± 10 %, a hat is not the outlet's to price.
    const outside = await withPrices(shirt, { 0: 2000 + 201, 1: 2300 });
    expect([outside.status, outside.body.error?.code, outside.body.error?.fields]).toEqual([422, 'own-price-outside-bound', [{ path: 'variants.0.price', message: expect.any(String) }]]);
    const hatPriced = await withPrices(hat, { 1: 1700 });
    expect([hatPriced.status, hatPriced.body.error?.code, hatPriced.body.error?.fields.map((f: { path: string }) => f.path)]).toEqual([409, 'owned-by-head-office', ['variants.1.price']]);
    const hatLater = await a1.owner.post<any>('/api/products/prices', { productIds: [shirtS, hatTwo], change: { kind: 'set', price: 1900 }, effectiveAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(hatLater.body.error).toMatchObject({ code: 'owned-by-head-office', fields: [{ path: 'productIds.1' }] });
    expect(await prices()).toEqual(chain);

    // M at its bound exactly (2200 + 10 % = 2420): set at the outlet, taken at head office; S keeps the chain's.
    const saved = await withPrices(shirt, { 1: 2420 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.priceChangedIds).toEqual([shirtM]);
    expect(await prices()).toEqual({ ...chain, 'OWN-SHIRT-M': 2420 });
    await caughtUp(a1);
    const { rows } = await headOffice.db.pool.query(`SELECT p."productId", p."price", p."setByOutlet" FROM "OutletPrice" p JOIN "Outlet" o ON o."id" = p."outletId" WHERE o."code" = 'A1' AND p."productId" = ANY($1::text[])`, [[shirt, shirtS, shirtM, hat, hatOne, hatTwo]]);
    expect(rows).toEqual([{ productId: shirtM, price: 2420, setByOutlet: true }]);

    // Head office's own check of pushed prices: the hat's variant filed under Shirts refused, S outside its bound refused.
    const forged = await push(a1, [await priceDocument(a1, { productId: hatTwo, price: 1600 })]);
    expect([forged.status, forged.body.error?.code, forged.body.error?.fields?.[0]?.path]).toEqual([403, 'own-price-not-allowed', 'documents.0.payload.price']);
    const tooHigh = await push(a1, [await priceDocument(a1, { productId: shirtS, price: 2201 })]);
    expect([tooHigh.status, tooHigh.body.error?.code, tooHigh.body.error?.fields?.[0]?.path]).toEqual([422, 'own-price-outside-bound', 'documents.0.payload.price']);

    // The chain's next price of M reaches the outlet as the bound's base; the outlet's own price stays.
    expect((await put('product', shirtM, variant(shirt, 'OWN-SHIRT-M', shirts, 'M', 2300))).status).toBe(204);
    await pulled(a1);
    expect((await detailsOf(shirt)).variants[1]).toMatchObject({ price: 2420, ownPrice: rule(2300) });
    // Moving the hat into Clothes lets the outlet price both its variants (the one filed under Shirts too).
    expect((await put('product', hat, family('OWN-HAT', shirts, ['One', 'Two']))).status).toBe(204);
    await pulled(a1);
    expect((await detailsOf(hat)).variants.map((v: any) => v.ownPrice)).toEqual([rule(1500), rule(1600)]);
  });
});
