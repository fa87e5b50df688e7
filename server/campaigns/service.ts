import { newId } from '../../shared/ids.ts';
import { firstLocale } from '../../shared/locales.ts';
import type { CreateCampaign } from '../../shared/schemas/campaigns.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { customerFilterSql } from '../customers/filter.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { Messaging } from './senders.ts';
import { renderTemplate, unknownPlaceholders } from './template.ts';
import { unsubscribeToken } from './unsubscribe.ts';
import type { SeenCustomers } from '../crm/visibility.ts';

interface Recipient {
  id: string;
  name: string;
  address: string;
  card: string | null;
  locale: string | null;
}

/** Campaigns: choose consenting recipients by a filter, queue one message each, audited. */
export class CampaignService {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly messaging: Messaging,
    private readonly secret: string,
  ) {}

  /** Customers matching the filter, among those seen, who agreed to this channel and have an address for it. */
  recipients(seen: SeenCustomers, channel: 'email' | 'sms', filter: CreateCampaign['filter']): Recipient[] {
    const { where, params } = customerFilterSql({ ...filter, consent: channel }, this.outlet.view.timezone, seen);
    const sql = `SELECT c."id", c."name", c."locale", ${channel === 'email' ? 'c."email"' : 'c."phone"'} AS "address",
      (SELECT MIN(k."code") FROM "CustomerCard" k WHERE k."customerId" = c."id") AS "card"
      FROM "Customer" c WHERE ${where.join(' AND ')} ORDER BY c."name"`;
    return statement(sqliteOf(this.db), sql).all(params) as Recipient[];
  }

  /** A campaign to the customers the filter picks among those the creator sees. */
  async create(auth: AuthContext, seen: SeenCustomers, input: CreateCampaign): Promise<string> {
    const unknown = [input.template, ...Object.values(input.translations).map((t) => t.template)].flatMap(unknownPlaceholders);
    if (unknown.length) throw badRequest('unknown-placeholder', `Unknown placeholder {{${unknown[0]}}}`, [{ path: 'body.template', message: `use {{name}}, {{firstName}}, {{card}} or {{unsubscribe}}` }], { placeholder: `{{${unknown[0]}}}`, allowed: '{{name}}, {{firstName}}, {{card}}, {{unsubscribe}}' });
    const recipients = this.recipients(seen, input.channel, input.filter);
    const id = newId();
    await this.db.$transaction(async (tx) => {
      await tx.campaign.create({ data: { id, name: input.name, channel: input.channel, subject: input.subject, template: input.template, filter: JSON.stringify(input.filter), createdById: auth.userId } });
      for (let i = 0; i < recipients.length; i += 500) {
        await tx.campaignMessage.createMany({
          data: recipients.slice(i, i + 500).map((r) => {
            const translation = input.translations[firstLocale(r.locale, this.outlet.view.locale)];
            return {
              id: newId(),
              campaignId: id,
              customerId: r.id,
              address: r.address,
              subject: translation?.subject || null,
              body: renderTemplate(translation?.template ?? input.template, {
                name: r.name,
                firstName: r.name.split(/\s+/)[0],
                card: r.card ?? '',
                unsubscribe: `${this.messaging.publicUrl}/api/unsubscribe?c=${r.id}&ch=${input.channel}&t=${unsubscribeToken(this.secret, r.id, input.channel)}`,
              }),
            };
          }),
        });
      }
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'campaign-create', entityType: 'campaign', entityId: id, details: { name: input.name, channel: input.channel, recipients: recipients.length } });
    });
    return id;
  }

  async view(id: string) {
    const campaign = await this.db.campaign.findUnique({ where: { id } });
    if (!campaign) throw notFound('campaign-not-found', 'No such campaign', [{ path: 'id', message: 'unknown campaign' }]);
    const counts = await this.db.campaignMessage.groupBy({ by: ['status'], where: { campaignId: id }, _count: { _all: true } });
    const count = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0;
    return {
      id, name: campaign.name, channel: campaign.channel, createdAt: campaign.createdAt.toISOString(),
      recipients: counts.reduce((s, c) => s + c._count._all, 0), queued: count('queued') + count('sending'), sent: count('sent'), failed: count('failed'),
    };
  }
}
