// Customer import over HTTP from a file streamed off disk (100,000 and 1,000,000 rows), and
// customer search on a base of 1,200,000 customers.
import fs from 'node:fs';
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { parse as csvParse } from 'csv-parse';
import { fileURLToPath } from 'node:url';
import { withCheckDigit } from '../shared/barcodes.ts';
import { CJK, foldForSearch } from '../shared/search-text.ts';
import { seededRandom } from '../prisma/seed/demo.ts';
import { sqliteOf, type Db } from '../server/db/client.ts';
import { statement } from '../server/db/statements.ts';
import { median, percentile, round } from './stats.ts';
import { seedCustomers, seededCustomer, type SeededCustomer } from './seed-customers.ts';

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
  /** Medians of `runs` rounds, each a baseline and a dry run one after the other (the machine's load falls on both alike). */
  runs: number;
  baselineRowsPerSecond: number;
  dryRunRowsPerSecond: number;
  dryRunRatioToBaseline: number;
  /** One real import (a second one would update what the first created). */
  importRowsPerSecond: number;
  importRatioToBaseline: number;
  /** Highest resident memory of the whole process (server and client) during the run, above what it was before. */
  peakRssGrowthMegabytes: number;
}

/** The baseline: the same file read off disk by csv-parse's stream, record by record, in this process, no checks. */
async function rawCsvRowsPerSecond(file: string, rows: number): Promise<number> {
  const t0 = performance.now();
  let records = 0;
  await pipeline(fs.createReadStream(file), csvParse({ delimiter: ';', from_line: 2, relax_column_count: true, trim: true }), async function (source: AsyncIterable<string[]>) {
    for await (const _record of source) records += 1;
  });
  if (records !== rows) throw new Error(`baseline read ${records} records of ${rows}`);
  return rows / ((performance.now() - t0) / 1000);
}

export async function benchImport(baseUrl: string, token: string, dir: string, from: number, rows: number, runs = 1): Promise<ImportFigures> {
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
  const baseline: number[] = [];
  const dryRuns: number[] = [];
  for (let k = 0; k < runs; k++) {
    log(`import ${rows} rows, round ${k + 1} of ${runs}: raw csv-parse baseline, then a dry run`);
    baseline.push(await rawCsvRowsPerSecond(file, rows));
    dryRuns.push(await run(true));
  }
  log(`import ${rows} rows: for real`);
  const importRowsPerSecond = await run(false);
  clearInterval(sampler);
  fs.rmSync(file);
  return {
    rows,
    fileMegabytes: round(bytes / 1e6, 1),
    runs,
    baselineRowsPerSecond: round(median(baseline), 0),
    dryRunRowsPerSecond: round(median(dryRuns), 0),
    dryRunRatioToBaseline: round(median(dryRuns) / median(baseline), 3),
    importRowsPerSecond: round(importRowsPerSecond, 0),
    importRatioToBaseline: round(importRowsPerSecond / median(baseline), 3),
    peakRssGrowthMegabytes: round((peak - rssBefore) / 1e6, 0),
  };
}

/** p50 and p99 of a set of timings, in milliseconds. */
const spread = (ms: number[]) => ({ p50: round(median(ms)), p99: round(percentile(ms, 99)) });

/** The searches of one kind for customer number `i`, or null when that customer has none of the kind. */
const KINDS: Record<string, (c: SeededCustomer, i: number) => string | null> = {
  surname: (c) => (CJK.test(c.last) ? null : c.last),
  'first and last name in the other order': (c) => (CJK.test(c.name) ? null : c.name.startsWith(c.first) ? `${c.last} ${c.first}` : `${c.first} ${c.last}`),
  'name without diacritics or ё': (c) => [c.first, c.last].map((w) => foldForSearch(w)).find((w, k) => w !== [c.first, c.last][k].toLowerCase()) ?? null,
  'last four digits of the phone': (c) => c.phone.slice(-4),
  'start of the e-mail': (c) => (c.email && !c.email.startsWith('client') ? c.email.slice(0, 8) : null),
  'card in lower case': (c) => (/[A-Z]/.test(c.card) ? c.card.toLowerCase() : null),
  'two-character Chinese name': (c) => ([...c.name].length === 2 && CJK.test(c.name) ? c.name : null),
  'whole phone, national form': (c) => `8 ${c.phone.slice(4, 7)} ${c.phone.slice(7)}`,
};

/** Round trips and server handling times of one kind of request. */
const figures = (rows: { roundTripMs: number; serverMs: number }[]) => ({
  ...spread(rows.map((r) => r.roundTripMs)),
  server: spread(rows.map((r) => r.serverMs)),
});

/** A message from a forked process, or its exit as an error. */
const messageOf = <T>(child: ChildProcess) =>
  new Promise<T>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`${child.spawnargs.at(-1)} exited with ${code}`));
    child.once('exit', exited);
    child.once('message', (message) => {
      child.off('exit', exited);
      resolve(message as T);
    });
  });

type ServerProcess = { eventLoopDelayMs: { p50: number; p99: number; max: number }; gcPauses: Record<string, { count: number; totalMs: number; maxMs: number }> };

/**
 * Customer search timings by kind on the base as it is, for queries drawn from the first `base`
 * seeded customers, sent by a till in a process of its own (bench/till-client.mjs): one connection,
 * one request at a time, to the outlet server in a process of its own as a shop runs it
 * (bench/outlet-server.ts) on `dbFile`. Among the searches, the cheapest signed-in route (one in
 * four requests), so that the machine's load falls on both alike.
 */
export async function searchTimings(dbFile: string, token: string, db: Db, base: number, samples: number) {
  const rnd = seededRandom(base);
  const session = { label: 'session', path: '/api/auth/session', mustFind: false };
  const warmUp: { label: string; path: string; mustFind: boolean }[] = [];
  const timed: typeof warmUp = [];
  for (const [kind, query] of Object.entries(KINDS)) {
    const queries: string[] = [];
    while (queries.length < samples + 20) {
      const i = Math.floor(rnd() * base);
      const q = query(seededCustomer(i), i);
      if (q) queries.push(q);
    }
    queries.forEach((q, n) => {
      const request = { label: kind, path: `/api/customers/search?q=${encodeURIComponent(q)}&limit=10`, mustFind: true };
      if (n < 20) warmUp.push(request, session);
      else timed.push(request, ...(n % 4 === 0 ? [session] : []));
    });
  }
  // A shop's settings but a port of its own and no backup by the clock (a first start takes one at once, of a 1.2 GB file).
  const env = { ...process.env, DATABASE_URL: `file:${dbFile}`, PORT: '0', HOST: '127.0.0.1', POS_DEMO_DATA: 'false', POS_BACKUP_EVERY_MINUTES: '0' };
  // BENCH_SERVER_NODE_FLAGS: node's own flags for the server alone ("--cpu-prof --cpu-prof-dir=/tmp/prof", "--trace-gc").
  const execArgv = [...process.execArgv, ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const server = fork(fileURLToPath(new URL('./outlet-server.ts', import.meta.url)), { env, execArgv });
  const { url } = await messageOf<{ url: string }>(server);
  const till = fork(fileURLToPath(new URL('./till-client.mjs', import.meta.url)));
  till.send({ url, token, warmUp, timed });
  await messageOf<{ warmedUp: true }>(till);
  server.send('watch');
  await messageOf<{ watching: true }>(server);
  till.send('go');
  const { results } = await messageOf<{ results: { label: string; roundTripMs: number; serverMs: number }[] }>(till);
  server.send('stop');
  const { serverProcess } = await messageOf<{ serverProcess: ServerProcess }>(server);
  const byKind = Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, figures(results.filter((r) => r.label === kind))]));
  const { n } = statement(sqliteOf(db), 'SELECT COUNT(*) AS n FROM "Customer"').get() as { n: number };
  return { customers: n, byKind, overall: figures(results.filter((r) => r.label !== 'session')), signedInRoundTrip: figures(results.filter((r) => r.label === 'session')), serverProcess };
}

/**
 * Customer search over HTTP as the register's F3 dialog asks it (10 results), by the kinds of text
 * cashiers type, on a base of 10,000 seeded customers and then of `customers`; the baseline is the
 * HTTP round trip of the cheapest signed-in route, measured alongside.
 */
export async function benchSearch(dbFile: string, token: string, db: Db, outletId: string, customers: number, samples: number) {
  const measure = async (base: number) => {
    const figures = await searchTimings(dbFile, token, db, base, samples);
    log(`customer search on ${figures.customers} customers: ${JSON.stringify(figures)}`);
    return figures;
  };
  const SMALL = 10_000;
  log(`customer search: seeding ${SMALL} customers`);
  await seedCustomers(db, outletId, 0, SMALL);
  const small = await measure(SMALL);
  log(`customer search: seeding up to ${customers} customers`);
  const t = performance.now();
  await seedCustomers(db, outletId, SMALL, customers);
  const seedSeconds = round((performance.now() - t) / 1000, 1);
  const big = await measure(customers);
  return {
    samplesPerKind: samples,
    seedSeconds,
    small,
    big,
    p99RatioToSmallBase: round(big.overall.p99 / small.overall.p99, 2),
    p99RatioToSignedInRoundTrip: round(big.overall.p99 / big.signedInRoundTrip.p99, 2),
    serverP99RatioToSignedIn: round(big.overall.server.p99 / big.signedInRoundTrip.server.p99, 2),
  };
}
