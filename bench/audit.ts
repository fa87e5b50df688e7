// The audit of the client base and the manager's report over a big base: the bench's customers
// (100,000 by default) buying a million sale lines over a year, a few managers holding most of
// them; both routes over HTTP against a raw SQLite baseline measured in the same run: the one
// aggregation of sale lines per customer that any audit of the period must make.
import Database from 'better-sqlite3';
import { seededRandom } from '../prisma/seed/demo.ts';
import { addDays } from '../shared/time.ts';
import { median, percentile, round, timeEach } from './stats.ts';
import { writeBenchSales } from './reports.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const figures = (ms: number[]) => ({ p50: round(median(ms), 1), p99: round(percentile(ms, 99), 1), samples: ms.length });

export async function benchAudit(baseUrl: string, token: string, dbFile: string, lines: number, runs: number) {
  const sql = new Database(dbFile);
  sql.pragma('journal_mode = WAL');
  const customers = (sql.prepare(`SELECT "id" FROM "Customer" WHERE "mergedIntoId" IS NULL ORDER BY "id"`).all() as { id: string }[]).map((c) => c.id);
  const managers = (sql.prepare(`SELECT "id" FROM "User" WHERE "role" IN ('owner', 'manager', 'senior_cashier') ORDER BY "login"`).all() as { id: string }[]).map((u) => u.id);
  // Four customers in five have a manager; one sale in five is a walk-in's; regulars buy far more
  // often than the rest (the square of a uniform draw picks the low indexes more).
  sql.transaction(() => {
    const assign = sql.prepare(`INSERT OR REPLACE INTO "CustomerManager" ("customerId","managerId","assignedById","assignedAt") VALUES (?,?,?,?)`);
    const at = new Date().toISOString().replace('Z', '+00:00');
    customers.forEach((id, i) => i % 5 !== 0 && assign.run(id, managers[i % managers.length], managers[0], at));
  })();
  const rnd = seededRandom(2026);
  const now = writeBenchSales(sql, lines, 365, () => (rnd() < 0.2 ? null : customers[Math.floor(rnd() ** 2 * customers.length)]));
  sql.exec('ANALYZE');

  const to = new Date(now).toISOString().slice(0, 10);
  const from = addDays(to, -89);
  const months = { from: addDays(to, -60).slice(0, 7), to: to.slice(0, 7) };
  const get = async (path: string) => {
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body;
  };
  const audit = `/api/crm/audit?from=${from}&to=${to}&lapsedDays=90`;
  const segment = `/api/crm/audit/rfm-champions?from=${from}&to=${to}&lapsedDays=90&limit=50`;
  const report = `/api/crm/manager-report?from=${months.from}&to=${months.to}`;
  log(`audit: a first call of each route (${runs} timed after it)`);
  const summary = await get(audit);
  await get(segment);
  await get(report);
  const times = Array.from({ length: runs }, (_, i) => i);
  const auditMs = await timeEach(times, () => get(audit));
  const segmentMs = await timeEach(times, () => get(segment));
  const reportMs = await timeEach(times, () => get(report));
  // The old way, in the same run: a change to the sales (the count the triggers keep) before each
  // page makes it sum the sale lines again, as every request did before the figures were kept.
  const bump = sql.prepare(`UPDATE "_SalesChanges" SET "n" = "n" + 1 WHERE "id" = 1`);
  const recomputedMs = await timeEach(times, () => (bump.run(), get(segment)));

  // The baseline: raw SQLite summing the period's goods lines per customer.
  const raw = sql.prepare(
    `SELECT s."customerId", COUNT(DISTINCT s."id"), SUM(l."amount"), SUM(l."costAmount"), MAX(s."createdAt") FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id"
     WHERE s."kind" = 'sale' AND s."customerId" IS NOT NULL AND l."kind" = 'goods' AND s."createdAt" >= ? GROUP BY s."customerId"`,
  );
  const rawMs = await timeEach(times, async () => raw.all(`${from}T00:00:00.000+00:00`));
  const counts = {
    customers: customers.length,
    saleLines: (sql.prepare('SELECT COUNT(*) AS n FROM "SaleLine"').get() as { n: number }).n,
    buyersInPeriod: summary.buyers as number,
  };
  sql.close();
  const baseline = median(rawMs);
  return {
    ...counts,
    period: { from, to, months },
    auditMs: figures(auditMs),
    segmentPageMs: figures(segmentMs),
    segmentPageAfterSalesChangeMs: figures(recomputedMs),
    managerReportMs: figures(reportMs),
    rawSqliteBaselineMs: figures(rawMs),
    ratioToBaseline: { audit: round(median(auditMs) / baseline, 2), segmentPage: round(median(segmentMs) / baseline, 2), segmentPageAfterSalesChange: round(median(recomputedMs) / baseline, 2), managerReport: round(median(reportMs) / baseline, 2) },
  };
}
