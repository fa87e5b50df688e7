import { z } from 'zod';
import { DaySchema, IdSchema, MoneySchema } from './common.ts';

/** The RFM segments, named from the scores (server/crm/audit-scores.ts has the rule). */
export const RFM_SEGMENTS = ['champions', 'loyal', 'promising', 'at-risk', 'hibernating', 'lost'] as const;

/** Every list the audit of the client base makes, each one to act on. */
export const AUDIT_SEGMENTS = [
  ...RFM_SEGMENTS.map((s) => `rfm-${s}` as const),
  'abc-a',
  'abc-b',
  'abc-c',
  'off-rhythm',
  'lapsed',
  'never-bought',
  'no-phone',
  'no-email',
  'no-consent',
  'duplicates',
] as const;
export const AuditSegmentSchema = z.enum(AUDIT_SEGMENTS);
export type AuditSegment = z.infer<typeof AuditSegmentSchema>;

export const AuditQuerySchema = z
  .object({
    /** The period RFM and ABC look at, local days inclusive. */
    from: DaySchema,
    to: DaySchema,
    /** Bought before, but nothing for this many days: lapsed. */
    lapsedDays: z.coerce.number().int().min(1).max(3650).default(90),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditSummarySchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** Customers who bought in the period (those RFM and ABC score), of the caller's view. */
  buyers: z.number().int(),
  segments: z.array(z.object({ segment: AuditSegmentSchema, count: z.number().int() })),
});

export const AuditMemberSchema = z.object({
  id: IdSchema,
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  managerId: IdSchema.nullable(),
  /** RFM scores 1–5 (null for customers who did not buy in the period). */
  recency: z.number().int().nullable(),
  frequency: z.number().int().nullable(),
  monetary: z.number().int().nullable(),
  rfm: z.enum(RFM_SEGMENTS).nullable(),
  abc: z.enum(['A', 'B', 'C']).nullable(),
  /** Receipts and revenue in the period, gross profit as the margin report takes it. */
  receipts: z.number().int(),
  revenue: MoneySchema,
  grossProfit: MoneySchema,
  lastPurchaseAt: z.string().nullable(),
  /** Median days between the days they bought on (customers who bought on three days or more). */
  medianIntervalDays: z.number().nullable(),
});
export type AuditMember = z.infer<typeof AuditMemberSchema>;

export const AuditSegmentQuerySchema = AuditQuerySchema.safeExtend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const AuditSegmentParamsSchema = z.object({ segment: AuditSegmentSchema });

export const AuditSegmentPageSchema = z.object({
  segment: AuditSegmentSchema,
  total: z.number().int(),
  items: z.array(AuditMemberSchema),
  /** Every member's id (up to 10,000), to act on the whole list: assign, tasks, a campaign. */
  ids: z.array(IdSchema),
});

export const MonthSchema = z.string().regex(/^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM between 1900 and 2999');
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));

export const ManagerTargetInputSchema = z.object({
  sales: MoneySchema.min(0).nullable(),
  grossProfit: MoneySchema.nullable(),
});
export const ManagerTargetParamsSchema = z.object({ managerId: IdSchema, month: MonthSchema });
export const ManagerTargetSchema = ManagerTargetInputSchema.extend({ managerId: IdSchema, month: MonthSchema });
export const ManagerTargetListSchema = z.object({ items: z.array(ManagerTargetSchema) });
export const ManagerTargetQuerySchema = z.object({ month: MonthSchema });

export const ManagerReportQuerySchema = z
  .object({ from: MonthSchema, to: MonthSchema })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => monthIndex(q.to) - monthIndex(q.from) < 120, { message: 'at most ten years', path: ['to'] });

export const ManagerReportRowSchema = z.object({
  managerId: IdSchema,
  name: z.string(),
  /** Customers they manage now. */
  customers: z.number().int(),
  /** Of them, registered in the period. */
  newCustomers: z.number().int(),
  /** Interactions they logged in the period. */
  interactions: z.number().int(),
  /** Tasks they were given and did in the period. */
  tasksDone: z.number().int(),
  /** Their customers' purchases in the period: sales with VAT, revenue, gross profit (as the margin report). */
  sales: MoneySchema,
  revenue: MoneySchema,
  grossProfit: MoneySchema,
  /** The targets of the months of the period added up (null: no target set). */
  salesTarget: MoneySchema.nullable(),
  grossProfitTarget: MoneySchema.nullable(),
});
export type ManagerReportRow = z.infer<typeof ManagerReportRowSchema>;
export const ManagerReportSchema = z.object({ from: MonthSchema, to: MonthSchema, rows: z.array(ManagerReportRowSchema) });
export type ManagerReport = z.infer<typeof ManagerReportSchema>;
