import type Database from 'better-sqlite3';
import { localTimeIn } from '../../shared/time.ts';
import type { DepositFigures } from '../../shared/schemas/reports.ts';
import { UnitSchema, type Unit } from '../../shared/schemas/common.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { addFact, emptyFact, type Quantities, type SalesFact } from './figures.ts';

/** Groups that need the sale document (who sold, to whom, where): summed through a join. */
export type DocumentGroup = 'cashier' | 'customer' | 'register' | 'product';

/** The customer key of sales to no customer (walk-in sales). */
export const WALK_IN = '';

const KEY: Record<DocumentGroup, { key: string; label: string }> = {
  cashier: { key: 's."cashierId"', label: 'MAX(u."name")' },
  customer: { key: `COALESCE(s."customerId", '${WALK_IN}')`, label: `COALESCE(MAX(cu."name"), 'Walk-in')` },
  register: { key: 's."registerId"', label: 'MAX(r."code")' },
  product: { key: 'l."productId"', label: 'MAX(p."name")' },
};

export interface SalesFilter {
  from: Date;
  to: Date;
  registerId?: string;
  cashierId?: string;
  categoryId?: string;
}

/** A product's (or variant's) sales, with its category and the product it is a variant of. */
export type ProductFact = SalesFact & { categoryId: string | null; parentId: string | null };

/**
 * A column per unit, "quantity:kg" and so on, with `aggregate` of the quantity of goods of that unit:
 * NULL where the group has none of that unit (SQL's sums of nothing), so a unit sold and returned
 * whole still counts as one the group sells in.
 */
const perUnit = (unitColumn: string, quantityColumn: string, aggregate: (column: string) => string) =>
  UnitSchema.options.map((unit) => `${aggregate(`CASE ${unitColumn} WHEN '${unit}' THEN ${quantityColumn} END`)} AS "quantity:${unit}"`).join(', ');

/** A row with per-unit columns as one with a fact's quantities (units the group has none of left out). */
function withQuantities<T extends { quantities: Quantities }>(row: unknown): T {
  const quantities: Quantities = {};
  const rest: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row as Record<string, unknown>)) {
    if (!column.startsWith('quantity:')) rest[column] = value;
    else if (value !== null) quantities[column.slice('quantity:'.length) as Unit] = value as number;
  }
  return { ...rest, quantities } as T;
}

/** The sum of a sale line column over sales, less over returns. */
export const signed = (column: string) => `SUM(CASE s."kind" WHEN 'sale' THEN ${column} ELSE -${column} END)`;
/** The sums of a SalesFact over sale lines `l` of documents `s` (returns subtract). */
const LINE_SUMS = `${perUnit('l."unit"', 'l."quantityMilli"', signed)},
  ${signed('l."amount"')} AS "sales", ${signed('l."taxAmount"')} AS "tax", ${signed('l."costAmount"')} AS "cost", ${signed('l."discountAmount"')} AS "discount",
  COUNT(DISTINCT CASE WHEN s."kind" = 'sale' THEN s."id" END) AS "receipts"`;

/** Conditions on goods lines `l` of documents `s` (with product `p`) in the filter's period. */
function where(filter: SalesFilter): { sql: string; params: Record<string, unknown> } {
  const conditions = [`s."createdAt" >= @from`, `s."createdAt" < @to`, `l."kind" = 'goods'`];
  const params: Record<string, unknown> = { from: sqliteTimestamp(filter.from), to: sqliteTimestamp(filter.to) };
  for (const [field, column] of [['registerId', 's."registerId"'], ['cashierId', 's."cashierId"'], ['categoryId', 'p."categoryId"']] as const) {
    if (filter[field]) {
      conditions.push(`${column} = @${field}`);
      params[field] = filter[field];
    }
  }
  return { sql: conditions.join(' AND '), params };
}

/** Whether a filter needs the documents (who sold, where) rather than the daily sums. */
const needsDocuments = (filter: SalesFilter) => !!(filter.registerId || filter.cashierId);

/** Conditions on the daily sums `d` (with product `p`) over local days. */
function daysWhere(outletId: string, days: { from: string; to: string }, filter: SalesFilter) {
  const params: Record<string, unknown> = { outletId, from: days.from, to: days.to };
  let category = '';
  if (filter.categoryId) {
    category = `AND p."categoryId" = @categoryId`;
    params.categoryId = filter.categoryId;
  }
  return { category, params };
}

/**
 * Net sales (sales minus returns) of goods per product over whole local days, from the daily sums
 * kept with every sale (a million lines in well under a second, bench/). Gift cards and deposits
 * are not sales (the money is the customer's until spent or collected) and are never in them. A
 * register or cashier filter needs the documents, and takes the slower way through them.
 */
export function productFacts(sql: Database.Database, outletId: string, days: { from: string; to: string }, filter: SalesFilter): ProductFact[] {
  if (needsDocuments(filter)) return documentFacts(sql, filter, 'product') as ProductFact[];
  const { category, params } = daysWhere(outletId, days, filter);
  // Sum the days first, then look up each product once (CROSS JOIN keeps that order: left to
  // itself SQLite may walk a large catalogue and search each product's days).
  return statement(
    sql,
    `SELECT d."key", p."name" AS "label", p."categoryId", p."parentId",
            ${perUnit('p."unit"', 'd."quantityMilli"', (column) => column)},
            d."sales", d."tax", d."cost", d."discount", d."receipts"
     FROM (SELECT "productId" AS "key", SUM("quantityMilli") AS "quantityMilli", SUM("revenue") AS "sales", SUM("tax") AS "tax", SUM("cost") AS "cost",
                  SUM("discount") AS "discount", SUM("lines") AS "receipts"
           FROM "ProductSalesDay" WHERE "outletId" = @outletId AND "day" >= @from AND "day" <= @to GROUP BY "productId") d
     CROSS JOIN "Product" p ON p."id" = d."key"
     WHERE 1 = 1 ${category}`,
  )
    .all(params)
    .map((row) => withQuantities<ProductFact>(row));
}

/** Net sales of goods per local day (receipts counted per day from the documents). */
export function dayFacts(sql: Database.Database, outletId: string, zone: string, days: { from: string; to: string }, filter: SalesFilter): SalesFact[] {
  const receipts = new Map<string, number>();
  for (const at of goodsReceiptTimes(sql, filter)) {
    const day = localTimeIn(zone, new Date(at)).slice(0, 10);
    receipts.set(day, (receipts.get(day) ?? 0) + 1);
  }
  let facts: SalesFact[];
  if (needsDocuments(filter)) {
    // Per document, then into the outlet's local days (SQLite knows no time zones).
    const byDay = new Map<string, SalesFact>();
    for (const d of documentSums(sql, filter)) {
      const day = localTimeIn(zone, new Date(d.createdAt)).slice(0, 10);
      byDay.set(day, addFact(byDay.get(day) ?? emptyFact(day, day), { ...d, receipts: 0 }));
    }
    facts = [...byDay.values()];
  } else {
    const { category, params } = daysWhere(outletId, days, filter);
    facts = statement(
      sql,
      `SELECT d."day" AS "key", d."day" AS "label", ${perUnit('p."unit"', 'd."quantityMilli"', (column) => `SUM(${column})`)}, SUM(d."revenue") AS "sales", SUM(d."tax") AS "tax",
              SUM(d."cost") AS "cost", SUM(d."discount") AS "discount", 0 AS "receipts"
       FROM "ProductSalesDay" d JOIN "Product" p ON p."id" = d."productId"
       WHERE d."outletId" = @outletId AND d."day" >= @from AND d."day" <= @to ${category}
       GROUP BY d."day"`,
    )
      .all(params)
      .map((row) => withQuantities<SalesFact>(row));
  }
  return facts.map((f) => ({ ...f, receipts: receipts.get(f.key) ?? 0 })).sort((a, b) => a.key.localeCompare(b.key));
}

/** VAT by rate of the goods sold in the period (returns subtract). */
export function salesByRate(sql: Database.Database, outletId: string, days: { from: string; to: string }, filter: SalesFilter): { rateBp: number; sales: number; tax: number }[] {
  if (needsDocuments(filter)) {
    const { sql: condition, params } = where(filter);
    return statement(
      sql,
      `SELECT l."taxRateBp" AS "rateBp", ${signed('l."amount"')} AS "sales", ${signed('l."taxAmount"')} AS "tax"
       FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId" WHERE ${condition} GROUP BY l."taxRateBp"`,
    ).all(params) as { rateBp: number; sales: number; tax: number }[];
  }
  const { category, params } = daysWhere(outletId, days, filter);
  return statement(
    sql,
    `SELECT d."taxRateBp" AS "rateBp", SUM(d."revenue") AS "sales", SUM(d."tax") AS "tax"
     FROM "ProductSalesDay" d JOIN "Product" p ON p."id" = d."productId"
     WHERE d."outletId" = @outletId AND d."day" >= @from AND d."day" <= @to ${category} GROUP BY d."taxRateBp"`,
  ).all(params) as { rateBp: number; sales: number; tax: number }[];
}

/** The names of products with variants, which a report by product shows their variants under. */
export function familyNames(sql: Database.Database): Map<string, string> {
  const rows = statement(sql, `SELECT "id", "name" FROM "Product" WHERE "kind" = 'family'`).all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function categoryNames(sql: Database.Database): Map<string, string> {
  const rows = statement(sql, `SELECT "id", "name" FROM "Category"`).all() as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * When each receipt with goods on it was made: a receipt that only took a deposit or sold a gift
 * card is money held for the customer, not a sale, and is no receipt here.
 */
export function goodsReceiptTimes(sql: Database.Database, filter: SalesFilter): string[] {
  const { sql: condition, params } = where(filter);
  return (
    statement(
      sql,
      `SELECT s."createdAt" FROM "Sale" s WHERE s."kind" = 'sale' AND s."createdAt" >= @from AND s."createdAt" < @to
         AND EXISTS (SELECT 1 FROM "SaleLine" l JOIN "Product" p ON p."id" = l."productId" WHERE l."saleId" = s."id" AND ${condition})`,
    ).all(params) as { createdAt: string }[]
  ).map((r) => r.createdAt);
}

/** Net sales of goods per cashier, customer, register or product (the way through the documents). */
export function documentFacts(sql: Database.Database, filter: SalesFilter, group: DocumentGroup): ProductFact[] {
  const { sql: condition, params } = where(filter);
  const { key, label } = KEY[group];
  return statement(
    sql,
    `SELECT ${key} AS "key", ${label} AS "label", ${group === 'product' ? 'MAX(p."categoryId")' : 'NULL'} AS "categoryId", ${group === 'product' ? 'MAX(p."parentId")' : 'NULL'} AS "parentId", ${LINE_SUMS}
     FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId"
     LEFT JOIN "User" u ON u."id" = s."cashierId" LEFT JOIN "Customer" cu ON cu."id" = s."customerId" LEFT JOIN "Register" r ON r."id" = s."registerId"
     WHERE ${condition}
     GROUP BY ${key}`,
  )
    .all(params)
    .map((row) => withQuantities<ProductFact>(row));
}

/** Net sales of goods per customer, walk-in sales left out: what the margin report by customer and the CRM's figures take. */
export function customerFacts(sql: Database.Database, filter: SalesFilter): ProductFact[] {
  return documentFacts(sql, filter, 'customer').filter((f) => f.key !== WALK_IN);
}

/** Each document's time and its goods' sums (signed), for figures by hour or by day. */
export function documentSums(sql: Database.Database, filter: SalesFilter): (Omit<SalesFact, 'key' | 'label'> & { createdAt: string })[] {
  const { sql: condition, params } = where(filter);
  return statement(
    sql,
    `SELECT s."createdAt", ${LINE_SUMS} FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId" WHERE ${condition} GROUP BY s."id"`,
  )
    .all(params)
    .map((row) => withQuantities<Omit<SalesFact, 'key' | 'label'> & { createdAt: string }>(row));
}

/** Pre-order deposits taken and refunded (their receipts' lines), and used to pay collected orders (the deposit tender). */
export function depositFigures(sql: Database.Database, filter: SalesFilter): DepositFigures {
  const period = { from: sqliteTimestamp(filter.from), to: sqliteTimestamp(filter.to) };
  const lines = statement(
    sql,
    `SELECT COALESCE(SUM(CASE s."kind" WHEN 'sale' THEN l."amount" END), 0) AS "taken", COALESCE(SUM(CASE s."kind" WHEN 'return' THEN l."amount" END), 0) AS "refunded"
     FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" WHERE l."kind" = 'deposit' AND s."createdAt" >= @from AND s."createdAt" < @to`,
  ).get(period) as { taken: number; refunded: number };
  const used = statement(
    sql,
    `SELECT COALESCE(SUM(CASE s."kind" WHEN 'sale' THEN y."amount" ELSE -y."amount" END), 0) AS "used"
     FROM "Sale" s JOIN "Payment" y ON y."saleId" = s."id" WHERE y."method" = 'deposit' AND s."createdAt" >= @from AND s."createdAt" < @to`,
  ).get(period) as { used: number };
  return { ...lines, used: used.used };
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
