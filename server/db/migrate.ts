import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dropDerivedObjects, restoreDerivedData } from './derived-data.ts';
import { registerSearchFunctions } from './search-functions.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');

/** The migrations a folder holds, in name order (the order they apply in). */
export function knownMigrations(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** A database this version cannot run: it has migrations this version does not know. */
export class NewerDatabaseError extends Error {}

/** A migration failed; every migration of the run was rolled back with it. */
export class MigrationFailed extends Error {
  constructor(
    readonly migration: string,
    readonly lastApplied: string | null,
    cause: Error,
  ) {
    super(`Migration ${migration} failed: ${cause.message}`);
  }
}

/**
 * What migrating a database would do: the migrations already applied and those pending. A
 * database with a migration this version does not know was made by a newer version and is refused.
 */
export function migrationPlan(db: Database.Database, dir = MIGRATIONS_DIR): { applied: string[]; pending: string[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS "_migrations" (name TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)`);
  const applied = (db.prepare(`SELECT name FROM "_migrations" ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  const known = knownMigrations(dir);
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new NewerDatabaseError(
      `The database ${db.name} was made by a newer version of Till: it has migration ${unknown.at(-1)}, which this version does not know. ` +
        'Start the version that made it, or restore a backup made by this version (npm run restore -- <file>).',
    );
  }
  return { applied, pending: known.filter((name) => !applied.includes(name)) };
}

/**
 * Applies the committed SQL migrations (prisma/migrations/<name>/migration.sql) in name order,
 * all pending ones in one transaction, recording them in `_migrations`: a failing migration rolls
 * the whole upgrade back, so the database stays as the previous version left it.
 * Foreign keys are off while they run and checked before the commit (a row the migrations leave
 * pointing at nothing, which did not before, refuses the upgrade): Prisma rebuilds a table it
 * cannot ALTER (copy, DROP, rename) under `PRAGMA foreign_keys=OFF`, which SQLite ignores inside
 * a transaction, and with the keys on the DROP would null every optional reference to the table
 * (a product's category) and refuse a table that required ones point at (a product's barcodes).
 * Our own runner rather than `prisma migrate deploy`: it needs no CLI process at start and the
 * same approach works for head office on PostgreSQL, where Prisma's migrate commands fail
 * through the pg adapter (see shared/docs/toolchain.md).
 * The triggers and views kept beside Prisma's schema (derived-data.ts) are dropped before each
 * migration and made again after the last, so that a migration may rebuild any table.
 */
export function applyMigrations(db: Database.Database, dir = MIGRATIONS_DIR): string[] {
  registerSearchFunctions(db);
  const { applied, pending } = migrationPlan(db, dir);
  if (!pending.length) return pending;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      const brokenBefore = new Set(danglingReferences(db).map((r) => r.key));
      const ran: { name: string; sql: string }[] = [];
      for (const name of pending) {
        dropDerivedObjects(db, [...applied, ...ran.map((m) => m.name)]);
        const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
        try {
          db.exec(sql);
        } catch (err) {
          throw new MigrationFailed(name, applied.at(-1) ?? null, err as Error);
        }
        db.prepare(`INSERT INTO "_migrations" (name, appliedAt) VALUES (?, ?)`).run(name, new Date().toISOString());
        ran.push({ name, sql });
      }
      try {
        restoreDerivedData(db, [...applied, ...pending], ran);
      } catch (err) {
        throw new MigrationFailed(pending.at(-1)!, applied.at(-1) ?? null, new Error(`the derived data (server/db/derived-data.ts) could not be made again: ${(err as Error).message}`));
      }
      const broken = danglingReferences(db).filter((r) => !brokenBefore.has(r.key));
      if (broken.length) {
        const { table, parent } = broken[0];
        throw new MigrationFailed(pending.at(-1)!, applied.at(-1) ?? null, new Error(`${broken.length} rows would point at rows that are gone (the first: ${table} → ${parent})`));
      }
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return pending;
}

/** Rows whose foreign key points at no row (PRAGMA foreign_key_check), each with a key to compare runs by. */
function danglingReferences(db: Database.Database): { table: string; parent: string; key: string }[] {
  return (db.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string; fkid: number }[]).map((r) => ({
    table: r.table,
    parent: r.parent,
    key: `${r.table}\0${r.rowid}\0${r.fkid}`,
  }));
}
