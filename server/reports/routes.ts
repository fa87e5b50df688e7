import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { DashboardQuerySchema, DashboardSchema, ReportFiltersSchema, ShiftHistoryQuerySchema, ShiftHistorySchema, SlowMoversQuerySchema, SlowMoversSchema, SalesReportExportQuerySchema, SalesReportQuerySchema, SalesReportSchema, TableReportQuerySchema, TableReportSchema, type SalesReport, type SalesReportQuery } from '../../shared/schemas/reports.ts';
import { currencyDigits } from '../../shared/money.ts';
import { discountsByRule, exportRows, preOrdersByStatus, regularsCategoryPreferences, stockValuation } from './tables.ts';
import { addDays, localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { csvFile } from '../importexport/csv-file.ts';
import type { OutletInfo } from '../outlet.ts';
import { byHour, change, periodFigures, regroup, salesRows, shiftHistory, totals, type SalesFact } from './figures.ts';
import { categoryNames, documentFacts, familyNames, documentTotals, lowStockCount, openPreOrders, productFacts, receiptCount, slowMovers, type SalesFilter } from './queries.ts';

const COLUMNS = ['Name', 'Quantity', 'Revenue', 'Cost', 'Gross profit', 'Margin %', 'Share %', 'Receipts', 'Discounts'];

/** Report rows for a file: money in major units of the shop's currency, percentages, quantities in units. */
function table(report: SalesReport, digits: number): (string | number)[][] {
  const pct = (v: number | null) => (v === null ? '' : v / 100);
  const money = (minor: number) => minor / 10 ** digits;
  return report.rows.map((r) => [r.label, r.quantityMilli / 1000, money(r.revenue), money(r.cost), money(r.grossProfit), pct(r.marginBp), pct(r.shareBp), r.receipts, money(r.discount)]);
}

/** Sends rows (a header first) as a CSV or an XLSX file. */
async function sendFile(reply: FastifyReply, format: 'csv' | 'xlsx', name: string, sheetName: string, rows: (string | number)[][]) {
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
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
export const reportRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo }> = async (app, { db, outlet }) => {
  const sql = sqliteOf(db);
  const zone = outlet.view.timezone;

  const facts = (days: { from: string; to: string }, filter: SalesFilter, group: SalesReportQuery['groupBy']): SalesFact[] => {
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

  const salesReport = (q: SalesReportQuery): SalesReport => {
    const filter = { from: startOfLocalDay(zone, q.from), to: startOfLocalDay(zone, addDays(q.to, 1)), registerId: q.registerId, cashierId: q.cashierId, categoryId: q.categoryId };
    const rows = salesRows(facts(q, filter, q.groupBy));
    if (q.sortBy === 'grossProfit') rows.sort((a, b) => b.grossProfit - a.grossProfit || a.label.localeCompare(b.label));
    return {
      from: q.from,
      to: q.to,
      groupBy: q.groupBy,
      rows: rows.slice(0, q.limit),
      rowCount: rows.length,
      totals: totals(rows),
    };
  };

  app.get('/api/reports/sales', {
    config: { permission: 'backoffice' },
    schema: {
      description: 'Net sales (returns subtracted) by product, category, cashier, customer or register, with cost, gross profit and margin.',
      summary: 'Net sales by product, category, cashier, customer or register',
      operationId: 'salesReport',
      tags: ['reports'],
      querystring: SalesReportQuerySchema,
      response: { 200: SalesReportSchema },
    },
    handler: async (request) => salesReport(request.query),
  });

  app.get('/api/reports/slow-movers', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Products that sold least in a period', operationId: 'slowMovers', tags: ['reports'], querystring: SlowMoversQuerySchema, response: { 200: SlowMoversSchema } },
    handler: async (request) => {
      const { from, to, limit } = request.query;
      const sold = productFacts(sql, outlet.id, { from, to }, { from: startOfLocalDay(zone, from), to: startOfLocalDay(zone, addDays(to, 1)) });
      return { items: slowMovers(sql, outlet.id, new Map(sold.map((r) => [r.key, r.quantityMilli])), limit) };
    },
  });

  app.get('/api/reports/sales/export', {
    config: { permission: 'backoffice' },
    schema: { description: 'The sales report as a CSV or XLSX file (all rows).', summary: 'The sales report as CSV or XLSX', operationId: 'exportSalesReport', tags: ['reports'], querystring: SalesReportExportQuerySchema, produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
    handler: async (request, reply) => {
      const { format, ...q } = request.query;
      const report = salesReport({ ...q, limit: 100_000 });
      return sendFile(reply, format, `sales-by-${q.groupBy}-${q.from}-${q.to}`, `By ${q.groupBy}`, [COLUMNS, ...table(report, currencyDigits(outlet.view.currency))]);
    },
  });

  app.get('/api/reports/table', {
    config: { permission: 'backoffice' },
    schema: {
      description: 'Discounts given by rule, stock balance and valuation, pre-orders, or the category preferences of regular customers; as JSON, CSV or XLSX.',
      summary: "Discounts by rule, stock valuation, pre-orders or regulars' preferences",
      operationId: 'tableReport',
      tags: ['reports'],
      querystring: TableReportQuerySchema,
      response: { 200: TableReportSchema.or(z.any()) },
    },
    handler: async (request, reply) => {
      const { kind, from, to, format } = request.query;
      const period = { from: startOfLocalDay(zone, from), to: startOfLocalDay(zone, addDays(to, 1)) };
      const report =
        kind === 'discounts' ? discountsByRule(sql, outlet.id, period)
        : kind === 'stock-valuation' ? stockValuation(sql, outlet.id)
        : kind === 'pre-orders' ? preOrdersByStatus(sql, outlet.id, period)
        : regularsCategoryPreferences(sql, outlet.id, period);
      if (format === 'json') return report;
      return sendFile(reply, format, `${kind}-${from}-${to}`, report.title, exportRows(report, currencyDigits(outlet.view.currency)));
    },
  });

  app.get('/api/reports/shifts', {
    config: { permission: 'backoffice' },
    schema: { description: 'Closed shifts (X/Z history) with counted and expected cash; as JSON, CSV or XLSX.', summary: 'Closed shifts with counted and expected cash', operationId: 'shiftHistory', tags: ['reports'], querystring: ShiftHistoryQuerySchema, response: { 200: ShiftHistorySchema.or(z.any()) } },
    handler: async (request, reply) => {
      const { from, to, format } = request.query;
      const shifts = await db.shift.findMany({
        where: { outletId: outlet.id, closedAt: { gte: startOfLocalDay(zone, from), lt: startOfLocalDay(zone, addDays(to, 1)) } },
        orderBy: { closedAt: 'desc' },
        include: { register: { select: { code: true } } },
      });
      const users = await db.user.findMany({ where: { id: { in: shifts.map((s) => s.closedById ?? '') } }, select: { id: true, name: true } });
      const history = shiftHistory(
        shifts.map((s) => {
          const z = JSON.parse(s.zReport ?? '{}') as { salesTotal?: number; returnsTotal?: number };
          return {
            id: s.id,
            register: s.register.code,
            number: s.number,
            openedAt: s.openedAt.toISOString(),
            closedAt: s.closedAt!.toISOString(),
            closedBy: users.find((u) => u.id === s.closedById)?.name ?? '?',
            salesTotal: z.salesTotal ?? 0,
            returnsTotal: z.returnsTotal ?? 0,
            expectedCash: s.expectedCash ?? 0,
            countedCash: s.countedCash ?? 0,
          };
        }),
      );
      if (format === 'json') return history;
      const scale = 10 ** currencyDigits(outlet.view.currency);
      const rows = history.rows.map((r) => [r.register, r.number, r.openedAt, r.closedAt, r.closedBy, r.salesTotal / scale, r.returnsTotal / scale, r.expectedCash / scale, r.countedCash / scale, r.difference / scale]);
      return sendFile(reply, format, `shifts-${from}-${to}`, 'Shifts', [['Register', 'Shift', 'Opened', 'Closed', 'Closed by', 'Sales', 'Returns', 'Expected cash', 'Counted cash', 'Difference'], ...rows]);
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
    schema: { summary: "Today's, this week's or this month's headline figures against the period before", operationId: 'dashboard', tags: ['reports'], querystring: DashboardQuerySchema, response: { 200: DashboardSchema } },
    handler: async (request) => {
      const days = { today: 1, week: 7, month: 30 }[request.query.period];
      const today = localTimeIn(zone).slice(0, 10);
      const firstDay = addDays(today, 1 - days);
      const current = { from: startOfLocalDay(zone, firstDay), to: startOfLocalDay(zone, addDays(today, 1)) };
      const previous = { from: startOfLocalDay(zone, addDays(firstDay, -days)), to: current.from };
      const byProduct = productFacts(sql, outlet.id, { from: firstDay, to: today }, current);
      const headline = (filter: SalesFilter, products: SalesFact[]) => {
        const sum = totals(products);
        return periodFigures(sum.revenue, sum.cost, receiptCount(sql, filter));
      };
      const now = headline(current, byProduct);
      const before = headline(previous, productFacts(sql, outlet.id, { from: addDays(firstDay, -days), to: addDays(firstDay, -1) }, previous));
      const hours = byHour(documentTotals(sql, current).map((d) => ({ localHour: Number(localTimeIn(zone, new Date(d.createdAt)).slice(11, 13)), total: d.total })));
      return {
        period: request.query.period,
        from: firstDay,
        to: today,
        current: now,
        previous: before,
        change: {
          revenue: change(now.revenue, before.revenue),
          receipts: change(now.receipts, before.receipts),
          averageReceipt: change(now.averageReceipt, before.averageReceipt),
          grossProfit: change(now.grossProfit, before.grossProfit),
        },
        byHour: hours,
        topProducts: salesRows(byProduct).slice(0, 5),
        lowStock: lowStockCount(sql, outlet.id),
        preOrders: openPreOrders(sql, outlet.id),
      };
    },
  });
};
