import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import escapeHtml from 'escape-html';
import { z } from 'zod';
import { BirthdayQuerySchema, CampaignListSchema, CampaignMessageListSchema, CampaignViewSchema, CreateCampaignSchema } from '../../shared/schemas/campaigns.ts';
import { ErrorEnvelopeSchema, FileSchema, IdParamsSchema, IdSchema } from '../../shared/schemas/common.ts';
import { CustomerListSchema } from '../../shared/schemas/customers.ts';
import { callerOf } from '../auth/plugin.ts';
import { writeAudit } from '../audit/service.ts';
import type { CustomerService } from '../customers/service.ts';
import type { CustomerVisibility } from '../crm/visibility.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { queueCustomerEdit, syncedFieldsOfMany } from '../customers/sync-edits.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CampaignService } from './service.ts';
import { birthdayDays } from '../customers/filter.ts';
import { validUnsubscribeToken } from './unsubscribe.ts';
import type { CampaignWorker } from './worker.ts';
import { errorResponses } from '../http/errors.ts';

export const campaignRoutes: FastifyPluginAsyncZod<{ db: Db; outlet: OutletInfo; campaigns: CampaignService; worker: CampaignWorker; customers: CustomerService; visibility: CustomerVisibility; secret: string }> = async (
  app,
  { db, outlet, campaigns, worker, customers, visibility, secret },
) => {
  app.get('/api/customers/birthdays', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Customers with a birthday today or this week', operationId: 'listBirthdays', tags: ['customers'], querystring: BirthdayQuerySchema, response: { 200: CustomerListSchema } },
    handler: async (request) => {
      const days = birthdayDays(outlet.view.timezone, request.query.range);
      const rows = await db.customer.findMany({ where: { mergedIntoId: null, birthday: { not: null } }, select: { id: true, birthday: true } });
      const candidates = rows.filter((r) => days.includes(r.birthday!.slice(5, 10))).map((r) => r.id);
      const seen = visibility.seenAmong(visibility.seenBy(callerOf(request)), candidates);
      const ids = candidates.filter((id) => seen.has(id));
      return { items: (await Promise.all(ids.map((id) => customers.byId(id)))).filter((c) => c !== null) };
    },
  });

  app.post('/api/campaigns', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Queues an e-mail or SMS campaign to the customers a filter picks', operationId: 'createCampaign', tags: ['campaigns'], body: CreateCampaignSchema, response: { 201: CampaignViewSchema, ...errorResponses(422) } },
    handler: async (request, reply) => {
      const auth = callerOf(request);
      const id = await campaigns.create(auth, visibility.seenBy(auth), request.body);
      worker.notify();
      return reply.code(201).send(await campaigns.view(id));
    },
  });

  app.get('/api/campaigns', {
    config: { permission: 'backoffice' },
    schema: { summary: 'Recent campaigns with their delivery counts', operationId: 'listCampaigns', tags: ['campaigns'], response: { 200: CampaignListSchema } },
    handler: async () => {
      const rows = await db.campaign.findMany({ orderBy: { createdAt: 'desc' }, take: 50, select: { id: true } });
      return { items: await Promise.all(rows.map((r) => campaigns.view(r.id))) };
    },
  });

  app.get('/api/campaigns/:id/messages', {
    config: { permission: 'backoffice' },
    schema: { summary: "A campaign's messages and what became of each", operationId: 'listCampaignMessages', tags: ['campaigns'], params: IdParamsSchema, response: { 200: CampaignMessageListSchema, ...errorResponses(404) } },
    handler: async (request) => {
      await campaigns.view(request.params.id);
      const all = await db.campaignMessage.findMany({ where: { campaignId: request.params.id }, orderBy: { createdAt: 'asc' } });
      const seenBy = visibility.seenBy(callerOf(request));
      const seen = visibility.seenAmong(seenBy, all.flatMap((m) => (m.customerId ? [m.customerId] : [])));
      // A receipt e-mailed to an address typed at the till has no customer: only who sees every customer sees it.
      const rows = all.filter((m) => (m.customerId ? seen.has(m.customerId) : seenBy.all));
      return { items: rows.map((m) => ({ customerId: m.customerId, address: m.address, status: m.status, error: m.error, sentAt: m.sentAt?.toISOString() ?? null })) };
    },
  });

  const UnsubscribeQuerySchema = z.object({ c: IdSchema, ch: z.enum(['email', 'sms']), t: z.string().min(10).max(100) });
  const channelName = (ch: 'email' | 'sms') => (ch === 'email' ? 'emails' : 'text messages');
  const page = (body: string) => `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(outlet.view.name)}</title>${body}`;
  const consented = async (c: string, ch: 'email' | 'sms') => {
    const customer = await db.customer.findUnique({ where: { id: c }, select: { emailConsentAt: true, smsConsentAt: true } });
    return !!customer && (ch === 'email' ? customer.emailConsentAt : customer.smsConsentAt) !== null;
  };
  const pageResponses = {
    200: FileSchema,
    400: { description: 'A link that is not valid (a page for the customer), or a query that is not (the envelope)', content: { 'text/html': { schema: z.string() }, 'application/json': { schema: ErrorEnvelopeSchema } } },
  };

  // Deliberately public: the customer follows the link from the message, signed by the outlet.
  // Opening it changes nothing (mail scanners open links): the page asks, and its button confirms.
  app.get('/api/unsubscribe', {
    config: { public: true },
    schema: { summary: 'The signed link in a message: a page asking the customer to confirm they stop getting that channel', operationId: 'unsubscribe', tags: ['campaigns'], querystring: UnsubscribeQuerySchema, produces: ['text/html'], response: pageResponses },
    handler: async (request, reply) => {
      const { c, ch, t } = request.query;
      reply.type('text/html; charset=utf-8');
      if (!validUnsubscribeToken(secret, c, ch, t)) return reply.code(400).send(page('<h1>This link is not valid.</h1>'));
      if (!(await consented(c, ch))) return page(`<h1>You are unsubscribed</h1><p>${escapeHtml(outlet.view.name)} does not send you ${channelName(ch)}.</p>`);
      const action = `/api/unsubscribe?${new URLSearchParams({ c, ch, t })}`;
      return page(`<h1>Stop ${channelName(ch)} from ${escapeHtml(outlet.view.name)}?</h1><form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>`);
    },
  });

  const confirmations: FastifyPluginAsyncZod = async (forms) => {
    // The page's form posts an empty form body: what is unsubscribed is in the signed query.
    forms.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_request, _body, done) => done(null, {}));
    forms.post('/api/unsubscribe', {
      config: { public: true },
      schema: { summary: 'Confirms the signed link: the customer stops getting that channel (once; again changes nothing)', operationId: 'confirmUnsubscribe', tags: ['campaigns'], querystring: UnsubscribeQuerySchema, produces: ['text/html'], response: pageResponses },
      handler: async (request, reply) => {
        const { c, ch, t } = request.query;
        reply.type('text/html; charset=utf-8');
        if (!validUnsubscribeToken(secret, c, ch, t)) return reply.code(400).send(page('<h1>This link is not valid.</h1>'));
        // Head office gets the withdrawal like any edit of the customer, so the chain's other outlets stop too.
        await db.$transaction(async (tx) => {
          const before = syncedFieldsOfMany(sqliteOf(db), [c]).get(c);
          const updated = await tx.customer.updateMany({ where: ch === 'email' ? { id: c, emailConsentAt: { not: null } } : { id: c, smsConsentAt: { not: null } }, data: ch === 'email' ? { emailConsentAt: null } : { smsConsentAt: null } });
          if (!updated.count || !before) return;
          await queueCustomerEdit(tx, sqliteOf(db), outlet.id, c, before, []);
          await writeAudit(tx, { outletId: outlet.id, userId: null, action: 'unsubscribe', entityType: 'customer', entityId: c, details: { channel: ch } });
        });
        return page(`<h1>You are unsubscribed</h1><p>${escapeHtml(outlet.view.name)} will not send you ${channelName(ch)} any more.</p>`);
      },
    });
  };
  await app.register(confirmations);
};
