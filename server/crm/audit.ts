import type { AuditMember, AuditQuery, AuditSegment } from '../../shared/schemas/audit.ts';
import { addDays, startOfLocalDay } from '../../shared/time.ts';
import { customerFilterSql } from '../customers/filter.ts';
import { findDuplicates } from '../customers/duplicates.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { revenueBasisOf, salesRows } from '../reports/figures.ts';
import { customerFacts } from '../reports/queries.ts';
import { abcClasses, offRhythm, quintileScores, rfmSegment, rhythmOf, type Rhythm } from './audit-scores.ts';
import type { SeenCustomers } from './visibility.ts';

/** One audit of the customers a caller sees: every segment's members, and the facts behind them. */
export interface AuditResult {
  buyers: number;
  members: Map<AuditSegment, string[]>;
  facts: Map<string, Omit<AuditMember, 'id' | 'name' | 'phone' | 'email' | 'managerId'>>;
}

/** How many periods' sales figures the audit keeps (the summary and its pages ask for one at a time). */
const KEPT_PERIODS = 4;

/** What an audit derives from the sales alone, whoever asks and whenever. */
interface SalesFigures {
  buyers: string[];
  /** Each buyer's facts from the period's sales (no median interval). */
  buyerFacts: AuditResult['facts'];
  /** The same with every customer's median interval over all their purchases. */
  facts: AuditResult['facts'];
  /** Each customer's purchases with goods, by the customer they count for. */
  purchases: Map<string, { at: string; ms: number }[]>;
  /** Each customer's rhythm over all their purchases, and the latest purchase of anyone: while it is before now, these are the rhythms up to now. */
  rhythms: Map<string, Rhythm>;
  latestPurchaseAt: string;
  /** Each customer's latest sale (with or without goods), by the customer it counts for. */
  latestSale: Map<string, string>;
}

const NO_FACTS = { recency: null, frequency: null, monetary: null, rfm: null, abc: null, receipts: 0, revenue: 0, grossProfit: 0, lastPurchaseAt: null, medianIntervalDays: null };

/** Each customer's rhythm over their purchases before `until` (stored timestamp text; null: all of them). */
function rhythmsUpTo(purchases: SalesFigures['purchases'], until: string | null): Map<string, Rhythm> {
  const rhythms = new Map<string, Rhythm>();
  for (const [id, all] of purchases) {
    const list = (until === null ? all : all.filter((p) => p.at < until)).map((p) => p.ms);
    if (list.length) rhythms.set(id, rhythmOf(list));
  }
  return rhythms;
}

/** The buyers' facts with each customer's median interval between purchases (a customer who bought before the period only has that). */
function withMedians(facts: AuditResult['facts'], rhythms: Map<string, Rhythm>): AuditResult['facts'] {
  const all = new Map(facts);
  for (const [id, { medianDays }] of rhythms) if (medianDays !== null) all.set(id, { ...(all.get(id) ?? NO_FACTS), medianIntervalDays: medianDays });
  return all;
}

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

  /** The sales figures of the last few audits, newest last, by period, basis and the sales change count. */
  readonly #kept = new Map<string, SalesFigures>();

  /**
   * The sales figures of a period: kept in memory (a few periods) while "_SalesChanges" (a count
   * every insert, update and delete of a sale or line, a merge or a customer's name bumps; see
   * db/derived-data.ts) stays. Nothing kept depends on either clock: what does is worked out per request.
   * Not kept while a transaction is open on the shared connection: it may roll back its count.
   */
  #salesFigures(period: { from: Date; to: Date }): SalesFigures {
    const sql = sqliteOf(this.db);
    const basis = revenueBasisOf(this.outlet.settings);
    const changes = (statement(sql, `SELECT "n" FROM "_SalesChanges" WHERE "id" = 1`).get() as { n: number } | undefined)?.n;
    const key = `${period.from.toISOString()}|${period.to.toISOString()}|${basis}|${changes}`;
    const kept = this.#kept.get(key);
    if (kept && changes !== undefined) {
      this.#kept.delete(key);
      this.#kept.set(key, kept);
      return kept;
    }
    const figures = this.#aggregate(period, basis);
    if (changes !== undefined && !sql.inTransaction) {
      this.#kept.set(key, figures);
      while (this.#kept.size > KEPT_PERIODS) this.#kept.delete(this.#kept.keys().next().value!);
    }
    return figures;
  }

  #aggregate(period: { from: Date; to: Date }, basis: ReturnType<typeof revenueBasisOf>): SalesFigures {
    const sql = sqliteOf(this.db);
    // Revenue and gross profit per customer as the margin report takes them (reports/queries.ts).
    const rows = salesRows(customerFacts(sql, period), basis);
    const buyers = rows.filter((r) => r.receipts > 0);

    // Every sale to a customer in one pass: who bought (and who they count for once merged), when,
    // and whether there were goods on it. Timestamps compare as the stored text, as SQLite compares them.
    const sales = statement(
      sql,
      `SELECT s."customerId", cu."id" IS NOT NULL AS "known", COALESCE(cu."mergedIntoId", s."customerId") AS "id", s."createdAt" AS "at",
         EXISTS (SELECT 1 FROM "SaleLine" l WHERE l."saleId" = s."id" AND l."kind" = 'goods') AS "goods"
       FROM "Sale" s NOT INDEXED LEFT JOIN "Customer" cu ON cu."id" = s."customerId"
       WHERE s."kind" = 'sale' AND s."customerId" IS NOT NULL`,
    ).all() as { customerId: string; known: number; id: string; at: string; goods: number }[];
    const [from, to] = [sqliteTimestamp(period.from), sqliteTimestamp(period.to)];
    const lastAt = new Map<string, string>();
    const purchases = new Map<string, { at: string; ms: number }[]>();
    const latestSale = new Map<string, string>();
    for (const sale of sales) {
      if (sale.goods && sale.at >= from && sale.at < to) {
        const latest = lastAt.get(sale.customerId);
        if (latest === undefined || sale.at > latest) lastAt.set(sale.customerId, sale.at);
      }
      if (!sale.known) continue;
      const latest = latestSale.get(sale.id);
      if (latest === undefined || sale.at > latest) latestSale.set(sale.id, sale.at);
      // Every purchase of each customer (a merged one's count for the one kept), for their own rhythm.
      if (sale.goods) {
        const list = purchases.get(sale.id);
        const purchase = { at: sale.at, ms: new Date(sale.at).getTime() };
        if (list) list.push(purchase);
        else purchases.set(sale.id, [purchase]);
      }
    }
    const last = new Map([...lastAt].map(([id, at]) => [id, new Date(at).getTime()]));
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
    const latestPurchaseAt = [...purchases.values()].reduce((latest, list) => list.reduce((l, p) => (p.at > l ? p.at : l), latest), '');
    const rhythms = rhythmsUpTo(purchases, null);
    return { buyers: buyers.map((b) => b.key), buyerFacts: facts, facts: withMedians(facts, rhythms), purchases, rhythms, latestPurchaseAt, latestSale };
  }

  async run(seen: SeenCustomers, query: AuditQuery): Promise<AuditResult> {
    const sql = sqliteOf(this.db);
    const zone = this.outlet.view.timezone;
    const period = { from: startOfLocalDay(zone, query.from), to: startOfLocalDay(zone, addDays(query.to, 1)) };
    const now = this.now();
    const kept = this.#salesFigures(period);
    const until = sqliteTimestamp(now);
    // As the customer list's "lapsed" filter takes it (customers/filter.ts): from the machine's clock.
    const since = sqliteTimestamp(new Date(Date.now() - query.lapsedDays * 86_400_000));
    const everBought = new Set(kept.latestSale.keys());
    const boughtSince = new Set([...kept.latestSale].filter(([, at]) => at >= since).map(([id]) => id));

    // Rhythms up to now, by the CRM's clock: the kept ones unless a purchase is dated after now (a clock moved back).
    const upToNow = kept.latestPurchaseAt < until;
    const rhythms = upToNow ? kept.rhythms : rhythmsUpTo(kept.purchases, until);
    const facts = upToNow ? kept.facts : withMedians(kept.buyerFacts, rhythms);
    const offBeat = [...rhythms].filter(([, rhythm]) => offRhythm(rhythm, now.getTime())).map(([id]) => id);

    // The live customers the caller sees, in the order the lists show them, with what their records lack.
    const { where, params } = customerFilterSql({}, zone, seen);
    const customers = statement(
      sql,
      `SELECT c."id", c."phone" IS NULL AS "noPhone", c."email" IS NULL AS "noEmail", c."emailConsentAt" IS NULL AND c."smsConsentAt" IS NULL AS "noConsent"
       FROM "Customer" c WHERE ${where.join(' AND ')} ORDER BY c."name", c."id"`,
    ).all(params) as { id: string; noPhone: number; noEmail: number; noConsent: number }[];
    const live = new Set(customers.map((c) => c.id));
    const visible = (ids: Iterable<string>) => [...ids].filter((id) => live.has(id));
    const those = (test: (c: (typeof customers)[number]) => unknown) => customers.filter(test).map((c) => c.id);
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
    for (const [segment, ids] of members) members.set(segment, visible(ids));
    members.set('off-rhythm', visible(offBeat));
    members.set('lapsed', those((c) => everBought.has(c.id) && !boughtSince.has(c.id)));
    members.set('never-bought', those((c) => !everBought.has(c.id)));
    members.set('no-phone', those((c) => c.noPhone));
    members.set('no-email', those((c) => c.noEmail));
    members.set('no-consent', those((c) => c.noConsent));
    // A pair counts where the caller sees both customers (as the duplicates list shows them).
    members.set('duplicates', [...new Set(duplicates.filter((p) => live.has(p.a) && live.has(p.b)).flatMap((p) => [p.a, p.b]))]);
    return { buyers: visible(kept.buyers).length, members, facts };
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
