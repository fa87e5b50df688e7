import type Database from 'better-sqlite3';
import { inTransaction } from './client.ts';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * A prepared statement, cached per connection, returning plain numbers rather than BigInt. One that
 * writes runs only inside a `db.$transaction` callback: outside one it would land in whatever
 * transaction another request has open on the shared connection (see SerialisedAdapter).
 */
export function statement(connection: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(connection);
  if (!cache) caches.set(connection, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = connection.prepare(sql);
    if (prepared.reader) prepared.safeIntegers(false);
    if (!prepared.readonly) prepared = onlyInTransaction(prepared, connection);
    cache.set(sql, prepared);
  }
  return prepared;
}

const EXECUTING = new Set<PropertyKey>(['run', 'get', 'all', 'iterate']);

function onlyInTransaction(prepared: Database.Statement, connection: Database.Database): Database.Statement {
  const refuseOutside = (run: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
    if (!inTransaction() || !connection.inTransaction) throw new Error(`A write outside db.$transaction: ${prepared.source.slice(0, 80)}`);
    return run.apply(prepared, args);
  };
  // Methods that return the statement (bind, pluck, raw, …) return the guarded one, so a chain stays guarded.
  const chained = (method: (...args: unknown[]) => unknown) => (...args: unknown[]) => {
    const result = method.apply(prepared, args);
    return result === prepared ? proxy : result;
  };
  const methods = new Map<PropertyKey, unknown>();
  const proxy: Database.Statement = new Proxy(prepared, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!methods.has(key)) methods.set(key, EXECUTING.has(key) ? refuseOutside(value as never) : chained(value as never));
      return methods.get(key);
    },
  });
  return proxy;
}

/** A timestamp in the text form Prisma stores DateTime in on SQLite, so both read it alike. */
export function sqliteTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace('Z', '+00:00');
}
