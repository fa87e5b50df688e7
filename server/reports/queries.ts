import type Database from 'better-sqlite3';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { SalesFact } from './figures.ts';

/** Groups that need the sale document (who sold, to whom, where): summed through a join. */
export type DocumentGroup = 'cashier' | 'customer' | 'register';

const KEY: Record<DocumentGroup, { key: string; label: string }> = {
  cashier: { key: 's."cashierId"', label: 'MAX(u."name")' },
  customer: { key: `COALESCE(s."customerId", '')`, label: `COALESCE(MAX(cu."name"), 'No customer')` },
  register: { key: 's."registerId"', label: 'MAX(r."code")' },
};

export interface SalesFilter {
  from: Date;
  to: Date;
  registerId?: string;
  cashierId?: string;
  categoryId?: string;
}

const signed = (column: string) => `SUM(CASE s."kind" WHEN 'sale' THEN ${column} ELSE -${column} END)`;

function where(filter: SalesFilter): { sql: string; params: Record<string, unknown> } {
  const conditions = [`s."createdAt" >= @from`, `s."createdAt" < @to`, `p."kind" IN ('goods', 'service')`];
  const params: Record<string, unknown> = { from: sqliteTimestamp(filter.from), to: sqliteTimestamp(filter.to) };
  for (const [field, column] of [['registerId', 's."registerId"'], ['cashierId', 's."cashierId"'], ['categoryId', 'p."categoryId"']] as const) {
    if (filter[field]) {
      conditions.push(`${column} = @${field}`);
      params[field] = filter[field];
    }
  }
  return { sql: conditions.join(' AND '), params };
}

/**
 * Net sales (sales minus returns) of goods per product over whole local days, from the daily sums
 * kept with every sale (a million lines in well under a second, bench/). Gift cards sold are not
 * revenue (the money is the customer's until spent) and are left out. A register or cashier
 * filter needs the documents, and takes the slower way through them.
 */
export function productFacts(sql: Database.Database, outletId: string, days: { from: string; to: string }, filter: SalesFilter): ProductFact[] {
  if (filter.registerId || filter.cashierId) return documentFacts(sql, filter, 'product');
  const params: Record<string, unknown> = { outletId, from: days.from, to: days.to };
  let category = '';
  if (filter.categoryId) {
    category = `AND p."categoryId" = @categoryId`;
    params.categoryId = filter.categoryId;
  }
  // Sum the days first, then look up each product once (CROSS JOIN keeps that order: left to
  // itself SQLite may walk a large catalogue and search each product's days).
  return statement(
    sql,
    `SELECT d.*, p."name" AS "label", p."categoryId", p."parentId"
     FROM (SELECT "productId" AS "key", SUM("quantityMilli") AS "quantityMilli", SUM("revenue") AS "revenue", SUM("cost") AS "cost",
                  SUM("discount") AS "discount", SUM("lines") AS "receipts"
           FROM "ProductSalesDay" WHERE "outletId" = @outletId AND "day" >= @from AND "day" <= @to GROUP BY "productId") d
     CROSS JOIN "Product" p ON p."id" = d."key"
     WHERE p."kind" IN ('goods', 'service') ${category}`,
  ).all(params) as ProductFact[];
}

/** A product's (or variant's) sales, with its category and the product it is a variant of. */
export type ProductFact = SalesFact & { categoryId: string | null; parentId: string | null };

/** The names of products with variants, which a report by product shows their variants under. */
export function familyNames(sql: Database.Database): Map<string, string> {
  const rows = statement(sql, `SELECT "id", "name" FROM "Product" WHERE "kind" = 'family'`).all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function categoryNames(sql: Database.Database): Map<string, string> {
  const rows = statement(sql, `SELECT "id", "name" FROM "Category"`).all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Receipts (sales, not returns) in a period. */
export function receiptCount(sql: Database.Database, filter: SalesFilter): number {
  const row = statement(sql, `SELECT COUNT(*) AS "n" FROM "Sale" WHERE "kind" = 'sale' AND "createdAt" >= ? AND "createdAt" < ?`).get(sqliteTimestamp(filter.from), sqliteTimestamp(filter.to)) as { n: number };
  return row.n;
}

/** Net sales of goods per cashier, customer or register (or per product, when filtered by register or cashier). */
export function documentFacts(sql: Database.Database, filter: SalesFilter, group: DocumentGroup | 'product'): ProductFact[] {
  const { sql: condition, params } = where(filter);
  const { key, label } = group === 'product' ? { key: 'l."productId"', label: 'MAX(p."name")' } : KEY[group];
  return statement(
    sql,
    `SELECT ${key} AS "key", ${label} AS "label", ${group === 'product' ? 'MAX(p."categoryId")' : 'NULL'} AS "categoryId", ${group === 'product' ? 'MAX(p."parentId")' : 'NULL'} AS "parentId",
            ${signed('l."quantityMilli"')} AS "quantityMilli", ${signed('l."amount"')} AS "revenue",
            ${signed('l."costAmount"')} AS "cost", ${signed('l."discountAmount"')} AS "discount",
            COUNT(DISTINCT CASE WHEN s."kind" = 'sale' THEN s."id" END) AS "receipts"
     FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId"
     LEFT JOIN "Category" c ON c."id" = p."categoryId" LEFT JOIN "User" u ON u."id" = s."cashierId"
     LEFT JOIN "Customer" cu ON cu."id" = s."customerId" LEFT JOIN "Register" r ON r."id" = s."registerId"
     WHERE ${condition}
     GROUP BY ${key}`,
  ).all(params) as ProductFact[];
}

/** Each document's time and net goods total, for sales by hour. */
export function documentTotals(sql: Database.Database, filter: SalesFilter): { createdAt: string; total: number }[] {
  const { sql: condition, params } = where(filter);
  return statement(
    sql,
    `SELECT s."createdAt", ${signed('l."amount"')} AS "total" FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId" WHERE ${condition} GROUP BY s."id"`,
  ).all(params) as { createdAt: string; total: number }[];
}

/** Goods on hand that sold least in the period (nothing at all first), by stock value. */
export function slowMovers(sql: Database.Database, outletId: string, sold: Map<string, number>, limit: number) {
  const stocked = statement(
    sql,
    `SELECT p."id" AS "key", p."name" AS "label", b."quantityMilli" AS "onHandMilli", (b."quantityMilli" * p."cost" + 500) / 1000 AS "stockValue"
     FROM "StockBalance" b JOIN "Product" p ON p."id" = b."productId"
     WHERE b."outletId" = ? AND b."quantityMilli" > 0 AND p."kind" = 'goods' AND p."active" = 1`,
  ).all(outletId) as { key: string; label: string; onHandMilli: number; stockValue: number }[];
  return stocked
    .map((p) => ({ ...p, soldMilli: sold.get(p.key) ?? 0 }))
    .sort((a, b) => a.soldMilli - b.soldMilli || b.stockValue - a.stockValue)
    .slice(0, limit);
}

/** Open pre-orders, the arrived ones among them, and the deposits they hold. */
export function openPreOrders(sql: Database.Database, outletId: string): { open: number; arrived: number; depositsHeld: number } {
  return statement(
    sql,
    `SELECT COUNT(*) AS "open", COALESCE(SUM(o."status" = 'arrived'), 0) AS "arrived",
       COALESCE(SUM((SELECT COALESCE(SUM(d."amount"), 0) FROM "PreOrderDeposit" d WHERE d."preOrderId" = o."id")), 0) AS "depositsHeld"
     FROM "PreOrder" o WHERE o."outletId" = ? AND o."status" IN ('new','confirmed','ordered','arrived')`,
  ).get(outletId) as { open: number; arrived: number; depositsHeld: number };
}

export function lowStockCount(sql: Database.Database, outletId: string): number {
  const row = statement(
    sql,
    `SELECT COUNT(*) AS "n" FROM "StockLevel" l LEFT JOIN "StockBalance" b ON b."outletId" = l."outletId" AND b."productId" = l."productId" WHERE l."outletId" = ? AND COALESCE(b."quantityMilli", 0) < l."minMilli"`,
  ).get(outletId) as { n: number };
  return row.n;
}

