import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openHeadOfficeDatabase, type HeadOfficeDb } from '../../server/headoffice/db.ts';
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from '../support/head-office.ts';

// PostgreSQL ends an idle connection of head office's pool (a restart, pg_terminate_backend): the
// head office process goes on, and its next query gets a new connection. Without the pool's error
// listener the 'error' is uncaught and Node ends the process (vitest reports it as an unhandled error).
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let db: HeadOfficeDb;

beforeAll(async () => {
  database = await createPostgresDatabase();
  db = await openHeadOfficeDatabase(database.url, 2);
}, 60_000);

afterAll(async () => {
  await db?.close();
  await database?.drop();
});

it('survives PostgreSQL ending its idle connections, and the next query is answered', async () => {
  const { rows: [{ pid }] } = await db.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS "pid"');
  expect(db.pool.idleCount).toBeGreaterThan(0);
  const warned = new Promise<string>((resolve) => process.once('warning', (w) => resolve(w.message)));
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    const { rows: [{ ended }] } = await admin.query<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS "ended"', [pid]);
    expect(ended).toBe(true);
  } finally {
    await admin.end();
  }
  expect(await warned).toMatch(/idle connection ended/);
  expect((await db.pool.query<{ one: number }>('SELECT 1 AS "one"')).rows).toEqual([{ one: 1 }]);
});
