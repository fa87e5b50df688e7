import { newId } from '../../shared/ids.ts';
import type { PriceListImportRecord, PriceListReport, PriceListUndoReport } from '../../shared/schemas/importexport.ts';
import { Prisma } from '../../prisma/generated/headoffice/client.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { storedProductData, withMasterChange, writeMaster, writeOutletPrice, type DataOf } from './master-data.ts';

type ProductData = DataOf<'product'>;

type Tx = Prisma.TransactionClient;

/** Who applied or undid an import: a head-office user, or (id null) the administrator's token. */
export interface ImportedBy {
  id: string | null;
  name: string;
}

/** A price an import set: the chain's (outletId null) or an outlet's own, and the one before. */
export interface PriceSet {
  productId: string;
  outletId: string | null;
  previousPrice: number | null;
  newPrice: number;
}

/** A product an import created (before null) or changed: its data before, the fields it changed, the barcodes it added. */
export interface ProductTouched {
  productId: string;
  before: ProductData | null;
  changed: (keyof ProductData)[];
  addedBarcodes: string[];
}

const lastChangeSeq = async (tx: Tx) => (await tx.masterChange.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

/** Records an applied import with the prices and products it set, inside its transaction, after its writes; answers its id. */
export async function recordImport(tx: Tx, input: { report: PriceListReport; fileName: string; by: ImportedBy; prices: PriceSet[]; products: ProductTouched[] }): Promise<string> {
  const { report, by } = input;
  const id = newId();
  await tx.priceListImport.create({
    data: {
      id, importedById: by.id, importedBy: by.name, fileName: input.fileName, encoding: report.sheet ?? report.encoding, rows: report.rows, created: report.created,
      updated: report.updated, outletPrices: report.outletPrices, lastChangeSeq: await lastChangeSeq(tx),
      prices: { create: input.prices.map((p) => ({ id: newId(), ...p })) },
      products: { create: input.products.map((p) => ({ id: newId(), productId: p.productId, before: p.before ?? Prisma.DbNull, changed: p.changed, addedBarcodes: p.addedBarcodes })) },
    },
  });
  return id;
}

/** The imports applied at head office, newest first. */
export async function importHistory(db: HeadOfficeDb, limit: number): Promise<PriceListImportRecord[]> {
  const rows = await db.prisma.priceListImport.findMany({ orderBy: [{ importedAt: 'desc' }, { id: 'desc' }], take: limit, include: { _count: { select: { prices: true } } } });
  return rows.map((r) => ({
    id: r.id, importedAt: r.importedAt.toISOString(), importedBy: r.importedBy, fileName: r.fileName, encoding: r.encoding, rows: r.rows, created: r.created,
    updated: r.updated, outletPrices: r.outletPrices, prices: r._count.prices, undoneAt: r.undoneAt?.toISOString() ?? null, undoneBy: r.undoneBy,
  }));
}

type ChangedSince = PriceListUndoReport['changedSince'][number];

/**
 * Undoes an import as a new master-data change (the record stays, marked undone; outlets get the
 * result by their next pull): each product it changed gets back the fields it changed and loses the
 * barcodes it added, each product it created is archived, each outlet's price it set is put back. A
 * product changed again since the import is reported and left as it is unless forced (then only
 * the import's own changes are put back). An import recorded before products were kept with it
 * puts back its prices only. An import is undone once.
 */
export async function undoImport(db: HeadOfficeDb, id: string, by: ImportedBy, options: { force: boolean; dryRun: boolean }): Promise<PriceListUndoReport> {
  return withMasterChange(
    db,
    async (tx) => {
      const record = await tx.priceListImport.findUnique({ where: { id }, include: { prices: true, products: true } });
      if (!record) throw notFound('price-list-import-not-found', 'No such price list import at head office', [{ path: 'id', message: 'unknown import' }]);
      if (record.undoneAt) throw conflict('price-list-import-undone', `This import was undone at ${record.undoneAt.toISOString()} by ${record.undoneBy}`, { undoneAt: record.undoneAt.toISOString() });
      const productIds = [...new Set([...record.prices, ...record.products].map((p) => p.productId))];
      const changed = new Set((await tx.masterChange.findMany({ where: { entity: 'product', entityId: { in: productIds }, seq: { gt: record.lastChangeSeq } }, select: { entityId: true } })).map((c) => c.entityId));
      const products = new Map((await tx.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, name: true } })).map((p) => [p.id, p]));
      const outlets = new Map((await tx.outlet.findMany({ select: { id: true, code: true } })).map((o) => [o.id, o.code]));
      const pricesOnly = record.products.length === 0 && record.created + record.updated > 0;
      const report: PriceListUndoReport = { dryRun: options.dryRun, restored: 0, created: 0, restoredProducts: 0, archived: 0, pricesOnly, changedSince: [] };
      /** Whether to go on with a product: not changed since, or forced; a changed one is reported either way. */
      const mayUndo = (productId: string, entry: Omit<ChangedSince, 'productId' | 'sku' | 'name'>) => {
        if (!changed.has(productId)) return true;
        const product = products.get(productId)!;
        report.changedSince.push({ productId, sku: product.sku, name: product.name, ...entry });
        return options.force;
      };
      const chainPrice = new Map(record.prices.filter((p) => !p.outletId).map((p) => [p.productId, p]));

      for (const price of record.prices) {
        if (!products.has(price.productId)) continue;
        if (price.outletId) {
          if (!mayUndo(price.productId, { outletCode: outlets.get(price.outletId) ?? null, importedPrice: price.newPrice, previousPrice: price.previousPrice })) continue;
          report.restored += 1;
          if (!options.dryRun) await writeOutletPrice(tx, price.outletId, price.productId, price.previousPrice);
        } else if (pricesOnly) {
          if (price.previousPrice === null) {
            report.created += 1;
            continue;
          }
          if (!mayUndo(price.productId, { outletCode: null, importedPrice: price.newPrice, previousPrice: price.previousPrice })) continue;
          report.restored += 1;
          if (!options.dryRun) await writeMaster(tx, 'product', price.productId, { ...(await storedProductData(tx, price.productId))!, price: price.previousPrice });
        }
      }

      for (const touched of record.products) {
        const current = await storedProductData(tx, touched.productId);
        if (!current) continue;
        const before = touched.before as ProductData | null;
        const price = chainPrice.get(touched.productId);
        if (before === null) {
          report.created += 1;
          if (!mayUndo(touched.productId, { outletCode: null, importedPrice: price?.newPrice ?? null, previousPrice: null })) continue;
          if (!current.active) continue;
          report.archived += 1;
          if (!options.dryRun) await writeMaster(tx, 'product', touched.productId, { ...current, active: false });
          continue;
        }
        const setsPrice = touched.changed.includes('price');
        if (!mayUndo(touched.productId, { outletCode: null, importedPrice: setsPrice ? price?.newPrice ?? null : null, previousPrice: setsPrice ? before.price : null })) continue;
        report.restoredProducts += 1;
        if (setsPrice) report.restored += 1;
        if (options.dryRun) continue;
        const restored: Record<string, unknown> = { ...current, barcodes: current.barcodes.filter((code) => !touched.addedBarcodes.includes(code)) };
        for (const field of touched.changed) restored[field] = before[field as keyof ProductData];
        await writeMaster(tx, 'product', touched.productId, restored as ProductData);
      }
      if (!options.dryRun) await tx.priceListImport.update({ where: { id }, data: { undoneAt: new Date(), undoneById: by.id, undoneBy: by.name } });
      return report;
    },
    { timeout: 600_000 },
  );
}
