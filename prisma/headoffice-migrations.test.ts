import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPgMigrations } from '../server/headoffice/db.ts';
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
});
