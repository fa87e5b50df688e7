import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import fs from 'node:fs';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../prisma/generated/outlet/client.ts';
import { applyMigrations } from './migrate.ts';
import { registerSearchFunctions } from './search-functions.ts';

export type Db = PrismaClient;
/** The client handed to code running inside a transaction. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Turns `file:./data/outlet.db` (or a plain path) into a file path. */
export function databasePath(url: string): string {
  return url.replace(/^file:/, '');
}

/**
 * Opens the outlet database: applies pending migrations, sets WAL with synchronous=FULL (a sale
 * the register calls "paid" survives a power cut), and returns a Prisma client on the
 * better-sqlite3 driver adapter, with every statement serialised behind the open transaction
 * (see SerialisedAdapter).
 */
export async function openOutletDatabase(url: string): Promise<Db> {
  const file = databasePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  applyMigrations(raw);
  raw.close();

  const adapter = new SerialisingFactory(new PrismaBetterSQLite3({ url: file }));
  const prisma = new PrismaClient({ adapter });
  const transaction = prisma.$transaction.bind(prisma);
  // Each call gets its own scope, which SerialisedAdapter opens when the transaction begins.
  prisma.$transaction = ((arg: never, options?: never) =>
    inTransaction() ? Promise.reject(new Error(NESTED)) : transactionScope.run({ state: 'pending' }, () => transaction(arg, options))) as Db['$transaction'];
  // The adapter uses one connection, so these pragmas hold for every query.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = FULL');
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 5000');
  if (!adapter.connection) throw new Error('The SQLite adapter did not open a connection');
  registerSearchFunctions(adapter.connection);
  connections.set(prisma, writingOnlyInTransactions(adapter.connection));
  return prisma;
}

const connections = new WeakMap<Db, Database.Database>();

/**
 * The better-sqlite3 connection under a Prisma client, for the few hot paths where Prisma's
 * per-query cost (about 0.4 ms against 0.02 ms for a prepared statement, see bench/) matters: the
 * sale commit and barcode/card look-ups.
 *
 * It is the adapter's only connection, so a statement run on it inside a `db.$transaction`
 * callback is part of that transaction. Writes on it run only inside one (they throw elsewhere,
 * see writingOnlyInTransactions); reads may run anywhere, and outside a transaction they see what
 * an open one has written so far. Integers come back as BigInt by default: hot-path statements
 * (`statement()`) turn that off.
 */
export function sqliteOf(db: Db): Database.Database {
  const connection = connections.get(db);
  if (!connection) throw new Error('Not an outlet database opened by openOutletDatabase');
  return connection;
}

/**
 * The connection as sqliteOf hands it out. It is synchronous, so a statement on it cannot wait for
 * the open transaction the way SerialisedAdapter makes Prisma's wait: one that writes runs only
 * inside a `db.$transaction` callback (where the transaction on the connection is the caller's),
 * and throws anywhere else, in tests and in production alike, since running it would put it in
 * whichever transaction another request has open. better-sqlite3's own transaction() would do the
 * same (it nests as a savepoint in the open one), so it is refused for db.$transaction.
 */
function writingOnlyInTransactions(connection: Database.Database): Database.Database {
  const refuseOutside = (what: string) => {
    if (!inTransaction() || !connection.inTransaction) throw new Error(`A write outside db.$transaction: ${what.slice(0, 80)}`);
  };
  return new Proxy(connection, {
    get(target, key) {
      if (key === 'prepare') {
        return (sql: string) => {
          const prepared = target.prepare(sql);
          return prepared.readonly ? prepared : executingOnlyInTransactions(prepared, () => refuseOutside(sql));
        };
      }
      if (key === 'exec') {
        return (sql: string) => {
          refuseOutside(sql);
          return target.exec(sql);
        };
      }
      if (key === 'transaction') {
        return () => {
          throw new Error('Use db.$transaction: a better-sqlite3 transaction would join the one another request has open');
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const EXECUTING = new Set<PropertyKey>(['run', 'get', 'all', 'iterate']);

/** A statement whose run/get/all/iterate call `check` first; methods that return the statement (bind, pluck, raw, …) return this one. */
function executingOnlyInTransactions(prepared: Database.Statement, check: () => void): Database.Statement {
  const methods = new Map<PropertyKey, unknown>();
  const guarded: Database.Statement = new Proxy(prepared, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown;
      if (typeof value !== 'function') return value;
      if (!methods.has(key)) {
        const method = value as (...args: unknown[]) => unknown;
        methods.set(
          key,
          EXECUTING.has(key)
            ? (...args: unknown[]) => {
                check();
                return method.apply(target, args);
              }
            : (...args: unknown[]) => {
                const result = method.apply(target, args);
                return result === target ? guarded : result;
              },
        );
      }
      return methods.get(key);
    },
  });
  return guarded;
}

type TransactionScope = { state: 'pending' | 'open' | 'closed' };
const transactionScope = new AsyncLocalStorage<TransactionScope>();

/** Whether the code running now is inside the callback of a `db.$transaction` that is open. */
export function inTransaction(): boolean {
  return transactionScope.getStore()?.state === 'open';
}

/** The diagnostics channel told `{ kind: 'statement' | 'transaction' }` when one waits for the open transaction. */
export const DATABASE_WAIT_CHANNEL = 'till:database-wait';
const waits = diagnostics.channel(DATABASE_WAIT_CHANNEL);

const NESTED = 'A transaction cannot start inside another: use the transaction client you were given';

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3['connect']>>;
type AdapterTransaction = Awaited<ReturnType<Adapter['startTransaction']>>;

/**
 * Why a write can no longer escape into another request's transaction.
 *
 * The better-sqlite3 adapter (node_modules/@prisma/adapter-better-sqlite3, 6.19) has one
 * connection. Its startTransaction takes a mutex and runs BEGIN; Prisma then sends the callback's
 * queries and COMMIT or ROLLBACK through the transaction object, whose commit()/rollback() only
 * release the mutex. Its plain queryRaw/executeRaw, which every query on the top-level client
 * goes through (`db.supplier.create`, `db.$executeRaw`, reads alike), take no lock: issued while
 * another request's callback awaits between BEGIN and COMMIT, they run inside that transaction
 * and die with its rollback (and reads see its uncommitted rows).
 *
 * This adapter puts one FIFO lock in front of both: a transaction holds it from before BEGIN until
 * after COMMIT or ROLLBACK, and a top-level statement takes it for itself, so it runs between
 * transactions, alone, as its own (autocommit) transaction. The one exception is a top-level
 * statement issued from inside an open transaction's own callback (code that was handed `db`
 * rather than `tx`): the lock is held by that very transaction, so waiting would deadlock, and
 * running it at once puts it in the caller's own transaction, which is what it meant. Which
 * callback code runs in is known through AsyncLocalStorage: `db.$transaction` gives each call a
 * scope, opened when its BEGIN has run and closed when its COMMIT or ROLLBACK has (a timeout
 * included), so code that outlives its transaction goes through the lock again. Starting a
 * transaction inside an open one would wait for itself: it fails at once instead.
 *
 * Statements on the raw connection (sqliteOf) are synchronous and cannot wait for a lock; a write
 * there is refused unless inTransaction() (see writingOnlyInTransactions).
 *
 * Whatever has to wait for the lock is published on DATABASE_WAIT_CHANNEL (nothing is done when
 * nobody listens): how often the registers queue behind a long transaction, and what tests watch
 * to know a request has reached the database.
 */
class SerialisedAdapter {
  readonly provider: Adapter['provider'];
  readonly adapterName: string;
  readonly #lock = new Mutex();

  constructor(private readonly inner: Adapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: Parameters<Adapter['queryRaw']>[0]) {
    return this.#alone(() => this.inner.queryRaw(query));
  }

  executeRaw(query: Parameters<Adapter['executeRaw']>[0]) {
    return this.#alone(() => this.inner.executeRaw(query));
  }

  executeScript(script: string) {
    return this.#alone(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: Parameters<Adapter['startTransaction']>[0]): Promise<AdapterTransaction> {
    if (inTransaction()) throw new Error(NESTED);
    const scope = transactionScope.getStore();
    const own = scope?.state === 'pending' ? scope : null;
    if (this.#lock.isLocked()) waits.publish({ kind: 'transaction' });
    const release = await this.#lock.acquire();
    let inner: AdapterTransaction;
    try {
      inner = await this.inner.startTransaction(isolationLevel);
    } catch (err) {
      release();
      throw err;
    }
    if (own) own.state = 'open';
    const end = async (finish: () => Promise<void>) => {
      try {
        await finish();
      } finally {
        if (own) own.state = 'closed';
        release();
      }
    };
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      options: inner.options,
      queryRaw: (query) => inner.queryRaw(query),
      executeRaw: (query) => inner.executeRaw(query),
      commit: () => end(() => inner.commit()),
      rollback: () => end(() => inner.rollback()),
    };
  }

  dispose() {
    return this.inner.dispose();
  }

  #alone<T>(run: () => Promise<T>): Promise<T> {
    if (inTransaction()) return run();
    if (this.#lock.isLocked()) waits.publish({ kind: 'statement' });
    return this.#lock.runExclusive(run);
  }
}

/** Wraps the adapter factory to serialise its adapter and keep hold of the connection it opens. */
class SerialisingFactory {
  readonly provider: 'sqlite';
  readonly adapterName: string;
  connection: Database.Database | null = null;

  constructor(private readonly inner: PrismaBetterSQLite3) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  async connect() {
    const adapter = await this.inner.connect();
    this.connection = (adapter as unknown as { client: Database.Database }).client;
    return new SerialisedAdapter(adapter);
  }

  connectToShadowDb() {
    return this.inner.connectToShadowDb();
  }
}
