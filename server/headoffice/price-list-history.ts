import { newId } from '../../shared/ids.ts';
import type { PriceListImportRecord, PriceListReport, PriceListUndoReport } from '../../shared/schemas/importexport.ts';
import type { Prisma } from '../../prisma/generated/headoffice/client.ts';
import { conflict, notFound } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { storedProductData, withMasterChange, writeMaster, writeOutletPrice } from './master-data.ts';

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

const lastChangeSeq = async (tx: Tx) => (await tx.masterChange.aggregate({ _max: { seq: true } }))._max.seq ?? 0n;

/** Records an applied import with the prices it set, inside its transaction, after its writes; answers its id. */
export async function recordImport(tx: Tx, input: { report: PriceListReport; fileName: string; by: ImportedBy; prices: PriceSet[] }): Promise<string> {
  const { report, by } = input;
  const id = newId();
  await tx.priceListImport.create({
    data: {
      id, importedById: by.id, importedBy: by.name, fileName: input.fileName, encoding: report.sheet ?? report.encoding, rows: report.rows, created: report.created,
      updated: report.updated, outletPrices: report.outletPrices, lastChangeSeq: await lastChangeSeq(tx),
      prices: { create: input.prices.map((p) => ({ id: newId(), ...p })) },
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

/**
 * Undoes an import as a new master-data change that puts back the prices it set (the record stays,
 * marked undone; outlets get the prices by their next pull). A product changed again since the
 * import is reported and left as it is unless forced; a product the import created stays. An
 * import is undone once.
 */
export async function undoImport(db: HeadOfficeDb, id: string, by: ImportedBy, options: { force: boolean; dryRun: boolean }): Promise<PriceListUndoReport> {
  return withMasterChange(
    db,
    async (tx) => {
      const record = await tx.priceListImport.findUnique({ where: { id }, include: { prices: true } });
      if (!record) throw notFound('price-list-import-not-found', 'No such price list import at head office', [{ path: 'id', message: 'unknown import' }]);
      if (record.undoneAt) throw conflict('price-list-import-undone', `This import was undone at ${record.undoneAt.toISOString()} by ${record.undoneBy}`, { undoneAt: record.undoneAt.toISOString() });
      const productIds = [...new Set(record.prices.map((p) => p.productId))];
      const changed = new Set((await tx.masterChange.findMany({ where: { entity: 'product', entityId: { in: productIds }, seq: { gt: record.lastChangeSeq } }, select: { entityId: true } })).map((c) => c.entityId));
      const products = new Map((await tx.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, name: true } })).map((p) => [p.id, p]));
      const outlets = new Map((await tx.outlet.findMany({ select: { id: true, code: true } })).map((o) => [o.id, o.code]));
      const report: PriceListUndoReport = { dryRun: options.dryRun, restored: 0, created: 0, changedSince: [] };
      for (const price of record.prices) {
        const product = products.get(price.productId);
        if (!product) continue;
        if (!price.outletId && price.previousPrice === null) {
          report.created += 1;
          continue;
        }
        if (changed.has(price.productId)) {
          report.changedSince.push({ productId: product.id, sku: product.sku, name: product.name, outletCode: price.outletId ? outlets.get(price.outletId) ?? null : null, importedPrice: price.newPrice, previousPrice: price.previousPrice });
          if (!options.force) continue;
        }
        report.restored += 1;
        if (options.dryRun) continue;
        if (price.outletId) await writeOutletPrice(tx, price.outletId, price.productId, price.previousPrice);
        else await writeMaster(tx, 'product', price.productId, { ...(await storedProductData(tx, price.productId))!, price: price.previousPrice! });
      }
      if (!options.dryRun) await tx.priceListImport.update({ where: { id }, data: { undoneAt: new Date(), undoneById: by.id, undoneBy: by.name } });
      return report;
    },
    { timeout: 600_000 },
  );
}
