import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { ADMIN_TOKEN, createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A price list applied at head office is recorded (who, when, file, encoding, counts, each price
// before and after) and can be undone once, as a new master-data change a pulling outlet gets; a
// product changed again since the import is reported and left alone unless forced. Real
// PostgreSQL, a real outlet server pulling; prices read at the outlet's scan and in head office's tables.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let cashier: ApiClient;

const VAT = newId();
const TEA = newId();
const CHOCOLATE = newId();
const MINT = newId();
const VAT9 = newId();
const CEREALS = newId();
const BREAKFAST = newId();
const OAT = newId();
const RICE = newId();
const SALT = newId();

async function importFile(lines: string[], fileName: string) {
  const res = await fetch(`${headOffice.url}/api/head-office/products/import?${new URLSearchParams({ fileName, dryRun: 'false' })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: lines.join('\n'),
  });
  return { status: res.status, body: await res.json() };
}
const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
const undo = (id: string, body: object = {}) => headOffice.admin.post(`/api/head-office/products/imports/${id}/undo`, body);
const history = async () => (await headOffice.admin.get('/api/head-office/products/imports')).body.items;
async function pulled() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}
/** The price the outlet's register sells a SKU at. */
const sellsAt = async (sku: string) => (await cashier.get(`/api/scan/${sku}`)).body.product.price;
const chainPrice = async (id: string) => (await headOffice.db.prisma.product.findUniqueOrThrow({ where: { id } })).price;
const masterChanges = async () => (await headOffice.db.pool.query(`SELECT count(*)::int AS "n" FROM "MasterChange"`)).rows[0].n;

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('tax-rate', VAT, { code: 'HO-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await put('product', TEA, { sku: 'HO-TEA', name: 'Black tea', taxRateId: VAT, price: 300 })).status).toBe(204);
  expect((await put('product', CHOCOLATE, { sku: 'HO-CHOC', name: 'Chocolate', taxRateId: VAT, price: 250 })).status).toBe(204);
  expect((await put('product', MINT, { sku: 'HO-MINT', name: 'Mint', taxRateId: VAT, price: 150 })).status).toBe(204);
  expect((await put('tax-rate', VAT9, { code: 'HO-VAT9', name: 'VAT 9 %', rateBp: 900 })).status).toBe(204);
  expect((await put('category', CEREALS, { code: 'CEREALS', name: 'Cereals' })).status).toBe(204);
  expect((await put('category', BREAKFAST, { code: 'BREAKFAST', name: 'Breakfast' })).status).toBe(204);
  expect((await put('product', OAT, { sku: 'HO-OAT', name: 'Oat flakes', unit: 'piece', categoryId: CEREALS, taxRateId: VAT, price: 199, cost: 120, barcodes: ['4006381333931'] })).status).toBe(204);
  expect((await put('product', RICE, { sku: 'HO-RICE', name: 'Rice', categoryId: CEREALS, taxRateId: VAT, price: 180, cost: 90 })).status).toBe(204);
  expect((await put('product', SALT, { sku: 'HO-SALT', name: 'Salt', taxRateId: VAT, price: 60, cost: 30 })).status).toBe(204);
  const token = await headOffice.addOutlet('C1');
  outlet = await startTestServer({ outletCode: 'C1', headOffice: { url: headOffice.url, token, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  cashier = await outlet.login('anna', '3333');
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe('the history of price lists imported at head office', () => {
  let first: string;

  it('records an applied import; undoing it restores the prices at the outlet but those of a product changed since, which it reports; a second undo is refused', async () => {
    const applied = await importFile(['SKU;Name;Price;Tax;Outlet', 'HO-TEA;;3,50;;', 'HO-TEA;;4,00;;C1', 'HO-CHOC;;2,90;;', 'HO-MINT;;1,80;;', 'HO-NEW;New biscuits;2,00;21;'], 'spring.csv');
    expect(applied.status).toBe(200);
    first = applied.body.importId;
    await pulled();
    expect([await sellsAt('HO-TEA'), await sellsAt('HO-CHOC'), await sellsAt('HO-MINT')]).toEqual([400, 290, 180]);

    const [record] = await history();
    expect(record).toMatchObject({ id: first, importedBy: 'administrator', fileName: 'spring.csv', encoding: 'utf-8', rows: 5, created: 1, updated: 3, outletPrices: 1, prices: 5, undoneAt: null });
    const prices = await headOffice.db.prisma.priceListImportPrice.findMany({ where: { importId: first }, select: { productId: true, outletId: true, previousPrice: true, newPrice: true } });
    const c1 = (await headOffice.db.prisma.outlet.findFirstOrThrow({ where: { code: 'C1' } })).id;
    const created = (await headOffice.db.prisma.product.findUniqueOrThrow({ where: { sku: 'HO-NEW' } })).id;
    expect(prices.sort((a, b) => `${a.productId}${a.outletId}`.localeCompare(`${b.productId}${b.outletId}`))).toEqual(
      [
        { productId: TEA, outletId: null, previousPrice: 300, newPrice: 350 },
        { productId: TEA, outletId: c1, previousPrice: null, newPrice: 400 },
        { productId: CHOCOLATE, outletId: null, previousPrice: 250, newPrice: 290 },
        { productId: MINT, outletId: null, previousPrice: 150, newPrice: 180 },
        { productId: created, outletId: null, previousPrice: null, newPrice: 200 },
      ].sort((a, b) => `${a.productId}${a.outletId}`.localeCompare(`${b.productId}${b.outletId}`)),
    );

    // Someone changes the chocolate's price again after the import.
    const chocolate = (await headOffice.admin.get(`/api/head-office/products/${CHOCOLATE}`)).body;
    expect((await put('product', CHOCOLATE, { sku: chocolate.sku, name: chocolate.name, taxRateId: VAT, price: 275 })).status).toBe(204);

    const changes = await masterChanges();
    const dry = await undo(first, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, restored: 3, created: 1, changedSince: [{ productId: CHOCOLATE, sku: 'HO-CHOC', outletCode: null, importedPrice: 290, previousPrice: 250 }] });
    expect(await masterChanges()).toBe(changes);
    expect((await history())[0].undoneAt).toBeNull();

    const undone = await undo(first);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ dryRun: false, restored: 3, created: 1, changedSince: [{ productId: CHOCOLATE }] });
    expect([await chainPrice(TEA), await chainPrice(CHOCOLATE), await chainPrice(MINT), await chainPrice(created)]).toEqual([300, 275, 150, 200]);
    expect(await headOffice.db.prisma.outletPrice.count({ where: { productId: TEA } })).toBe(0);
    await pulled();
    expect([await sellsAt('HO-TEA'), await sellsAt('HO-CHOC'), await sellsAt('HO-MINT')]).toEqual([300, 275, 150]);

    const again = await undo(first, { force: true });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('price-list-import-undone');
    expect(await chainPrice(CHOCOLATE)).toBe(275);
    expect(await headOffice.db.prisma.priceListImport.count()).toBe(1);
  });

  it('lists both imports newest first, the undone one with who undid it; forcing restores a product changed since', async () => {
    const second = (await importFile(['SKU,Price', 'HO-CHOC,3.10', 'HO-MINT,1.90'], 'summer.csv')).body.importId;
    expect((await put('product', MINT, { sku: 'HO-MINT', name: 'Mint', taxRateId: VAT, price: 199 })).status).toBe(204);
    const items = await history();
    expect(items.map((i: { id: string }) => i.id)).toEqual([second, first]);
    expect(items[0]).toMatchObject({ fileName: 'summer.csv', updated: 2, undoneAt: null });
    expect(items[1]).toMatchObject({ fileName: 'spring.csv', undoneBy: 'administrator' });
    expect(Date.parse(items[1].undoneAt)).toBeGreaterThanOrEqual(Date.parse(items[1].importedAt));

    const forced = await undo(second, { force: true });
    expect(forced.body).toMatchObject({ restored: 2, changedSince: [{ productId: MINT, importedPrice: 190, previousPrice: 150 }] });
    await pulled();
    expect([await sellsAt('HO-CHOC'), await sellsAt('HO-MINT')]).toEqual([275, 150]);
  });

  it('refuses an import it does not know, naming it', async () => {
    const res = await undo(newId());
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'price-list-import-not-found', fields: [{ path: 'id' }] });
  });
});

/** A product's row at head office as stored, read by SQL, with its barcodes. */
async function stored(id: string) {
  const { rows } = await headOffice.db.pool.query(
    `SELECT p."name", p."unit", p."categoryId", p."taxRateId", p."price", p."cost", p."active",
            coalesce((SELECT array_agg(b."code" ORDER BY b."code") FROM "Barcode" b WHERE b."productId" = p."id"), '{}') AS "barcodes"
     FROM "Product" p WHERE p."id" = $1`,
    [id],
  );
  return rows[0];
}
const scan = (code: string) => cashier.get(`/api/scan/${code}`);

describe('undoing a price list puts back everything it changed, not only prices', () => {
  const OAT_BEFORE = { name: 'Oat flakes', unit: 'piece', categoryId: CEREALS, taxRateId: VAT, price: 199, cost: 120, active: true, barcodes: ['4006381333931'] };
  const RICE_BEFORE = { name: 'Rice', unit: 'piece', categoryId: CEREALS, taxRateId: VAT, price: 180, cost: 90, active: true, barcodes: [] };
  const SALT_BEFORE = { name: 'Salt', unit: 'piece', categoryId: null, taxRateId: VAT, price: 60, cost: 30, active: true, barcodes: [] };

  it('restores name, unit, category, tax, price and cost, drops an added barcode, archives a product it created, and an outlet gets it all by its pull', async () => {
    expect([await stored(OAT), await stored(RICE), await stored(SALT)]).toEqual([OAT_BEFORE, RICE_BEFORE, SALT_BEFORE]);
    const applied = await importFile(
      ['SKU;Name;Price;Cost;Unit;Category;Tax;Barcode', 'HO-OAT;Oat flakes 500 g;2,29;1,40;kg;Breakfast;9;', 'HO-RICE;;;0,95;;;;', 'HO-SALT;;;;;;;5901234123457', 'HO-CAKE;Honey cake;3,50;2,10;;Breakfast;21;'],
      'autumn.csv',
    );
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ created: 1, updated: 3 });
    const cake = (await headOffice.db.prisma.product.findUniqueOrThrow({ where: { sku: 'HO-CAKE' } })).id;
    expect(await stored(OAT)).toEqual({ name: 'Oat flakes 500 g', unit: 'kg', categoryId: BREAKFAST, taxRateId: VAT9, price: 229, cost: 140, active: true, barcodes: ['4006381333931'] });
    expect((await stored(RICE)).cost).toBe(95);
    expect((await stored(SALT)).barcodes).toEqual(['5901234123457']);
    await pulled();
    expect((await scan('5901234123457')).body.product.name).toBe('Salt');

    const changes = await masterChanges();
    const dry = await undo(applied.body.importId, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(await masterChanges()).toBe(changes);
    expect((await stored(OAT)).name).toBe('Oat flakes 500 g');

    const undone = await undo(applied.body.importId);
    expect(undone.status).toBe(200);
    expect(await stored(OAT)).toEqual(OAT_BEFORE);
    expect(await stored(RICE)).toEqual(RICE_BEFORE);
    expect(await stored(SALT)).toEqual(SALT_BEFORE);
    expect(await stored(cake)).toMatchObject({ name: 'Honey cake', price: 350, active: false });
    const report = { restored: 1, created: 1, restoredProducts: 3, archived: 1, pricesOnly: false, changedSince: [] };
    expect(dry.body).toEqual({ dryRun: true, ...report });
    expect(undone.body).toEqual({ dryRun: false, ...report });

    await pulled();
    expect((await scan('HO-OAT')).body.product).toMatchObject({ name: 'Oat flakes', price: 199, unit: 'piece' });
    expect((await scan('4006381333931')).body.product.name).toBe('Oat flakes');
    expect((await scan('5901234123457')).status).toBe(404);
    const archived = await scan('HO-CAKE');
    expect(archived.status).toBe(409);
    expect(archived.body.error.code).toBe('product-archived');
  });

  it('reports a product changed since with no price of the import, and forced puts back only what the import changed', async () => {
    const applied = await importFile(['SKU;Name;Cost', 'HO-RICE;Long rice;1,00'], 'rice.csv');
    expect(applied.status).toBe(200);
    // Someone gives the rice a tile colour and a new price after the import.
    expect((await put('product', RICE, { sku: 'HO-RICE', name: 'Long rice', categoryId: CEREALS, taxRateId: VAT, price: 185, cost: 100, tileColour: '#aa3300' })).status).toBe(204);

    const left = await undo(applied.body.importId, { dryRun: true });

    const forced = await undo(applied.body.importId, { force: true });
    expect(await stored(RICE)).toEqual({ ...RICE_BEFORE, price: 185 });
    expect(forced.body).toMatchObject({ restored: 0, restoredProducts: 1, changedSince: [{ productId: RICE }] });
    const { rows } = await headOffice.db.pool.query(`SELECT "tileColour" FROM "Product" WHERE "id" = $1`, [RICE]);
    expect(rows[0].tileColour).toBe('#aa3300');
    expect(left.body).toEqual({ dryRun: true, restored: 0, created: 0, restoredProducts: 0, archived: 0, pricesOnly: false, changedSince: [{ productId: RICE, sku: 'HO-RICE', name: 'Long rice', outletCode: null, importedPrice: null, previousPrice: null }] });
  });

  it('an import recorded before products were kept with it puts back its prices only, and says so', async () => {
    const applied = await importFile(['SKU;Name;Price', 'HO-SALT;Sea salt;0,75'], 'salt.csv');
    // What an import applied before head office kept products with it looks like: prices alone.
    await headOffice.db.pool.query(`DELETE FROM "PriceListImportProduct" WHERE "importId" = $1`, [applied.body.importId]);
    const undone = await undo(applied.body.importId);
    expect(await stored(SALT)).toEqual({ ...SALT_BEFORE, name: 'Sea salt' });
    expect(undone.body).toEqual({ dryRun: false, restored: 1, created: 0, restoredProducts: 0, archived: 0, pricesOnly: true, changedSince: [] });
  });
});
