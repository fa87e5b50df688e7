import type Database from 'better-sqlite3';
import type { TableReport } from '../../shared/schemas/reports.ts';
import { DISCOUNT_SOURCES } from '../../shared/schemas/pricing.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { categoryPreferences } from './preferences.ts';

/** Customers with at least this many receipts in the period count as regulars. */
export const REGULAR_RECEIPTS = 3;

type Period = { from: Date; to: Date };
const stamps = (p: Period) => ({ from: sqliteTimestamp(p.from), to: sqliteTimestamp(p.to) });

/**
 * Discounts given on sales in the period by source and, within one, by rule (a manual discount
 * by the cashier's reason, a customer's own category or personal rate together), with the loyalty
 * points customers paid with beside them.
 */
export function discountsBySource(sql: Database.Database, outletId: string, period: Period): TableReport {
  const given = statement(
    sql,
    `SELECT d."source",
       CASE WHEN d."source" = 'manual' THEN d."reason" WHEN d."ruleId" IS NOT NULL THEN COALESCE(MAX(r."name"), d."ruleId")
            WHEN d."source" = 'personal' THEN 'Personal discounts' ELSE 'Customer category rates' END AS "rule",
       COUNT(DISTINCT d."saleId") AS "receipts", SUM(d."amount") AS "amount"
     FROM "SaleDiscount" d JOIN "Sale" s ON s."id" = d."saleId" LEFT JOIN "DiscountRule" r ON r."id" = d."ruleId"
     WHERE s."outletId" = @outletId AND s."kind" = 'sale' AND s."createdAt" >= @from AND s."createdAt" < @to
     GROUP BY d."source", CASE WHEN d."source" = 'manual' THEN d."reason" ELSE d."ruleId" END`,
  ).all({ outletId, ...stamps(period) }) as Record<string, string | number>[];
  const points = statement(
    sql,
    `SELECT 'points' AS "source", 'Paid with points' AS "rule", COUNT(DISTINCT s."id") AS "receipts", SUM(y."amount") AS "amount"
     FROM "Payment" y JOIN "Sale" s ON s."id" = y."saleId"
     WHERE s."outletId" = @outletId AND s."kind" = 'sale' AND y."method" = 'points' AND s."createdAt" >= @from AND s."createdAt" < @to
     HAVING COUNT(*) > 0`,
  ).all({ outletId, ...stamps(period) }) as Record<string, string | number>[];
  const order = new Map(DISCOUNT_SOURCES.map((source, i) => [source as string, i]));
  const rows = [...given, ...points].sort((a, b) => order.get(String(a.source))! - order.get(String(b.source))! || Number(b.amount) - Number(a.amount));
  return {
    title: 'Discounts given by source',
    columns: [
      { key: 'source', label: 'Source', type: 'text' },
      { key: 'rule', label: 'Rule', type: 'text' },
      { key: 'receipts', label: 'Receipts', type: 'count' },
      { key: 'amount', label: 'Discount', type: 'money' },
    ],
    rows,
  };
}

/**
 * Stock on hand per category, valued at average cost and at the selling price (stock below zero
 * counts as none); its quantity only where the category's goods are all of one unit.
 */
export function stockValuation(sql: Database.Database, outletId: string): TableReport {
  const rows = statement(
    sql,
    `SELECT COALESCE(c."name", 'No category') AS "category", COUNT(*) AS "products",
       CASE WHEN COUNT(DISTINCT p."unit") = 1 THEN SUM(MAX(b."quantityMilli", 0)) END AS "quantityMilli",
       CASE WHEN COUNT(DISTINCT p."unit") = 1 THEN MIN(p."unit") END AS "unit",
       SUM(MAX(b."quantityMilli", 0) * p."cost" / 1000) AS "atCost",
       SUM(MAX(b."quantityMilli", 0) * p."price" / 1000) AS "atPrice"
     FROM "StockBalance" b JOIN "Product" p ON p."id" = b."productId" LEFT JOIN "Category" c ON c."id" = p."categoryId"
     WHERE b."outletId" = @outletId AND b."quantityMilli" > 0 AND p."kind" = 'goods'
     GROUP BY 1 ORDER BY "atCost" DESC`,
  ).all({ outletId }) as Record<string, string | number>[];
  return {
    title: 'Stock balance and valuation',
    columns: [
      { key: 'category', label: 'Category', type: 'text' },
      { key: 'products', label: 'Products in stock', type: 'count' },
      { key: 'quantityMilli', label: 'Quantity', type: 'quantity' },
      { key: 'unit', label: 'Unit', type: 'unit' },
      { key: 'atCost', label: 'Value at cost', type: 'money' },
      { key: 'atPrice', label: 'Value at price', type: 'money' },
    ],
    rows,
  };
}

/** Pre-orders taken in the period, by status: how many, their value, the deposits they hold. */
export function preOrdersByStatus(sql: Database.Database, outletId: string, period: Period): TableReport {
  const rows = statement(
    sql,
    `SELECT o."status", COUNT(*) AS "orders",
       SUM((SELECT COALESCE(SUM(l."quantityMilli" * l."unitPrice" / 1000), 0) FROM "PreOrderLine" l WHERE l."preOrderId" = o."id")) AS "value",
       SUM((SELECT COALESCE(SUM(d."amount"), 0) FROM "PreOrderDeposit" d WHERE d."preOrderId" = o."id")) AS "depositsHeld"
     FROM "PreOrder" o WHERE o."outletId" = @outletId AND o."createdAt" >= @from AND o."createdAt" < @to
     GROUP BY o."status" ORDER BY "orders" DESC`,
  ).all({ outletId, ...stamps(period) }) as Record<string, string | number>[];
  return {
    title: 'Pre-orders',
    columns: [
      { key: 'status', label: 'Status', type: 'text' },
      { key: 'orders', label: 'Orders', type: 'count' },
      { key: 'value', label: 'Value', type: 'money' },
      { key: 'depositsHeld', label: 'Deposits held', type: 'money' },
    ],
    rows,
  };
}

/**
 * What regular customers (three receipts with goods or more in the period) buy, by category: their
 * spend (what they paid, VAT included) net of returns.
 */
export function regularsCategoryPreferences(sql: Database.Database, outletId: string, period: Period): TableReport {
  const params = { outletId, min: REGULAR_RECEIPTS, ...stamps(period) };
  const regulars = `SELECT s."customerId" FROM "Sale" s WHERE s."outletId" = @outletId AND s."kind" = 'sale' AND s."customerId" IS NOT NULL
     AND s."createdAt" >= @from AND s."createdAt" < @to AND EXISTS (SELECT 1 FROM "SaleLine" g WHERE g."saleId" = s."id" AND g."kind" = 'goods')
     GROUP BY s."customerId" HAVING COUNT(*) >= @min`;
  const spends = statement(
    sql,
    `SELECT s."customerId", COALESCE(c."name", 'No category') AS "category", SUM(CASE s."kind" WHEN 'sale' THEN l."amount" ELSE -l."amount" END) AS "revenue"
     FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" JOIN "Product" p ON p."id" = l."productId" LEFT JOIN "Category" c ON c."id" = p."categoryId"
     WHERE s."customerId" IN (${regulars}) AND s."createdAt" >= @from AND s."createdAt" < @to AND l."kind" = 'goods'
     GROUP BY s."customerId", 2`,
  ).all(params) as { customerId: string; category: string; revenue: number }[];
  const count = (statement(sql, `SELECT COUNT(*) AS "n" FROM (${regulars})`).get(params) as { n: number }).n;
  return {
    title: `Category preferences of regular customers (${count} with ${REGULAR_RECEIPTS}+ receipts)`,
    columns: [
      { key: 'category', label: 'Category', type: 'text' },
      { key: 'customers', label: 'Regulars buying', type: 'count' },
      { key: 'reachBp', label: 'Of all regulars %', type: 'percent' },
      { key: 'revenue', label: 'Their spend (with VAT)', type: 'money' },
      { key: 'shareBp', label: 'Share of their spend %', type: 'percent' },
    ],
    rows: categoryPreferences(spends, count) as unknown as Record<string, string | number>[],
  };
}

/** A table report as rows of plain values for CSV and XLSX (money in major units, quantities in units, percentages). */
export function exportRows(report: TableReport, digits: number): (string | number)[][] {
  const scale = 10 ** digits;
  const value = (v: string | number | null, type: string) =>
    v === null ? '' : typeof v === 'string' ? v : type === 'money' ? v / scale : type === 'quantity' ? v / 1000 : type === 'percent' ? v / 100 : v;
  return [report.columns.map((c) => c.label), ...report.rows.map((r) => report.columns.map((c) => value(r[c.key] ?? null, c.type)))];
}
