import { lineGross } from '../../shared/money.ts';
import type { AttachmentView, TimelineEntry } from '../../shared/schemas/crm.ts';
import type { Db } from '../db/client.ts';
import { timelineEntry, type TimelineSource } from './timeline.ts';

const userNames = async (db: Db, ids: (string | null)[]) => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  return new Map((await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
};
const who = (names: Map<string, string>, id: string | null) => (id && names.has(id) ? { id, name: names.get(id)! } : null);

type InteractionRow = Awaited<ReturnType<Db['interaction']['findMany']>>[number];

/** Interactions as timeline entries, with their files and the entries that correct them. */
export async function interactionViews(db: Db, rows: InteractionRow[]): Promise<TimelineEntry[]> {
  const ids = rows.map((r) => r.id);
  const [files, corrections, names] = await Promise.all([
    db.interactionAttachment.findMany({ where: { interactionId: { in: ids } }, orderBy: { createdAt: 'asc' } }),
    db.interaction.findMany({ where: { correctsId: { in: ids } }, select: { id: true, correctsId: true } }),
    userNames(db, rows.map((r) => r.userId)),
  ]);
  const filesOf = (id: string): AttachmentView[] => files.filter((f) => f.interactionId === id).map((f) => ({ id: f.id, fileName: f.fileName, mediaType: f.mediaType, size: f.size }));
  return rows.map((r) => timelineEntry({
    id: r.id,
    source: 'crm',
    kind: r.kind,
    at: r.occurredAt.toISOString(),
    who: who(names, r.userId),
    what: r.subject,
    body: r.body,
    direction: r.direction as 'in' | 'out' | null,
    correctsId: r.correctsId,
    correctedBy: corrections.find((c) => c.correctsId === r.id)?.id ?? null,
    attachments: filesOf(r.id),
  }));
}

/** The entries users log: calls, meetings, notes, e-mails, SMS. */
export function interactionEntries(db: Db): TimelineSource {
  return {
    async entries(customerIds, before, limit) {
      return interactionViews(db, await db.interaction.findMany({ where: { customerId: { in: customerIds }, occurredAt: { lt: before } }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: limit }));
    },
  };
}

/** E-mails and SMS the shop sent: campaigns and service messages (a pre-order's arrival), logged as they were queued and sent. */
export function messageEntries(db: Db): TimelineSource {
  return {
    async entries(customerIds, before, limit) {
      const rows = await db.campaignMessage.findMany({ where: { customerId: { in: customerIds }, createdAt: { lt: before } }, orderBy: { createdAt: 'desc' }, take: limit, include: { campaign: true } });
      const names = await userNames(db, rows.map((r) => r.campaign.createdById));
      return rows.map((r) => timelineEntry({
        id: r.id,
        source: 'messages',
        kind: r.campaign.channel,
        at: r.createdAt.toISOString(),
        who: who(names, r.campaign.createdById),
        what: r.campaign.subject || r.campaign.name,
        body: r.body,
        direction: 'out' as const,
        documentId: r.campaignId,
        status: r.status,
      }));
    },
  };
}

/** Visits: the customer's purchases and returns. */
export function saleEntries(db: Db): TimelineSource {
  return {
    async entries(customerIds, before, limit) {
      const rows = await db.sale.findMany({ where: { customerId: { in: customerIds }, createdAt: { lt: before } }, orderBy: { createdAt: 'desc' }, take: limit, select: { id: true, kind: true, number: true, total: true, cashierId: true, createdAt: true } });
      const names = await userNames(db, rows.map((r) => r.cashierId));
      return rows.map((r) => timelineEntry({ id: r.id, source: 'sales', kind: r.kind === 'sale' ? 'visit' : 'return', at: r.createdAt.toISOString(), who: who(names, r.cashierId), what: r.number, amount: r.kind === 'sale' ? r.total : -r.total, documentId: r.id }));
    },
  };
}

/** Pre-orders the customer placed, with where they stand now. */
export function preOrderEntries(db: Db): TimelineSource {
  return {
    async entries(customerIds, before, limit) {
      const rows = await db.preOrder.findMany({ where: { customerId: { in: customerIds }, createdAt: { lt: before } }, orderBy: { createdAt: 'desc' }, take: limit, include: { lines: { select: { quantityMilli: true, unitPrice: true } } } });
      const names = await userNames(db, rows.map((r) => r.createdById));
      return rows.map((r) => timelineEntry({ id: r.id, source: 'pre-orders', kind: 'pre-order', at: r.createdAt.toISOString(), who: who(names, r.createdById), what: r.number, body: r.note, amount: r.lines.reduce((s, l) => s + lineGross(l.quantityMilli, l.unitPrice), 0), documentId: r.id, status: r.status }));
    },
  };
}
