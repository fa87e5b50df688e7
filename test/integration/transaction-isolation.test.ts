import diagnostics from 'node:diagnostics_channel';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient, ApiResponse } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { newId } from '../../shared/ids.ts';
import { sqliteOf, type Db } from '../../server/db/client.ts';
import { statement } from '../../server/db/statements.ts';

// The name SerialisedAdapter publishes on; written out, so that this file runs against code without it.
const DATABASE_WAIT_CHANNEL = 'till:database-wait';

let server: TestServer;
let manager: ApiClient;
let file: Database.Database;

/** Rows as committed to the SQLite file, read through a connection of our own. */
const committed = (sql: string, ...params: unknown[]) => file.prepare(sql).all(...params) as Record<string, unknown>[];

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Watches the server's database: holds open the next transaction whose callback fails with
 * `code` (its writes done, its rollback not yet), and tells when a request has reached the
 * database behind it: it waits for the lock, or it asks for a transaction of its own.
 */
function watch(db: Db) {
  const original = db.$transaction;
  let hold: { code: string; held: () => void; release: Promise<void> } | null = null;
  let reached: (() => void)[] = [];
  const reach = () => {
    const waiting = reached;
    reached = [];
    for (const notify of waiting) notify();
  };
  diagnostics.subscribe(DATABASE_WAIT_CHANNEL, reach);
  db.$transaction = ((arg: any, options?: any) => {
    reach();
    if (typeof arg !== 'function') return original.call(db, arg, options);
    return original.call(
      db,
      async (tx: unknown) => {
        try {
          return await arg(tx);
        } catch (err) {
          const h = hold;
          if (h && (err as { code?: string }).code === h.code) {
            hold = null;
            h.held();
            await h.release;
          }
          throw err;
        }
      },
      options,
    );
  }) as Db['$transaction'];
  return {
    /** Resolves once the failing transaction is open and held; `release` lets it roll back. */
    holdFailure(code: string) {
      const held = deferred();
      const release = deferred();
      hold = { code, held: held.resolve, release: release.promise };
      return { held: held.promise, release: release.resolve };
    },
    /** Sends a request and returns once it has answered or reached the database (with the answer to come). */
    async send(request: () => Promise<ApiResponse>): Promise<{ answer: Promise<ApiResponse> }> {
      const atDatabase = new Promise<void>((r) => reached.push(r));
      const answer = request();
      await Promise.race([answer, atDatabase]);
      return { answer };
    },
    stop() {
      diagnostics.unsubscribe(DATABASE_WAIT_CHANNEL, reach);
      db.$transaction = original;
    },
  };
}

/** Waits for an event loop turn, `turns` times (no clock involved). */
async function turns(count: number) {
  for (let i = 0; i < count; i++) await new Promise((r) => setImmediate(r));
}

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R1');
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  file = new Database(path.join(server.dir, 'outlet.db'), { readonly: true });
});

afterAll(async () => {
  file?.close();
  await server?.close();
});

describe('writes made while another request’s transaction is open', () => {
  it('keep a supplier, minimum levels, supplier terms, an import template, an import run and the deposit product when a return fails late and rolls back', async () => {
    // A return of a gift card someone has spent from is refused after its first writes (receipt number, document).
    const giftCardProduct = (await findProducts(manager, 'GIFT-CARD'))[0];
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', plu: null, kind: 'goods', price: { gt: 500 } }, orderBy: { sku: 'asc' } });
    const goods = (await findProducts(manager, row.sku)).find((p) => p.id === row.id)!;
    const code = `GC${Date.now()}`;
    const soldCard = await buildSale(manager, [{ product: giftCardProduct, quantityMilli: 1000, giftCard: { code, amount: 5000 } }], { tenders: (total) => [{ method: 'card', amount: total }] });
    const cardSale = await manager.post<any>('/api/sales', soldCard.request);
    expect(cardSale.status).toBe(201);
    const spend = await buildSale(manager, [{ product: goods, quantityMilli: 1000 }], { tenders: (total) => [{ method: 'gift-card', amount: Math.min(total, 5000), reference: code }, ...(total > 5000 ? [{ method: 'cash' as const, amount: total - 5000 }] : [])] });
    expect((await manager.post('/api/sales', spend.request)).status).toBe(201);
    const termsSupplier = (await manager.post<any>('/api/suppliers', { code: 'TERMS', name: 'Terms Ltd' })).body;
    const receiptSeq = committed('SELECT "receiptSeq" FROM "Shift" WHERE "closedAt" IS NULL')[0].receiptSeq;

    const database = watch(server.db);
    try {
      const { held, release } = database.holdFailure('gift-card-in-use');
      const returnId = newId();
      const refused = manager.post<any>('/api/returns', { id: returnId, originalSaleId: soldCard.request.id, lines: [{ saleLineId: cardSale.body.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
      await held;

      const supplier = await database.send(() => manager.post('/api/suppliers', { code: 'DURING', name: 'Written during a rollback' }));
      const level = await database.send(() => manager.put(`/api/stock/levels/${goods.id}`, { minMilli: 7000 }));
      const terms = await database.send(() => manager.put(`/api/suppliers/${termsSupplier.id}/products`, { productId: goods.id, supplierSku: 'T-1', unitCost: 321, packMilli: 6000 }));
      const template = await database.send(() =>
        manager.put('/api/customers/import/templates', { name: 'During a rollback', mapping: { name: 'Name' }, key: 'card', onExisting: 'skip', encoding: 'utf-8', delimiter: ',' }),
      );
      const imported = await database.send(async () => {
        const res = await fetch(`${server.url}/api/customers/import?${new URLSearchParams({ fileName: 'during.csv', dryRun: 'false', key: 'phone' })}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'text/csv' },
          body: 'Name,Phone\nDuring Rollback,+37060000999\n',
        });
        return { status: res.status, body: await res.json() };
      });
      const deposit = await database.send(() => manager.get('/api/pre-orders/deposit-product'));
      release();

      expect((await refused).body.error?.code).toBe('gift-card-in-use');
      const answers = await Promise.all([supplier, level, terms, template, imported, deposit].map((sent) => sent.answer));

      // The return left nothing; each write made while it was open is in the file (soft: every loss is named).
      expect(committed('SELECT "id" FROM "Sale" WHERE "id" = ?', returnId)).toHaveLength(0);
      expect(committed('SELECT "receiptSeq" FROM "Shift" WHERE "closedAt" IS NULL')[0].receiptSeq).toBe(receiptSeq);
      expect.soft(committed('SELECT "name" FROM "Supplier" WHERE "code" = ?', 'DURING'), 'supplier').toEqual([{ name: 'Written during a rollback' }]);
      expect.soft(committed('SELECT "minMilli" FROM "StockLevel" WHERE "productId" = ?', goods.id), 'minimum level').toEqual([{ minMilli: 7000 }]);
      expect.soft(committed('SELECT "supplierSku", "unitCost", "packMilli" FROM "SupplierProduct" WHERE "supplierId" = ?', termsSupplier.id), 'supplier terms').toEqual([{ supplierSku: 'T-1', unitCost: 321, packMilli: 6000 }]);
      expect.soft(committed('SELECT "name" FROM "ImportTemplate"'), 'import template').toEqual([{ name: 'During a rollback' }]);
      expect.soft(committed('SELECT "status" FROM "ImportRun" WHERE "id" = ?', answers[4].body.importId ?? ''), 'import run').toEqual([{ status: 'done' }]);
      expect.soft(committed('SELECT "name" FROM "Customer" WHERE "name" = ?', 'During Rollback'), 'imported customer').toHaveLength(1);
      expect.soft(committed(`SELECT "kind" FROM "Product" WHERE "sku" = 'PRE-ORDER-DEPOSIT'`), 'deposit product').toEqual([{ kind: 'deposit' }]);
      expect(answers.map((a) => a.status)).toEqual([201, 200, 200, 200, 200, 200]);
    } finally {
      database.stop();
    }
  });
});

describe('the outlet database', () => {
  it('runs a top-level write after the open transaction, not inside it, and a top-level read does not see the open transaction’s rows', async () => {
    const db = server.db;
    const opened = deferred();
    const fail = deferred();
    let seenFromInside: unknown = null;
    const failing = db.$transaction(async (tx) => {
      await tx.supplier.create({ data: { id: newId(), code: 'INSIDE', name: 'Rolled back' } });
      // Code handed `db` inside its own transaction reads and writes in that transaction.
      seenFromInside = await db.supplier.findUnique({ where: { code: 'INSIDE' }, select: { name: true } });
      opened.resolve();
      await fail.promise;
      throw new Error('late failure');
    });
    await opened.promise;

    let settled = 0;
    const write = db.supplier.create({ data: { id: newId(), code: 'OUTSIDE', name: 'Kept' } }).finally(() => (settled += 1));
    const read = db.supplier.findUnique({ where: { code: 'INSIDE' } }).finally(() => (settled += 1));
    await turns(50);
    expect(settled).toBe(0);

    fail.resolve();
    await expect(failing).rejects.toThrow('late failure');
    await write;
    expect(await read).toBeNull();
    expect(seenFromInside).toEqual({ name: 'Rolled back' });
    expect(committed(`SELECT "code" FROM "Supplier" WHERE "code" IN ('INSIDE', 'OUTSIDE')`)).toEqual([{ code: 'OUTSIDE' }]);
  });

  it('refuses a write on the raw connection outside a transaction, and takes it inside one', async () => {
    const sql = sqliteOf(server.db);
    const insert = `INSERT INTO "Supplier" ("id","code","name","contact","leadTimeDays") VALUES (?, ?, 'Raw', '', 0)`;
    expect(() => statement(sql, insert).run(newId(), 'RAW-STATEMENT')).toThrow(/outside db\.\$transaction/);
    expect(() => sql.prepare(insert).run(newId(), 'RAW-PREPARED')).toThrow(/outside db\.\$transaction/);
    expect(() => sql.prepare(`${insert} RETURNING "id"`).get(newId(), 'RAW-RETURNING')).toThrow(/outside db\.\$transaction/);
    expect(() => sql.exec(`INSERT INTO "Supplier" ("id","code","name") VALUES ('${newId()}', 'RAW-EXEC', 'Raw')`)).toThrow(/outside db\.\$transaction/);
    expect(() => sql.transaction(() => statement(sql, insert).run(newId(), 'RAW-SAVEPOINT'))()).toThrow(/db\.\$transaction/);
    expect(statement(sql, `SELECT COUNT(*) AS "n" FROM "Supplier"`).get()).toEqual({ n: expect.any(Number) });
    await server.db.$transaction(async () => {
      statement(sql, insert).run(newId(), 'RAW-INSIDE');
    });
    expect(committed(`SELECT "code" FROM "Supplier" WHERE "code" LIKE 'RAW-%'`)).toEqual([{ code: 'RAW-INSIDE' }]);
  });

  it('fails a transaction started inside another’s callback at once, instead of waiting for itself', async () => {
    const nested = server.db.$transaction(async () => server.db.$transaction(async (tx) => tx.supplier.count()));
    await expect(nested).rejects.toThrow(/cannot start inside another/);
  });
});
