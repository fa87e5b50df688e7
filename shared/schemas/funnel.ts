import { z } from 'zod';
import { DaySchema, IdSchema } from './common.ts';

/** A stage of the funnel as the owner defines it; the list's order is the funnel's. */
export const CustomerStatusSchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(60),
  /** The type of customer this stage makes them ("lead", "client"…), the owner's word. */
  customerType: z.string().trim().min(1).max(40),
  /** A customer without a status may be given only an initial one. */
  initial: z.boolean().default(false),
});
export type CustomerStatus = z.infer<typeof CustomerStatusSchema>;

export const StatusMoveSchema = z.object({ fromId: IdSchema, toId: IdSchema });
export type StatusMove = z.infer<typeof StatusMoveSchema>;

/** The whole funnel: its stages in order and the moves allowed between them. */
export const FunnelDefinitionSchema = z.object({
  statuses: z.array(CustomerStatusSchema).max(30),
  moves: z.array(StatusMoveSchema).max(900),
});
export type FunnelDefinition = z.infer<typeof FunnelDefinitionSchema>;

/** The funnel as an outlet shows it: in a chain head office keeps it, and the outlet changes none of it. */
export const FunnelViewSchema = FunnelDefinitionSchema.extend({ ownedByHeadOffice: z.boolean() });
export type FunnelView = z.infer<typeof FunnelViewSchema>;

/** Moves a customer to a status. */
export const StatusMoveInputSchema = z.object({ statusId: IdSchema });

export const StatusChangeViewSchema = z.object({
  id: IdSchema,
  fromId: IdSchema.nullable(),
  toId: IdSchema,
  userId: IdSchema,
  userName: z.string(),
  at: z.iso.datetime(),
});
export type StatusChangeView = z.infer<typeof StatusChangeViewSchema>;

/** A customer's status now, the statuses they may move to, and every move they made. */
export const CustomerStatusViewSchema = z.object({
  statusId: IdSchema.nullable(),
  since: z.iso.datetime().nullable(),
  allowed: z.array(IdSchema),
  history: z.array(StatusChangeViewSchema),
});
export type CustomerStatusView = z.infer<typeof CustomerStatusViewSchema>;

export const FunnelQuerySchema = z.object({
  from: DaySchema,
  to: DaySchema,
  /** Only this manager's customers. */
  managerId: IdSchema.optional(),
});
export type FunnelQuery = z.infer<typeof FunnelQuerySchema>;

export const FunnelStageSchema = z.object({
  statusId: IdSchema,
  name: z.string(),
  customerType: z.string(),
  /** Customers in the stage at the period's end. */
  count: z.number().int(),
  /** Customers who entered the stage in the period. */
  entered: z.number().int(),
  /** Stays in the stage that ended in the period (the customer moved on), and their median and mean length in seconds. */
  stays: z.number().int(),
  medianSeconds: z.number().nullable(),
  meanSeconds: z.number().nullable(),
  /** Sales in the period to the customers counted in the stage (VAT included, returns subtracted), minor units. */
  sales: z.number().int(),
  /** Revenue less the cost of the goods sold; null where those sales carry no cost. */
  grossProfit: z.number().int().nullable(),
});
export type FunnelStage = z.infer<typeof FunnelStageSchema>;

/** Of the customers who entered `fromId` in the period, how many moved on from it to `toId` next (by the period's end). */
export const FunnelConversionSchema = z.object({
  fromId: IdSchema,
  toId: IdSchema,
  entered: z.number().int(),
  converted: z.number().int(),
  /** converted / entered in basis points; null when nobody entered. */
  rateBp: z.number().int().nullable(),
});
export type FunnelConversion = z.infer<typeof FunnelConversionSchema>;

export const FunnelReportSchema = z.object({
  from: DaySchema,
  to: DaySchema,
  managerId: IdSchema.nullable(),
  stages: z.array(FunnelStageSchema),
  conversions: z.array(FunnelConversionSchema),
});
export type FunnelReport = z.infer<typeof FunnelReportSchema>;
