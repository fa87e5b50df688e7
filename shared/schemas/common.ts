import { z } from 'zod';

export const IdSchema = z.uuid();
/** Integer minor units (cents). */
export const MoneySchema = z.number().int().min(-1e12).max(1e12);
export const NonNegativeMoneySchema = MoneySchema.min(0);
export const PositiveMoneySchema = MoneySchema.min(1);
/** Thousandths of a unit: 1000 = one piece or one kg. */
export const QuantityMilliSchema = z.number().int().positive().max(1e9);
export const BasisPointsSchema = z.number().int().min(0).max(10_000);

export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });
export const IdParamsSchema = z.object({ id: IdSchema });
