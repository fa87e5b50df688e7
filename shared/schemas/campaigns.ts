import { z } from 'zod';
import { IdSchema } from './common.ts';

export const CampaignFilterSchema = z.object({
  /** Customers whose birthday is today or within the coming week (outlet time). */
  birthday: z.enum(['today', 'week']).optional(),
  categoryCode: z.string().trim().max(40).optional(),
  /** Customers who have not bought anything for this many days (lapsed). */
  lapsedDays: z.number().int().min(1).max(3650).optional(),
});

export const CreateCampaignSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    channel: z.enum(['email', 'sms']),
    subject: z.string().trim().max(200).default(''),
    /** Placeholders: {{name}}, {{firstName}}, {{card}}, {{unsubscribe}}. */
    template: z.string().trim().min(1).max(5000),
    filter: CampaignFilterSchema.default({}),
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
  items: z.array(z.object({ customerId: IdSchema, address: z.string(), status: z.string(), error: z.string().nullable(), sentAt: z.string().nullable() })),
});

export const BirthdayQuerySchema = z.object({ range: z.enum(['today', 'week']).default('today') });
