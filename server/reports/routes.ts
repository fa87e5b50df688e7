import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerOf } from '../auth/plugin.ts';
import type { CustomerVisibility, SeenCustomers } from '../crm/visibility.ts';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import {
  DashboardQuerySchema,
  DashboardSchema,
  ReportFiltersSchema,
  ShiftHistoryQuerySchema,
  ShiftHistorySchema,
  SlowMoversQuerySchema,
  SlowMoversSchema,
  SalesReportExportQuerySchema,
  SalesReportQuerySchema,
  SalesReportSchema,
  TableReportQuerySchema,
  TableReportSchema,
  type RevenueBasis,
  type SalesGroup,
  type SalesReport,
  type SalesReportQuery,
  type SalesTotals,
} from '../../shared/schemas/reports.ts';
import { currencyDigits } from '../../shared/money.ts';
import { discountsBySource, exportRows, preOrdersByStatus, regularsCategoryPreferences, stockValuation } from './tables.ts';
import { addDays, localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { csvFile } from '../importexport/csv-file.ts';
import type { OutletInfo } from '../outlet.ts';
import { closedShiftReports, shiftHistory, shiftHistoryRows } from '../shifts/history.ts';
import { byHour, change, movedMilli, periodFigures, regroup, revenueBasisOf, revenueOf, salesRows, taxTable, topSellers, totals, type SalesFact } from './figures.ts';
import { categoryNames, dayFacts, depositFigures, documentFacts, documentSums, familyNames, goodsReceiptTimes, lowStockCount, openPreOrders, productFacts, salesByRate, slowMovers, WALK_IN, type SalesFilter } from './queries.ts';
import attachment from 'content-disposition';

/** Report rows for a file: money in major units of the shop's currency, percentages, quantities in units. */
function table(report: SalesReport, digits: number): (string | number)[][] {
  const pct = (v: number | null) => (v === null ? '' : v / 100);
  const money = (minor: number) => minor / 10 ** digits;
  const revenue = report.basis === 'net' ? 'Net revenue (without VAT)' : 'Revenue (VAT included: not VAT-registered)';
  const header = ['Name', 'Unit', 'Quantity', 'Sales with VAT', 'VAT', revenue, 'Cost (net)', 'Gross profit', 'Margin %', 'Share %', 'Receipts', 'Discounts'];
  const row = (label: string, r: SalesTotals & { shareBp?: number }) => [label, r.unit ?? '', r.quantityMilli === null ? '' : r.quantityMilli / 1000, money(r.sales), money(r.tax), money(r.revenue), money(r.cost), money(r.grossProfit), pct(r.marginBp), r.shareBp === undefined ? '' : pct(r.shareBp), r.receipts, money(r.discount)];
  return [header, ...report.rows.map((r) => row(r.label, r)), ...(report.walkIn ? [row('Walk-in sales (no customer)', report.walkIn)] : []), row('Total', report.totals)];
}

/** Sends rows (a header first) as a CSV or an XLSX file. */
async function sendFile(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, sheetName: string, rows: (string | number)[][]) {
  reply.header('content-disposition', attachment(`${name}.${format}`));
  if (format === 'csv') {
    reply.type('text/csv; charset=utf-8');
    return csvFile(rows);
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRow(rows[0]).font = { bold: true };
  for (const row of rows.slice(1)) sheet.addRow(row);
  sheet.columns.forEach((c, i) => (c.width = i === 0 ? 40 : 14));
  reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sales, margin and stock reports for the back office; exports in CSV and XLSX. */
export const reportRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; visibility: CustomerVisibility }> = async (app, { db, outlet, visibility }) => {
  const sql = sqliteOf(db);
  const zone = outlet.view.timezone;
  // Read at each request: a change of the setting applies at once.
  const basis = (): RevenueBasis => revenueBasisOf(outlet.settings);
  const period = (from: string, to: string) => ({ from: startOfLocalDay(zone, from), to: startOfLocalDay(zone, addDays(to, 1)) });

  const facts = (days: { from: string; to: string }, filter: SalesFilter, group: SalesGroup): SalesFact[] => {
    if (group === 'day') return dayFacts(sql, outlet.id, zone, days, filter);
    if (group !== 'product' && group !== 'variant' && group !== 'category') return documentFacts(sql, filter, group);
    const byProduct = productFacts(sql, outlet.id, days, filter);
    if (group === 'variant') return byProduct;
    if (group === 'product') {
      const families = familyNames(sql);
      return regroup(byProduct, (f) => (f.parentId ? { key: f.parentId, label: families.get(f.parentId) ?? f.label } : { key: f.key, label: f.label }));
    }
    const names = categoryNames(sql);
    return regroup(byProduct, (f) => ({ key: f.categoryId ?? '', label: f.categoryId ? names.get(f.categoryId) ?? '?' : 'No category' }));
  };

  /** The report; by customer, only the customers the caller sees have rows (the totals stay the shop's). */
  const salesReport = (q: SalesReportQuery, seen: SeenCustomers): SalesReport => {
    const filter = { ...period(q.from, q.to), registerId: q.registerId, cashierId: q.cashierId, categoryId: q.categoryId };
    const all = facts(q, filter, q.groupBy);
    // Sales to no customer are walk-in sales, not a customer: apart from the ranking.
    const walkInFact = q.groupBy === 'customer' ? all.find((f) => f.key === WALK_IN) ?? null : null;
    const named = all.filter((f) => f !== walkInFact);
    const shown = q.groupBy === 'customer' ? visibility.seenAmong(seen, named.map((f) => f.key)) : null;
    const grouped = shown ? named.filter((f) => shown.has(f.key)) : named;
    const sum = totals(all, basis());
    const rows = salesRows(grouped, basis(), sum.revenue);
    if (q.sortBy === 'grossProfit') rows.sort((a, b) => b.grossProfit - a.grossProfit || a.label.localeCompare(b.label));
    if (q.groupBy === 'day') rows.sort((a, b) => a.key.localeCompare(b.key));
    return {
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      basis: basis(),
      timeZone: zone,
      rows: rows.slice(0, q.limit),
      rowCount: rows.length,
      totals: sum,
      taxes: taxTable(salesByRate(sql, outlet.id, q, filter)),
      walkIn: walkInFact ? salesRows([{ ...walkInFact, label: 'Walk-in sales' }], basis(), sum.revenue)[0] : null,
    };
  };

  app.get('/api/reports/sales', {
    config: { permission: 'backoffice' },
    schema: {
      description:
        'Net sales of goods (returns subtracted) by product, category, local day, cashier, customer or register: sales with VAT, the VAT, revenue net of VAT (or, for a shop not VAT-registered, as paid), net cost, gross profit and margin on revenue, VAT by rate, and walk-in sales apart from customers.',
      summary: 'Net sales by product, category, day, cashier, customer or register',
      operationId: 'salesReport',
      tags: ['reports'],
      querystring: SalesReportQuerySchema,
      response: { 200: SalesReportSchema },
    },
    handler: async (request) => salesReport(request.query, visibility.seenBy(callerOf(request))),
  });

  app.get('/api/reports/slow-movers', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Products that sold least in a period', operationId: 'slowMovers', tags: ['reports'], querystring: SlowMoversQuerySchema, response: { 200: SlowMoversSchema } },
    handler: async (request) => {
      const { from, to, limit } = request.query;
      const sold = productFacts(sql, outlet.id, { from, to }, period(from, to));
      return { items: slowMovers(sql, outlet.id, new Map(sold.map((r) => [r.key, movedMilli(r)])), limit) };
    },
  });

  app.get('/api/reports/sales/export', {
    config: { permission: 'backoffice' },
    schema: { description: 'The sales report as a CSV or XLSX file (all rows).', summary: 'The sales report as CSV or XLSX', operationId: 'exportSalesReport', tags: ['reports'], querystring: SalesReportExportQuerySchema, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    handler: async (request, reply) => {
      const { format, ...q } = request.query;
      const report = salesReport({ ...q, limit: 100_000 }, visibility.seenBy(callerOf(request)));
      return sendFile(reply, format, `sales-by-${q.groupBy}-${q.from}-${q.to}`, `By ${q.groupBy}`, table(report, currencyDigits(outlet.view.currency)));
    },
  });

  app.get('/api/reports/table', {
    config: { permission: 'backoffice' },
    schema: {
      description: 'Discounts given by source (manual, category, card tier, receipt total, promotion, personal, points) and rule, stock balance and valuation, pre-orders, or the category preferences of regular customers; as JSON, CSV or XLSX.',
      summary: "Discounts by source, stock valuation, pre-orders or regulars' preferences",
      operationId: 'tableReport',
      tags: ['reports'],
      querystring: TableReportQuerySchema,
      response: { 200: TableReportSchema.or(z.any()) },
    },
    handler: async (request, reply) => {
      const { kind, from, to, format } = request.query;
      const days = period(from, to);
      const report =
        kind === 'discounts' ? discountsBySource(sql, outlet.id, days)
        : kind === 'stock-valuation' ? stockValuation(sql, outlet.id)
        : kind === 'pre-orders' ? preOrdersByStatus(sql, outlet.id, days)
        : regularsCategoryPreferences(sql, outlet.id, days);
      if (format === 'json') return report;
      return sendFile(reply, format, `${kind}-${from}-${to}`, report.title, exportRows(report, currencyDigits(outlet.view.currency)));
    },
  });

  app.get('/api/reports/shifts', {
    config: { permission: 'backoffice' },
    schema: {
      description: 'Closed shifts from their Z reports: who opened, who counted the cash and when, counted and expected cash; as JSON, or as CSV or XLSX with every figure of each Z (tenders, taxes by rate, discounts by source, deposits, cash movements).',
      summary: 'Closed shifts with counted and expected cash',
      operationId: 'shiftHistory',
      tags: ['reports'],
      querystring: ShiftHistoryQuerySchema,
      response: { 200: ShiftHistorySchema.or(z.any()) },
    },
    handler: async (request, reply) => {
      const { from, to, format } = request.query;
      const reports = await closedShiftReports(db, outlet, period(from, to));
      if (format === 'json') return { timeZone: zone, ...shiftHistory(reports) };
      return sendFile(reply, format, `shifts-${from}-${to}`, 'Shifts', shiftHistoryRows(reports, currencyDigits(outlet.view.currency)));
    },
  });

  app.get('/api/reports/filters', {
    config: { permission: 'backoffice' },
    schema: { description: 'The registers and cashiers reports can be filtered by.', summary: 'Registers and cashiers to filter reports by', operationId: 'reportFilters', tags: ['reports'], response: { 200: ReportFiltersSchema } },
    handler: async () => ({
      registers: await db.register.findMany({ where: { outletId: outlet.id }, orderBy: { code: 'asc' }, select: { id: true, code: true } }),
      cashiers: await db.user.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    }),
  });

  app.get('/api/reports/dashboard', {
    config: { permission: 'backoffice' },
    schema: {
      description: "Headline figures against the period before: sales with VAT and revenue without, receipts with goods (deposits apart: taken, refunded, used), average receipt, gross profit and margin, revenue by local hour, top products, low stock and open pre-orders.",
      summary: "Today's, this week's or this month's headline figures against the period before",
      operationId: 'dashboard',
      tags: ['reports'],
      querystring: DashboardQuerySchema,
      response: { 200: DashboardSchema },
    },
    handler: async (request) => {
      const days = { today: 1, week: 7, month: 30 }[request.query.period];
      const today = localTimeIn(zone).slice(0, 10);
      const firstDay = addDays(today, 1 - days);
      const current = period(firstDay, today);
      const previous = period(addDays(firstDay, -days), addDays(firstDay, -1));
      const byProduct = productFacts(sql, outlet.id, { from: firstDay, to: today }, current);
      const headline = (filter: SalesFilter, products: SalesFact[]) => ({
        ...periodFigures(totals(products, basis()), goodsReceiptTimes(sql, filter).length, basis()),
        deposits: depositFigures(sql, filter),
      });
      const now = headline(current, byProduct);
      const before = headline(previous, productFacts(sql, outlet.id, { from: addDays(firstDay, -days), to: addDays(firstDay, -1) }, previous));
      const hours = byHour(documentSums(sql, current).map((d) => ({ localHour: Number(localTimeIn(zone, new Date(d.createdAt)).slice(11, 13)), total: revenueOf(d, basis()) })));
      return {
        period: request.query.period,
        from: firstDay,
        to: today,
        basis: basis(),
        timeZone: zone,
        current: now,
        previous: before,
        change: {
          sales: change(now.sales, before.sales),
          revenue: change(now.revenue, before.revenue),
          receipts: change(now.receipts, before.receipts),
          averageReceipt: change(now.averageReceipt, before.averageReceipt),
          grossProfit: change(now.grossProfit, before.grossProfit),
        },
        byHour: hours,
        topProducts: topSellers(salesRows(byProduct, basis()), 5),
        lowStock: lowStockCount(sql, outlet.id),
        preOrders: openPreOrders(sql, outlet.id),
      };
    },
  });
};
