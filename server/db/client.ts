import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../prisma/generated/outlet/client.ts';
import { applyMigrations } from './migrate.ts';

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
 * better-sqlite3 driver adapter.
 */
export async function openOutletDatabase(url: string): Promise<Db> {
  const file = databasePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  applyMigrations(raw);
  raw.close();

  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  // The adapter uses one connection, so these pragmas hold for every query.
  await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await prisma.$executeRawUnsafe('PRAGMA synchronous = FULL');
  await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 5000');
  return prisma;
}
