// The margin report over a million sale lines: sales written straight into the bench database
// (spread over 30 days), then the report over HTTP against the same aggregation in raw SQLite.
import Database from 'better-sqlite3';
import { newId } from '../shared/ids.ts';
import { localTimeIn } from '../shared/time.ts';
import { sqliteTimestamp } from '../server/db/statements.ts';
import { ADD_TO_DAILY_SALES } from '../server/sales/document-store.ts';
import { median, round } from './stats.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const TAX_RATE_BP = 2100;

/**
 * Writes sales of five lines each straight into the bench database, `lines` lines in all, spread
 * over the last `days` days; `customerOf(n)` names sale n's customer (none: a walk-in). The daily
 * sums the server keeps with each sale are built for them too. Answers the time they end at.
 */
export function writeBenchSales(sql: Database.Database, lines: number, days: number, customerOf: (n: number) => string | null = () => null): number {
  const outlet = sql.prepare('SELECT "id", "timezone" FROM "Outlet" LIMIT 1').get() as { id: string; timezone: string };
  const shift = sql.prepare('SELECT "id", "registerId", "openedById" FROM "Shift" LIMIT 1').get() as { id: string; registerId: string; openedById: string };
  const products = sql.prepare(`SELECT "id", "price", "cost" FROM "Product" WHERE "kind" = 'goods' ORDER BY random() LIMIT 5000`).all() as { id: string; price: number; cost: number }[];
  const insertSale = sql.prepare(
    `INSERT INTO "Sale" ("id","idempotencyKey","outletId","registerId","shiftId","kind","number","seq","customerId","cashierId","subtotal","discountTotal","total","taxTotal","createdAt") VALUES (?,?,?,?,?,'sale',?,0,?,?,?,0,?,0,?)`,
  );
  const insertLine = sql.prepare(
    `INSERT INTO "SaleLine" ("id","saleId","lineNo","productId","name","unit","quantityMilli","unitPrice","grossAmount","discountAmount","amount","taxRateBp","taxAmount","costAmount") VALUES (?,?,?,?,'x','piece',?,?,?,0,?,${TAX_RATE_BP},0,?)`,
  );
  log(`writing ${lines} sale lines over ${days} days`);
  const now = Date.now();
  const first = (sql.prepare(`SELECT COUNT(*) AS n FROM "Sale" WHERE "number" LIKE 'BENCH-%'`).get() as { n: number }).n;
  // The daily sums the server keeps with each sale, per the outlet's local day, product and rate.
  const daily = new Map<string, { day: string; productId: string; quantityMilli: number; revenue: number; cost: number; lines: number }>();
  sql.transaction(() => {
    for (let n = 0; n < lines / 5; n++) {
      const id = newId();
      const at = new Date(now - ((n * 7919) % (days * 86_400)) * 1000);
      const day = localTimeIn(outlet.timezone, at).slice(0, 10);
      let total = 0;
      const chosen = Array.from({ length: 5 }, (_, i) => products[(n * 5 + i) % products.length]);
      for (const p of chosen) total += p.price;
      insertSale.run(id, id, outlet.id, shift.registerId, shift.id, `BENCH-${first + n}`, customerOf(n), shift.openedById, total, total, sqliteTimestamp(at));
      chosen.forEach((p, i) => {
        insertLine.run(newId(), id, i + 1, p.id, 1000, p.price, p.price, p.price, p.cost);
        const key = `${day}|${p.id}`;
        const sum = daily.get(key) ?? daily.set(key, { day, productId: p.id, quantityMilli: 0, revenue: 0, cost: 0, lines: 0 }).get(key)!;
        sum.quantityMilli += 1000;
        sum.revenue += p.price;
        sum.cost += p.cost;
        sum.lines += 1;
      });
    }
    const add = sql.prepare(ADD_TO_DAILY_SALES);
    for (const d of daily.values()) add.run(outlet.id, d.day, d.productId, TAX_RATE_BP, d.quantityMilli, d.revenue, 0, d.cost, 0, d.lines);
  })();
  return now;
}

export async function benchMarginReport(baseUrl: string, token: string, dbFile: string, lines: number, runs = 5) {
  const sql = new Database(dbFile);
  sql.pragma('journal_mode = WAL');
  const now = writeBenchSales(sql, lines, 30);

  const from = new Date(now - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(now).toISOString().slice(0, 10);
  const url = `${baseUrl}/api/reports/sales?from=${from}&to=${to}&groupBy=product&limit=100`;
  const httpMs: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    httpMs.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`report failed: ${JSON.stringify(body).slice(0, 200)}`);
    rows = body.rowCount;
  }
  // The baseline: raw SQLite summing the same sale lines of the period per product, as a report
  // without the daily sums would have to.
  const raw = sql.prepare(
    `SELECT l."productId", SUM(l."quantityMilli"), SUM(l."amount"), SUM(l."costAmount") FROM "Sale" s JOIN "SaleLine" l ON l."saleId" = s."id" WHERE s."createdAt" >= ? GROUP BY l."productId"`,
  );
  const rawMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    raw.all(new Date(now - 31 * 86_400_000).toISOString().replace('Z', '+00:00'));
    rawMs.push(performance.now() - t0);
  }
  const totalLines = (sql.prepare('SELECT COUNT(*) AS n FROM "SaleLine"').get() as { n: number }).n;
  sql.close();
  return { saleLines: totalLines, products: rows, runs, httpMedianMs: round(median(httpMs), 1), rawSqliteMedianMs: round(median(rawMs), 1), ratioToRaw: round(median(httpMs) / median(rawMs), 2), targetMs: 1000 };
}
