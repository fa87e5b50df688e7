import type Database from 'better-sqlite3';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { SalesFact } from './figures.ts';

export const GROUPS = ['product', 'category', 'cashier', 'customer', 'register', 'all'] as const;
export type Group = (typeof GROUPS)[number];

const KEY: Record<Group, { key: string; label: string }> = {
  product: { key: 'l."productId"', label: 'MAX(p."name")' },
  category: { key: `COALESCE(p."categoryId", '')`, label: `COALESCE(MAX(c."name"), 'No category')` },
  cashier: { key: 's."cashierId"', label: 'MAX(u."name")' },
  customer: { key: `COALESCE(s."customerId", '')`, label: `COALESCE(MAX(cu."name"), 'No customer')` },
  register: { key: 's."registerId"', label: 'MAX(r."code")' },
  all: { key: `''`, label: `'All sales'` },
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
  const conditions = [`s."createdAt" >= @from`, `s."createdAt" < @to`, `p."kind" = 'goods'`];
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
 * Net sales (sales minus returns) of goods in a period, summed per group. Gift cards sold are not
 * revenue (the money is the customer's until spent) and are left out.
 */
export function salesFacts(sql: Database.Database, filter: SalesFilter, group: Group): SalesFact[] {
  const { sql: condition, params } = where(filter);
  const { key, label } = KEY[group];
  return statement(
    sql,
    `SELECT ${key} AS "key", ${label} AS "label",
            ${signed('l."quantityMilli"')} AS "quantityMilli", ${signed('l."amount"')} AS "revenue",
            ${signed('l."costAmount"')} AS "cost", ${signed('l."discountAmount"')} AS "discount",
            COUNT(DISTINCT CASE WHEN s."kind" = 'sale' THEN s."id" END) AS "receipts"
     FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId"
     LEFT JOIN "Category" c ON c."id" = p."categoryId" LEFT JOIN "User" u ON u."id" = s."cashierId"
     LEFT JOIN "Customer" cu ON cu."id" = s."customerId" LEFT JOIN "Register" r ON r."id" = s."registerId"
     WHERE ${condition}
     GROUP BY ${key}`,
  ).all(params) as SalesFact[];
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
export function slowMovers(sql: Database.Database, outletId: string, filter: SalesFilter, limit: number) {
  const { sql: condition, params } = where(filter);
  return statement(
    sql,
    `SELECT p."id" AS "key", p."name" AS "label", b."quantityMilli" AS "onHandMilli", (b."quantityMilli" * p."cost" + 500) / 1000 AS "stockValue",
            COALESCE(sold."quantityMilli", 0) AS "soldMilli"
     FROM "StockBalance" b JOIN "Product" p ON p."id" = b."productId"
     LEFT JOIN (SELECT l."productId", ${signed('l."quantityMilli"')} AS "quantityMilli"
                FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId" WHERE ${condition} GROUP BY l."productId") sold ON sold."productId" = p."id"
     WHERE b."outletId" = @outletId AND b."quantityMilli" > 0 AND p."kind" = 'goods' AND p."active" = 1
     ORDER BY "soldMilli" ASC, "stockValue" DESC LIMIT @limit`,
  ).all({ ...params, outletId, limit }) as { key: string; label: string; onHandMilli: number; stockValue: number; soldMilli: number }[];
}

export function lowStockCount(sql: Database.Database, outletId: string): number {
  const row = statement(
    sql,
    `SELECT COUNT(*) AS "n" FROM "StockLevel" l LEFT JOIN "StockBalance" b ON b."outletId" = l."outletId" AND b."productId" = l."productId" WHERE l."outletId" = ? AND COALESCE(b."quantityMilli", 0) < l."minMilli"`,
  ).get(outletId) as { n: number };
  return row.n;
}
