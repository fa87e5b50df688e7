import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPgMigrations, HEAD_OFFICE_MIGRATIONS_DIR } from '../server/headoffice/db.ts';
import { createPostgresDatabase } from '../test/support/head-office.ts';
import { composeHeadOfficeSchema, MASTER_DATA_MODELS } from './compose-headoffice.ts';

const dir = import.meta.dirname;
const databases: { drop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

/** Columns (name, type, nullable, default) and indexes of every table in the public schema. */
/** Indexes Prisma's schema cannot describe (an operator class on a model composed from the outlet's SQLite schema): made by migrations only. */
const SQL_ONLY_INDEXES = ['Product_searchName_trgm'];

async function shape(client: pg.Client) {
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_migrations' ORDER BY table_name, column_name`,
  );
  const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_migrations' ORDER BY indexname`);
  return { columns: columns.rows, indexes: indexes.rows.filter((i) => !SQL_ONLY_INDEXES.includes(i.indexname)) };
}

describe('head office schema', () => {
  it('is composed from the outlet’s master-data models without their outlet-only relations', () => {
    const composed = composeHeadOfficeSchema(fs.readFileSync(path.join(dir, 'schema.prisma'), 'utf8'), fs.readFileSync(path.join(dir, 'headoffice', 'models.prisma'), 'utf8'));
    const models = [...composed.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);
    expect(models).toEqual(expect.arrayContaining([...MASTER_DATA_MODELS, 'SyncedDocument', 'OutletCredential', 'ChainSalesDay']));
    expect(models).not.toContain('Sale');
    expect(composed).toContain('provider = "postgresql"');
    expect(composed).not.toMatch(/sessions\s+Session\[\]/);
    expect(composed).toMatch(/model Product \{[\s\S]*?price\s+Int/);
    expect(fs.readFileSync(path.join(dir, 'generated', 'headoffice.prisma'), 'utf8')).toBe(composed);
  });

  it('committed PostgreSQL migrations build exactly the database the composed schema describes', async () => {
    const migrated = await createPostgresDatabase();
    const expected = await createPostgresDatabase();
    databases.push(migrated, expected);
    const pool = new pg.Pool({ connectionString: migrated.url });
    expect((await applyPgMigrations(pool)).length).toBeGreaterThan(0);
    expect(await applyPgMigrations(pool)).toEqual([]); // applied once
    await pool.end();
    const ddl = execFileSync('npx', ['prisma', 'migrate', 'diff', '--config', 'prisma/headoffice.config.ts', '--from-empty', '--to-schema-datamodel', 'prisma/generated/headoffice.prisma', '--script'], {
      env: { ...process.env, DATABASE_URL: expected.url },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const a = new pg.Client({ connectionString: migrated.url });
    const b = new pg.Client({ connectionString: expected.url });
    await Promise.all([a.connect(), b.connect()]);
    await b.query(ddl);
    expect(await shape(a)).toEqual(await shape(b));
    expect((await a.query(`SELECT indexname FROM pg_indexes WHERE indexname = ANY($1::text[]) ORDER BY 1`, [SQL_ONLY_INDEXES])).rows.map((r) => r.indexname)).toEqual(SQL_ONLY_INDEXES);
    await Promise.all([a.end(), b.end()]);
  });

  it('gives transfer receipts stored before ids of their own, and brings customer-edit clocks ahead of now back to now', async () => {
    const database = await createPostgresDatabase();
    databases.push(database);
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      // The database as it was before 0004: a receipt kept its transfer's id, and a till's clock said 9999.
      const before = fs.mkdtempSync(path.join(os.tmpdir(), 'till-ho-migrations-'));
      for (const name of fs.readdirSync(HEAD_OFFICE_MIGRATIONS_DIR).filter((n) => n < '0004')) fs.cpSync(path.join(HEAD_OFFICE_MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
      await applyPgMigrations(pool, before);
      fs.rmSync(before, { recursive: true, force: true });
      const transfer = '0193f6a4-58f1-7c3e-9a55-2f0a8b1c4d5e';
      await pool.query(`INSERT INTO "Outlet" ("id", "code", "name") VALUES ('a', 'A1', 'A'), ('b', 'B1', 'B')`);
      await pool.query(
        `INSERT INTO "SyncedDocument" ("documentId", "outletId", "type", "createdAt", "payload") VALUES
           ($1, 'a', 'stock-transfer-out', now(), jsonb_build_object('id', $1::text, 'lines', '[]'::jsonb)),
           ($1, 'b', 'stock-transfer-in', now(), jsonb_build_object('id', $1::text, 'lines', '[]'::jsonb))`,
        [transfer],
      );
      await pool.query(`INSERT INTO "CustomerFieldClock" ("customerId", "clocks") VALUES ('c', '{"notes": "9999-12-31T00:00:00Z", "name": "2020-01-01T00:00:00.000Z"}')`);

      expect(await applyPgMigrations(pool)).toContain('0005_outlets_verified');
      const { rows } = await pool.query(`SELECT "documentId", "outletId", "payload" FROM "SyncedDocument" ORDER BY "outletId"`);
      expect(rows[0]).toMatchObject({ documentId: transfer, outletId: 'a' });
      expect(rows[1].documentId).not.toBe(transfer);
      expect(rows[1].payload).toEqual({ id: rows[1].documentId, transferId: transfer, lines: [] });
      const { rows: [clock] } = await pool.query(`SELECT "clocks" FROM "CustomerFieldClock" WHERE "customerId" = 'c'`);
      expect(clock.clocks.name).toBe('2020-01-01T00:00:00.000Z');
      expect(Date.parse(clock.clocks.notes)).toBeLessThanOrEqual(Date.now());
    } finally {
      await pool.end();
    }
  });

  it('0009 files what head office holds under each outlet’s local day and month, goods apart from deposits and gift cards (in customers’ spend too), with VAT by rate', async () => {
    const database = await createPostgresDatabase();
    databases.push(database);
    const pool = new pg.Pool({ connectionString: database.url });
    try {
      const before = fs.mkdtempSync(path.join(os.tmpdir(), 'till-ho-migrations-'));
      for (const name of fs.readdirSync(HEAD_OFFICE_MIGRATIONS_DIR).filter((n) => n < '0009')) fs.cpSync(path.join(HEAD_OFFICE_MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
      await applyPgMigrations(pool, before);
      fs.rmSync(before, { recursive: true, force: true });
      await pool.query(`INSERT INTO "Outlet" ("id", "code", "name", "timezone") VALUES ('v', 'VLN-1', 'V', 'Europe/Vilnius'), ('n', 'NYC-1', 'N', 'America/New_York'), ('x', 'X-1', 'X', 'Nowhere/Else')`);
      const line = (id: string, kind: string | null, amount: number, taxRateBp: number, taxAmount: number, costAmount: number) => ({ id, productId: 'p', amount, taxRateBp, taxAmount, costAmount, discountAmount: 0, ...(kind ? { kind } : {}) });
      const sale = (id: string, kind: string, customerId: string | null, lines: object[], payments: object[] = []) => ({ id, kind, customerId, total: lines.reduce((s, l: any) => s + l.amount, 0), lines, payments });
      // 22:10 UTC on 31 January is 00:10 on 1 February in Vilnius; 03:00 UTC on 1 February is still 31 January in New York.
      await pool.query(
        `INSERT INTO "SyncedDocument" ("documentId", "outletId", "type", "createdAt", "payload") VALUES
           ('a', 'v', 'sale', '2026-01-31 22:10:00', $1), ('b', 'v', 'sale', '2026-01-31 22:20:00', $2), ('c', 'n', 'sale', '2026-02-01 03:00:00', $3), ('d', 'n', 'return', '2026-02-01 06:00:00', $4),
           ('e', 'v', 'sale', '2026-01-31 22:30:00', $5)`,
        [
          sale('a', 'sale', 'cust', [line('a1', 'goods', 1210, 2100, 210, 600), line('a2', 'goods', 1090, 900, 90, 500)]),
          sale('b', 'sale', 'cust', [line('b1', 'deposit', 700, 0, 0, 0)]),
          sale('c', 'sale', 'cust', [line('c1', null, 2420, 2100, 420, 1000)], [{ method: 'deposit', amount: 300 }]),
          sale('d', 'return', 'cust', [line('d1', 'goods', 1210, 2100, 210, 500)]),
          sale('e', 'sale', 'cust', [line('e1', 'gift-card', 5000, 0, 0, 0)]),
        ],
      );
      await pool.query(`INSERT INTO "ChainSalesDay" ("outletId", "day", "receipts", "total") VALUES ('v', '2026-01-31', 2, 3000)`);

      expect(await applyPgMigrations(pool)).toContain('0009_local_days');
      const { rows: days } = await pool.query(
        `SELECT "outletId", "day", "receipts", "returns", "total"::int, "taxTotal"::int, "cost"::int, "depositsTaken"::int, "depositsUsed"::int FROM "ChainSalesDay" ORDER BY "outletId" DESC, "day"`,
      );
      expect(days).toEqual([
        { outletId: 'v', day: '2026-02-01', receipts: 1, returns: 0, total: 2300, taxTotal: 300, cost: 1100, depositsTaken: 700, depositsUsed: 0 },
        { outletId: 'n', day: '2026-01-31', receipts: 1, returns: 0, total: 2420, taxTotal: 420, cost: 1000, depositsTaken: 0, depositsUsed: 300 },
        { outletId: 'n', day: '2026-02-01', receipts: 0, returns: 1, total: -1210, taxTotal: -210, cost: -500, depositsTaken: 0, depositsUsed: 0 },
      ]);
      const { rows: rates } = await pool.query(`SELECT "outletId", "day", "rateBp", "sales"::int, "tax"::int FROM "ChainTaxDay" WHERE "outletId" = 'v' ORDER BY "rateBp"`);
      expect(rates).toEqual([{ outletId: 'v', day: '2026-02-01', rateBp: 900, sales: 1090, tax: 90 }, { outletId: 'v', day: '2026-02-01', rateBp: 2100, sales: 1210, tax: 210 }]);
      // The customer's deposit and gift card bought are money held, not goods: the spend is the goods, net of the return.
      const { rows: months } = await pool.query(`SELECT "outletId", "month", "total"::int FROM "CustomerSpendMonth" ORDER BY "outletId" DESC, "month"`);
      expect(months).toEqual([{ outletId: 'v', month: '2026-02', total: 2300 }, { outletId: 'n', month: '2026-01', total: 2420 }, { outletId: 'n', month: '2026-02', total: -1210 }]);
      expect((await pool.query(`SELECT "timezone" FROM "Outlet" WHERE "id" = 'x'`)).rows[0].timezone).toBe('UTC');
    } finally {
      await pool.end();
    }
  });
});
