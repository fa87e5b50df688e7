// Head office on PostgreSQL: ingest of pushed 5-line sales over HTTP (4 outlets pushing at once,
// batches of 500) against raw PostgreSQL inserting the same documents in the same batches, and one
// outlet catching up after 7 days offline at 2,000 receipts a day through its real pusher.
// Run alone with `npm run bench:head-office`; `npm run bench` includes it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { openOutletDatabase, sqliteOf } from '../server/db/client.ts';
import { sqliteTimestamp } from '../server/db/statements.ts';
import { seedDemoData, seededRandom } from '../prisma/seed/demo.ts';
import { newId } from '../shared/ids.ts';
import { lineGross, taxIncluded } from '../shared/money.ts';
import { newSigningKey, publicKeyOf } from '../server/stock/note-signing.ts';
import type { SyncDocument } from '../shared/schemas/sync.ts';
import { ApiClient } from '../test/support/api-client.ts';
import { createPostgresDatabase, startHeadOffice } from '../test/support/head-office.ts';
import { median, round } from './stats.ts';

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const rnd = seededRandom(7);
const int = (n: number) => Math.floor(rnd() * n);

/** A sale document shaped like the outlet's SaleRecord (every column of the sale, its 5 lines, payment, discount). */
function saleDocument(outletId: string, seq: number, at: Date, productIds: string[], customerIds: string[]): SyncDocument {
  const id = newId();
  const lines = Array.from({ length: 5 }, (_, i) => {
    const quantityMilli = 1000 * (1 + int(3));
    const unitPrice = 50 + int(5000);
    const gross = lineGross(quantityMilli, unitPrice);
    const discountAmount = Math.floor(gross / 20);
    const amount = gross - discountAmount;
    return {
      id: newId(), saleId: id, lineNo: i + 1, productId: productIds[int(productIds.length)], name: `Product ${int(100000)}`, unit: 'piece',
      quantityMilli, unitPrice, grossAmount: gross, discountAmount, amount, taxRateBp: 2100, taxAmount: taxIncluded(amount, 2100),
      costAmount: Math.floor(amount * 0.6), originalLineId: null,
    };
  });
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const payload = {
    id, idempotencyKey: id, outletId, registerId: newId(), shiftId: newId(), kind: 'sale', number: `R1-1-${seq}`, seq, originalSaleId: null,
    customerId: customerIds[int(customerIds.length)], cashierId: newId(),
    subtotal: lines.reduce((s, l) => s + l.grossAmount, 0), discountTotal: lines.reduce((s, l) => s + l.discountAmount, 0), total,
    taxTotal: lines.reduce((s, l) => s + l.taxAmount, 0), createdAt: at.toISOString(), lines,
    payments: [{ id: newId(), saleId: id, method: 'cash', amount: total, tendered: total, change: 0, reference: null }],
    discounts: lines.filter((l) => l.discountAmount > 0).map((l) => ({ id: newId(), saleId: id, lineId: l.id, source: 'category', ruleId: null, reason: 'gold −5%', amount: l.discountAmount, approvedById: null })),
  };
  return { documentId: id, type: 'sale', createdAt: at.toISOString(), payload };
}

function runWorker<T>(file: string, workerData: unknown): Promise<T> {
  const worker = new Worker(new URL(file, import.meta.url), { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const ids = (n: number) => Array.from({ length: n }, () => newId());

/** Pushes each outlet's batches in order, the outlets at once; documents per second. */
async function timeIngest(push: (outlet: number, batch: SyncDocument[]) => Promise<void>, perOutlet: SyncDocument[][][]): Promise<number> {
  const start = performance.now();
  await Promise.all(perOutlet.map(async (batches, outlet) => {
    for (const batch of batches) await push(outlet, batch);
  }));
  const documents = perOutlet.reduce((s, b) => s + b.reduce((t, x) => t + x.length, 0), 0);
  return documents / ((performance.now() - start) / 1000);
}

/** Customers head office knows (their sales change their chain spend and are logged for outlets to pull). */
const CHAIN_CUSTOMERS = ids(5000);

function batchesFor(outletId: string, count: number, batchSize: number): SyncDocument[][] {
  const products = ids(2000);
  const customers = CHAIN_CUSTOMERS;
  const docs = Array.from({ length: count }, (_, i) => saleDocument(outletId, i + 1, new Date(Date.now() - (count - i) * 1000), products, customers));
  const batches: SyncDocument[][] = [];
  for (let i = 0; i < docs.length; i += batchSize) batches.push(docs.slice(i, i + batchSize));
  return batches;
}

export async function benchHeadOffice(options: { salesPerOutlet?: number; outlets?: number; rounds?: number; catchUpReceipts?: number } = {}) {
  const OUTLETS = options.outlets ?? 4;
  const PER_OUTLET = options.salesPerOutlet ?? 10_000;
  const ROUNDS = options.rounds ?? 3;
  const CATCH_UP = options.catchUpReceipts ?? 14_000;
  const BATCH = 500;
  const database = await createPostgresDatabase();
  const headOffice = await startHeadOffice(database.url);
  const codes = Array.from({ length: OUTLETS }, (_, i) => `BENCH${i + 1}`);
  const tokens = await Promise.all(codes.map((c) => headOffice.addOutlet(c)));
  // Each outlet shows head office its own id (which its documents carry) and key.
  const identities = codes.map(() => ({ outletId: newId(), publicKey: publicKeyOf(newSigningKey()) }));
  const raw = new pg.Pool({ connectionString: database.url, max: OUTLETS });
  await raw.query(
    `INSERT INTO "Customer" ("id", "name", "searchName", "updatedAt") SELECT id, 'Customer ' || n, 'customer ' || n, now() FROM unnest($1::text[]) WITH ORDINALITY AS c(id, n)`,
    [CHAIN_CUSTOMERS],
  );
  await raw.query(`CREATE TABLE "RawDocument" (LIKE "SyncedDocument" INCLUDING ALL)`);

  const ingestRates: number[] = [];
  const rawRates: number[] = [];
  let sizeMb = 0;
  for (let round = 0; round < ROUNDS; round++) {
    log(`head office ingest, round ${round + 1}/${ROUNDS}: ${OUTLETS} outlets × ${PER_OUTLET} sales`);
    const perOutlet = identities.map((identity) => batchesFor(identity.outletId, PER_OUTLET, BATCH));
    sizeMb = Buffer.byteLength(JSON.stringify(perOutlet[0][0])) / 1024 / 1024;
    const outlets = perOutlet.map((batches, i) => ({
      token: tokens[i],
      bodies: batches.map((documents) => Buffer.from(JSON.stringify({ outletCode: codes[i], ...identities[i], sentAt: new Date().toISOString(), documents }))),
    }));
    const { seconds } = await runWorker<{ seconds: number }>('./push-worker.mjs', { url: headOffice.url, outlets });
    ingestRates.push((OUTLETS * PER_OUTLET) / seconds);
    // Raw PostgreSQL: the same documents, the same batches and concurrency, one multi-row INSERT each.
    const again = perOutlet.map((batches) => batches.map((b) => b.map((d) => ({ ...d, documentId: newId() }))));
    rawRates.push(
      await timeIngest(async (outlet, batch) => {
        await raw.query(
          `INSERT INTO "RawDocument" ("documentId","outletId","type","createdAt","payload")
           SELECT "documentId", $1, "type", "createdAt", "payload" FROM jsonb_to_recordset($2::jsonb) AS d("documentId" text, "type" text, "createdAt" timestamp, "payload" jsonb)`,
          [codes[outlet], JSON.stringify(batch)],
        );
      }, again),
    );
  }
  const held = Number((await raw.query(`SELECT count(*) FROM "SyncedDocument"`)).rows[0].count);
  const storedBytes = Number((await raw.query(`SELECT pg_total_relation_size('"SyncedDocument"') AS "bytes"`)).rows[0].bytes);

  log(`catch-up: one outlet with ${CATCH_UP} receipts queued`);
  const catchUpCode = 'CATCHUP';
  const catchUpToken = await headOffice.addOutlet(catchUpCode);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-bench-ho-'));
  const db = await openOutletDatabase(`file:${path.join(dir, 'outlet.db')}`);
  const { outletId } = await seedDemoData(db, { productCount: 500, customerCount: 500 });
  await db.outlet.update({ where: { id: outletId }, data: { code: catchUpCode } });
  const products = (await db.product.findMany({ select: { id: true } })).map((p) => p.id);
  const customers = (await db.customer.findMany({ select: { id: true } })).map((c) => c.id);
  const sql = sqliteOf(db);
  const insert = sql.prepare(`INSERT INTO "OutboxEntry" ("id","sequence","outletId","type","documentId","payload","createdAt") VALUES (?,?,?,?,?,?,?)`);
  const weekAgo = Date.now() - 7 * 86_400_000;
  await db.$transaction(async () => {
    for (let i = 0; i < CATCH_UP; i++) {
      const doc = saleDocument(outletId, i + 1, new Date(weekAgo + i * ((7 * 86_400_000) / CATCH_UP)), products, customers);
      insert.run(newId(), i + 1, outletId, 'sale', doc.documentId, JSON.stringify(doc.payload), sqliteTimestamp(new Date(doc.createdAt)));
    }
  });
  const start = performance.now();
  const { app } = await buildApp({ db, logger: false, uiDir: path.join(dir, 'no-ui'), headOffice: { url: headOffice.url, token: catchUpToken, intervalMs: 20 } });
  while ((await db.outboxEntry.count({ where: { ackedAt: null } })) > 0) await new Promise((r) => setTimeout(r, 20));
  const catchUpSeconds = (performance.now() - start) / 1000;
  await app.close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
  const caughtUp = (await new ApiClient(headOffice.url, (await import('../test/support/head-office.ts')).ADMIN_TOKEN).get('/api/head-office/outlets')).body.find((o: { code: string }) => o.code === catchUpCode);

  await raw.end();
  await headOffice.close();
  await database.drop();
  const ingest = median(ingestRates);
  const rawIngest = median(rawRates);
  return {
    outletsPushingAtOnce: OUTLETS,
    salesPerRound: OUTLETS * PER_OUTLET,
    rounds: ROUNDS,
    linesPerSale: 5,
    batchSize: BATCH,
    batchMegabytes: round(sizeMb, 2),
    documentsHeld: held,
    storedBytesPerSale: Math.round(storedBytes / held),
    ingestSalesPerSecond: { median: round(ingest, 0), rounds: ingestRates.map((r) => round(r, 0)) },
    rawPostgresInsertPerSecond: { median: round(rawIngest, 0), rounds: rawRates.map((r) => round(r, 0)) },
    ratioToRaw: round(ingest / rawIngest, 3),
    catchUp: { receipts: CATCH_UP, days: 7, seconds: round(catchUpSeconds, 1), documentsHeld: caughtUp.documentsHeld, receiptsPerSecond: round(CATCH_UP / catchUpSeconds, 0) },
    targets: { ingestSalesPerSecond: 5000, catchUpSeconds: 60 },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchHeadOffice({ rounds: Number(process.env.BENCH_HO_ROUNDS ?? 3), catchUpReceipts: Number(process.env.BENCH_HO_CATCH_UP ?? 14_000) });
  console.log(JSON.stringify(figures, null, 2));
  process.exit(0);
}
