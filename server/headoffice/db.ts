import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/headoffice/client.ts';

export const HEAD_OFFICE_MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/headoffice/migrations');

/** Head office's database: the Prisma client for ordinary work and its pg pool for the ingest's set-based SQL. */
export interface HeadOfficeDb {
  prisma: PrismaClient;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * Opens head office's PostgreSQL: applies pending migrations, then returns a Prisma client on the
 * pg driver adapter sharing one pool. Sessions run in UTC: `timestamp` columns hold UTC.
 */
export async function openHeadOfficeDatabase(url: string, poolSize = 10): Promise<HeadOfficeDb> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c TimeZone=UTC' });
  // An idle connection PostgreSQL ends (a restart, an administrator, a dropped database) is an
  // 'error' on the pool: the pool forgets that connection and opens another for the next query.
  // Without a listener Node ends the whole head office process on it.
  pool.on('error', (err) => process.emitWarning(`head office database: an idle connection ended (${err.message})`));
  try {
    await applyPgMigrations(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * Applies prisma/headoffice/migrations/<name>/migration.sql in name order, each once and in its own
 * transaction, recorded in `_migrations`; an advisory lock keeps two starting servers from racing.
 * Our own runner because Prisma's migrate commands fail through the pg adapter (toolchain.md).
 */
export async function applyPgMigrations(pool: pg.Pool, dir = HEAD_OFFICE_MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(727001)`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_migrations" (name TEXT PRIMARY KEY, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const applied = new Set((await client.query<{ name: string }>(`SELECT name FROM "_migrations"`)).rows.map((r) => r.name));
    const pending = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !applied.has(d.name))
      .map((d) => d.name)
      .sort();
    for (const name of pending) {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query(`INSERT INTO "_migrations" (name) VALUES ($1)`, [name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`head office migration ${name} failed: ${(err as Error).message}`);
      }
    }
    return pending;
  } finally {
    await client.query(`SELECT pg_advisory_unlock(727001)`).catch(() => undefined);
    client.release();
  }
}
