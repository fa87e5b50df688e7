import Database from 'better-sqlite3';
import { newId } from '../shared/ids.ts';

export interface BaselineSale {
  lines: { productId: string; quantityMilli: number; unitPrice: number; amount: number; taxAmount: number }[];
  customerId: string;
  total: number;
}

/**
 * The floor the server is measured against: the same rows a committed sale writes (sale, lines,
 * discounts, payment, stock movements, balances, shift sequence, outbox entry), inserted with raw
 * better-sqlite3 in one transaction per sale, with the server's durability settings.
 */
export function rawSalesPerSecond(dbPath: string, outletId: string, shiftId: string, registerId: string, cashierId: string, sales: BaselineSale[]): number {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const insertSale = db.prepare(
    `INSERT INTO Sale (id, idempotencyKey, outletId, registerId, shiftId, kind, number, seq, customerId, cashierId, subtotal, discountTotal, total, taxTotal, createdAt)
     VALUES (?, ?, ?, ?, ?, 'sale', ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO SaleLine (id, saleId, lineNo, productId, name, unit, quantityMilli, unitPrice, grossAmount, discountAmount, amount, taxRateBp, taxAmount)
     VALUES (?, ?, ?, ?, 'x', 'piece', ?, ?, ?, 0, ?, 2100, ?)`,
  );
  const insertDiscount = db.prepare(`INSERT INTO SaleDiscount (id, saleId, lineId, source, reason, amount) VALUES (?, ?, ?, 'customer', 'gold −10%', 0)`);
  const insertPayment = db.prepare(`INSERT INTO Payment (id, saleId, method, amount, tendered, change) VALUES (?, ?, 'cash', ?, ?, 0)`);
  const insertMovement = db.prepare(`INSERT INTO StockMovement (id, outletId, productId, kind, quantityMilli, documentId, createdAt) VALUES (?, ?, ?, 'sale', ?, ?, ?)`);
  const updateBalance = db.prepare(`UPDATE StockBalance SET quantityMilli = quantityMilli - ? WHERE outletId = ? AND productId = ?`);
  const nextSeq = db.prepare(`UPDATE Shift SET receiptSeq = receiptSeq + 1 WHERE id = ? RETURNING receiptSeq`);
  const insertOutbox = db.prepare(`INSERT INTO OutboxEntry (id, outletId, type, documentId, payload, createdAt) VALUES (?, ?, 'sale', ?, ?, ?)`);

  const commit = db.transaction((sale: BaselineSale) => {
    const id = newId();
    const now = new Date().toISOString().replace('Z', '+00:00');
    const stamp = now;
    const { receiptSeq } = nextSeq.get(shiftId) as { receiptSeq: number };
    insertSale.run(id, id, outletId, registerId, shiftId, `RAW-${receiptSeq}-${id.slice(-6)}`, receiptSeq, sale.customerId, cashierId, sale.total, sale.total, 0, now);
    sale.lines.forEach((l, i) => {
      const lineId = newId();
      insertLine.run(lineId, id, i + 1, l.productId, l.quantityMilli, l.unitPrice, l.amount, l.amount, l.taxAmount);
      insertDiscount.run(newId(), id, lineId);
      insertMovement.run(newId(), outletId, l.productId, -l.quantityMilli, id, now);
      updateBalance.run(l.quantityMilli, outletId, l.productId);
    });
    insertPayment.run(newId(), id, sale.total, sale.total);
    insertOutbox.run(newId(), outletId, id, JSON.stringify(sale), stamp);
  });

  const start = process.hrtime.bigint();
  for (const sale of sales) commit(sale);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return sales.length / seconds;
}
