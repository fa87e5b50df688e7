import type Database from 'better-sqlite3';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { conflict } from '../http/errors.ts';
import { queueOnConnection } from '../sync/outbox.ts';
import type { SaleRecord } from './records.ts';

/**
 * Adds one product's figures at one rate to an outlet's local day (`ProductSalesDay`), as
 * (outletId, day, productId, taxRateBp, quantityMilli, revenue, tax, cost, discount, lines).
 */
export const ADD_TO_DAILY_SALES = `INSERT INTO "ProductSalesDay" ("outletId","day","productId","taxRateBp","quantityMilli","revenue","tax","cost","discount","lines") VALUES (?,?,?,?,?,?,?,?,?,?)
  ON CONFLICT ("outletId","day","productId","taxRateBp") DO UPDATE SET "quantityMilli" = "quantityMilli" + excluded."quantityMilli", "revenue" = "revenue" + excluded."revenue",
    "tax" = "tax" + excluded."tax", "cost" = "cost" + excluded."cost", "discount" = "discount" + excluded."discount", "lines" = "lines" + excluded."lines"`;

/**
 * Writes completed sale and return documents with prepared statements on the outlet's connection.
 * This is the hottest write path of the register; Prisma costs about 0.4 ms per statement here,
 * a prepared statement a few microseconds (bench/). Every method must be called inside a
 * `db.$transaction` callback, so its rows commit or roll back with the rest of the document.
 */
export class SaleDocumentStore {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  /** Whether a document with this id (the idempotency key) is already stored. */
  exists(id: string): boolean {
    return statement(this.#sql, 'SELECT 1 FROM "Sale" WHERE "id" = ?').get(id) !== undefined;
  }

  /** The register's open shift, if any. */
  openShift(registerId: string): { id: string; number: number; registerCode: string } | null {
    const row = statement(
      this.#sql,
      'SELECT s."id", s."number", r."code" AS "registerCode" FROM "Shift" s JOIN "Register" r ON r."id" = s."registerId" WHERE s."registerId" = ? AND s."closedAt" IS NULL',
    ).get(registerId) as { id: string; number: number; registerCode: string } | undefined;
    return row ?? null;
  }

  /** Takes the next gap-free receipt number of an open shift. */
  nextReceiptSeq(shiftId: string): number {
    const row = statement(this.#sql, 'UPDATE "Shift" SET "receiptSeq" = "receiptSeq" + 1 WHERE "id" = ? AND "closedAt" IS NULL RETURNING "receiptSeq"').get(shiftId) as
      | { receiptSeq: number | bigint }
      | undefined;
    if (!row) throw conflict('no-open-shift', 'The shift was closed: open a new one');
    return Number(row.receiptSeq);
  }

  /** The document with its lines, discounts and payments. */
  insert(record: SaleRecord): void {
    const s = record;
    statement(
      this.#sql,
      `INSERT INTO "Sale" ("id","idempotencyKey","outletId","registerId","shiftId","kind","number","seq","originalSaleId","customerId","cashierId","subtotal","discountTotal","total","taxTotal","createdAt")
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(s.id, s.idempotencyKey, s.outletId, s.registerId, s.shiftId, s.kind, s.number, s.seq, s.originalSaleId ?? null, s.customerId ?? null, s.cashierId, s.subtotal, s.discountTotal, s.total, s.taxTotal, sqliteTimestamp(s.createdAt));
    const line = statement(
      this.#sql,
      `INSERT INTO "SaleLine" ("id","saleId","lineNo","productId","name","unit","quantityMilli","unitPrice","grossAmount","discountAmount","amount","taxRateBp","taxAmount","costAmount","originalLineId","kind")
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    for (const l of s.lines) {
      line.run(l.id, l.saleId, l.lineNo, l.productId, l.name, l.unit, l.quantityMilli, l.unitPrice, l.grossAmount, l.discountAmount, l.amount, l.taxRateBp, l.taxAmount, l.costAmount, l.originalLineId ?? null, l.kind);
    }
    const discount = statement(this.#sql, `INSERT INTO "SaleDiscount" ("id","saleId","lineId","source","ruleId","reason","amount","approvedById") VALUES (?,?,?,?,?,?,?,?)`);
    for (const d of s.discounts) discount.run(d.id, d.saleId, d.lineId ?? null, d.source, d.ruleId ?? null, d.reason, d.amount, d.approvedById ?? null);
    const payment = statement(this.#sql, `INSERT INTO "Payment" ("id","saleId","method","amount","tendered","change","reference") VALUES (?,?,?,?,?,?,?)`);
    for (const p of s.payments) payment.run(p.id, p.saleId, p.method, p.amount, p.tendered ?? null, p.change ?? 0, p.reference ?? null);
  }

  /**
   * Adds the document's goods lines to the day's net sales per product and rate (returns
   * subtract), in the same transaction: the reports' figures can never disagree with the
   * documents. Gift cards and deposits are money held for the customer, not sales.
   */
  addToDailySales(record: SaleRecord, day: string): void {
    const upsert = statement(this.#sql, ADD_TO_DAILY_SALES);
    const sign = record.kind === 'sale' ? 1 : -1;
    for (const l of record.lines) {
      if (l.kind !== 'goods') continue;
      upsert.run(record.outletId, day, l.productId, l.taxRateBp, sign * l.quantityMilli, sign * l.amount, sign * l.taxAmount, sign * l.costAmount, sign * l.discountAmount, record.kind === 'sale' ? 1 : 0);
    }
  }

  /** Queues the document for head office in the same transaction (architecture invariant 10), checked as head office will. */
  addToOutbox(record: SaleRecord): void {
    queueOnConnection(this.#sql, { type: record.kind as 'sale' | 'return', documentId: record.id, outletId: record.outletId, payload: JSON.stringify(record), createdAt: record.createdAt });
  }
}
