import { newId } from '../../shared/ids.ts';
import { PRICE_LIST_FIELDS, REPORTED_REJECTS, type PriceListImportField, type PriceListImportOptions, type PriceListReport } from '../../shared/schemas/importexport.ts';
import { ProductDataSchema } from '../../shared/schemas/master-data.ts';
import { AppError } from '../http/errors.ts';
import { missingForNewProduct, priceListColumns, readPriceListRow, suggestPriceListMapping, type PriceListRow } from '../importexport/price-list-rows.ts';
import type { TableStream } from '../importexport/table.ts';
import type { HeadOfficeDb } from './db.ts';
import { storedProductData, unknownReference, withMasterChange, writeMaster, writeOutletPrice } from './master-data.ts';
import { recordImport, type ImportedBy, type PriceSet, type ProductTouched } from './price-list-history.ts';

/** Rows one price list may have at head office: it is checked whole in memory, then written in one transaction. */
export const MAX_PRICE_LIST_ROWS = 100_000;

export function suggestPriceListColumns(headers: string[]): Partial<Record<PriceListImportField, string>> {
  return suggestPriceListMapping(PRICE_LIST_FIELDS, headers);
}

type Planned =
  | { action: 'create'; productId: string; row: PriceListRow }
  | { action: 'update'; productId: string; row: PriceListRow; addBarcode: boolean }
  | { action: 'outlet-price'; productId: string; outletId: string; price: number };

interface Known {
  id: string;
  kind: string;
}

/**
 * Imports a price list into the chain's catalogue, read by the outlet's price-list reader: rows
 * matched by SKU or barcode create products or change the filled cells of known ones; a row with an
 * outlet's code sets that outlet's own price. Every row is checked first; a file with any row
 * refused writes nothing (422 naming each line and field), otherwise all of it is written as master
 * data in one transaction, so outlets get the new prices by their next pull.
 */
export async function importPriceList(db: HeadOfficeDb, table: TableStream, options: PriceListImportOptions, by: ImportedBy): Promise<PriceListReport> {
  const mapping = options.mapping ?? suggestPriceListColumns(table.headers);
  const report: PriceListReport = { encoding: table.encoding, delimiter: table.delimiter, sheet: table.sheet, rows: 0, created: 0, updated: 0, outletPrices: 0, skipped: 0, rejectedCount: 0, rejected: [], dryRun: options.dryRun };
  const reject = (row: number, reasons: string[]) => {
    report.rejectedCount += 1;
    if (report.rejected.length < REPORTED_REJECTS) report.rejected.push({ row, reasons });
  };
  const columns = priceListColumns(PRICE_LIST_FIELDS, table.headers, mapping, options.key);
  if ('problem' in columns) {
    reject(1, [`mapping: ${columns.problem}`]);
    return finish(db, report, [], options.fileName, by);
  }
  const { prisma } = db;
  const [categories, taxRates, outlets] = await Promise.all([prisma.category.findMany(), prisma.taxRate.findMany(), prisma.outlet.findMany({ select: { id: true, code: true } })]);
  // Head office knows no outlet's in-store label layouts: those are checked where the codes are scanned.
  const refs = { categories, taxRates, inStoreLayouts: [] };
  const bySku = async (sku: string): Promise<Known | undefined> => (await prisma.product.findUnique({ where: { sku }, select: { id: true, kind: true } })) ?? undefined;
  const byBarcode = async (code: string): Promise<Known | undefined> => (await prisma.barcode.findUnique({ where: { code }, select: { product: { select: { id: true, kind: true } } } }))?.product;
  const createdBySku = new Map<string, Known>();
  const seen = new Map<string, number>();
  const planned: Planned[] = [];
  for await (const batch of table.batches) for (const read of batch) {
    report.rows += 1;
    if (report.rows > MAX_PRICE_LIST_ROWS) {
      throw new AppError(413, 'price-list-too-long', `A price list has at most ${MAX_PRICE_LIST_ROWS} rows at head office: split the file`, [{ path: 'body', message: `over ${MAX_PRICE_LIST_ROWS} rows` }]);
    }
    if ('malformed' in read) {
      reject(read.line, [`line ${read.line}: ${read.malformed}`]);
      continue;
    }
    const row = readPriceListRow(read.cells, columns.column, refs);
    const reasons = row.reasons;
    const keyValue = options.key === 'sku' ? row.sku : row.barcode;
    const seenKey = `${row.outlet.toLowerCase()}\u0000${keyValue}`;
    if (!keyValue) reasons.push(`${options.key}: empty`);
    else if (seen.has(seenKey)) reasons.push(`${options.key}: the same as row ${seen.get(seenKey)}`);
    else seen.set(seenKey, read.line);
    const existing = keyValue ? (options.key === 'sku' ? (await bySku(keyValue)) ?? createdBySku.get(keyValue) : await byBarcode(keyValue)) : undefined;

    if (row.outlet) {
      const outlet = outlets.find((o) => o.code.toLowerCase() === row.outlet.toLowerCase());
      if (!outlet) reasons.push(`outlet: no outlet "${row.outlet}" in the chain`);
      if (keyValue && !existing) reasons.push(`${options.key}: no product ${keyValue} at head office for an outlet's price`);
      if (row.price === undefined && !reasons.some((r) => r.startsWith('price:'))) reasons.push("price: an outlet's price needs one");
      if (existing?.kind === 'family') reasons.push('price: a product with variants sells by its variants: give each variant its price');
      if (reasons.length) reject(read.line, reasons);
      else {
        planned.push({ action: 'outlet-price', productId: existing!.id, outletId: outlet!.id, price: row.price! });
        report.outletPrices += 1;
      }
      continue;
    }

    const barcodeOwner = row.barcode ? await byBarcode(row.barcode) : undefined;
    if (barcodeOwner && barcodeOwner.id !== existing?.id) reasons.push(`barcode: ${row.barcode} belongs to another product`);
    if (existing?.kind === 'family' && (row.price !== undefined || row.cost !== undefined)) reasons.push('price: a product with variants sells by its variants: give each variant its price');
    if (!existing) {
      if (row.sku && options.key === 'barcode' && ((await bySku(row.sku)) || createdBySku.has(row.sku))) reasons.push(`sku: ${row.sku} belongs to another product`);
      reasons.push(...missingForNewProduct(row));
    }
    if (reasons.length) reject(read.line, reasons);
    else if (existing && options.onExisting === 'skip') report.skipped += 1;
    else if (existing) {
      planned.push({ action: 'update', productId: existing.id, row, addBarcode: row.barcode !== null && !barcodeOwner });
      report.updated += 1;
    } else {
      const productId = newId();
      createdBySku.set(row.sku, { id: productId, kind: 'goods' });
      planned.push({ action: 'create', productId, row });
      report.created += 1;
    }
  }
  return finish(db, report, planned, options.fileName, by);
}

/** Writes the plan (a real run without refused rows), or refuses the whole file naming each line and field. */
async function finish(db: HeadOfficeDb, report: PriceListReport, planned: Planned[], fileName: string, by: ImportedBy): Promise<PriceListReport> {
  if (report.dryRun) return report;
  if (report.rejectedCount > 0) {
    const fields = report.rejected.flatMap((r) => r.reasons.map((reason) => ({ path: `line.${r.row}.${/^(\w+):/.exec(reason)?.[1] ?? 'row'}`, message: reason })));
    throw new AppError(422, 'price-list-rejected', `${report.rejectedCount} rows of the price list are refused (line ${report.rejected[0].row}: ${report.rejected[0].reasons[0]}): nothing was written`, fields, { report });
  }
  try {
    await withMasterChange(
      db,
      async (tx) => {
        const prices: PriceSet[] = [];
        // Per product, its data before the file's first row that touched it, for undo.
        const touched = new Map<string, ProductTouched>();
        for (const p of planned) {
          if (p.action === 'outlet-price') {
            const before = await tx.outletPrice.findUnique({ where: { outletId_productId: { outletId: p.outletId, productId: p.productId } } });
            prices.push({ productId: p.productId, outletId: p.outletId, previousPrice: before?.price ?? null, newPrice: p.price });
            await writeOutletPrice(tx, p.outletId, p.productId, p.price);
          } else if (p.action === 'create') {
            const { row } = p;
            const data = ProductDataSchema.parse({ sku: row.sku, name: row.name, unit: row.unit, categoryId: row.categoryId ?? null, taxRateId: row.taxRateId, price: row.price, cost: row.cost, barcodes: row.barcode ? [row.barcode] : [] });
            prices.push({ productId: p.productId, outletId: null, previousPrice: null, newPrice: data.price });
            touched.set(p.productId, { productId: p.productId, before: null, changed: [], addedBarcodes: [] });
            await writeMaster(tx, 'product', p.productId, data);
          } else {
            const { row } = p;
            const stored = (await storedProductData(tx, p.productId))!;
            const filled = Object.fromEntries(Object.entries({ name: row.name || undefined, price: row.price, cost: row.cost, unit: row.unit, categoryId: row.categoryId, taxRateId: row.taxRateId }).filter(([, v]) => v !== undefined));
            if (row.price !== undefined) prices.push({ productId: p.productId, outletId: null, previousPrice: stored.price, newPrice: row.price });
            const record = touched.get(p.productId) ?? { productId: p.productId, before: stored, changed: [], addedBarcodes: [] };
            for (const [field, value] of Object.entries(filled) as [keyof typeof stored, unknown][]) if (value !== stored[field] && !record.changed.includes(field)) record.changed.push(field);
            if (p.addBarcode) record.addedBarcodes.push(row.barcode!);
            touched.set(p.productId, record);
            await writeMaster(tx, 'product', p.productId, { ...stored, ...filled, barcodes: p.addBarcode ? [...stored.barcodes, row.barcode!] : stored.barcodes });
          }
        }
        report.importId = await recordImport(tx, { report, fileName, by, prices, products: [...touched.values()] });
      },
      { timeout: 600_000 },
    );
  } catch (err) {
    throw unknownReference(err);
  }
  return report;
}
