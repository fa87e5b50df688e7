import { z } from 'zod';
import { CustomerFilterSchema } from './customers.ts';
import { IdSchema, LocaleSchema } from './common.ts';

/** Consent comes from the campaign's channel; customerIds: only these (a segment of the audit of the client base). */
export const CampaignFilterSchema = CustomerFilterSchema.pick({ birthday: true, categoryCode: true, lapsedDays: true, neverBought: true, kind: true }).extend({
  customerIds: z.array(IdSchema).min(1).max(10_000).optional(),
});

export const CreateCampaignSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    channel: z.enum(['email', 'sms']),
    subject: z.string().trim().max(200).default(''),
    /** Placeholders: {{name}}, {{firstName}}, {{card}}, {{unsubscribe}}. */
    template: z.string().trim().min(1).max(5000),
    filter: CampaignFilterSchema.default({}),
    /**
     * The message in other languages: a customer whose language has one gets it, the others get the
     * template (written in the outlet's language). An email's subject left empty is the main one.
     */
    translations: z
      .partialRecord(LocaleSchema, z.object({ subject: z.string().trim().max(200).default(''), template: z.string().trim().min(1).max(5000) }))
      .default({}),
  })
  .refine((c) => c.channel !== 'email' || c.subject.length > 0, { message: 'an email needs a subject', path: ['subject'] });
export type CreateCampaign = z.infer<typeof CreateCampaignSchema>;

export const CampaignViewSchema = z.object({
  id: IdSchema,
  name: z.string(),
  channel: z.string(),
  createdAt: z.string(),
  recipients: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
});
export const CampaignListSchema = z.object({ items: z.array(CampaignViewSchema) });
export const CampaignMessageListSchema = z.object({
  items: z.array(z.object({ customerId: IdSchema.nullable(), address: z.string(), status: z.string(), error: z.string().nullable(), sentAt: z.string().nullable() })),
});

export const BirthdayQuerySchema = z.object({ range: z.enum(['today', 'week']).default('today') });
