import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { registerSearchFunctions } from './search-functions.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

/**
 * Applies the committed SQL migrations (prisma/migrations/<name>/migration.sql) in name order,
 * each once and in its own transaction, recording them in `_migrations`.
 * Our own runner rather than `prisma migrate deploy`: it needs no CLI process at start and the
 * same approach works for head office on PostgreSQL, where Prisma's migrate commands fail
 * through the pg adapter (see shared/docs/toolchain.md).
 */
export function applyMigrations(db: Database.Database, dir = MIGRATIONS_DIR): string[] {
  registerSearchFunctions(db);
  db.exec(`CREATE TABLE IF NOT EXISTS "_migrations" (name TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare(`SELECT name FROM "_migrations"`).all() as { name: string }[]).map((r) => r.name),
  );
  const pending = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !applied.has(d.name))
    .map((d) => d.name)
    .sort();
  for (const name of pending) {
    const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.prepare(`INSERT INTO "_migrations" (name, appliedAt) VALUES (?, ?)`).run(name, new Date().toISOString());
    })();
  }
  return pending;
}
