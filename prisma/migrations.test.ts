import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../server/db/migrate.ts';

/**
 * Tables, columns (name, type, not null, default) and indexes of a database. The customer and
 * product name search indexes (FTS5, migrations 0008 and 0020) are not in Prisma's schema and are left out.
 */
function shape(db: Database.Database) {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%NameSearch%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(
    tables.map((table) => [
      table,
      {
        columns: (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null }[])
          .map((c) => `${c.name} ${c.type} ${c.notnull ? 'NOT NULL' : ''} ${c.dflt_value ?? ''}`.trim())
          .sort(),
        indexes: (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name`).all(table) as { name: string }[]).map((i) => i.name),
      },
    ]),
  );
}

describe('committed migrations', () => {
  it('build exactly the database the Prisma schema describes', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-migrations-'));
    try {
      const migrated = new Database(path.join(dir, 'migrated.db'));
      applyMigrations(migrated);
      const ddl = execFileSync('npx', ['prisma', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'unused.db')}` },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const expected = new Database(path.join(dir, 'expected.db'));
      expected.exec(ddl);
      expect(shape(migrated)).toEqual(shape(expected));
      migrated.close();
      expected.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
