import { z } from 'zod';
import { DaySchema, IdSchema, UnitSchema } from './common.ts';

/** What the sales report groups by; `day` is the outlet's local calendar day. */
export const SALES_GROUPS = ['product', 'variant', 'category', 'day', 'cashier', 'customer', 'register'] as const;
export type SalesGroup = (typeof SALES_GROUPS)[number];

/**
 * How revenue is reported: `net` of VAT (VAT apart) for a VAT-registered shop, `gross` (what
 * customers paid) for one that is not.
 */
export const RevenueBasisSchema = z.enum(['net', 'gross']);
export type RevenueBasis = z.infer<typeof RevenueBasisSchema>;

const SalesReportFieldsSchema = z.object({
  /** Local days, inclusive, in the outlet's time zone. */
  from: DaySchema,
  to: DaySchema,
  /** product: a product with variants as one row; variant: each variant (and product) on its own. */
  groupBy: z.enum(SALES_GROUPS).default('product'),
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

const TotalsSchema = z.object({
  /** Quantity sold, in `unit`; null where the group sold goods of several units (pieces and litres never add up). */
  quantityMilli: z.number().int().nullable(),
  unit: UnitSchema.nullable(),
  /** What customers paid for the goods, VAT included (returns subtracted), minor units. */
  sales: z.number().int(),
  /** The VAT inside `sales`, as each line was sold. */
  tax: z.number().int(),
  /** Revenue on the report's basis: sales − VAT when `net`, sales when `gross`. */
  revenue: z.number().int(),
  /** Cost of the goods sold, net of recoverable VAT, as it was when they were sold. */
  cost: z.number().int(),
  /** revenue − cost */
  grossProfit: z.number().int(),
  /** Gross profit as basis points of revenue; null without revenue. */
  marginBp: z.number().int().nullable(),
  discount: z.number().int(),
  /** Receipts with the group's goods on them (for categories and days: summed over their products). */
  receipts: z.number().int(),
});
export type SalesTotals = z.infer<typeof TotalsSchema>;
const RowSchema = TotalsSchema.extend({
  key: z.string(),
  label: z.string(),
  /** Share of the period's revenue (walk-in sales included), basis points. */
  shareBp: z.number().int(),
});
export type SalesRow = z.infer<typeof RowSchema>;
export const TaxRowSchema = z.object({ rateBp: z.number().int(), net: z.number().int(), tax: z.number().int(), gross: z.number().int() });
export type TaxRow = z.infer<typeof TaxRowSchema>;
export const SalesReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: z.enum(SALES_GROUPS),
  basis: RevenueBasisSchema,
  /** The outlet's time zone: the days are its local days. */
  timeZone: z.string(),
  rows: z.array(RowSchema),
  /** Rows in the report before the limit. */
  rowCount: z.number().int(),
  /** Everything the report covers (walk-in sales included). */
  totals: TotalsSchema,
  /** VAT by rate over the whole report. */
  taxes: z.array(TaxRowSchema),
  /** By customer: sales to no customer, apart from the customers (null for other groups). */
  walkIn: RowSchema.nullable(),
});

export const SlowMoversQuerySchema = z.object({ from: DaySchema, to: DaySchema, limit: z.coerce.number().int().min(1).max(200).default(20) });
/** Goods on hand that sold least in a period (nothing first), by stock value. */
export const SlowMoversSchema = z.object({
  items: z.array(z.object({ key: z.string(), label: z.string(), onHandMilli: z.number().int(), stockValue: z.number().int(), soldMilli: z.number().int() })),
});
export type SalesReport = z.infer<typeof SalesReportSchema>;

export const DashboardQuerySchema = z.object({ period: z.enum(['today', 'week', 'month']).default('today') });
/** Money taken as pre-order deposits (held for the customer, not a sale), refunded, and used to pay collected orders. */
export const DepositFiguresSchema = z.object({ taken: z.number().int(), refunded: z.number().int(), used: z.number().int() });
export type DepositFigures = z.infer<typeof DepositFiguresSchema>;
const PeriodSchema = z.object({
  /** Goods sold, VAT included (what came into the till for goods). */
  sales: z.number().int(),
  /** On the dashboard's basis: net of VAT (what the shop earned) or, not VAT-registered, sales. */
  revenue: z.number().int(),
  tax: z.number().int(),
  /** Receipts with goods: deposit-only receipts are deposits, not receipts. */
  receipts: z.number().int(),
  /** sales ÷ receipts, VAT included */
  averageReceipt: z.number().int(),
  grossProfit: z.number().int(),
  marginBp: z.number().int().nullable(),
  deposits: DepositFiguresSchema,
});
export const DashboardSchema = z.object({
  period: z.string(),
  from: z.string(),
  to: z.string(),
  basis: RevenueBasisSchema,
  timeZone: z.string(),
  current: PeriodSchema,
  previous: PeriodSchema,
  /** Change against the previous period, basis points. */
  change: z.object({ sales: z.number().int().nullable(), revenue: z.number().int().nullable(), receipts: z.number().int().nullable(), averageReceipt: z.number().int().nullable(), grossProfit: z.number().int().nullable() }),
  /** Revenue (on the basis) per local hour. */
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
/** Closed shifts from their Z reports: who opened, who counted the cash and when, and the cash difference. */
export const ShiftHistorySchema = z.object({
  timeZone: z.string(),
  rows: z.array(
    z.object({
      id: IdSchema,
      register: z.string(),
      number: z.number().int(),
      openedAt: z.string(),
      openedBy: z.string(),
      /** When the cash was counted and the shift closed, and by whom. */
      closedAt: z.string(),
      closedBy: z.string(),
      salesTotal: z.number().int(),
      returnsTotal: z.number().int(),
      discountTotal: z.number().int(),
      depositsTaken: z.number().int(),
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
export const TableColumnSchema = z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'money', 'quantity', 'unit', 'count', 'percent']) });
export const TableReportSchema = z.object({
  title: z.string(),
  columns: z.array(TableColumnSchema),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
});
export type TableReport = z.infer<typeof TableReportSchema>;
