import type { AuditMember, AuditQuery, AuditSegment } from '../../shared/schemas/audit.ts';
import { addDays, startOfLocalDay } from '../../shared/time.ts';
import { customerFilterSql } from '../customers/filter.ts';
import { findDuplicates } from '../customers/duplicates.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { revenueBasisOf, salesRows } from '../reports/figures.ts';
import { customerFacts } from '../reports/queries.ts';
import { abcClasses, medianIntervalDays, offRhythm, quintileScores, rfmSegment } from './audit-scores.ts';
import type { SeenCustomers } from './visibility.ts';

/** One audit of the customers a caller sees: every segment's members, and the facts behind them. */
export interface AuditResult {
  buyers: number;
  members: Map<AuditSegment, string[]>;
  facts: Map<string, Omit<AuditMember, 'id' | 'name' | 'phone' | 'email' | 'managerId'>>;
}

const NO_FACTS = { recency: null, frequency: null, monetary: null, rfm: null, abc: null, receipts: 0, revenue: 0, grossProfit: 0, lastPurchaseAt: null, medianIntervalDays: null };

/**
 * The audit of the client base: RFM and ABC over the customers who bought in the period, customers
 * off their own rhythm, lapsed and never bought, incomplete records and likely duplicates. Scores
 * and classes are the shop's (over every buyer), so a customer is a champion whoever looks; each
 * caller's lists hold only the customers they see.
 */
export class ClientBaseAudit {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly now: () => Date,
  ) {}

  async run(seen: SeenCustomers, query: AuditQuery): Promise<AuditResult> {
    const sql = sqliteOf(this.db);
    const zone = this.outlet.view.timezone;
    const period = { from: startOfLocalDay(zone, query.from), to: startOfLocalDay(zone, addDays(query.to, 1)) };
    const now = this.now();

    // Revenue and gross profit per customer as the margin report takes them (reports/queries.ts).
    const basis = revenueBasisOf(this.outlet.settings);
    const rows = salesRows(customerFacts(sql, period), basis);
    const buyers = rows.filter((r) => r.receipts > 0);
    const last = new Map(
      (
        statement(
          sql,
          `SELECT s."customerId" AS "id", MAX(s."createdAt") AS "at" FROM "Sale" s
           WHERE s."kind" = 'sale' AND s."customerId" IS NOT NULL AND s."createdAt" >= @from AND s."createdAt" < @to
             AND EXISTS (SELECT 1 FROM "SaleLine" l WHERE l."saleId" = s."id" AND l."kind" = 'goods')
           GROUP BY s."customerId"`,
        ).all({ from: sqliteTimestamp(period.from), to: sqliteTimestamp(period.to) }) as { id: string; at: string }[]
      ).map((r) => [r.id, new Date(r.at).getTime()]),
    );
    const recency = quintileScores(new Map(buyers.map((r) => [r.key, last.get(r.key) ?? 0])));
    const frequency = quintileScores(new Map(buyers.map((r) => [r.key, r.receipts])));
    const monetary = quintileScores(new Map(buyers.map((r) => [r.key, r.revenue])));
    const abc = abcClasses(new Map(buyers.map((r) => [r.key, r.grossProfit])));

    const facts: AuditResult['facts'] = new Map();
    for (const r of rows) {
      const [R, F, M] = [recency.get(r.key), frequency.get(r.key), monetary.get(r.key)];
      facts.set(r.key, {
        ...NO_FACTS,
        recency: R ?? null,
        frequency: F ?? null,
        monetary: M ?? null,
        rfm: R && F && M ? rfmSegment(R, F, M) : null,
        abc: abc.get(r.key) ?? null,
        receipts: r.receipts,
        revenue: r.revenue,
        grossProfit: r.grossProfit,
        lastPurchaseAt: last.has(r.key) ? new Date(last.get(r.key)!).toISOString() : null,
      });
    }

    // Every purchase up to now of each customer (a merged one's count for the one kept), for their own rhythm.
    const purchases = new Map<string, number[]>();
    const times = statement(
      sql,
      `SELECT COALESCE(cu."mergedIntoId", s."customerId") AS "id", s."createdAt" AS "at" FROM "Sale" s JOIN "Customer" cu ON cu."id" = s."customerId"
       WHERE s."kind" = 'sale' AND s."createdAt" < @now AND EXISTS (SELECT 1 FROM "SaleLine" l WHERE l."saleId" = s."id" AND l."kind" = 'goods')`,
    ).all({ now: sqliteTimestamp(now) }) as { id: string; at: string }[];
    for (const t of times) {
      const list = purchases.get(t.id);
      if (list) list.push(new Date(t.at).getTime());
      else purchases.set(t.id, [new Date(t.at).getTime()]);
    }
    const offBeat: string[] = [];
    for (const [id, list] of purchases) {
      if (offRhythm(list, now.getTime())) offBeat.push(id);
      const median = medianIntervalDays(list);
      if (median !== null) facts.set(id, { ...(facts.get(id) ?? NO_FACTS), medianIntervalDays: median });
    }

    const ofFilter = (filter: Parameters<typeof customerFilterSql>[0], extra = '1 = 1') => {
      const { where, params } = customerFilterSql(filter, zone, seen);
      return (statement(sql, `SELECT c."id" FROM "Customer" c WHERE ${[...where, extra].join(' AND ')} ORDER BY c."name", c."id"`).all(params) as { id: string }[]).map((r) => r.id);
    };
    const live = new Set(ofFilter({}));
    const kept = (ids: Iterable<string>) => [...ids].filter((id) => live.has(id));
    const duplicates = await findDuplicates(this.db);

    const members = new Map<AuditSegment, string[]>();
    const add = (segment: AuditSegment, id: string) => {
      const list = members.get(segment);
      if (list) list.push(id);
      else members.set(segment, [id]);
    };
    for (const [id, f] of facts) {
      if (f.rfm) add(`rfm-${f.rfm}`, id);
      if (f.abc) add(`abc-${f.abc.toLowerCase() as 'a' | 'b' | 'c'}`, id);
    }
    for (const [segment, ids] of members) members.set(segment, kept(ids));
    members.set('off-rhythm', kept(offBeat));
    members.set('lapsed', ofFilter({ lapsedDays: query.lapsedDays }));
    members.set('never-bought', ofFilter({ neverBought: true }));
    members.set('no-phone', ofFilter({}, `c."phone" IS NULL`));
    members.set('no-email', ofFilter({}, `c."email" IS NULL`));
    members.set('no-consent', ofFilter({}, `c."emailConsentAt" IS NULL AND c."smsConsentAt" IS NULL`));
    // A pair counts where the caller sees both customers (as the duplicates list shows them).
    members.set('duplicates', [...new Set(duplicates.filter((p) => live.has(p.a) && live.has(p.b)).flatMap((p) => [p.a, p.b]))]);
    return { buyers: kept(buyers.map((b) => b.key)).length, members, facts };
  }

  /** The members of one segment as the audit lists them: contact details, manager and facts. */
  page(result: AuditResult, segment: AuditSegment, limit: number, offset: number): { total: number; items: AuditMember[]; ids: string[] } {
    const ids = result.members.get(segment) ?? [];
    const shown = ids.slice(offset, offset + limit);
    const rows = statement(
      sqliteOf(this.db),
      `SELECT c."id", c."name", c."phone", c."email", m."managerId" FROM "Customer" c LEFT JOIN "CustomerManager" m ON m."customerId" = c."id" WHERE c."id" IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(shown)) as { id: string; name: string; phone: string | null; email: string | null; managerId: string | null }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { total: ids.length, items: shown.map((id) => ({ ...byId.get(id)!, ...(result.facts.get(id) ?? NO_FACTS) })), ids: ids.slice(0, 10_000) };
  }
}
