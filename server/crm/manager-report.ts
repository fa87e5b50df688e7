import type { ManagerReport, ManagerReportRow } from '../../shared/schemas/audit.ts';
import { startOfLocalDay } from '../../shared/time.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import type { OutletInfo } from '../outlet.ts';
import { revenueBasisOf, salesRows } from '../reports/figures.ts';
import { customerFacts } from '../reports/queries.ts';
import { assertOutletUser } from './outlet-users.ts';
import type { SeenCustomers } from './visibility.ts';

/** The first day of the month after `month` (YYYY-MM). */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The months from `from` to `to`, both YYYY-MM, inclusive. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m).slice(0, 7)) months.push(m);
  return months;
}

/** The owner's monthly targets per manager, and each manager's figures against them. */
export class ManagerReports {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
  ) {}

  async setTarget(auth: AuthContext, managerId: string, month: string, target: { sales: number | null; grossProfit: number | null }) {
    await this.db.$transaction(async (tx) => {
      await assertOutletUser(tx, this.outlet, managerId, 'manager', 'managerId');
      await tx.managerTarget.upsert({ where: { managerId_month: { managerId, month } }, create: { managerId, month, ...target, setById: auth.userId }, update: { ...target, setById: auth.userId } });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'manager-target-set', entityType: 'user', entityId: managerId, details: { month, ...target } });
    });
    return { managerId, month, ...target };
  }

  async targets(seen: SeenCustomers, month: string) {
    const rows = await this.db.managerTarget.findMany({ where: { month, ...(seen.all ? {} : { managerId: { in: seen.managerIds } }) }, orderBy: { managerId: 'asc' } });
    return rows.map((t) => ({ managerId: t.managerId, month: t.month, sales: t.sales, grossProfit: t.grossProfit }));
  }

  /**
   * Per manager the caller sees (everyone who manages customers or has a target, for a caller who
   * sees all): their customers now, the new ones, interactions logged and tasks done in the months,
   * and their customers' sales and gross profit as the margin report takes them, against the targets.
   */
  async report(seen: SeenCustomers, from: string, to: string): Promise<ManagerReport> {
    const zone = this.outlet.view.timezone;
    const period = { from: startOfLocalDay(zone, `${from}-01`), to: startOfLocalDay(zone, nextMonth(to)) };
    const months = monthsOf(from, to);
    const inScope = seen.all ? {} : { managerId: { in: seen.managerIds } };
    const targets = await this.db.managerTarget.findMany({ where: { month: { in: months }, ...inScope } });
    // One join on the raw connection: a manager may hold a hundred thousand customers, too many for an IN list.
    const assigned = statement(
      sqliteOf(this.db),
      `SELECT m."customerId", m."managerId", c."createdAt" FROM "CustomerManager" m JOIN "Customer" c ON c."id" = m."customerId"
       WHERE c."mergedIntoId" IS NULL AND (@all = 1 OR m."managerId" IN (SELECT value FROM json_each(@managers)))`,
    ).all({ all: seen.all ? 1 : 0, managers: JSON.stringify(seen.all ? [] : seen.managerIds) }) as { customerId: string; managerId: string; createdAt: string }[];
    const created = new Map(assigned.map((a) => [a.customerId, new Date(a.createdAt)]));
    const managerOf = new Map(assigned.map((a) => [a.customerId, a.managerId]));
    const managerIds = [...new Set([...(seen.all ? [] : seen.managerIds), ...managerOf.values(), ...targets.map((t) => t.managerId)])];
    const [users, interactions, tasks] = await Promise.all([
      this.db.user.findMany({ where: { id: { in: managerIds } }, select: { id: true, name: true } }),
      this.db.interaction.groupBy({ by: ['userId'], where: { userId: { in: managerIds }, occurredAt: { gte: period.from, lt: period.to } }, _count: { _all: true } }),
      this.db.crmTask.groupBy({ by: ['assigneeId'], where: { assigneeId: { in: managerIds }, status: 'done', doneAt: { gte: period.from, lt: period.to } }, _count: { _all: true } }),
    ]);
    const rows = new Map<string, ManagerReportRow>(
      users.map((u) => [
        u.id,
        {
          managerId: u.id,
          name: u.name,
          customers: 0,
          newCustomers: 0,
          interactions: interactions.find((i) => i.userId === u.id)?._count._all ?? 0,
          tasksDone: tasks.find((t) => t.assigneeId === u.id)?._count._all ?? 0,
          sales: 0,
          revenue: 0,
          grossProfit: 0,
          salesTarget: null,
          grossProfitTarget: null,
        },
      ]),
    );
    for (const [customerId, managerId] of managerOf) {
      const row = rows.get(managerId);
      if (!row) continue;
      row.customers += 1;
      const at = created.get(customerId)!;
      if (at >= period.from && at < period.to) row.newCustomers += 1;
    }
    // The margin report's figures by customer, summed to whoever manages each customer now.
    const basis = revenueBasisOf(this.outlet.settings);
    for (const sale of salesRows(customerFacts(sqliteOf(this.db), period), basis)) {
      const row = rows.get(managerOf.get(sale.key) ?? '');
      if (!row) continue;
      row.sales += sale.sales;
      row.revenue += sale.revenue;
      row.grossProfit += sale.grossProfit;
    }
    for (const t of targets) {
      const row = rows.get(t.managerId);
      if (!row) continue;
      if (t.sales !== null) row.salesTarget = (row.salesTarget ?? 0) + t.sales;
      if (t.grossProfit !== null) row.grossProfitTarget = (row.grossProfitTarget ?? 0) + t.grossProfit;
    }
    return { from, to, rows: [...rows.values()].sort((a, b) => b.grossProfit - a.grossProfit || a.name.localeCompare(b.name)) };
  }
}
