// Customer import over HTTP from a file streamed off disk (100,000 and 1,000,000 rows), then
// customer search on the grown base, against the same look-up in raw SQLite.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { withCheckDigit } from '../shared/barcodes.ts';
import { foldForSearch } from '../shared/search-text.ts';
import { median, percentile, round, timeEach } from './stats.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);

/** Writes a CSV of `rows` new customers, numbered from `from`, without holding it in memory. */
async function writeCsv(file: string, from: number, rows: number): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write('Name;Phone;Email;Card\n');
  for (let i = from; i < from + rows; i++) {
    const line = `Imported Customer ${i};+3706${String(5_000_000 + i).padStart(7, '0')};imp${i}@example.com;${withCheckDigit(`995${String(i).padStart(9, '0')}`)}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  return fs.statSync(file).size;
}

export interface ImportFigures {
  rows: number;
  fileMegabytes: number;
  dryRunRowsPerSecond: number;
  importRowsPerSecond: number;
  /** Highest resident memory of the whole process (server and client) during the run, above what it was before. */
  peakRssGrowthMegabytes: number;
}

export async function benchImport(baseUrl: string, token: string, dir: string, from: number, rows: number): Promise<ImportFigures> {
  const file = path.join(dir, `import-${rows}.csv`);
  const bytes = await writeCsv(file, from, rows);
  const run = async (dryRun: boolean) => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/customers/import?${new URLSearchParams({ fileName: 'bench.csv', key: 'card', dryRun: String(dryRun) })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: fs.createReadStream(file) as unknown as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const report = await res.json();
    if (res.status !== 200 || report.created !== rows) throw new Error(`import failed: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
    return rows / ((performance.now() - t0) / 1000);
  };
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  log(`import ${rows} rows: dry run`);
  const dryRunRowsPerSecond = await run(true);
  log(`import ${rows} rows: for real`);
  const importRowsPerSecond = await run(false);
  clearInterval(sampler);
  fs.rmSync(file);
  return {
    rows,
    fileMegabytes: round(bytes / 1e6, 1),
    dryRunRowsPerSecond: round(dryRunRowsPerSecond, 0),
    importRowsPerSecond: round(importRowsPerSecond, 0),
    peakRssGrowthMegabytes: round((peak - rssBefore) / 1e6, 0),
  };
}

/**
 * Customer search over HTTP the way the register's F3 dialog and the back office use it, by the
 * kinds of text people type, on a base of `customers` rows; the baseline is raw SQLite answering
 * the same question through the same index (or the same scan) without HTTP and Prisma.
 */
export async function benchSearch(baseUrl: string, token: string, dbFile: string, samples: number) {
  const sql = new Database(dbFile, { readonly: true });
  const customers = (sql.prepare('SELECT COUNT(*) AS n FROM "Customer"').get() as { n: number }).n;
  // Sampled from the demo customers (real-looking names); the imported ones make the base big.
  const rows = sql
    .prepare(`SELECT c."name", c."phone", c."email", k."code" AS "card" FROM "Customer" c JOIN "CustomerCard" k ON k."customerId" = c."id" WHERE c."name" NOT LIKE 'Imported%' ORDER BY random() LIMIT ?`)
    .all(samples) as {
    name: string;
    phone: string;
    email: string | null;
    card: string;
  }[];
  const get = async (q: string) => {
    const res = await fetch(`${baseUrl}/api/customers/search?q=${encodeURIComponent(q)}&limit=10`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    if (res.status !== 200 || body.items.length === 0) throw new Error(`search for ${q} found nothing: ${JSON.stringify(body).slice(0, 200)}`);
  };
  const kinds: Record<string, { queries: string[]; raw: (q: string) => unknown }> = {
    card: { queries: rows.map((r) => r.card), raw: (q) => sql.prepare('SELECT "customerId" FROM "CustomerCard" WHERE "code" = ?').get(q) },
    'phone, local format': {
      queries: rows.map((r) => `8 ${r.phone.slice(4, 7)} ${r.phone.slice(7)}`),
      raw: (q) => sql.prepare('SELECT "id" FROM "Customer" WHERE "phone" = ?').get(`+370${q.replace(/\D/g, '').slice(1)}`),
    },
    'last four digits of the phone': {
      queries: rows.map((r) => r.phone.slice(-4)),
      raw: (q) => sql.prepare(`SELECT rowid FROM "CustomerSearch" WHERE "CustomerSearch" MATCH ? LIMIT 10`).all(`phone : "${q}"`),
    },
    'part of the name': {
      queries: rows.map((r) => r.name.split(' ')[1]?.slice(0, 6) ?? r.name.slice(0, 6)),
      raw: (q) => sql.prepare(`SELECT "id" FROM "Customer" WHERE "searchName" LIKE ? LIMIT 10`).all(`%${q.toLowerCase()}%`),
    },
    'name, words swapped, without diacritics': {
      queries: rows.map((r) => foldForSearch(r.name.split(' ').reverse().join(' '))),
      raw: (q) => sql.prepare(`SELECT rowid FROM "CustomerSearch" WHERE "CustomerSearch" MATCH ? LIMIT 10`).all(q.split(' ').map((w) => `name : "${w}"`).join(' AND ')),
    },
  };
  const results: Record<string, { httpMs: { p50: number; p99: number }; rawMs: { p50: number; p99: number } }> = {};
  for (const [kind, { queries, raw }] of Object.entries(kinds)) {
    for (const q of queries.slice(0, 20)) await get(q);
    const http = await timeEach(queries, get);
    const direct = await timeEach(queries, async (q) => raw(q));
    results[kind] = { httpMs: { p50: round(median(http)), p99: round(percentile(http, 99)) }, rawMs: { p50: round(median(direct)), p99: round(percentile(direct, 99)) } };
  }
  sql.close();
  return { customers, samples, byKind: results };
}
