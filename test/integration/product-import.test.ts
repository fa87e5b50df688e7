import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/barcodes.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let token: string;

async function upload(body: Buffer, query: Record<string, string>) {
  const res = await fetch(`${server.url}/api/products/import?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  server = await startTestServer();
  token = (await server.login('manager', '2222')).token!;
});
afterAll(() => server.close());

describe('product import (price list)', () => {
  it('takes litres and metres as their units, in the words price lists write them, and refuses units it does not know', async () => {
    const csv = Buffer.from(
      ['SKU;Name;Price;Tax;Unit', 'UNIT-L1;Milk;1,19;21;л', 'UNIT-L2;Juice;2,49;21;l', 'UNIT-M1;Cable;3,50;21;м', 'UNIT-X;Rope;1,00;21;constructor'].join('\r\n'),
    );
    const res = await upload(csv, { fileName: 'units.csv', dryRun: 'false' });
    expect(res.body).toMatchObject({ created: 3, rejectedCount: 1 });
    expect(res.body.rejected.map((r: { row: number; reasons: string[] }) => [r.row, r.reasons[0].split(':')[0]])).toEqual([[5, 'unit']]);
    const units = await server.db.product.findMany({ where: { sku: { startsWith: 'UNIT-' } }, select: { sku: true, unit: true }, orderBy: { sku: 'asc' } });
    expect(units).toEqual([{ sku: 'UNIT-L1', unit: 'l' }, { sku: 'UNIT-L2', unit: 'l' }, { sku: 'UNIT-M1', unit: 'm' }]);
  });

  it('creates new products, updates prices of known ones by SKU, rejects bad rows with reasons, and is undone as a whole', async () => {
    const known = await server.db.product.findFirstOrThrow({ where: { kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
    const taken = await server.db.barcode.findFirstOrThrow({ where: { productId: { not: known.id } } });
    const newBarcode = withCheckDigit('477999000001');
    const csv = Buffer.from(
      [
        'Артикул;Наименование;Цена;Себестоимость;Штрихкод;Группа;НДС;Ед. изм.',
        `NEW-001;Kava Pupelėmis 1 kg;14,99;9,10;${newBarcode};drinks;21;шт`,
        `${known.sku};;2,49;;;;;`,
        'NEW-002;Bad price;abc;;;;21;',
        `NEW-003;Taken barcode;1,00;;${taken.code};;21;`,
        'NEW-004;No tax;1,00;;;;;',
        'NEW-001;Twice;1,00;;;;21;',
      ].join('\r\n'),
    );
    const dry = await upload(csv, { fileName: 'prices.csv', dryRun: 'true' });
    expect(dry.body).toMatchObject({ created: 1, updated: 1, rejectedCount: 4, dryRun: true });
    expect(dry.body.rejected.map((r: { row: number; reasons: string[] }) => [r.row, r.reasons[0].split(':')[0]])).toEqual([
      [4, 'price'],
      [5, 'barcode'],
      [6, 'tax'],
      [7, 'sku'],
    ]);
    expect(await server.db.product.count({ where: { sku: 'NEW-001' } })).toBe(0);

    const res = await upload(csv, { fileName: 'prices.csv', dryRun: 'false' });
    expect(res.body).toMatchObject({ created: 1, updated: 1 });
    const created = await server.db.product.findUniqueOrThrow({ where: { sku: 'NEW-001' }, include: { barcodes: true, category: true, taxRate: true } });
    expect(created).toMatchObject({ name: 'Kava Pupelėmis 1 kg', price: 1499, cost: 910, unit: 'piece' });
    expect(created.barcodes.map((b) => b.code)).toEqual([newBarcode]);
    expect(created.category?.code).toBe('drinks');
    expect(created.taxRate.rateBp).toBe(2100);
    const updated = await server.db.product.findUniqueOrThrow({ where: { id: known.id } });
    expect(updated).toMatchObject({ price: 249, name: known.name, cost: known.cost });

    // The register finds the new product by its barcode at once.
    const cashier = await server.login('anna', '3333', 'R1');
    expect((await cashier.get(`/api/scan/${newBarcode}`)).body.product.name).toBe('Kava Pupelėmis 1 kg');

    const undo = await fetch(`${server.url}/api/imports/${res.body.importId}/undo`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    expect(undo).toEqual({ removed: 1, restored: 1, kept: 0 });
    expect(await server.db.product.count({ where: { sku: 'NEW-001' } })).toBe(0);
    expect((await server.db.product.findUniqueOrThrow({ where: { id: known.id } })).price).toBe(known.price);
  });

  it('exports the catalogue as CSV and XLSX with the columns the import reads back', async () => {
    const csv = await fetch(`${server.url}/api/products/export?format=csv`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('SKU;Name;Price;Cost;Barcode;Category;VAT %;Unit;Stock');
    expect(lines.length - 1).toBe(await server.db.product.count({ where: { active: true, kind: 'goods' } }));

    // Read back through the import: every row matches a product by SKU and nothing is rejected.
    const again = await upload(Buffer.from(csv), { fileName: 'export.csv', dryRun: 'true', onExisting: 'update' });
    expect(again.body).toMatchObject({ created: 0, rejectedCount: 0, updated: lines.length - 1 });

    const xlsx = await fetch(`${server.url}/api/products/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0].rowCount).toBe(lines.length);
  });
});
