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
async function shape(client: pg.Client) {
  const columns = await client.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_migrations' ORDER BY table_name, column_name`,
  );
  const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_migrations' ORDER BY indexname`);
  return { columns: columns.rows, indexes: indexes.rows };
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
});
