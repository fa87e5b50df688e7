// docs/head-office.md's nightly dump and restore, run as written against the local PostgreSQL:
// pg_dump -Fc of a head office holding outlets and their pushed sales, pg_restore --no-owner
// --exit-on-error into an empty database, then every table's rows counted on both sides and head
// office started on the restored one.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sellSimpleSales } from '../support/cart.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer } from '../support/server.ts';

const run = promisify(execFile);

/** Every table of the database's own schemas with its row count, counted by PostgreSQL. */
async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const counts: Record<string, number> = {};
    for (const { schema, name } of tables.rows) {
      const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`);
      counts[`${schema}.${name}`] = Number(rows[0].n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

/** pg_dump's and pg_restore's connection options for a database URL (the password through the environment, as cron would have it in ~/.pgpass). */
function connection(url: string) {
  const u = new URL(url);
  return { args: ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)], database: u.pathname.slice(1), env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) } };
}

describe('the head-office restore drill of docs/head-office.md', () => {
  let source: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let restored: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let headOffice: TestHeadOffice;
  let dir: string;
  beforeAll(async () => {
    source = await createPostgresDatabase();
    restored = await createPostgresDatabase();
    headOffice = await startHeadOffice(source.url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-ho-drill-'));
  });
  afterAll(async () => {
    await headOffice?.close();
    await source.drop();
    await restored.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores a nightly dump into an empty database with every table and row, and head office runs on it', async () => {
    const token = await headOffice.addOutlet('VLN-1');
    await headOffice.addOutlet('KNS-1');
    const outlet = await startTestServer({ outletCode: 'VLN-1', headOffice: { url: headOffice.url, token, batchSize: 50, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 3000 } });
    try {
      const cashier = await outlet.login('anna', '3333');
      await cashier.post('/api/shifts', { openingFloat: 0 });
      await sellSimpleSales(outlet.db, cashier, 3);
      await expect.poll(async () => (await cashier.get('/api/sync/status')).body.backlog, { timeout: 20_000, interval: 50 }).toBe(0);
    } finally {
      await outlet.close();
    }
    const dump = path.join(dir, 'till_ho.dump');
    const from = connection(source.url);
    await run('pg_dump', [...from.args, '-Fc', '-f', dump, from.database], { env: from.env });
    const into = connection(restored.url);
    await run('pg_restore', [...into.args, '-d', into.database, '--no-owner', '--exit-on-error', dump], { env: into.env });

    const before = await rowCounts(source.url);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThan(5);
    expect(await rowCounts(restored.url)).toEqual(before);

    const again = await startHeadOffice(restored.url);
    try {
      const outlets = await again.admin.get('/api/head-office/outlets');
      expect(outlets.status).toBe(200);
      expect(JSON.stringify(outlets.body)).toContain('KNS-1');
    } finally {
      await again.close();
    }
  });
});
