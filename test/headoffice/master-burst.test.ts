import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { OPTIONAL_PULLED_ENTITIES } from '../../shared/schemas/master-data.ts';
import { newSigningKey, publicKeyOf } from '../../server/stock/note-signing.ts';
import type { ApiResponse } from '../support/api-client.ts';
import { ADMIN_TOKEN, createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A burst of head office's master-data writes of every kind at once (a long price-list import among
// them), while outlets pull: every write answers as it should (never 500), and a puller's cursor
// sees every change once, in order, none committed late passed over. Real PostgreSQL, a real outlet.

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let pullToken: string;
let pushToken: string;
/** The outlet pushing by hand shows head office an id and key of its own, like any outlet. */
const HANDS_IDENTITY = { outletId: newId(), publicKey: publicKeyOf(newSigningKey()) };

const VAT = newId();
const FOOD = newId();
const LEAD = newId();
const IMPORTED = 400;

const put = (path: string, body: unknown) => headOffice.admin.put(path, body);
const master = (entity: string, id: string, body: unknown) => put(`/api/head-office/master/${entity}/${id}`, body);
const maxSeq = async () => (await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`)).rows[0].seq as number;

interface Pulled { seq: number; entity: string; id: string; data: { price?: number } | null }
async function pullPage(after: number): Promise<{ changes: Pulled[]; cursor: number; more: boolean }> {
  // As an outlet of this version pulls: accepting own-price permissions (an outlet's permission change is then one change, not one per product).
  const res = await fetch(`${headOffice.url}/api/sync/pull?after=${after}&limit=50&accepts=${OPTIONAL_PULLED_ENTITIES.join(',')}`, { headers: { authorization: `Bearer ${pullToken}` } });
  if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
  return res.json();
}

async function importPriceList(csv: string): Promise<ApiResponse> {
  const res = await fetch(`${headOffice.url}/api/head-office/products/import?${new URLSearchParams({ fileName: 'burst.csv', dryRun: 'false' })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv' },
    body: csv,
  });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await master('tax-rate', VAT, { code: 'HO-VAT21', name: 'VAT 21 %', rateBp: 2100 })).status).toBe(204);
  expect((await master('category', FOOD, { code: 'ho-food', name: 'Food' })).status).toBe(204);
  expect((await master('customer-status', LEAD, { name: 'Lead', customerType: 'lead', position: 0, initial: true })).status).toBe(204);
  pullToken = await headOffice.addOutlet('BP');
  pushToken = await headOffice.addOutlet('HANDS');
  const token = await headOffice.addOutlet('B1');
  outlet = await startTestServer({ outletCode: 'B1', headOffice: { url: headOffice.url, token, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe('a burst of master-data writes', () => {
  it('answers every write, and a pulling outlet gets every change once, in order, none passed over', async () => {
    const existing = Array.from({ length: 6 }, () => newId());
    for (const [i, id] of existing.entries()) expect((await master('product', id, { sku: `HO-OLD-${i}`, name: `Old ${i}`, taxRateId: VAT, categoryId: FOOD, price: 500 })).status).toBe(204);
    const start = await maxSeq();

    // A puller running through the burst, as an outlet does, keeping everything it is sent.
    const seen: Pulled[] = [];
    let cursor = start;
    let bursting = true;
    const puller = (async () => {
      while (bursting) {
        const page = await pullPage(cursor);
        seen.push(...page.changes);
        cursor = page.cursor;
        if (!page.more) await new Promise((r) => setTimeout(r, 10));
      }
    })();

    const products = Array.from({ length: 16 }, (_, i) => ({ id: newId(), price: 1000 + i }));
    const customers = Array.from({ length: 6 }, (_, i) => ({ id: newId(), name: `Burst customer ${i}` }));
    const statuses = Array.from({ length: 3 }, (_, i) => ({ id: newId(), name: `Burst status ${i}` }));
    const fields = Array.from({ length: 3 }, (_, i) => ({ id: newId(), key: `burst_${i}` }));
    const variantPrice = (i: number, v: number) => 2000 + 10 * i + v;
    const families = Array.from({ length: 5 }, (_, i) => i);
    const csv = ['sku;name;price;vat', ...Array.from({ length: IMPORTED }, (_, i) => `HO-IMP-${i};Imported ${i};${(300 + i) / 100};21`)].join('\n');
    const writes: [string, number, Promise<ApiResponse>][] = [
      ['price list', 200, importPriceList(csv)],
      ...products.map((p, i) => [`product ${i}`, 204, master('product', p.id, { sku: `HO-BURST-${i}`, name: `Burst ${i}`, taxRateId: VAT, categoryId: FOOD, price: p.price })] as [string, number, Promise<ApiResponse>]),
      ...existing.map((id, i) => [`own price ${i}`, 204, put(`/api/head-office/outlets/B1/prices/${id}`, { price: 450 + i })] as [string, number, Promise<ApiResponse>]),
      ...customers.map((c, i) => [`customer ${i}`, 204, master('customer', c.id, { name: c.name, cards: [`BURST-CARD-${i}`] })] as [string, number, Promise<ApiResponse>]),
      ...statuses.map((st, i) => [`status ${i}`, 204, master('customer-status', st.id, { name: st.name, customerType: 'lead', position: i + 1, moves: [LEAD] })] as [string, number, Promise<ApiResponse>]),
      ['status named as another', 409, master('customer-status', newId(), { name: 'Lead', customerType: 'lead', position: 9 })],
      ...fields.map((f, i) => [`custom field ${i}`, 204, master('custom-field', f.id, { key: f.key, label: `Burst field ${i}`, type: 'text' })] as [string, number, Promise<ApiResponse>]),
      ...families.map((i) => [`family ${i}`, 201, headOffice.admin.post('/api/head-office/products', {
        name: `Burst tee ${i}`, sku: `HO-TEE-${i}`, taxRateId: VAT, price: 2000, cost: 500, options: [{ name: 'Size', values: ['S', 'M', 'L', 'XL'] }],
        variants: ['S', 'M', 'L', 'XL'].map((size, v) => ({ values: [size], sku: `HO-TEE-${i}-${size}`, price: variantPrice(i, v), cost: 500, barcodes: [] })),
      })] as [string, number, Promise<ApiResponse>]),
      ['supplier', 201, headOffice.admin.post('/api/head-office/suppliers', { code: 'BURST', name: 'Burst supplies' })],
      ['category', 201, headOffice.admin.post('/api/head-office/categories', { name: 'Burst drinks', parentId: null })],
      ['own prices allowed', 204, put('/api/head-office/outlets/B1/own-prices', { categoryId: null, allowed: false, bound: 'none', percentBp: null })],
      ['own prices of a category', 204, put('/api/head-office/outlets/BP/own-prices', { categoryId: FOOD, allowed: true, bound: 'none', percentBp: null })],
    ];
    expect(writes.length).toBeGreaterThanOrEqual(40);
    const answers = await Promise.all(writes.map(async ([what, expected, res]) => ({ what, expected, ...(await res) })));
    bursting = false;
    await puller;

    // Every write answered as it should: none failed for waiting on the others.
    expect(answers.map((a) => [a.what, a.status, a.status === a.expected ? null : JSON.stringify(a.body).slice(0, 200)])).toEqual(answers.map((a) => [a.what, a.expected, null]));
    expect(answers.find((a) => a.what === 'status named as another')!.body.error.fields[0].path).toBe('body.name');
    expect(answers[0].body).toMatchObject({ created: IMPORTED, rejectedCount: 0 });

    // The rest of what was logged, after the burst.
    for (let page = await pullPage(cursor); ; page = await pullPage(cursor)) {
      seen.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) break;
    }
    // Once each and in the order of the log: the cursor only moves forward.
    const seqs = seen.map((c) => c.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    // None passed over: every entity logged since the burst began came to the puller at its latest change.
    const { rows: logged } = await headOffice.db.pool.query<{ entity: string; entityId: string; seq: number }>(
      `SELECT "entity", "entityId", max("seq")::int AS "seq" FROM "MasterChange" WHERE "seq" > $1 GROUP BY 1, 2`,
      [start],
    );
    const latestSeen = new Map<string, number>();
    for (const c of seen) latestSeen.set(`${c.entity}:${c.id}`, Math.max(c.seq, latestSeen.get(`${c.entity}:${c.id}`) ?? 0));
    const missed = logged.filter((l) => latestSeen.get(`${l.entity}:${l.entityId}`) !== l.seq);
    expect(missed).toEqual([]);
    // What the test wrote is among what was pulled.
    const pulledIds = new Set(seen.map((c) => `${c.entity}:${c.id}`));
    for (const key of [...products.map((p) => `product:${p.id}`), ...customers.map((c) => `customer:${c.id}`), ...statuses.map((st) => `customer-status:${st.id}`), ...fields.map((f) => `custom-field:${f.id}`)]) {
      expect(pulledIds.has(key), key).toBe(true);
    }
    expect(seen.filter((c) => c.entity === 'product' && /^HO-IMP-/.test((c.data as { sku?: string } | null)?.sku ?? '')).length).toBeGreaterThanOrEqual(IMPORTED);

    // The real outlet pulling alongside ends with all of it.
    const end = await maxSeq();
    const cashier = await outlet.login('anna', '3333');
    await expect.poll(async () => (await cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(end);
    const held = await outlet.db.product.findMany({ where: { id: { in: products.map((p) => p.id) } }, select: { id: true, price: true } });
    expect(held.sort((a, b) => a.id.localeCompare(b.id))).toEqual(products.map((p) => ({ id: p.id, price: p.price })).sort((a, b) => a.id.localeCompare(b.id)));
    expect(await outlet.db.product.count({ where: { sku: { startsWith: 'HO-IMP-' } } })).toBe(IMPORTED);
    expect((await outlet.db.product.findUniqueOrThrow({ where: { sku: 'HO-IMP-7' } })).price).toBe(307);
    expect((await outlet.db.product.findMany({ where: { sku: { startsWith: 'HO-TEE-' }, parentId: { not: null } }, select: { sku: true, price: true }, orderBy: { sku: 'asc' } })).length).toBe(families.length * 4);
    expect((await outlet.db.product.findUniqueOrThrow({ where: { sku: 'HO-TEE-3-L' } })).price).toBe(variantPrice(3, 2));
    // B1 was given its own prices of the existing products.
    const own = await outlet.db.product.findMany({ where: { id: { in: existing } }, select: { id: true, price: true } });
    expect(own.map((p) => p.price).sort()).toEqual(existing.map((_, i) => 450 + i).sort());
    expect(await outlet.db.customerCard.count({ where: { code: { startsWith: 'BURST-CARD-' } } })).toBe(customers.length);
  }, 240_000);

  it('stores an outlet’s edit of a customer while a writer holding the change lock writes the same customer', async () => {
    const customer = newId();
    expect((await master('customer', customer, { name: 'Rasa Chain', cards: [] })).status).toBe(204);
    // A writer inside its transaction, as withMasterChange runs one: the change lock first, its rows next.
    const writer = await headOffice.db.pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query('SELECT pg_advisory_xact_lock(727002)');
      const editedAt = new Date().toISOString();
      const pushed = fetch(`${headOffice.url}/api/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${pushToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ outletCode: 'HANDS', ...HANDS_IDENTITY, sentAt: editedAt, documents: [{ documentId: newId(), type: 'customer-edit', createdAt: editedAt, payload: { customerId: customer, editedAt, fields: { phone: '+37060000077' }, cardsAdded: [] } }] }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
      // The ingest has come to the change lock and waits for it.
      await expect.poll(async () => (await headOffice.db.pool.query(`SELECT count(*)::int AS "n" FROM pg_stat_activity WHERE "wait_event" = 'advisory' AND "datname" = current_database()`)).rows[0].n, { timeout: 20_000, interval: 20 }).toBe(1);
      await writer.query(`UPDATE "Customer" SET "notes" = 'from head office' WHERE "id" = $1`, [customer]);
      await writer.query('COMMIT');
      const answer = await pushed;
      // What head office noted of the push (a refusal's cause is kept on the outlet's sync state).
      const { rows: [state] } = await headOffice.db.pool.query(`SELECT s."lastError" FROM "OutletSyncState" s JOIN "Outlet" o ON o."id" = s."outletId" WHERE o."code" = 'HANDS'`);
      expect([answer.status, state.lastError]).toEqual([200, null]);
    } finally {
      await writer.query('ROLLBACK').catch(() => undefined);
      writer.release();
    }
    expect(await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id: customer } })).toMatchObject({ notes: 'from head office', phone: '+37060000077' });
  });
});
