import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { ADMIN_TOKEN, createPostgresDatabase, databaseDigest, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A price list imported at head office, read as the outlet reads one (a Windows-1251 CSV with
// Russian headers, an XLSX written by a real spreadsheet writer), reaches a pulling outlet, whose
// register then sells at the new prices; an outlet's column sets that outlet's own price; a file
// with a bad row writes nothing. Real PostgreSQL, a real outlet server.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let cashier: ApiClient;

const VAT = newId();
const TEAS = newId();
const TEA = newId();
const CHOCOLATE = newId();
const MINT = newId();

/** GS1's check digit, written out here rather than taken from the code under test. */
function gs1(data: string): string {
  const sum = [...data].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return data + String((10 - (sum % 10)) % 10);
}
const GREEN_CODE = gs1('478000000202');

/** A decimal price as price lists write it ("3,50") in minor units, worked out here, not by the product's parser. */
const minor = (text: string) => Math.round(Number(text.replace(',', '.')) * 100);

async function upload(path: string, body: Buffer, query: Record<string, string>) {
  const res = await fetch(`${headOffice.url}${path}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': query.fileName.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv' },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}
const importFile = (body: Buffer, query: Record<string, string>) => upload('/api/head-office/products/import', body, query);

const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
async function pulled() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}
const scan = async (code: string) => (await cashier.get(`/api/scan/${code}`)).body.product;
/** What head office holds, but the sync bookkeeping a pulling outlet moves on its own. */
const headOfficeDigest = () => databaseDigest(database.url, ['OutletSyncState', 'ChainStock', 'HeadOfficeSession']);

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('tax-rate', VAT, { code: 'HO-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await put('category', TEAS, { code: 'ho-teas', name: 'Teas' })).status).toBe(204);
  expect((await put('product', TEA, { sku: 'HO-TEA', name: 'Black tea', taxRateId: VAT, categoryId: TEAS, price: 300 })).status).toBe(204);
  expect((await put('product', CHOCOLATE, { sku: 'HO-CHOC', name: 'Chocolate', taxRateId: VAT, price: 250 })).status).toBe(204);
  expect((await put('product', MINT, { sku: 'HO-MINT', name: 'Mint', taxRateId: VAT, price: 150 })).status).toBe(204);
  await headOffice.addOutlet('C2');
  const token = await headOffice.addOutlet('C1');
  outlet = await startTestServer({ outletCode: 'C1', headOffice: { url: headOffice.url, token, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  cashier = await outlet.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe('a price list imported at head office', () => {
  it('reads a Windows-1251 CSV with Russian headers, changes nothing in a dry run, and reaches the outlet, which sells at the new prices', async () => {
    const teaPrice = '3,50';
    const greenPrice = '4,20';
    const lines = ['Артикул;Наименование;Цена;НДС;Штрихкод;Группа', `HO-TEA;;${teaPrice};;;`, `HO-GREEN;Чай зелёный;${greenPrice};21;${GREEN_CODE};Teas`];
    const csv = iconv.encode(lines.join('\r\n'), 'windows-1251');

    const preview = await upload('/api/head-office/products/import/preview', csv, { fileName: 'прайс.csv' });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ encoding: 'windows-1251', delimiter: ';', suggestedMapping: { sku: 'Артикул', name: 'Наименование', price: 'Цена', tax: 'НДС', barcode: 'Штрихкод', category: 'Группа' } });
    expect(preview.body.rows[1][1]).toBe('Чай зелёный');

    const before = await headOfficeDigest();
    const dry = await importFile(csv, { fileName: 'прайс.csv' });
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, created: 1, updated: 1, rejectedCount: 0 });
    expect(await headOfficeDigest()).toBe(before);

    const applied = await importFile(csv, { fileName: 'прайс.csv', dryRun: 'false' });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ dryRun: false, created: 1, updated: 1 });
    const green = await headOffice.db.prisma.product.findUniqueOrThrow({ where: { sku: 'HO-GREEN' }, include: { barcodes: true } });
    expect(green).toMatchObject({ name: 'Чай зелёный', price: minor(greenPrice), categoryId: TEAS, taxRateId: VAT });
    expect(green.barcodes.map((b) => b.code)).toEqual([GREEN_CODE]);
    expect((await headOffice.db.prisma.product.findUniqueOrThrow({ where: { id: TEA } })).price).toBe(minor(teaPrice));

    await pulled();
    const tea = await scan('HO-TEA');
    const greenAtOutlet = await scan(GREEN_CODE);
    expect([tea.price, greenAtOutlet.price, greenAtOutlet.name]).toEqual([minor(teaPrice), minor(greenPrice), 'Чай зелёный']);
    const sale = await cashier.post('/api/sales', (await buildSale(cashier, [{ product: tea, quantityMilli: 2000 }, { product: greenAtOutlet, quantityMilli: 1000 }])).request);
    expect(sale.status).toBe(201);
    expect(sale.body.total).toBe(2 * minor(teaPrice) + minor(greenPrice));
  });

  it("reads an XLSX with an outlet column: that outlet's own price reaches it, the chain's price the others, and head office shows both", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Prices');
    sheet.addRow(['SKU', 'Price', 'Outlet']);
    sheet.addRow(['HO-CHOC', 2.75, '']);
    sheet.addRow(['HO-CHOC', 2.6, 'C1']);
    sheet.addRow(['HO-MINT', 1.4, 'c2']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    const dry = await importFile(xlsx, { fileName: 'prices.xlsx' });
    expect(dry.body).toMatchObject({ encoding: 'xlsx', sheet: 'Prices', rows: 3, updated: 1, outletPrices: 2, rejectedCount: 0 });
    const applied = await importFile(xlsx, { fileName: 'prices.xlsx', dryRun: 'false' });
    expect(applied.status).toBe(200);

    const { rows } = await headOffice.db.pool.query(`SELECT o."code", p."productId", p."price" FROM "OutletPrice" p JOIN "Outlet" o ON o."id" = p."outletId" ORDER BY 1, 2`);
    expect(rows).toEqual([{ code: 'C1', productId: CHOCOLATE, price: 260 }, { code: 'C2', productId: MINT, price: 140 }].sort((a, b) => a.code.localeCompare(b.code)));
    expect((await headOffice.db.prisma.product.findUniqueOrThrow({ where: { id: CHOCOLATE } })).price).toBe(275);
    const details = (await headOffice.admin.get(`/api/head-office/products/${CHOCOLATE}`)).body;
    expect(details).toMatchObject({ price: 275, outletPrices: [{ outletCode: 'C1', productId: CHOCOLATE, price: 260 }] });

    await pulled();
    const chocolate = await scan('HO-CHOC');
    const mint = await scan('HO-MINT');
    expect([chocolate.price, mint.price]).toEqual([260, 150]);
    const sale = await cashier.post('/api/sales', (await buildSale(cashier, [{ product: chocolate, quantityMilli: 3000 }, { product: mint, quantityMilli: 1000 }])).request);
    expect(sale.body.total).toBe(3 * 260 + 150);
  });

  it('refuses a file with bad rows as a whole, naming each line and field, and writes nothing', async () => {
    const csv = Buffer.from(
      [
        'SKU,Name,Price,Tax,Outlet',
        'HO-TEA,,9.99,,',
        'HO-NEW,New thing,abc,21,',
        'HO-NEW2,No tax,1.00,,',
        'HO-MINT,,1.00,,X9',
        'HO-TEA,,8.88,,',
        'HO-NOPE,,1.00,,C1',
      ].join('\n'),
    );
    // The last test's sale reaches head office first: its arrival is not this refusal writing something.
    await expect.poll(() => outlet.db.outboxEntry.count({ where: { ackedAt: null } }), { timeout: 30_000, interval: 100 }).toBe(0);
    const before = await headOfficeDigest();
    const dry = await importFile(csv, { fileName: 'bad.csv' });
    expect(dry.body).toMatchObject({ rows: 6, updated: 1, rejectedCount: 5 });
    expect(dry.body.rejected.map((r: { row: number; reasons: string[] }) => [r.row, r.reasons.map((reason) => reason.split(':')[0])])).toEqual([
      [3, ['price', 'price']],
      [4, ['tax']],
      [5, ['outlet']],
      [6, ['sku']],
      [7, ['sku']],
    ]);

    const refused = await importFile(csv, { fileName: 'bad.csv', dryRun: 'false' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('price-list-rejected');
    expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['line.3.price', 'line.3.price', 'line.4.tax', 'line.5.outlet', 'line.6.sku', 'line.7.sku']);
    expect(await headOfficeDigest()).toBe(before);
    expect((await headOffice.db.prisma.product.findUniqueOrThrow({ where: { id: TEA } })).price).not.toBe(999);
  });

  it('refuses an outlet price for a product with variants, and a file whose key column is not mapped', async () => {
    const family = newId();
    expect((await put('product', family, { sku: 'HO-SHIRT', name: 'Shirt', taxRateId: VAT, price: 0, kind: 'family', options: [{ name: 'Size', values: ['M'] }] })).status).toBe(204);
    const csv = Buffer.from(['SKU,Price,Outlet', 'HO-SHIRT,10.00,C1', 'HO-SHIRT,10.00,'].join('\n'));
    const dry = await importFile(csv, { fileName: 'family.csv' });
    expect(dry.body.rejected).toEqual([
      { row: 2, reasons: [expect.stringMatching(/^price: a product with variants/)] },
      { row: 3, reasons: [expect.stringMatching(/^price: a product with variants/)] },
    ]);
    const unmapped = await importFile(Buffer.from('Name,Price\nTea,1.00\n'), { fileName: 'nokey.csv', dryRun: 'false' });
    expect(unmapped.status).toBe(422);
    expect(unmapped.body.error.fields[0]).toMatchObject({ path: 'line.1.mapping', message: 'mapping: no column is mapped to the sku' });
  });
});
