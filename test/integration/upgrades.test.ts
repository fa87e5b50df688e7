import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOutletDatabase } from '../../server/db/client.ts';
import { knownMigrations, MIGRATIONS_DIR } from '../../server/db/migrate.ts';
import { registerSearchFunctions } from '../../server/db/search-functions.ts';
import { backupBeforeMigrating } from '../../server/backups/backup.ts';
import { listBackups } from '../../server/backups/archive.ts';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import { backupSettings, readDatabase, sha256 } from '../support/backups.ts';

const quiet = { warn() {} };
const ROOT = path.resolve(import.meta.dirname, '../..');

function migrationsOf(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT name FROM "_migrations" ORDER BY name`).pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** What the rows of a database hold, read by the test: how many rows each table has, and which category and barcodes each product has. */
function rowsOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    // The search indexes' own storage (FTS5 shadow tables) is laid out anew when they are rebuilt: not rows of the shop.
    const tables = db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_migrations' ORDER BY name`).pluck().all() as string[];
    return {
      counts: Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get()])),
      categories: db.prepare(`SELECT id, categoryId FROM "Product" ORDER BY id`).all(),
      barcodes: db.prepare(`SELECT code, productId FROM "Barcode" ORDER BY code`).all(),
    };
  } finally {
    db.close();
  }
}

/** A migration as Prisma writes one when SQLite cannot ALTER a table: each table copied into a new one with a column more (its rows get new rowids), dropped, the copy renamed, its indexes made again. */
function rebuildingMigration(file: string, tables: string[]): string {
  const db = new Database(file, { readonly: true });
  try {
    const steps = tables.flatMap((table) => {
      const created = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
      // Prisma makes again the indexes its schema has, which has no partial ones.
      const indexes = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL AND sql NOT LIKE '%) WHERE %'`).pluck().all(table) as string[];
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
      const renamed = created.replace(`CREATE TABLE "${table}" (`, `CREATE TABLE "new_${table}" (\n    "rebuilt" TEXT,`);
      if (renamed === created) throw new Error(`unexpected definition of ${table}: ${created}`);
      return [renamed, `INSERT INTO "new_${table}" (${columns}) SELECT ${columns} FROM "${table}"`, `DROP TABLE "${table}"`, `ALTER TABLE "new_${table}" RENAME TO "${table}"`, ...indexes];
    });
    return ['PRAGMA defer_foreign_keys=ON', 'PRAGMA foreign_keys=OFF', ...steps, 'PRAGMA foreign_keys=ON', 'PRAGMA defer_foreign_keys=OFF'].map((sql) => `${sql};`).join('\n');
  } finally {
    db.close();
  }
}

/** The committed migrations and one more, as the next version would ship them. */
function nextVersionMigrations(dir: string, sql: string): string {
  const next = path.join(dir, 'next-migrations');
  fs.cpSync(MIGRATIONS_DIR, next, { recursive: true });
  fs.mkdirSync(path.join(next, '9999_next'));
  fs.writeFileSync(path.join(next, '9999_next', 'migration.sql'), sql);
  return next;
}

describe('upgrading a shop\'s database', () => {
  let dir: string;
  let file: string;
  let backups: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-upgrade-'));
    file = path.join(dir, 'outlet.db');
    backups = path.join(dir, 'backups');
    fs.mkdirSync(backups);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates a database of the previous version only after a verified backup of it', async () => {
    const old = await openOutletDatabase(`file:${file}`);
    await seedDemoData(old, { productCount: 30, customerCount: 5 });
    await old.$disconnect();
    const before = readDatabase(file);

    const next = nextVersionMigrations(dir, 'ALTER TABLE "Sale" ADD COLUMN "note" TEXT;');
    const db = await openOutletDatabase(`file:${file}`, { migrationsDir: next, backupBeforeMigrating: backupBeforeMigrating(backupSettings(backups), quiet) });
    await db.$disconnect();
    expect(migrationsOf(file)).toEqual([...knownMigrations(), '9999_next']);
    const [backup] = await listBackups(backups, null);
    expect(backup).toMatchObject({ kind: 'pre-migration', integrity: 'ok', outletId: before.outletId, schema: knownMigrations().at(-1) });
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(path.join(backups, backup.file), copy);
    expect(migrationsOf(copy)).toEqual(knownMigrations());
    expect(readDatabase(copy)).toEqual(before);
  });

  it('leaves the previous database whole when a migration fails, and refuses to start naming the backup', async () => {
    const db = await openOutletDatabase(`file:${file}`);
    await seedDemoData(db, { productCount: 30, customerCount: 5 });
    await db.$disconnect();
    const before = { migrations: migrationsOf(file), content: readDatabase(file), hash: sha256(file) };

    // The next version's migrations: one that works, then one that fails halfway.
    const next = path.join(dir, 'next-migrations');
    fs.cpSync(MIGRATIONS_DIR, next, { recursive: true });
    fs.mkdirSync(path.join(next, '9998_works'));
    fs.writeFileSync(path.join(next, '9998_works', 'migration.sql'), 'CREATE TABLE "Added" ("id" TEXT NOT NULL PRIMARY KEY);');
    fs.mkdirSync(path.join(next, '9999_breaks'));
    fs.writeFileSync(path.join(next, '9999_breaks', 'migration.sql'), 'ALTER TABLE "Sale" ADD COLUMN "note" TEXT;\nINSERT INTO "NoSuchTable" VALUES (1);');

    const opening = openOutletDatabase(`file:${file}`, { migrationsDir: next, backupBeforeMigrating: backupBeforeMigrating(backupSettings(backups), quiet) });
    await expect(opening).rejects.toThrow(/Migration 9999_breaks failed: no such table: NoSuchTable/);
    const message = await opening.catch((err: Error) => err.message);
    const [backup] = await listBackups(backups, null);
    expect(message).toContain(path.join(backups, backup.file));
    expect(message).toContain(`at migration ${before.migrations.at(-1)}`);

    expect(migrationsOf(file)).toEqual(before.migrations);
    expect(readDatabase(file)).toEqual(before.content);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare(`SELECT name FROM sqlite_master WHERE name = 'Added'`).get()).toBeUndefined();
    expect((raw.prepare(`PRAGMA table_info("Sale")`).all() as { name: string }[]).map((c) => c.name)).not.toContain('note');
    raw.close();
    // The same database still opens with the version it belongs to.
    const again = await openOutletDatabase(`file:${file}`);
    expect(await again.sale.count()).toBe(before.content.sales);
    await again.$disconnect();
  });

  it('keeps every row that points at a table a migration rebuilds', async () => {
    const db = await openOutletDatabase(`file:${file}`);
    await seedDemoData(db, { productCount: 120, customerCount: 5 });
    await db.$disconnect();
    const before = rowsOf(file);
    expect(before.categories.filter((p) => (p as { categoryId: string | null }).categoryId !== null).length).toBeGreaterThan(0);
    expect(before.barcodes.length).toBeGreaterThan(0);

    const next = nextVersionMigrations(dir, rebuildingMigration(file, ['Category', 'Product']));
    const upgraded = await openOutletDatabase(`file:${file}`, { migrationsDir: next });
    await upgraded.$disconnect();

    expect(migrationsOf(file)).toContain('9999_next');
    expect(rowsOf(file)).toEqual(before);
    const raw = new Database(file, { readonly: true });
    expect((raw.prepare(`PRAGMA table_info("Product")`).all() as { name: string }[]).map((c) => c.name)).toContain('rebuilt');
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    raw.close();
  });

  it('keeps the product list\'s filters and the name search right when a migration rebuilds the tables they are derived from', async () => {
    const db = await openOutletDatabase(`file:${file}`);
    await seedDemoData(db, { productCount: 120, customerCount: 5 });
    await db.$disconnect();
    const shop = new Database(file);
    const outletId = shop.prepare(`SELECT "id" FROM "Outlet" LIMIT 1`).pluck().get() as string;
    // A product far along the rowids, which the rebuild's copy numbers anew, and minimum levels for a few products.
    shop.prepare(`INSERT INTO "Product" (rowid, "id", "sku", "name", "searchName", "taxRateId", "price", "updatedAt", "kind")
      SELECT 100000, 'late', 'LATE-1', 'Quince jelly', 'quince jelly', "taxRateId", 350, '2026-01-01', 'goods' FROM "Product" LIMIT 1`).run();
    const stocked = shop.prepare(`SELECT "productId", "quantityMilli" FROM "StockBalance" WHERE "outletId" = ? ORDER BY "productId" LIMIT 6`).all(outletId) as { productId: string; quantityMilli: number }[];
    for (const [i, s] of stocked.entries()) shop.prepare(`INSERT INTO "StockLevel" ("outletId", "productId", "minMilli") VALUES (?, ?, ?)`).run(outletId, s.productId, i % 2 ? s.quantityMilli + 1000 : Math.max(s.quantityMilli - 1000, 0));
    const triggersBefore = shop.prepare(`SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index') ORDER BY name`).pluck().all();
    shop.close();

    const next = nextVersionMigrations(dir, rebuildingMigration(file, ['Product', 'Barcode', 'StockLevel', 'StockBalance']));
    const upgraded = await openOutletDatabase(`file:${file}`, { migrationsDir: next });
    await upgraded.$disconnect();

    const raw = new Database(file);
    try {
      expect((raw.prepare(`PRAGMA table_info("Barcode")`).all() as { name: string }[]).map((c) => c.name)).toContain('rebuilt');
      expect(raw.prepare(`SELECT rowid FROM "Product" WHERE "id" = 'late'`).pluck().get()).toBeLessThan(100000);
      expect(raw.prepare(`SELECT name FROM sqlite_master WHERE type IN ('trigger', 'index') ORDER BY name`).pluck().all()).toEqual(triggersBefore);
      // What the filters should hold, computed by the test from the products, barcodes and stock.
      const withoutBarcode = () => raw.prepare(`SELECT p."id" FROM "Product" p WHERE p."kind" IN ('goods', 'service') AND p."id" NOT IN (SELECT "productId" FROM "Barcode") ORDER BY p."id"`).pluck().all();
      const kept = () => raw.prepare(`SELECT "productId" FROM "ProductWithoutBarcode" ORDER BY "productId"`).pluck().all();
      const low = () => raw.prepare(`SELECT l."productId" FROM "StockLevel" l LEFT JOIN "StockBalance" b USING ("outletId", "productId") WHERE COALESCE(b."quantityMilli", 0) < l."minMilli" ORDER BY 1`).pluck().all();
      const markedLow = () => raw.prepare(`SELECT "productId" FROM "StockLevel" WHERE "belowMinimum" = 1 ORDER BY 1`).pluck().all();
      const named = (words: string) => raw.prepare(`SELECT p."id" FROM "ProductNameSearch" s JOIN "Product" p ON p.rowid = s.rowid WHERE "ProductNameSearch" MATCH ? ORDER BY 1`).pluck().all(words);
      expect(kept()).toEqual(withoutBarcode());
      expect(kept()).toContain('late');
      expect(markedLow()).toEqual(low());
      expect(markedLow().length).toBe(3);
      expect(named('"quince"')).toEqual(['late']);

      // The triggers work on the rebuilt tables: barcodes given and taken, stock moved, a product renamed.
      raw.prepare(`INSERT INTO "Barcode" ("code", "productId") VALUES ('LATE-CODE', 'late')`).run();
      const coded = raw.prepare(`SELECT "productId" FROM "Barcode" GROUP BY "productId" HAVING COUNT(*) = 1 LIMIT 1`).pluck().get() as string;
      raw.prepare(`DELETE FROM "Barcode" WHERE "productId" = ?`).run(coded);
      expect(kept()).not.toContain('late');
      expect(kept()).toContain(coded);
      expect(kept()).toEqual(withoutBarcode());
      const [wasLow, wasEnough] = [stocked[1].productId, stocked[0].productId];
      raw.prepare(`UPDATE "StockBalance" SET "quantityMilli" = "quantityMilli" + 5000 WHERE "outletId" = ? AND "productId" = ?`).run(outletId, wasLow);
      raw.prepare(`UPDATE "StockBalance" SET "quantityMilli" = 0 WHERE "outletId" = ? AND "productId" = ?`).run(outletId, wasEnough);
      raw.prepare(`UPDATE "StockLevel" SET "minMilli" = 1 WHERE "outletId" = ? AND "productId" = ?`).run(outletId, wasEnough);
      expect(markedLow()).not.toContain(wasLow);
      expect(markedLow()).toContain(wasEnough);
      expect(markedLow()).toEqual(low());
      raw.prepare(`UPDATE "Product" SET "name" = 'Medlar jelly', "searchName" = 'medlar jelly' WHERE "id" = 'late'`).run();
      expect(named('"quince"')).toEqual([]);
      expect(named('"medlar"')).toEqual(['late']);
    } finally {
      raw.close();
    }
  });

  it('takes a migration that rebuilds every table, and has every trigger, view and index again, the customer search finding by the new rowids', async () => {
    const db = await openOutletDatabase(`file:${file}`);
    await seedDemoData(db, { productCount: 30, customerCount: 5 });
    await db.$disconnect();
    const shop = new Database(file);
    registerSearchFunctions(shop);
    // A customer far along the rowids, which the rebuild's copy numbers anew.
    shop.prepare(`INSERT INTO "Customer" (rowid, "id", "name", "searchName", "phone", "updatedAt") VALUES (100000, 'late', 'Rūta Žemaitytė', 'ruta zemaityte', '+37060012345', '2026-01-01')`).run();
    const schemaObjects = `SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'view', 'index') ORDER BY type, name`;
    const before = shop.prepare(schemaObjects).all();
    const tables = shop.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_migrations' ORDER BY name`).pluck().all() as string[];
    shop.close();

    const next = nextVersionMigrations(dir, rebuildingMigration(file, tables));
    const upgraded = await openOutletDatabase(`file:${file}`, { migrationsDir: next });
    await upgraded.$disconnect();

    const raw = new Database(file);
    try {
      registerSearchFunctions(raw);
      expect(raw.prepare(`SELECT COUNT(*) FROM pragma_table_list t WHERE t.schema = 'main' AND t.type = 'table' AND EXISTS (SELECT 1 FROM pragma_table_info(t.name) c WHERE c.name = 'rebuilt')`).pluck().get()).toBe(tables.length);
      expect(raw.prepare(schemaObjects).all()).toEqual(before);
      expect(raw.prepare(`SELECT rowid FROM "Customer" WHERE "id" = 'late'`).pluck().get()).toBeLessThan(100000);
      const found = (words: string) => raw.prepare(`SELECT c."id" FROM "CustomerSearch" s JOIN "Customer" c ON c.rowid = s.rowid WHERE "CustomerSearch" MATCH ?`).pluck().all(words);
      expect(found('"zemaityte"')).toEqual(['late']);
      expect(found('"60012345"')).toEqual(['late']);
      raw.prepare(`INSERT INTO "CustomerPhone" ("id", "customerId", "phone") VALUES ('late-2', 'late', '+37069998877')`).run();
      expect(found('"69998877"')).toEqual(['late']);
    } finally {
      raw.close();
    }
  });

  it('refuses a migration that leaves rows pointing at rows that are gone, keeping the database as it was', async () => {
    const db = await openOutletDatabase(`file:${file}`);
    await seedDemoData(db, { productCount: 30, customerCount: 5 });
    await db.$disconnect();
    const before = { migrations: migrationsOf(file), rows: rowsOf(file) };

    const next = nextVersionMigrations(dir, 'DELETE FROM "Category";');
    await expect(openOutletDatabase(`file:${file}`, { migrationsDir: next })).rejects.toThrow(/Migration 9999_next failed: \d+ rows would point at rows that are gone \(the first: Product → Category\)/);
    expect(migrationsOf(file)).toEqual(before.migrations);
    expect(rowsOf(file)).toEqual(before.rows);
  });

  it('refuses to start on a database made by a newer version, leaving it as it is', () => {
    const db = new Database(file);
    db.exec(`CREATE TABLE "_migrations" (name TEXT PRIMARY KEY, appliedAt TEXT NOT NULL)`);
    for (const name of [...knownMigrations(), '9999_from_the_future']) db.prepare(`INSERT INTO "_migrations" VALUES (?, ?)`).run(name, new Date().toISOString());
    db.close();
    const hash = sha256(file);
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `file:${file}`, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', POS_BACKUP_DIR: backups },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).toBe(78);
    expect(started.stdout + started.stderr).toMatch(/made by a newer version of Till: it has migration 9999_from_the_future/);
    expect(sha256(file)).toBe(hash);
  });
});
