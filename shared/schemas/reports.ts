import { z } from 'zod';
import { DaySchema, IdSchema } from './common.ts';

const SalesReportFieldsSchema = z.object({
  /** Local days, inclusive, in the outlet's time zone. */
  from: DaySchema,
  to: DaySchema,
  groupBy: z.enum(['product', 'category', 'cashier', 'customer', 'register']).default('product'),
  registerId: IdSchema.optional(),
  cashierId: IdSchema.optional(),
  categoryId: IdSchema.optional(),
  /** Top rows by revenue, or by gross profit (e.g. top customers by margin). */
  sortBy: z.enum(['revenue', 'grossProfit']).default('revenue'),
  limit: z.coerce.number().int().min(1).max(100_000).default(500),
});
const period = (q: { from: string; to: string }) => q.from <= q.to;
export const SalesReportQuerySchema = SalesReportFieldsSchema.refine(period, { path: ['to'], message: 'must not be before from' });
export type SalesReportQuery = z.infer<typeof SalesReportQuerySchema>;
export const SalesReportExportQuerySchema = SalesReportFieldsSchema.omit({ limit: true })
  .extend({ format: z.enum(['csv', 'xlsx']).default('csv') })
  .refine(period, { path: ['to'], message: 'must not be before from' });

const RowSchema = z.object({
  key: z.string(),
  label: z.string(),
  quantityMilli: z.number().int(),
  revenue: z.number().int(),
  cost: z.number().int(),
  discount: z.number().int(),
  receipts: z.number().int(),
  grossProfit: z.number().int(),
  marginBp: z.number().int().nullable(),
  shareBp: z.number().int(),
});
export const SalesReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.string(),
  rows: z.array(RowSchema),
  /** Rows in the report before the limit. */
  rowCount: z.number().int(),
  totals: RowSchema.omit({ key: true, label: true, shareBp: true }),
});

export const SlowMoversQuerySchema = z.object({ from: DaySchema, to: DaySchema, limit: z.coerce.number().int().min(1).max(200).default(20) });
/** Goods on hand that sold least in a period (nothing first), by stock value. */
export const SlowMoversSchema = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string(), onHandMilli: z.number().int(), stockValue: z.number().int(), soldMilli: z.number().int() })),
});
export type SalesReport = z.infer<typeof SalesReportSchema>;

export const DashboardQuerySchema = z.object({ period: z.enum(['today', 'week', 'month']).default('today') });
const PeriodSchema = z.object({ revenue: z.number().int(), receipts: z.number().int(), averageReceipt: z.number().int(), grossProfit: z.number().int(), marginBp: z.number().int().nullable() });
export const DashboardSchema = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  current: PeriodSchema,
  previous: PeriodSchema,
  /** Change against the previous period, basis points. */
  change: z.object({ revenue: z.number().int().nullable(), receipts: z.number().int().nullable(), averageReceipt: z.number().int().nullable(), grossProfit: z.number().int().nullable() }),
  byHour: z.array(z.number().int()).length(24),
  topProducts: z.array(RowSchema),
  lowStock: z.number().int(),
  /** Pre-orders not collected or cancelled yet, and how many of them have arrived. */
  preOrders: z.object({ open: z.number().int(), arrived: z.number().int(), depositsHeld: z.number().int() }),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
export type SlowMovers = z.infer<typeof SlowMoversSchema>;

export const ShiftHistoryQuerySchema = z
  .object({ from: DaySchema, to: DaySchema, format: z.enum(['json', 'csv', 'xlsx']).default('json') })
  .refine(period, { path: ['to'], message: 'must not be before from' });
/** Who and where the report filters can choose from. */
export const ReportFiltersSchema = z.object({ registers: z.array(z.object({ id: IdSchema, code: z.string() })), cashiers: z.array(z.object({ id: IdSchema, name: z.string() })) });
export const ShiftHistorySchema = z.object({
  rows: z.array(
    z.object({
      id: IdSchema,
      register: z.string(),
      number: z.number().int(),
      openedAt: z.string(),
      closedAt: z.string(),
      closedBy: z.string(),
      salesTotal: z.number().int(),
      returnsTotal: z.number().int(),
      expectedCash: z.number().int(),
      countedCash: z.number().int(),
      difference: z.number().int(),
    }),
  ),
  totals: z.object({ salesTotal: z.number().int(), returnsTotal: z.number().int(), difference: z.number().int(), short: z.number().int() }),
});
export type ShiftHistory = z.infer<typeof ShiftHistorySchema>;

export const AuditQuerySchema = z.object({
  action: z.string().trim().max(60).optional(),
  userId: IdSchema.optional(),
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditListSchema = z.object({
  total: z.number().int(),
  items: z.array(z.object({ id: IdSchema, createdAt: z.string(), action: z.string(), user: z.string().nullable(), approvedBy: z.string().nullable(), entityType: z.string().nullable(), entityId: z.string().nullable(), details: z.string() })),
  actions: z.array(z.string()),
  /** Names of the records the entries refer to (their entity, a product, a customer, a supplier), by id. */
  names: z.record(z.string(), z.string()),
});

/** Reports shown as a plain table: each exports like the sales report. */
export const TABLE_REPORTS = ['discounts', 'stock-valuation', 'pre-orders', 'category-preferences'] as const;
export const TableReportQuerySchema = z
  .object({ kind: z.enum(TABLE_REPORTS), from: DaySchema, to: DaySchema, format: z.enum(['json', 'csv', 'xlsx']).default('json') })
  .refine(period, { path: ['to'], message: 'must not be before from' });
export const TableColumnSchema = z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'money', 'quantity', 'count', 'percent']) });
export const TableReportSchema = z.object({
  title: z.string(),
  columns: z.array(TableColumnSchema),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});
export type TableReport = z.infer<typeof TableReportSchema>;
