import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncDocument } from '../../shared/schemas/sync.ts';
import { newId } from '../../shared/ids.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { HeadOfficeLink } from '../../server/sync/connection.ts';
import { ApiClient } from '../support/api-client.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { FlakyLink } from '../support/flaky-link.ts';
import { createPostgresDatabase, outletIdentity, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Head office on real PostgreSQL with outlet servers on loopback, each behind a link that can be
// told to fail. After every fault, head office must hold each outlet's documents exactly once and
// its totals must equal the outlets' own to the minor unit.
const FAST: Omit<HeadOfficeLink, 'url' | 'token'> = { batchSize: 5, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 3000 };

interface Outlet {
  code: string;
  server: TestServer;
  cashier: ApiClient;
  manager: ApiClient;
  link: FlakyLink | null;
}

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
const tokens: Record<string, string> = {};
const links: Record<string, FlakyLink> = {};
const outlets: Record<string, Outlet> = {};
/** Net sales head office keeps for outlet A1 though the outlet lost them with its machine (restore test). */
let soldSinceBackup = 0;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'till-ho-'));

async function startOutlet(code: string, options: { databaseFile?: string; linked?: boolean } = {}): Promise<Outlet> {
  const linked = options.linked ?? true;
  const link = linked ? (links[code] ??= await FlakyLink.open(headOffice.url)) : null;
  const server = await startTestServer({
    outletCode: code,
    databaseFile: options.databaseFile,
    headOffice: link ? { url: link.url, token: tokens[code], ...FAST } : null,
  });
  const cashier = await server.login('anna', '3333');
  const opened = await cashier.post('/api/shifts', { openingFloat: 0 });
  if (opened.status !== 201 && opened.status !== 409) throw new Error(`shift: ${opened.status} ${JSON.stringify(opened.body)}`);
  const outlet = { code, server, cashier, manager: await server.login('manager', '2222'), link };
  outlets[code] = outlet;
  return outlet;
}

/** A copy of the outlet's database as it is now (SQLite's online backup: consistent while it sells). */
async function backUp(outlet: Outlet, name: string): Promise<string> {
  const file = path.join(scratch, `${name}.db`);
  const source = new Database(path.join(outlet.server.dir, 'outlet.db'), { readonly: true });
  await source.backup(file);
  source.close();
  return file;
}

async function refund(outlet: Outlet, saleId: string) {
  const sale = await outlet.server.db.sale.findUniqueOrThrow({ where: { id: saleId }, include: { lines: true } });
  const res = await outlet.manager.post('/api/returns', { id: newId(), originalSaleId: saleId, lines: [{ saleLineId: sale.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
  expect(res.status).toBe(201);
}

const backlog = async (outlet: Outlet) => (await outlet.cashier.get('/api/sync/status')).body;
const caughtUp = (outlet: Outlet) => expect.poll(async () => (await backlog(outlet)).backlog, { timeout: 20_000, interval: 50 }).toBe(0);

/** The outlet's own figures: net sales (returns subtract) and every document it has queued. */
async function outletBooks(outlet: Outlet) {
  const sales = await outlet.server.db.sale.findMany({ select: { kind: true, total: true } });
  const documents = await outlet.server.db.outboxEntry.findMany({ select: { documentId: true } });
  return {
    total: sales.reduce((sum, s) => sum + (s.kind === 'sale' ? s.total : -s.total), 0),
    receipts: sales.filter((s) => s.kind === 'sale').length,
    documents: documents.map((d) => d.documentId).sort(),
  };
}

/** What head office holds for the outlet: the day figures the ingest kept, and the documents. */
async function headOfficeBooks(code: string) {
  const { rows: [figures] } = await headOffice.db.pool.query(
    `SELECT coalesce(sum(d."total"), 0)::float8 AS "total", coalesce(sum(d."receipts"), 0)::int AS "receipts"
     FROM "ChainSalesDay" d JOIN "Outlet" o ON o."id" = d."outletId" WHERE o."code" = $1`,
    [code],
  );
  const { rows: documents } = await headOffice.db.pool.query(
    `SELECT s."documentId", s."payload" FROM "SyncedDocument" s JOIN "Outlet" o ON o."id" = s."outletId" WHERE o."code" = $1 ORDER BY s."documentId"`,
    [code],
  );
  const fromDocuments = documents
    .filter((d) => d.payload.kind === 'sale' || d.payload.kind === 'return')
    .reduce((sum, d) => sum + (d.payload.kind === 'sale' ? d.payload.total : -d.payload.total), 0);
  return { total: figures.total, receipts: figures.receipts, fromDocuments, documents: documents.map((d) => d.documentId as string) };
}

async function expectBooksAgree(outlet: Outlet) {
  const [own, held] = await Promise.all([outletBooks(outlet), headOfficeBooks(outlet.code)]);
  expect(held.documents).toEqual(own.documents); // none missing, none twice
  expect(held.total).toBe(own.total);
  expect(held.fromDocuments).toBe(own.total);
  expect(held.receipts).toBe(own.receipts);
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  for (const code of ['A1', 'B1', 'C1']) tokens[code] = await headOffice.addOutlet(code);
  await startOutlet('A1');
  await startOutlet('B1');
});

afterAll(async () => {
  for (const outlet of Object.values(outlets)) await outlet.server.close().catch(() => undefined);
  for (const link of Object.values(links)) await link.close();
  await headOffice?.close().catch(() => undefined);
  await database?.drop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe('head office on PostgreSQL with two outlets', () => {
  it('holds every document of both outlets once, with totals equal to each outlet’s own', async () => {
    const { A1, B1 } = outlets;
    const sold = await sellSimpleSales(A1.server.db, A1.cashier, 7);
    await sellSimpleSales(B1.server.db, B1.cashier, 4);
    await refund(A1, sold[1]);
    await Promise.all([caughtUp(A1), caughtUp(B1)]);
    await expectBooksAgree(A1);
    await expectBooksAgree(B1);
    const list = (await headOffice.admin.get('/api/head-office/outlets')).body;
    expect(list.find((o: { code: string }) => o.code === 'A1')).toMatchObject({ activeCredentials: 1, documentsHeld: (await outletBooks(A1)).documents.length, lastError: null });
    expect(list.find((o: { code: string }) => o.code === 'A1').lastContactAt).not.toBeNull();
  });

  it('survives the link dropping mid-batch: the cut batch is sent again and counted once', async () => {
    const { A1 } = outlets;
    A1.link!.damageNext('cut-request', 'cut-request');
    await sellSimpleSales(A1.server.db, A1.cashier, 12);
    await caughtUp(A1);
    expect(A1.link!.seen['cut-request']).toBe(2);
    await expectBooksAgree(A1);
  });

  it('survives answers lost after head office stored the batch', async () => {
    const { B1 } = outlets;
    B1.link!.damageNext('cut-answer', 'cut-answer', 'cut-answer');
    const sold = await sellSimpleSales(B1.server.db, B1.cashier, 9);
    await refund(B1, sold[0]);
    await caughtUp(B1);
    expect(B1.link!.seen['cut-answer']).toBe(3);
    await expectBooksAgree(B1);
  });

  it('counts a batch delivered twice at the same moment once', async () => {
    const { A1 } = outlets;
    A1.link!.damageNext('duplicate', 'duplicate', 'duplicate');
    await sellSimpleSales(A1.server.db, A1.cashier, 11);
    await caughtUp(A1);
    expect(A1.link!.seen.duplicate).toBe(3);
    await expectBooksAgree(A1);
  });

  it('lets outlets sell through a head-office restart and catches up after it', async () => {
    const { A1, B1 } = outlets;
    const port = headOffice.port;
    await headOffice.close();
    await sellSimpleSales(A1.server.db, A1.cashier, 6);
    await sellSimpleSales(B1.server.db, B1.cashier, 6);
    await expect.poll(async () => (await backlog(A1)).unreachableSince, { timeout: 10_000 }).not.toBeNull();
    expect((await backlog(B1)).backlog).toBeGreaterThan(0);
    headOffice = await startHeadOffice(database.url, port);
    await Promise.all([caughtUp(A1), caughtUp(B1)]);
    expect((await backlog(A1)).unreachableSince).toBeNull();
    await expectBooksAgree(A1);
    await expectBooksAgree(B1);
  });

  it('stores batches that arrive out of order, a return before its sale, and adds up the same', async () => {
    const C1 = await startOutlet('C1', { linked: false });
    const sold = await sellSimpleSales(C1.server.db, C1.cashier, 8);
    await refund(C1, sold[0]);
    const documents = await outboxDocuments(C1);
    const batches = [documents.slice(0, 4), documents.slice(4, 8), documents.slice(8)];
    const push = pusherFor('C1');
    for (const order of [2, 0, 1, 0]) {
      const res = await push(batches[order]);
      expect(res.status).toBe(200);
      expect(res.body.held.sort()).toEqual(batches[order].map((d) => d.documentId).sort());
    }
    await expectBooksAgree(C1);
  });

  it('dates documents by the outlet’s clock and shows the skew, without moving totals', async () => {
    const { C1 } = outlets;
    await sellSimpleSales(C1.server.db, C1.cashier, 3);
    const threeHours = 3 * 3600_000;
    // As a till three hours ahead makes them: dated by its clock, documents and batch alike.
    const ahead = (at: string) => new Date(Date.parse(at) + threeHours).toISOString();
    const fresh = (await outboxDocuments(C1)).slice(-3).map((d) => ({ ...d, createdAt: ahead(d.createdAt), payload: { ...d.payload, createdAt: ahead(d.payload.createdAt as string) } }));
    const res = await pusherFor('C1')(fresh, new Date(Date.now() + threeHours));
    expect(res.status).toBe(200);
    await expectBooksAgree(C1);
    const c1 = (await headOffice.admin.get('/api/head-office/outlets')).body.find((o: { code: string }) => o.code === 'C1');
    expect(Math.abs(c1.clockSkewMs - threeHours)).toBeLessThan(60_000);
    const { rows } = await headOffice.db.pool.query(`SELECT "createdAt" AT TIME ZONE 'UTC' AS "at" FROM "SyncedDocument" WHERE "documentId" = $1`, [fresh[0].documentId]);
    expect(rows[0].at.toISOString()).toBe(fresh[0].createdAt);
  });

  it('takes an outlet restored from yesterday’s backup: nothing it resends counts twice, nothing sold since the backup is lost', async () => {
    const { A1 } = outlets;
    await sellSimpleSales(A1.server.db, A1.cashier, 3);
    const backup = await backUp(A1, 'a1-yesterday'); // these three may still wait in the backup's outbox
    await sellSimpleSales(A1.server.db, A1.cashier, 5);
    await caughtUp(A1);
    await expectBooksAgree(A1);
    const before = await headOfficeBooks('A1');
    const lostAtOutlet = (await outletBooks(A1)).documents.length;

    await A1.server.close(); // the machine dies; yesterday's backup goes onto a new one
    const restored = await startOutlet('A1', { databaseFile: backup });
    await caughtUp(restored);
    const after = await headOfficeBooks('A1');
    expect(after.documents).toEqual(before.documents);
    expect(after.total).toBe(before.total);
    const own = await outletBooks(restored);
    expect(own.documents.length).toBeLessThan(lostAtOutlet);
    expect(own.documents.every((id) => after.documents.includes(id))).toBe(true);
    soldSinceBackup = before.total - own.total;
    expect(soldSinceBackup).toBeGreaterThan(0);

    await sellSimpleSales(restored.server.db, restored.cashier, 4);
    await caughtUp(restored);
    const later = await headOfficeBooks('A1');
    expect(later.documents.length).toBe(before.documents.length + 4);
    expect(later.total - before.total).toBe((await outletBooks(restored)).total - own.total);
  });

  it('refuses a revoked credential; the outlet keeps its documents until it has a new one', async () => {
    const { B1 } = outlets;
    await caughtUp(B1);
    expect((await headOffice.admin.post('/api/head-office/outlets/B1/revoke')).body).toEqual({ revoked: 1 });
    await sellSimpleSales(B1.server.db, B1.cashier, 2);
    await expect.poll(async () => (await backlog(B1)).lastError, { timeout: 10_000 }).toMatch(/401 credential-refused/);
    expect((await backlog(B1)).backlog).toBeGreaterThanOrEqual(2);

    const issued = await headOffice.admin.post('/api/head-office/outlets/B1/credentials');
    expect(issued.status).toBe(201);
    tokens.B1 = issued.body.token;
    const file = await backUp(B1, 'b1-now');
    await B1.server.close();
    const again = await startOutlet('B1', { databaseFile: file });
    await caughtUp(again);
    await expectBooksAgree(again);
  });

  it('refuses a malformed batch whole, naming the field, and keeps nothing of it', async () => {
    const { C1 } = outlets;
    await sellSimpleSales(C1.server.db, C1.cashier, 2);
    const [good, bad] = (await outboxDocuments(C1)).slice(-2);
    const push = pusherFor('C1');
    const broken = { ...bad, payload: { ...bad.payload, total: -5 } };
    const res = await push([good, broken]);
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toBe('documents.1.payload.total');
    expect((await headOfficeBooks('C1')).documents).not.toContain(good.documentId);
    expect((await push([good, good])).body.error.fields[0].path).toBe('documents.1.documentId');
    const wrongOutlet = await new ApiClient(headOffice.url, tokens.C1).post('/api/sync/push', { outletCode: 'A1', ...(await outletIdentity(C1.server.db)), sentAt: new Date().toISOString(), documents: [good] });
    expect(wrongOutlet.status).toBe(403);
    const outsider = await new ApiClient(headOffice.url, 'not-a-credential').post('/api/sync/push', { outletCode: 'C1', ...(await outletIdentity(C1.server.db)), sentAt: new Date().toISOString(), documents: [good] });
    expect(outsider.status).toBe(401);
    expect((await push([good, bad])).status).toBe(200);
    await expectBooksAgree(C1);
  });

  it('adds the chain up: head office’s sales equal the sum of the outlets’ own (and what A1 lost with its machine)', async () => {
    const day = localTimeIn('Europe/Vilnius').slice(0, 10);
    const sales = (await headOffice.admin.get(`/api/head-office/sales?from=2000-01-01&to=2999-12-31`)).body;
    let own = soldSinceBackup;
    for (const outlet of Object.values(outlets)) own += (await outletBooks(outlet)).total;
    expect(sales.chain.sales).toBe(own);
    expect(sales.rows.some((r: { day: string }) => r.day === day)).toBe(true);
    expect((await headOffice.admin.get('/api/head-office/sales?from=2000-01-01&to=nope')).body.error.fields[0].path).toBe('querystring.to');
    expect((await new ApiClient(headOffice.url).get('/api/head-office/sales?from=2000-01-01&to=2999-12-31')).status).toBe(401);
  });
});

/** The outlet's queued documents as its pusher would send them, oldest first. */
async function outboxDocuments(outlet: Outlet): Promise<SyncDocument[]> {
  const entries = await outlet.server.db.outboxEntry.findMany({ orderBy: { sequence: 'asc' } });
  return entries.map((e) => ({ documentId: e.documentId, type: e.type as SyncDocument['type'], createdAt: e.createdAt.toISOString(), payload: JSON.parse(e.payload) }));
}

/** Pushes documents by hand with the outlet's credential and identity, as its pusher would. */
function pusherFor(code: string) {
  const api = new ApiClient(headOffice.url, tokens[code]);
  return async (documents: SyncDocument[], sentAt = new Date()) =>
    api.post<any>('/api/sync/push', { outletCode: code, ...(await outletIdentity(outlets[code].server.db)), sentAt: sentAt.toISOString(), documents });
}
