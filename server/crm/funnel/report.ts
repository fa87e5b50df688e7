import type { FunnelQuery, FunnelReport } from '../../../shared/schemas/funnel.ts';
import { addDays, startOfLocalDay } from '../../../shared/time.ts';
import type { AuthContext } from '../../auth/context.ts';
import { sqliteOf, type Db } from '../../db/client.ts';
import { sqliteTimestamp, statement } from '../../db/statements.ts';
import type { OutletInfo } from '../../outlet.ts';
import { signed } from '../../reports/queries.ts';
import { seenCustomersSql, type CustomerVisibility } from '../visibility.ts';
import { funnelFigures, type CustomerSales } from './figures.ts';
import { funnelDefinition } from './statuses.ts';

/** The funnel report of the customers the caller sees (one manager's, when asked), for days in the outlet's time zone. */
export class FunnelReports {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly visibility: CustomerVisibility,
    private readonly chain: boolean,
  ) {}

  async report(auth: AuthContext, query: FunnelQuery): Promise<FunnelReport> {
    const zone = this.outlet.view.timezone;
    const from = startOfLocalDay(zone, query.from);
    const to = startOfLocalDay(zone, addDays(query.to, 1));
    const seen = seenCustomersSql(this.visibility.seenBy(auth));
    const customers = `SELECT c."id" FROM "Customer" c WHERE c."mergedIntoId" IS NULL AND ${seen.where}${query.managerId ? ` AND c."id" IN (SELECT "customerId" FROM "CustomerManager" WHERE "managerId" = @managerId)` : ''}`;
    const params = { ...seen.params, ...(query.managerId ? { managerId: query.managerId } : {}), from: sqliteTimestamp(from), to: sqliteTimestamp(to) };
    const sql = sqliteOf(this.db);
    const moves = (statement(sql, `SELECT "customerId", "toId", "at" FROM "CustomerStatusChange" WHERE "at" < @to AND "customerId" IN (${customers}) ORDER BY "customerId", "at", "id"`).all(params) as { customerId: string; toId: string; at: string }[]).map(
      (m) => ({ customerId: m.customerId, toId: m.toId, at: Date.parse(m.at) }),
    );
    const sales = statement(
      sql,
      `SELECT s."customerId" AS "customerId", ${signed('l."amount"')} AS "sales", ${signed('l."taxAmount"')} AS "tax", ${signed('l."costAmount"')} AS "cost"
       FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id"
       WHERE s."createdAt" >= @from AND s."createdAt" < @to AND l."kind" = 'goods' AND s."customerId" IN (${customers})
       GROUP BY s."customerId"`,
    ).all(params) as CustomerSales[];
    const definition = await funnelDefinition(this.db, this.outlet.id, this.chain);
    const basis = this.outlet.settings.vatRegistered ? 'net' : 'gross';
    return { from: query.from, to: query.to, managerId: query.managerId ?? null, ...funnelFigures(definition, moves, sales, { from: from.getTime(), to: to.getTime() }, basis) };
  }
}
