import { z } from 'zod';
import { IdSchema } from './common.ts';

export const PrintLabelsRequestSchema = z.object({
  productIds: z.array(IdSchema).min(1).max(500),
  copies: z.number().int().min(1).max(100).default(1),
  /** Print the prices in force at this moment (a scheduled change's, the day before it); left out: now. */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type PrintLabelsRequest = z.infer<typeof PrintLabelsRequestSchema>;

export const PrintLabelsResponseSchema = z.object({
  printJob: z.object({ id: IdSchema, status: z.string() }),
  labels: z.number().int(),
});
