import { newId } from '../../shared/ids.ts';
import type { Tx } from '../db/client.ts';

export interface StockChange {
  productId: string;
  /** Signed: negative takes stock out. */
  quantityMilli: number;
}

/** Appends ledger rows and updates the cached balances in the same transaction. */
export async function postStockMovements(
  tx: Tx,
  outletId: string,
  kind: string,
  documentId: string,
  changes: StockChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await tx.stockMovement.createMany({
    data: changes.map((c) => ({ id: newId(), outletId, productId: c.productId, kind, quantityMilli: c.quantityMilli, documentId })),
  });
  for (const c of changes) {
    await tx.stockBalance.upsert({
      where: { outletId_productId: { outletId, productId: c.productId } },
      create: { outletId, productId: c.productId, quantityMilli: c.quantityMilli },
      update: { quantityMilli: { increment: c.quantityMilli } },
    });
  }
}
