// Head office (real PostgreSQL): one outlet's own-price permission on a category of 100,000
// products, and what the outlets then pull until they are caught up. An outlet of this version
// (`accepts=own-price-permission`) against an outlet of the version before (no `accepts`: head
// office logs every product the permission covers), measured in the same run on the same data.
// Run alone: `npx tsx bench/own-prices.ts` (BENCH_OWN_PRICE_PRODUCTS, BENCH_OWN_PRICE_RUNS).
import os from 'node:os';
import { newId } from '../shared/ids.ts';
import { createPostgresDatabase, startHeadOffice } from '../test/support/head-office.ts';
import { median, round } from './stats.ts';

const PRODUCTS = Number(process.env.BENCH_OWN_PRICE_PRODUCTS ?? 100_000);
const RUNS = Number(process.env.BENCH_OWN_PRICE_RUNS ?? 3);
const log = (msg: string) => process.stderr.write(`${msg}\n`);

const database = await createPostgresDatabase();
const headOffice = await startHeadOffice(database.url);
try {
  const [vat, category] = [newId(), newId()];
  await headOffice.admin.put(`/api/head-office/master/tax-rate/${vat}`, { code: 'B-VAT', name: 'VAT 21 %', rateBp: 2100 });
  await headOffice.admin.put(`/api/head-office/master/category/${category}`, { code: 'B-CAT', name: 'Bench category' });
  await headOffice.db.pool.query(
    `INSERT INTO "Product" ("id", "sku", "name", "searchName", "categoryId", "taxRateId", "price", "cost", "updatedAt")
     SELECT 'bench-' || lpad(i::text, 7, '0'), 'B-' || i, 'Bench product ' || i, 'bench product ' || i, $1, $2, 100 + i % 5000, 50, now() FROM generate_series(1, $3) i`,
    [category, vat, PRODUCTS],
  );
  log(`own-prices: ${PRODUCTS} products in one category`);
  const current = await headOffice.addOutlet('NEW');
  const older = await headOffice.addOutlet('OLD');
  const seq = async () => Number((await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0) AS "seq" FROM "MasterChange"`)).rows[0].seq);
  const logged = async (after: number) => Number((await headOffice.db.pool.query(`SELECT count(*) AS "n" FROM "MasterChange" WHERE "seq" > $1`, [after])).rows[0].n);

  /** Pulls from `after` until caught up, as an outlet does (pages of 2,000): bytes, pages, changes, milliseconds. */
  async function catchUp(token: string, after: number, accepts: string) {
    const started = performance.now();
    let [bytes, pages, changes, cursor] = [0, 0, 0, after];
    for (;;) {
      const res = await fetch(`${headOffice.url}/api/sync/pull?after=${cursor}&limit=2000${accepts ? `&accepts=${accepts}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`pull ${res.status}: ${text.slice(0, 200)}`);
      const page = JSON.parse(text) as { changes: unknown[]; cursor: number; more: boolean };
      [bytes, pages, changes, cursor] = [bytes + text.length, pages + 1, changes + page.changes.length, page.cursor];
      if (!page.more) break;
    }
    return { bytes, pages, changes, ms: performance.now() - started };
  }

  await catchUp(current, 0, 'own-price-permission'); // says it accepts permissions, and is caught up
  await catchUp(older, 0, '');
  const results: Record<'current' | 'older', { changeMs: number; logged: number; bytes: number; pages: number; changes: number; pullMs: number }[]> = { current: [], older: [] };
  for (let run = 0; run < RUNS; run++) {
    for (const [name, code, client, accepts] of [['current', 'NEW', current, 'own-price-permission'], ['older', 'OLD', older, '']] as const) {
      const before = await seq();
      const started = performance.now();
      const res = await headOffice.admin.put(`/api/head-office/outlets/${code}/own-prices`, { categoryId: category, allowed: run % 2 === 0, bound: 'none' });
      if (res.status !== 204) throw new Error(`permission ${res.status}`);
      const changeMs = performance.now() - started;
      // Every outlet pulls every change; the one the permission is for is the heavier side.
      const pulled = await catchUp(client, before, accepts);
      results[name].push({ changeMs, logged: await logged(before), ...pulled, pullMs: pulled.ms });
      log(`own-prices ${name} run ${run + 1}: logged ${results[name].at(-1)!.logged}, pulled ${pulled.changes} changes, ${round(pulled.bytes / 1e6, 2)} MB in ${round(pulled.ms, 0)} ms`);
    }
  }
  const summary = (rows: (typeof results)['current']) => ({
    loggedChanges: median(rows.map((r) => r.logged)), pulledChanges: median(rows.map((r) => r.changes)), pulledBytes: median(rows.map((r) => r.bytes)),
    pages: median(rows.map((r) => r.pages)), pullMsMedian: round(median(rows.map((r) => r.pullMs)), 1), permissionChangeMsMedian: round(median(rows.map((r) => r.changeMs)), 1),
  });
  const [now, before] = [summary(results.current), summary(results.older)];
  console.log(JSON.stringify({
    products: PRODUCTS, runs: RUNS, machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => round(l, 2)) },
    current: now, older: before,
    ratios: { pulledBytes: round(before.pulledBytes / now.pulledBytes, 0), pullTime: round(before.pullMsMedian / now.pullMsMedian, 1), permissionChange: round(before.permissionChangeMsMedian / now.permissionChangeMsMedian, 1) },
  }, null, 2));
} finally {
  await headOffice.close();
  await database.drop();
}
