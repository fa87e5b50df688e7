import ExcelJS from 'exceljs';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { csvFile } from './csv-file.ts';

/** Column names match what the product import suggests, so an export can be edited and imported back. */
const HEADERS = ['SKU', 'Name', 'Price', 'Cost', 'Barcode', 'Category', 'VAT %', 'Unit', 'Stock'];

function rows(db: Db, outletId: string): (string | number)[][] {
  const products = statement(
    sqliteOf(db),
    `SELECT p."sku", p."name", p."price", p."cost", p."unit", c."code" AS "category", t."rateBp",
            (SELECT MIN(b."code") FROM "Barcode" b WHERE b."productId" = p."id") AS "barcode",
            COALESCE((SELECT s."quantityMilli" FROM "StockBalance" s WHERE s."productId" = p."id" AND s."outletId" = ?), 0) AS "stockMilli"
     FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId" LEFT JOIN "Category" c ON c."id" = p."categoryId"
     WHERE p."active" = 1 AND p."kind" = 'goods' ORDER BY p."sku"`,
  ).all(outletId) as { sku: string; name: string; price: number; cost: number; unit: string; category: string | null; rateBp: number; barcode: string | null; stockMilli: number }[];
  return products.map((p) => [p.sku, p.name, (p.price / 100).toFixed(2), (p.cost / 100).toFixed(2), p.barcode ?? '', p.category ?? '', p.rateBp / 100, p.unit, p.stockMilli / 1000]);
}

export function productsCsv(db: Db, outletId: string): Buffer {
  return Buffer.from(csvFile([HEADERS, ...rows(db, outletId)]), 'utf8');
}

export async function productsXlsx(db: Db, outletId: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Products');
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows(db, outletId)) sheet.addRow(row);
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
