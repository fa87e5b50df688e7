import type Database from 'better-sqlite3';
import { newId } from '../../shared/ids.ts';
import { PRODUCT_IMPORT_FIELDS, type ProductImportField, type ProductImportOptions, type ProductImportReport } from '../../shared/schemas/importexport.ts';
import type { AuthContext } from '../auth/context.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { malformedStop, unmappable } from './customer-import.ts';
import { missingForNewProduct, priceListColumns, readPriceListRow, suggestPriceListMapping } from './price-list-rows.ts';
import { IMPORT_BATCH, ImportRun } from './import-run.ts';
import type { TableStream } from './table.ts';

/** The price list's columns a mapping is suggested for, from the headers' aliases in the shops' languages. */
export function suggestProductMapping(headers: string[]): Partial<Record<ProductImportField, string>> {
  return suggestPriceListMapping(PRODUCT_IMPORT_FIELDS, headers);
}

type Fields = Partial<{ name: string; searchName: string; price: number; cost: number; unit: string; categoryId: string; taxRateId: string }>;
interface Planned {
  action: 'create' | 'update';
  productId: string;
  sku: string;
  fields: Fields;
  barcode: string | null;
}

/**
 * Imports the catalogue from a price list (CSV or XLSX), streamed like the customer import: rows are
 * matched by SKU or barcode, new products need a name, a price and a tax rate, and an update
 * changes only the filled cells. Journalled in batches, so the whole import can be undone.
 */
export async function importProducts(db: Db, outlet: OutletInfo, auth: AuthContext, table: TableStream, options: ProductImportOptions): Promise<ProductImportReport> {
  const mapping = options.mapping ?? suggestProductMapping(table.headers);
  const keyField = options.key;
  const columns = priceListColumns(PRODUCT_IMPORT_FIELDS, table.headers, mapping, keyField);
  if ('problem' in columns) return unmappable(table, options, columns.problem);
  const { column } = columns;

  const sql = sqliteOf(db);
  const [categories, taxRates] = await Promise.all([db.category.findMany(), db.taxRate.findMany()]);
  const refs = { categories, taxRates, inStoreLayouts: outlet.settings.inStoreLayouts };
  const bySku = statement(sql, 'SELECT "id" FROM "Product" WHERE "sku" = ?');
  const byBarcode = statement(sql, 'SELECT "productId" AS "id" FROM "Barcode" WHERE "code" = ?');
  const run = await ImportRun.start(db, 'products', { fileName: options.fileName, dryRun: options.dryRun, options: { ...options, mapping, headers: table.headers }, createdById: auth.userId });
  const counts = run.counts;
  let malformed = 0;
  const report = (): ProductImportReport => ({ ...counts, merged: 0, malformed, encoding: table.encoding, delimiter: table.delimiter, sheet: table.sheet, dateFormat: null });
  const seen = new Map<string, number>();
  let pending: Planned[] = [];
  try {
    for await (const batch of table.batches) for (const read of batch) {
      counts.rows += 1;
      const row = read.line;
      if ('malformed' in read) {
        malformed += 1;
        if (options.malformed === 'stop' && !options.dryRun) throw malformedStop(row, read.malformed);
        await run.reject(row, read.cells, [`line ${row}: ${read.malformed}`]);
        continue;
      }
      const cells = read.cells;
      const parsed = readPriceListRow(cells, column, refs);
      const { reasons, price, cost, barcode, unit, sku } = parsed;
      const keyValue = keyField === 'sku' ? sku : barcode;
      if (!keyValue) reasons.push(`${keyField}: empty`);
      else if (seen.has(keyValue)) reasons.push(`${keyField}: the same as row ${seen.get(keyValue)}`);
      else seen.set(keyValue, row);
      const existingId = keyValue ? ((keyField === 'sku' ? bySku : byBarcode).get(keyValue) as { id: string } | undefined)?.id : undefined;
      const barcodeOwner = barcode ? (byBarcode.get(barcode) as { id: string } | undefined)?.id : undefined;
      if (barcodeOwner && barcodeOwner !== existingId) reasons.push(`barcode: ${barcode} belongs to another product`);
      if (!existingId) {
        if (sku && keyField === 'barcode' && bySku.get(sku)) reasons.push(`sku: ${sku} belongs to another product`);
        reasons.push(...missingForNewProduct(parsed));
      }
      if (reasons.length) {
        await run.reject(row, cells, reasons);
        continue;
      }
      const name = parsed.name;
      const fields: Fields = Object.fromEntries(
        Object.entries({
          name: name || undefined,
          searchName: name ? name.toLowerCase() : undefined,
          price,
          cost,
          unit,
          categoryId: parsed.categoryId,
          taxRateId: parsed.taxRateId,
        }).filter(([, v]) => v !== undefined),
      );
      if (existingId && options.onExisting === 'skip') counts.skipped += 1;
      else if (existingId) {
        counts.updated += 1;
        pending.push({ action: 'update', productId: existingId, sku, fields, barcode: barcode && !barcodeOwner ? barcode : null });
      } else {
        counts.created += 1;
        pending.push({ action: 'create', productId: newId(), sku, fields, barcode });
      }
      if (pending.length >= IMPORT_BATCH) {
        if (!options.dryRun) await writeBatch(db, sql, counts.importId, auth.userId, pending);
        pending = [];
      }
    }
    if (!options.dryRun && pending.length) await writeBatch(db, sql, counts.importId, auth.userId, pending);
  } catch (err) {
    await run.fail(err, report());
    throw err;
  }
  await run.finish(report(), { outletId: outlet.id, userId: auth.userId, action: 'product-import', details: { key: keyField, fileName: options.fileName } });
  return report();
}

async function writeBatch(db: Db, sql: Database.Database, importId: string, userId: string, batch: Planned[]): Promise<void> {
  await db.$transaction(
    async () => {
      const insert = statement(
        sql,
        `INSERT INTO "Product" ("id","sku","name","searchName","unit","categoryId","taxRateId","price","cost","discountable","kind","active","createdAt","updatedAt")
         VALUES (@id,@sku,@name,@searchName,@unit,@categoryId,@taxRateId,@price,@cost,1,'goods',1,@now,@now)`,
      );
      const addBarcode = statement(sql, `INSERT INTO "Barcode" ("code","productId") VALUES (?, ?)`);
      const journal = statement(sql, `INSERT INTO "ImportChange" ("id","importId","entityId","action","before","after","card") VALUES (?,?,?,?,?,?,?)`);
      const current = statement(sql, `SELECT "name","searchName","price","cost","unit","categoryId","taxRateId" FROM "Product" WHERE "id" = ?`);
      // Prices imported are prices changed now: in the price history, and among the labels due today.
      const priceHistory = statement(sql, `INSERT INTO "PriceChange" ("id","productId","price","previousPrice","effectiveAt","appliedAt","createdById","createdAt") VALUES (?,?,?,?,@now,@now,?,@now)`);
      const now = sqliteTimestamp();
      for (const p of batch) {
        const f = p.fields;
        if (p.action === 'create') {
          insert.run({ id: p.productId, sku: p.sku, name: f.name, searchName: f.searchName, unit: f.unit ?? 'piece', categoryId: f.categoryId ?? null, taxRateId: f.taxRateId, price: f.price, cost: f.cost ?? 0, now });
          journal.run(newId(), importId, p.productId, 'create', '{}', '{}', p.barcode);
          priceHistory.run(newId(), p.productId, f.price, null, userId, { now });
        } else {
          const before = current.get(p.productId) as Record<string, unknown>;
          const changed = (Object.keys(f) as (keyof Fields)[]).filter((k) => before[k] !== f[k]);
          if (changed.length) {
            statement(sql, `UPDATE "Product" SET ${changed.map((k) => `"${k}" = @${k}`).join(', ')}, "updatedAt" = @now WHERE "id" = @id`).run({
              ...Object.fromEntries(changed.map((k) => [k, f[k]])),
              now,
              id: p.productId,
            });
          }
          if (changed.includes('price')) priceHistory.run(newId(), p.productId, f.price, before.price, userId, { now });
          journal.run(newId(), importId, p.productId, 'update', JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k]]))), JSON.stringify(Object.fromEntries(changed.map((k) => [k, f[k]]))), p.barcode);
        }
        if (p.barcode) addBarcode.run(p.barcode, p.productId);
      }
    },
    { timeout: 120_000 },
  );
}
