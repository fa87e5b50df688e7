import { z } from 'zod';
import { LOCALE_CODES, type Locale } from '../locales.ts';

export const IdSchema = z.uuid();
/** Integer minor units (cents). */
export const MoneySchema = z.number().int().min(-1e12).max(1e12);
export const NonNegativeMoneySchema = MoneySchema.min(0);
/** A sum of many amounts (a shift's sales, a report's column): bounded only by exact integers, not like one amount. */
export const MoneySumSchema = z.number().int();
export const PositiveMoneySchema = MoneySchema.min(1);
/** Thousandths of a unit: 1000 = one piece or one kg. */
/** piece, or a measure sold in thousandths: kg (weighed goods), litre, metre. */
export const UnitSchema = z.enum(['piece', 'kg', 'l', 'm']);
export type Unit = z.infer<typeof UnitSchema>;

export const QuantityMilliSchema = z.number().int().positive().max(1e9);
export const BasisPointsSchema = z.number().int().min(0).max(10_000);
/** A calendar day that exists (no 30 February), YYYY-MM-DD, in the years a shop's dates fall in. */
export const DaySchema = z.iso.date('a day as YYYY-MM-DD').refine((day) => day >= '1900-01-01' && day <= '2999-12-31', 'a day between 1900 and 2999');
export const isCalendarDay = (day: string): boolean => DaySchema.safeParse(day).success;

/** An ISO 4217 currency the runtime knows (EUR, PLN, JPY). */
export const CurrencyCodeSchema = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code, e.g. EUR').refine((code) => Intl.supportedValuesOf('currency').includes(code), 'not a known currency');

/** One of the languages both UIs speak, as stored on a user or a customer. */
export const LocaleSchema = z.enum(LOCALE_CODES as [Locale, ...Locale[]]);

/** The one shape of every error answer. */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().describe('A stable kebab-case code (shared/error-codes.ts): invalid-input, not-permitted, no-open-shift, …'),
    message: z.string().describe('What went wrong, for a person'),
    fields: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().describe('For invalid input, the kind of problem: too_small, too_big, invalid_type, invalid_format, invalid_value, …'),
          origin: z.string().optional().describe('What is too small or too big: string, number, array, …'),
          minimum: z.number().optional(),
          maximum: z.number().optional(),
        }),
      )
      .optional()
      .describe('The fields at fault, as body.lines.0.quantityMilli, query.q or params.id'),
    requestId: z.string().describe('The id the server logged the request under'),
    details: z.record(z.string(), z.unknown()).optional().describe("Figures and names behind a refusal (the server's total, the end of a lock-out, the product), which the code's text in each language is filled from; `variant` names which of the code's texts fits"),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** An answer that is a file (CSV, XLSX) or a stream, not JSON: sent as it is; the route says its types in `produces`. */
export const FileSchema = z.any();

export const OkSchema = z.object({ ok: z.literal(true) });
export const IdParamsSchema = z.object({ id: IdSchema });

/** A query parameter that carries JSON, parsed and then checked by `schema`. */
export const jsonParameter = <T extends z.ZodType>(name: string, schema: T) =>
  z
    .string()
    .max(100_000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: `${name} must be JSON` });
        return z.NEVER;
      }
    })
    .pipe(schema);
