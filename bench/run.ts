// npm run bench: the register in headless Chromium over 1,000,000 products (bench/register.ts);
// then 200,000 products and 100,000 customers, look-ups and sales over HTTP and in process, against
// a raw better-sqlite3 baseline measured in the same run. Writes bench/results/latest.json and
// prints a table.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildApp } from '../server/app.ts';
import { openOutletDatabase } from '../server/db/client.ts';
import { CatalogService } from '../server/catalog/service.ts';
import { CustomerService } from '../server/customers/service.ts';
import { loadOutlet } from '../server/outlet.ts';
import { seedDemoData, seededRandom, DEMO_USERS } from '../prisma/seed/demo.ts';
import { ApiClient } from '../test/support/api-client.ts';
import { FakeNetworkPrinter } from '../drivers/testing/fake-network-printer.ts';
import { startDeviceHub } from '../server/devices/hub.ts';
import { priceCart } from '../shared/pricing/engine.ts';
import { localTimeIn } from '../shared/time.ts';
import { newId } from '../shared/ids.ts';
import { withCheckDigit } from '../shared/barcodes.ts';
import type { PricingContext } from '../shared/schemas/pricing.ts';
import { median, percentile, round, timeEach } from './stats.ts';
import { rawSalesPerSecond, type BaselineSale } from './raw-baseline.ts';
import { benchImport, benchSearch } from './import-and-search.ts';
import { benchMarginReport } from './reports.ts';
import { benchAudit } from './audit.ts';
import { benchProductList } from './product-list.ts';
import { seedProducts } from './seed-catalogue.ts';
import { benchHeadOffice } from './head-office.ts';
import { benchRegister } from './register.ts';
import { BackupService } from '../server/backups/service.ts';
import { parseRetention } from '../server/backups/settings.ts';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 200_000);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 5_000);
const SALES = Number(process.env.BENCH_SALES ?? 2_000);
const REGISTER_PRODUCTS = Number(process.env.BENCH_REGISTER_PRODUCTS ?? 1_000_000);
// BENCH_ONLY=printing,sales runs only the named parts (all when unset): register, lookups, sales,
// backup, printing, import, search, product-list, margin, audit, head-office. The seed and the registers'
// sessions are made for every part but the register, which has its own database.
const PARTS = ['register', 'lookups', 'sales', 'backup', 'printing', 'import', 'search', 'product-list', 'margin', 'audit', 'head-office'];
const only = process.env.BENCH_ONLY?.split(',').map((part) => part.trim()).filter(Boolean) ?? [];
for (const part of only) if (!PARTS.includes(part)) throw new Error(`BENCH_ONLY: unknown part ${part} (parts: ${PARTS.join(', ')})`);
const runs = (part: string) => only.length === 0 || only.includes(part);
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
/** A partial run does not overwrite the figures of a whole one. */
function writeResults(results: object): void {
  fs.mkdirSync(path.join(import.meta.dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, 'results', only.length ? `latest-${only.join('-')}.json` : 'latest.json'), JSON.stringify(results, null, 2) + '\n');
}

const register = runs('register')
  ? await benchRegister(REGISTER_PRODUCTS, Number(process.env.BENCH_REGISTER_BASELINE_PRODUCTS ?? 1_000), {
      scans: Number(process.env.BENCH_SCANS ?? 300),
      taps: Number(process.env.BENCH_TAPS ?? 100),
      signIns: Number(process.env.BENCH_SIGN_INS ?? 20),
    })
  : null;
const printRegister = () =>
  register &&
  console.table({
    [`scan (Enter) → line on screen, ${register.products} products`]: { ...register.scanToLineMs, ratioToBaseline: register.ratioToBaseline.scanToLine.p99 },
    [`scan → line, ${register.baseline.products} products (baseline)`]: register.baseline.scanToLineMs,
    [`scan round trip without the UI, ${register.products} products`]: register.scanRoundTripWithoutUiMs,
    [`tile tap → line on screen, ${register.products} products`]: { ...register.tileTapToLineMs, ratioToBaseline: register.ratioToBaseline.tileTapToLine.p99 },
    [`tile tap → line, ${register.baseline.products} products (baseline)`]: register.baseline.tileTapToLineMs,
    [`sign-in tap → ready to scan, ${register.products} products`]: { ...register.signInToReadyMs, ratioToBaseline: register.ratioToBaseline.signInToReady.p99 },
    [`sign-in → ready, ${register.baseline.products} products (baseline)`]: register.baseline.signInToReadyMs,
  });
if (!PARTS.some((part) => part !== 'register' && runs(part))) {
  const results = { measuredAt: new Date().toISOString(), machine, register };
  writeResults(results);
  printRegister();
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-bench-'));
const dbFile = path.join(dir, 'outlet.db');

// BENCH_SEED_CACHE=<folder> keeps the seeded database there and starts the next run of the same
// size from a copy of it (seeding takes minutes on a loaded machine). A run of the product list
// alone keeps its catalogue (a million products, many more minutes) in the copy too; with other
// parts they would run on that catalogue, so it is seeded after them as before.
const LIST_PRODUCTS = Number(process.env.BENCH_LIST_PRODUCTS ?? 1_000_000);
const listInCache = only.length > 0 && only.every((part) => part === 'product-list');
const seedCache = process.env.BENCH_SEED_CACHE ? path.join(process.env.BENCH_SEED_CACHE, `seed-${PRODUCTS}-${CUSTOMERS}${listInCache ? `-list-${LIST_PRODUCTS}` : ''}.db`) : null;
let t = Date.now();
let db;
if (seedCache && fs.existsSync(seedCache)) {
  log(`copying the seeded database ${seedCache} into ${dbFile}`);
  for (const suffix of ['', '-wal']) if (fs.existsSync(seedCache + suffix)) fs.copyFileSync(seedCache + suffix, dbFile + suffix);
  db = await openOutletDatabase(`file:${dbFile}`);
} else {
  log(`seeding ${PRODUCTS} products and ${CUSTOMERS} customers into ${dbFile}`);
  db = await openOutletDatabase(`file:${dbFile}`);
  const { outletId } = await seedDemoData(db, { productCount: PRODUCTS, customerCount: CUSTOMERS });
  if (seedCache && listInCache) await seedProducts(db, outletId, LIST_PRODUCTS);
  if (seedCache) {
    await db.$disconnect();
    fs.mkdirSync(path.dirname(seedCache), { recursive: true });
    for (const suffix of ['', '-wal']) if (fs.existsSync(dbFile + suffix)) fs.copyFileSync(dbFile + suffix, seedCache + suffix);
    db = await openOutletDatabase(`file:${dbFile}`);
  }
}
const seedSeconds = (Date.now() - t) / 1000;
log(`seeded in ${seedSeconds.toFixed(1)} s`);

const outlet = await loadOutlet(db);
const customers = new CustomerService(db, 'LT');
const catalog = new CatalogService(db, outlet, customers);
const rnd = seededRandom(42);
const pick = <T>(rows: T[]) => rows[Math.floor(rnd() * rows.length)];

const barcodeRows = await db.barcode.findMany({ select: { code: true, productId: true } });
const cardRows = await db.customerCard.findMany({ select: { code: true, customerId: true } });
const barcodes = Array.from({ length: LOOKUPS }, () => pick(barcodeRows).code);
const cards = Array.from({ length: LOOKUPS }, () => pick(cardRows).code);

// In process: the service the HTTP route calls, without HTTP.
let barcodeInProcess: number[] = [];
let cardInProcess: number[] = [];
if (runs('lookups')) {
  for (const code of barcodes.slice(0, 200)) await catalog.byBarcode(code);
  barcodeInProcess = await timeEach(barcodes, (code) => catalog.byBarcode(code));
  cardInProcess = await timeEach(cards, (code) => customers.byCard(code));
}

// Four registers, each with its own cashier session and open shift.
const registers = ['R1', 'R2', 'R3', 'R4'];
for (const code of registers.slice(2)) await db.register.create({ data: { id: newId(), outletId: outlet.id, code, name: `Register ${code}` } });
const { app } = await buildApp({ db, logger: false, loginRateLimit: 1_000_000, uiDir: path.join(dir, 'no-ui') });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no address');
const url = `http://127.0.0.1:${address.port}`;
const clients: ApiClient[] = [];
for (const [i, code] of registers.entries()) {
  const user = DEMO_USERS[i];
  const res = await new ApiClient(url).post<{ token: string }>('/api/auth/login', { login: user.login, pin: user.pin, registerCode: code });
  const client = new ApiClient(url, res.body.token);
  await client.post('/api/shifts', { openingFloat: 10_000 });
  clients.push(client);
}

let barcodeHttp: number[] = [];
let cardHttp: number[] = [];
if (runs('lookups')) {
  for (const code of barcodes.slice(0, 200)) await clients[0].get(`/api/scan/${code}`);
  barcodeHttp = await timeEach(barcodes, (code) => clients[0].get(`/api/scan/${code}`));
  cardHttp = await timeEach(cards, (code) => clients[0].get(`/api/scan/${code}`));
}

// Sales: 5 piece lines and a customer each, priced by the shared function as the register does.
const context = (await clients[0].get<PricingContext>('/api/pricing/context')).body;
const pieceProducts = await db.product.findMany({
  where: { unit: 'piece', kind: 'goods', plu: null },
  select: { id: true, name: true, price: true, cost: true, discountable: true, categoryId: true, taxRate: { select: { rateBp: true } } },
  take: 20_000,
});
const customerIds = cardRows.slice(0, 20_000).map((c) => c.customerId);
const customerViews = new Map<string, any>();
async function saleRequest() {
  const customerId = pick(customerIds);
  let customer = customerViews.get(customerId);
  if (!customer) {
    customer = await customers.byId(customerId);
    customerViews.set(customerId, customer);
  }
  const lines = Array.from({ length: 5 }, () => {
    const p = pick(pieceProducts);
    return { lineId: newId(), productId: p.id, name: p.name, unit: 'piece' as const, quantityMilli: 1000 * (1 + Math.floor(rnd() * 3)), unitPrice: p.price, taxRateBp: p.taxRate.rateBp, discountable: p.discountable, categoryId: p.categoryId, floorUnitPrice: p.cost > 0 ? p.cost : null };
  });
  const priced = priceCart({
    lines,
    customer: { id: customer.id, categoryCode: customer.categoryCode, categoryName: customer.categoryName, cumulativeSpend: customer.cumulativeSpend, categoryDiscountBp: customer.categoryDiscountBp, personalDiscountBp: customer.personalDiscountBp },
    rules: context.rules as any,
    combination: context.combination,
    localTime: localTimeIn(context.timezone),
  });
  return {
    body: {
      id: newId(),
      customerId,
      lines: lines.map((l) => ({ lineId: l.lineId, productId: l.productId, quantityMilli: l.quantityMilli })),
      tenders: [{ method: 'cash', amount: priced.total }],
      expectedTotal: priced.total,
    },
    baseline: {
      customerId,
      total: priced.total,
      lines: lines.map((l, i) => ({ productId: l.productId, quantityMilli: l.quantityMilli, unitPrice: l.unitPrice, amount: priced.lines[i].amount, taxAmount: priced.lines[i].taxAmount })),
    } satisfies BaselineSale,
  };
}

/** `concurrency` registers selling `total` sales; with `alongside`, only while it runs (it starts with the sales). */
async function salesPerSecond(concurrency: number, total: number, alongside?: () => Promise<unknown>, paceMs = 0): Promise<{ perSecond: number; latencies: number[] }> {
  const requests = await Promise.all(Array.from({ length: total }, () => saleRequest()));
  const worker = new Worker(new URL('./load-worker.mjs', import.meta.url), {
    workerData: { url, tokens: clients.slice(0, concurrency).map((c) => c.token), bodies: requests.map((r) => r.body), paceMs },
  });
  const done = new Promise<{ perSecond: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (alongside) {
    await alongside();
    worker.postMessage('stop');
  }
  return done;
}

let one = { perSecond: NaN, latencies: [] as number[] };
let four = { perSecond: NaN, latencies: [] as number[] };
if (runs('sales')) {
  await salesPerSecond(1, 100); // warm-up
  one = await salesPerSecond(1, SALES);
  four = await salesPerSecond(4, SALES);
}

// What a backup costs a sale: rounds of four registers selling while one backup is taken (the
// service the server schedules, on the same database file, from its start to its end), then as
// many sales again without one; alternating, so the machine's other load falls on both alike.
// Each round twice: the registers selling as fast as the server takes sales (a queue, where any
// work beside them lengthens every wait), and at a cashier's pace, faster than any shop's
// (`BENCH_BACKUP_PACE_MS` between the starts of a register's sales), where a sale's time is its own.
const BACKUP_ROUNDS = Number(process.env.BENCH_BACKUP_ROUNDS ?? 3);
const BACKUP_PACE_MS = Number(process.env.BENCH_BACKUP_PACE_MS ?? 250);
const withoutBackup: number[] = [];
const whileBackingUp: number[] = [];
const pacedWithoutBackup: number[] = [];
const pacedWhileBackingUp: number[] = [];
const backupMs: number[] = [];
if (runs('backup')) {
  const backups = new BackupService({
    settings: { folder: fs.mkdtempSync(path.join(dir, 'backups-')), defaultFolder: false, key: null, everyMinutes: 0, retention: parseRetention('48h') },
    databaseFile: dbFile,
    outlet: { id: outlet.id, timeZone: outlet.view.timezone },
    logger: { info() {}, warn() {}, error() {} },
  });
  await salesPerSecond(4, 200); // warm-up
  for (let r = 1; r <= BACKUP_ROUNDS; r++) {
    const backUp = async () => {
      const started = performance.now();
      await backups.take('manual');
      backupMs.push(performance.now() - started);
    };
    for (const [paceMs, whileSamples, withoutSamples] of [[0, whileBackingUp, withoutBackup], [BACKUP_PACE_MS, pacedWhileBackingUp, pacedWithoutBackup]] as const) {
      const during = await salesPerSecond(4, 10_000, backUp, paceMs);
      if (during.latencies.length === 10_000) log('the sales ran out before the backup ended');
      const after = await salesPerSecond(4, during.latencies.length, undefined, paceMs);
      whileSamples.push(...during.latencies);
      withoutSamples.push(...after.latencies);
      log(`round ${r}${paceMs ? `, a sale every ${paceMs} ms a register` : ''}: backup ${round(backupMs.at(-1)!)} ms; ${during.latencies.length} sales: p99 ${round(percentile(during.latencies, 99))} ms during it, ${round(percentile(after.latencies, 99))} ms without`);
    }
  }
}
const committed = await db.sale.count();
await app.close();

// Printing: a loopback ESC/POS printer behind the real print queue.
const printer = await FakeNetworkPrinter.start();
const quiet = { info() {}, warn() {}, error() {} };
const hub = await startDeviceHub(db, { POS_RECEIPT_PRINTER: printer.uri }, quiet);
const printing = await buildApp({ db, devices: hub, logger: false, loginRateLimit: 1_000_000, uiDir: path.join(dir, 'no-ui') });
await printing.app.listen({ port: 0, host: '127.0.0.1' });
const printUrl = `http://127.0.0.1:${(printing.app.server.address() as { port: number }).port}`;
const printClients = await Promise.all(
  registers.map(async (code, i) => {
    const res = await new ApiClient(printUrl).post<{ token: string }>('/api/auth/login', { login: DEMO_USERS[i].login, pin: DEMO_USERS[i].pin, registerCode: code });
    return new ApiClient(printUrl, res.body.token);
  }),
);
const cardSale = async () => {
  const { body } = await saleRequest();
  return { ...body, tenders: [{ method: 'card', amount: body.expectedTotal }] };
};
const PRINTS = runs('printing') ? Number(process.env.BENCH_PRINTS ?? 300) : 0;
const commitToPrinted: number[] = [];
for (let i = 0; i < PRINTS; i++) {
  const body = await cardSale();
  const before = printer.jobs.length;
  // From the moment the register sends the sale: the commit is inside, and the worker may finish
  // printing before the HTTP answer is back, so timing from the answer would flatter the queue.
  const sentAt = performance.now();
  const res = await printClients[0].post('/api/sales', body);
  if (res.status !== 201) throw new Error(`sale failed: ${res.status}`);
  await printer.waitForJobs(before + 1);
  commitToPrinted.push(printer.jobTimes[before] - sentAt);
}
const queueBodies = await Promise.all(Array.from({ length: PRINTS }, () => cardSale()));
const queueStart = performance.now();
const queueBase = printer.jobs.length;
let nextBody = 0;
await Promise.all(
  printClients.map(async (client) => {
    while (nextBody < queueBodies.length) {
      const res = await client.post('/api/sales', queueBodies[nextBody++]);
      if (res.status !== 201) throw new Error(`sale failed: ${res.status}`);
    }
  }),
);
await printer.waitForJobs(queueBase + PRINTS, 120_000);
const queueSeconds = PRINTS ? (printer.jobTimes[queueBase + PRINTS - 1] - queueStart) / 1000 : NaN;

// Customer import (100,000 rows, then 1,000,000 streamed), then search on the grown base.
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const BIG_IMPORT_ROWS = Number(process.env.BENCH_BIG_IMPORT_ROWS ?? 1_000_000);
const importer = printClients[0];
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const importFigures = runs('import') ? [await benchImport(printUrl, importer.token!, dir, 0, IMPORT_ROWS, IMPORT_RUNS), ...(BIG_IMPORT_ROWS ? [await benchImport(printUrl, importer.token!, dir, IMPORT_ROWS, BIG_IMPORT_ROWS)] : [])] : [];
const searchFigures = runs('search') ? await benchSearch(dbFile, importer.token!, db, outlet.id, Number(process.env.BENCH_SEARCH_CUSTOMERS ?? 1_200_000), Math.min(LOOKUPS, 1_000)) : null;
const productList = runs('product-list') ? await benchProductList(printUrl, importer.token!, db, outlet.id, LIST_PRODUCTS, Math.min(LOOKUPS, 300)) : null;
const marginReport = runs('margin') ? await benchMarginReport(printUrl, importer.token!, dbFile, Number(process.env.BENCH_REPORT_LINES ?? 1_000_000)) : null;
const clientAudit = runs('audit') ? await benchAudit(printUrl, importer.token!, dbFile, Number(process.env.BENCH_AUDIT_LINES ?? 1_000_000), Number(process.env.BENCH_AUDIT_RUNS ?? 20)) : null;
await printing.app.close();
await hub.stop();
await printer.stop();

// The baseline writes the same rows into the same database file, with the server closed.
const shift = await db.shift.findFirstOrThrow({ where: { closedAt: null } });
const baselineSales = runs('sales') ? await Promise.all(Array.from({ length: SALES }, async () => (await saleRequest()).baseline)) : [];
await db.$disconnect();
const rawPerSecond = runs('sales') ? rawSalesPerSecond(dbFile, outlet.id, shift.id, shift.registerId, shift.openedById, baselineSales) : NaN;

// Head office on PostgreSQL (scripts/ensure-test-tools.sh starts the local cluster).
const headOffice = runs('head-office') ? await benchHeadOffice() : null;

const results = {
  measuredAt: new Date().toISOString(),
  machine,
  register,
  data: { products: PRODUCTS, customers: CUSTOMERS, barcodes: barcodeRows.length, seedSeconds: round(seedSeconds, 1) },
  barcodeLookup: {
    inProcessMs: { p50: round(median(barcodeInProcess)), p99: round(percentile(barcodeInProcess, 99)) },
    httpMs: { p50: round(median(barcodeHttp)), p99: round(percentile(barcodeHttp, 99)) },
    samples: LOOKUPS,
  },
  customerCardLookup: {
    inProcessMs: { p50: round(median(cardInProcess)), p99: round(percentile(cardInProcess, 99)) },
    httpMs: { p50: round(median(cardHttp)), p99: round(percentile(cardHttp, 99)) },
    samples: LOOKUPS,
  },
  sales: {
    linesPerSale: 5,
    salesPerRun: SALES,
    committed,
    oneRegister: { perSecond: round(one.perSecond, 1), latencyMs: { p50: round(median(one.latencies)), p99: round(percentile(one.latencies, 99)) } },
    fourRegisters: { perSecond: round(four.perSecond, 1), latencyMs: { p50: round(median(four.latencies)), p99: round(percentile(four.latencies, 99)) } },
    rawSqliteBaselinePerSecond: round(rawPerSecond, 1),
    ratioOneRegisterToRaw: round(one.perSecond / rawPerSecond, 3),
    ratioFourRegistersToRaw: round(four.perSecond / rawPerSecond, 3),
  },
  backupWhileSelling: {
    rounds: BACKUP_ROUNDS,
    databaseMegabytes: round(fs.statSync(dbFile).size / 1e6, 1),
    fourRegistersMs: { p50: round(median(withoutBackup)), p99: round(percentile(withoutBackup, 99)), sales: withoutBackup.length },
    fourRegistersWhileBackingUpMs: { p50: round(median(whileBackingUp)), p99: round(percentile(whileBackingUp, 99)), sales: whileBackingUp.length },
    p99IncreaseMs: round(percentile(whileBackingUp, 99) - percentile(withoutBackup, 99)),
    atACashiersPace: {
      msBetweenSalesOfARegister: BACKUP_PACE_MS,
      fourRegistersMs: { p50: round(median(pacedWithoutBackup)), p99: round(percentile(pacedWithoutBackup, 99)), sales: pacedWithoutBackup.length },
      fourRegistersWhileBackingUpMs: { p50: round(median(pacedWhileBackingUp)), p99: round(percentile(pacedWhileBackingUp, 99)), sales: pacedWhileBackingUp.length },
      p99IncreaseMs: round(percentile(pacedWhileBackingUp, 99) - percentile(pacedWithoutBackup, 99)),
    },
    backupMs: { p50: round(median(backupMs)), max: round(Math.max(...backupMs)) },
  },
  printing: {
    receipts: PRINTS,
    saleSentToLastReceiptByteMs: { p50: round(median(commitToPrinted)), p99: round(percentile(commitToPrinted, 99)) },
    fourRegistersOnePrinter: { receiptsPerSecond: round(PRINTS / queueSeconds, 1) },
  },
  customerImport: importFigures,
  customerSearch: searchFigures,
  productList,
  marginReport,
  clientAudit,
  headOffice,
  targets: { lookupP99InProcessMs: 2, salesPerSecondOneRegister: 2000, ratioToRaw: 0.5 },
};

writeResults(results);
fs.rmSync(dir, { recursive: true, force: true });

printRegister();
if (runs('lookups')) console.table({
  'barcode lookup, in process': { p50ms: results.barcodeLookup.inProcessMs.p50, p99ms: results.barcodeLookup.inProcessMs.p99 },
  'barcode lookup, HTTP': { p50ms: results.barcodeLookup.httpMs.p50, p99ms: results.barcodeLookup.httpMs.p99 },
  'card lookup, in process': { p50ms: results.customerCardLookup.inProcessMs.p50, p99ms: results.customerCardLookup.inProcessMs.p99 },
  'card lookup, HTTP': { p50ms: results.customerCardLookup.httpMs.p50, p99ms: results.customerCardLookup.httpMs.p99 },
});
if (runs('sales')) console.table({
  'sales/s, 1 register (HTTP)': { perSecond: results.sales.oneRegister.perSecond, p50ms: results.sales.oneRegister.latencyMs.p50, ratioToRaw: results.sales.ratioOneRegisterToRaw },
  'sales/s, 4 registers (HTTP)': { perSecond: results.sales.fourRegisters.perSecond, p50ms: results.sales.fourRegisters.latencyMs.p50, p99ms: results.sales.fourRegisters.latencyMs.p99, ratioToRaw: results.sales.ratioFourRegistersToRaw },
  'sales/s, raw better-sqlite3': { perSecond: results.sales.rawSqliteBaselinePerSecond, p50ms: NaN, ratioToRaw: 1 },
});
if (runs('backup')) console.table({
  '4 registers, no backup': { p50ms: results.backupWhileSelling.fourRegistersMs.p50, p99ms: results.backupWhileSelling.fourRegistersMs.p99, backupMs: NaN },
  [`4 registers while a backup runs (${BACKUP_ROUNDS * 2} backups of ${results.backupWhileSelling.databaseMegabytes} MB)`]: { p50ms: results.backupWhileSelling.fourRegistersWhileBackingUpMs.p50, p99ms: results.backupWhileSelling.fourRegistersWhileBackingUpMs.p99, backupMs: results.backupWhileSelling.backupMs.p50 },
  [`4 registers, a sale every ${BACKUP_PACE_MS} ms each, no backup`]: { p50ms: results.backupWhileSelling.atACashiersPace.fourRegistersMs.p50, p99ms: results.backupWhileSelling.atACashiersPace.fourRegistersMs.p99, backupMs: NaN },
  [`4 registers, a sale every ${BACKUP_PACE_MS} ms each, while a backup runs`]: { p50ms: results.backupWhileSelling.atACashiersPace.fourRegistersWhileBackingUpMs.p50, p99ms: results.backupWhileSelling.atACashiersPace.fourRegistersWhileBackingUpMs.p99, backupMs: results.backupWhileSelling.backupMs.p50 },
});
if (runs('printing')) console.table({
  'sale sent → last receipt byte on a loopback printer': { p50ms: results.printing.saleSentToLastReceiptByteMs.p50, p99ms: results.printing.saleSentToLastReceiptByteMs.p99 },
  '4 registers, one printer (receipts/s)': { p50ms: NaN, p99ms: NaN, receiptsPerSecond: results.printing.fourRegistersOnePrinter.receiptsPerSecond },
});
if (runs('import')) console.table(
  Object.fromEntries(
    results.customerImport.map((f) => [`customer import, ${f.rows} rows (${f.fileMegabytes} MB CSV)`, { rawCsvParseRowsPerSecond: f.baselineRowsPerSecond, dryRunRowsPerSecond: f.dryRunRowsPerSecond, dryRunRatio: f.dryRunRatioToBaseline, importRowsPerSecond: f.importRowsPerSecond, importRatio: f.importRatioToBaseline, peakRssGrowthMB: f.peakRssGrowthMegabytes }]),
  ),
);
if (searchFigures) {
  const { small, big } = searchFigures;
  const row = (f: { p50: number; p99: number; server: { p50: number; p99: number } }, of: string) => ({ [`p50ms, ${of}`]: f.p50, [`p99ms, ${of}`]: f.p99, [`server p50ms, ${of}`]: f.server.p50, [`server p99ms, ${of}`]: f.server.p99 });
  const both = (pick: (figures: typeof big) => Parameters<typeof row>[0]) => ({ ...row(pick(big), String(big.customers)), ...row(pick(small), String(small.customers)) });
  console.table({
    ...Object.fromEntries(Object.keys(big.byKind).map((kind) => [`customer search: ${kind}`, both((f) => f.byKind[kind])])),
    'customer search: all kinds': both((f) => f.overall),
    'signed-in round trip (GET /api/auth/session)': both((f) => f.signedInRoundTrip),
  });
  const watched = (f: typeof big) => {
    const pauses = Object.values(f.serverProcess?.gcPauses ?? {});
    return { eventLoopDelayP99ms: f.serverProcess?.eventLoopDelayMs.p99, eventLoopDelayMaxMs: f.serverProcess?.eventLoopDelayMs.max, gcPauses: pauses.reduce((n, p) => n + p.count, 0), gcLongestMs: Math.max(...pauses.map((p) => p.maxMs)) };
  };
  console.table({ [`server process while searching, ${big.customers}`]: watched(big), [`server process while searching, ${small.customers}`]: watched(small) });
}
if (productList) console.table({
  ...Object.fromEntries(Object.entries(productList.byCase).map(([name, f]) => [`product list, ${productList.products} products: ${name}`, { p50ms: f.p50, p99ms: f.p99, samples: f.samples }])),
  'product list: all cases': { p50ms: productList.overall.p50, p99ms: productList.overall.p99, samples: NaN },
  'signed-in round trip (GET /api/auth/session)': { p50ms: productList.signedInRoundTrip.p50, p99ms: productList.signedInRoundTrip.p99, samples: NaN },
});
if (marginReport) console.table({ [`margin report by product, ${marginReport.saleLines} sale lines, 30 days`]: { httpMedianMs: marginReport.httpMedianMs, rawSqliteMedianMs: marginReport.rawSqliteMedianMs, ratioToRaw: marginReport.ratioToRaw } });
if (clientAudit) console.table({
  [`audit of the client base, ${clientAudit.customers} customers, ${clientAudit.saleLines} sale lines`]: { ...clientAudit.auditMs, ratioToBaseline: clientAudit.ratioToBaseline.audit },
  'a segment of the audit (50 members)': { ...clientAudit.segmentPageMs, ratioToBaseline: clientAudit.ratioToBaseline.segmentPage },
  "manager's report, three months": { ...clientAudit.managerReportMs, ratioToBaseline: clientAudit.ratioToBaseline.managerReport },
  'raw SQLite: lines of the period per customer (baseline)': { ...clientAudit.rawSqliteBaselineMs, ratioToBaseline: 1 },
});
if (headOffice) console.table({
  [`head-office ingest, ${headOffice.outletsPushingAtOnce} outlets pushing 5-line sales`]: { perSecond: headOffice.ingestSalesPerSecond.median, rawPostgresPerSecond: headOffice.rawPostgresInsertPerSecond.median, ratioToRaw: headOffice.ratioToRaw },
  [`catch-up of ${headOffice.catchUp.receipts} receipts (${headOffice.catchUp.days} days offline)`]: { seconds: headOffice.catchUp.seconds, perSecond: headOffice.catchUp.receiptsPerSecond },
});
console.log(JSON.stringify(results, null, 2));
process.exit(0);
