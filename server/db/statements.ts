import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, cached per connection, returning plain numbers rather than BigInt. */
export function statement(connection: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(connection);
  if (!cache) caches.set(connection, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = connection.prepare(sql);
    if (prepared.reader) prepared.safeIntegers(false);
    cache.set(sql, prepared);
  }
  return prepared;
}

/** A timestamp in the text form Prisma stores DateTime in on SQLite, so both read it alike. */
export function sqliteTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace('Z', '+00:00');
}
