import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { localTimeIn } from '../../shared/time.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** Texts a spreadsheet would run as formulas when it opens a CSV (OWASP's "CSV injection" list). */
const EVIL = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];
const DDE = "=cmd|' /C calc'!A0";
const RUNS_AS_FORMULA = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/;

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let customerId: string;
let orderId: string;

const download = async (path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${manager.token}` } });
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
};

/** The cells of a CSV as a third-party parser reads them. */
const cellsOf = (csv: Buffer, delimiter = ';') => (parse(csv, { bom: true, delimiter, relax_column_count: true }) as string[][]).flat();

/** A CSV no cell of which a spreadsheet would run; each of `texts` is in it, neutralised by a leading apostrophe. */
function expectNeutralised(csv: Buffer, texts: string[], delimiter = ';') {
  const cells = cellsOf(csv, delimiter);
  expect(cells.filter((c) => RUNS_AS_FORMULA.test(c) && !PLAIN_NUMBER.test(c))).toEqual([]);
  for (const text of texts) expect(cells).toContain(`'${text}`);
}

/** An XLSX in which no cell is a formula and each of `texts` is a plain text cell, as it was (XML reads a CR as a line feed). */
async function expectNoFormulas(xlsx: Buffer, texts: string[]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const values: unknown[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        values.push(cell.value);
      }),
    ),
  );
  for (const text of texts) expect(values).toContain(text.replace(/\r/g, '\n'));
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);

  // Names an attacker got into the base (by an import, a synced edit, a supplier's file).
  const products = await server.db.product.findMany({ where: { kind: 'goods', unit: 'piece', plu: null, barcodes: { some: {} } }, orderBy: { sku: 'asc' }, take: EVIL.length });
  for (const [i, p] of products.entries()) await server.db.product.update({ where: { id: p.id }, data: { name: EVIL[i], searchName: EVIL[i].toLowerCase() } });
  await server.db.category.update({ where: { id: products[0].categoryId! }, data: { name: DDE } });
  const customers = await server.db.customer.findMany({ orderBy: { id: 'asc' }, take: EVIL.length });
  for (const [i, c] of customers.entries()) await server.db.customer.update({ where: { id: c.id }, data: { name: EVIL[i], searchName: EVIL[i].toLowerCase() } });
  customerId = customers[0].id;
  await server.db.customer.update({ where: { id: customerId }, data: { phone: '+37060000000' } });
  await server.db.user.updateMany({ where: { login: 'anna' }, data: { name: '@anna' } });

  // A sale of every evil product to an evil customer, and a shift closed 12.50 short.
  const views = await Promise.all(products.map(async (p) => (await findProducts(cashier, p.sku)).find((v) => v.id === p.id)!));
  const customer = (await cashier.get(`/api/customers/${customerId}`)).body;
  const { request, priced } = await buildSale(cashier, views.map((product) => ({ product, quantityMilli: 1000 })), { customer });
  expect((await cashier.post('/api/sales', request)).status).toBe(201);
  expect((await cashier.post('/api/shifts/current/close', { countedCash: 10_000 + priced.total - 1_250 })).status).toBe(200);

  // A purchase order of the evil products from a supplier whose codes are evil too.
  const supplier = (await manager.post('/api/suppliers', { code: 'EVIL', name: 'Evil Supplies' })).body;
  for (const p of products) expect((await manager.put(`/api/suppliers/${supplier.id}/products`, { productId: p.id, supplierSku: `-${p.sku}+1`, unitCost: 100 })).status).toBe(200);
  const order = await manager.post('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: products.map((p) => ({ productId: p.id, quantityMilli: 1000, unitCost: 100 })) });
  expect(order.status).toBe(201);
  orderId = order.body.id;
});
afterAll(() => server.close());

/** The outlet's own day: reports are by local days, which near midnight UTC are not the UTC date. */
const today = async () => localTimeIn((await server.db.outlet.findFirstOrThrow()).timezone).slice(0, 10);

describe('CSV exports a spreadsheet cannot run', () => {
  it('escapes formula-like names in the customer export and keeps a phone a plain number', async () => {
    const csv = await download('/api/customers/export?format=csv');
    expectNeutralised(csv, EVIL);
    expect(cellsOf(csv)).toContain('+37060000000');
    await expectNoFormulas(await download('/api/customers/export?format=xlsx'), EVIL);
  });

  it("escapes them in a customer's history", async () => {
    expectNeutralised(await download(`/api/customers/${customerId}/history.csv`), EVIL);
  });

  it('escapes them in the sales report, the stock valuation and the shift history, where a shortfall stays a negative number', async () => {
    const period = `from=2020-01-01&to=${await today()}`;
    expectNeutralised(await download(`/api/reports/sales/export?${period}&groupBy=product&format=csv`), EVIL);
    await expectNoFormulas(await download(`/api/reports/sales/export?${period}&groupBy=product&format=xlsx`), EVIL);
    expectNeutralised(await download(`/api/reports/table?kind=stock-valuation&${period}&format=csv`), [DDE]);
    const shifts = await download(`/api/reports/shifts?${period}&format=csv`);
    expectNeutralised(shifts, ['@anna']);
    expect(cellsOf(shifts)).toContain('-12.5');
  });

  it('escapes them in a purchase order for the supplier', async () => {
    const csv = await download(`/api/purchase-orders/${orderId}/csv`);
    const skus = (await server.db.product.findMany({ where: { name: { in: EVIL } } })).map((p) => `-${p.sku}+1`);
    expectNeutralised(csv, [...EVIL, ...skus], ',');
  });

  it('escapes the cells of rejected rows, and a fixed file made from them imports the names as they were', async () => {
    const file = stringify([['Name', 'Email'], ...EVIL.slice(0, 4).map((name) => [name, 'not-an-email'])]);
    const upload = (body: string, dryRun: string) =>
      fetch(`${server.url}/api/customers/import?${new URLSearchParams({ fileName: 'evil.csv', dryRun })}`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'text/csv' }, body }).then((r) => r.json());
    const report = await upload(file, 'true');
    expect(report.rejectedCount).toBe(4);
    const rejected = await download(`/api/imports/${report.importId}/rejected.csv`);
    expectNeutralised(rejected, EVIL.slice(0, 4));

    // Fixed as the back office says: the first two columns deleted, the e-mails corrected.
    const rows = parse(rejected, { bom: true, delimiter: ';' }) as string[][];
    const fixed = stringify(rows.map((r, i) => [r[2], i === 0 ? r[3] : `fixed${i}@example.com`]));
    expect((await upload(fixed, 'false')).created).toBe(4);
    for (const name of EVIL.slice(0, 4)) expect(await server.db.customer.count({ where: { name, email: { startsWith: 'fixed' } } })).toBe(1);
  });

  // Last: reading the export back renames the products whose names only whitespace set apart.
  it('escapes them in the product export, which imports back to the same names', async () => {
    const csv = await download('/api/products/export?format=csv');
    expectNeutralised(csv, EVIL);
    await expectNoFormulas(await download('/api/products/export?format=xlsx'), EVIL);

    const res = await fetch(`${server.url}/api/products/import?${new URLSearchParams({ fileName: 'export.csv', dryRun: 'false', onExisting: 'update' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'text/csv' },
      body: new Uint8Array(csv),
    });
    expect(await res.json()).toMatchObject({ rejectedCount: 0, created: 0 });
    // The import trims every cell, as it always did: the tab and the carriage return go, the rest stays as it was.
    const names = (await server.db.product.findMany({ where: { name: { in: EVIL.map((e) => e.trim()) } } })).map((p) => p.name);
    expect(names.sort()).toEqual(EVIL.map((e) => e.trim()).sort());
  });
});
