import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, MIGRATIONS_DIR } from '../server/db/migrate.ts';

/**
 * Tables, columns (name, type, not null, default) and indexes of a database. The name search
 * indexes (FTS5: customers, migration 0025; products, 0022) and the partial indexes of the product
 * list's filters (0044, server/db/derived-data.ts) are not in Prisma's schema and are left out.
 */
function shape(db: Database.Database) {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'CustomerSearch%' AND name NOT LIKE 'ProductNameSearch%' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return Object.fromEntries(
    tables.map((table) => [
      table,
      {
        columns: (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; dflt_value: string | null }[])
          .map((c) => `${c.name} ${c.type} ${c.notnull ? 'NOT NULL' : ''} ${c.dflt_value ?? ''}`.trim())
          .sort(),
        indexes: (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_autoindex%' AND sql NOT LIKE '%) WHERE %' ORDER BY name`).all(table) as { name: string }[]).map((i) => i.name),
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

  it('0024 says what each sold line was, where each discount came from, and puts VAT and its rate into the daily sums', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-migrations-'));
    try {
      const before = path.join(dir, 'before');
      for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n < '0024')) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
      const db = new Database(path.join(dir, 'outlet.db'));
      applyMigrations(db, before);
      // Rows of one sale, without the outlet, register and shift around it.
      db.pragma('foreign_keys = OFF');
      db.exec(`
        INSERT INTO "TaxRate" ("id","code","name","rateBp") VALUES ('t21','standard','VAT 21%',2100), ('t0','zero','VAT 0%',0);
        INSERT INTO "Product" ("id","sku","name","searchName","taxRateId","price","updatedAt","kind") VALUES
          ('milk','M','Milk','milk','t21',121,'2026-01-01','goods'), ('dep','D','Deposit','deposit','t0',0,'2026-01-01','deposit');
        INSERT INTO "DiscountRule" ("id","name","kind","updatedAt") VALUES ('tier','Club','spend-tier','2026-01-01'), ('basket','Big basket','receipt-total','2026-01-01');
        INSERT INTO "Sale" ("id","idempotencyKey","outletId","registerId","shiftId","kind","number","seq","cashierId","subtotal","discountTotal","total","taxTotal","createdAt")
          VALUES ('s1','s1','o','r','sh','sale','R1-1',1,'u',2420,0,2420,420,'2026-01-31T22:10:00.000+00:00');
        INSERT INTO "SaleLine" ("id","saleId","lineNo","productId","name","unit","quantityMilli","unitPrice","grossAmount","discountAmount","amount","taxRateBp","taxAmount") VALUES
          ('l1','s1',1,'milk','Milk','piece',20000,121,2420,0,2420,2100,420), ('l2','s1',2,'dep','Deposit','piece',1000,500,500,0,500,0,0);
        INSERT INTO "SaleDiscount" ("id","saleId","lineId","source","ruleId","reason","amount") VALUES
          ('d1','s1','l1','rule','tier','Club card −7%',10), ('d2','s1','l1','rule','basket','Big basket −3%',5), ('d3','s1','l1','customer',NULL,'Personal −5%',5),
          ('d4','s1','l1','customer',NULL,'Gold card −10%',5), ('d5','s1','l1','manual',NULL,'Dented',5);
        INSERT INTO "ProductSalesDay" ("outletId","day","productId","quantityMilli","revenue","cost","discount","lines") VALUES ('o','2026-02-01','milk',20000,2420,1000,0,1);
      `);
      applyMigrations(db);
      expect(db.prepare(`SELECT "id", "kind" FROM "SaleLine" ORDER BY "id"`).all()).toEqual([{ id: 'l1', kind: 'goods' }, { id: 'l2', kind: 'deposit' }]);
      expect(db.prepare(`SELECT "id", "source" FROM "SaleDiscount" ORDER BY "id"`).all()).toEqual([
        { id: 'd1', source: 'card-tier' }, { id: 'd2', source: 'receipt-total' }, { id: 'd3', source: 'personal' }, { id: 'd4', source: 'category' }, { id: 'd5', source: 'manual' },
      ]);
      // 24.20 with 21 % VAT inside is 4.20 of VAT, at the rate the line was sold at.
      expect(db.prepare(`SELECT "day", "productId", "taxRateBp", "revenue", "tax", "cost" FROM "ProductSalesDay"`).all()).toEqual([{ day: '2026-02-01', productId: 'milk', taxRateBp: 2100, revenue: 2420, tax: 420, cost: 1000 }]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migration 0022 (catalogue)', () => {
  it('brings stored barcodes to the form a scan looks them up in, and indexes the product names already there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-migrations-'));
    try {
      const before = path.join(dir, 'before');
      for (const name of fs.readdirSync(MIGRATIONS_DIR).filter((n) => n < '0022')) fs.cpSync(path.join(MIGRATIONS_DIR, name), path.join(before, name), { recursive: true });
      const db = new Database(path.join(dir, 'outlet.db'));
      applyMigrations(db, before);
      db.exec(`INSERT INTO "TaxRate" ("id","code","name","rateBp") VALUES ('t','std','VAT',2100)`);
      const product = db.prepare(`INSERT INTO "Product" ("id","sku","name","searchName","taxRateId","price","updatedAt") VALUES (?,?,?,?,'t',100,'2026-01-01')`);
      product.run('a', 'A', 'Green tea', 'green tea');
      product.run('b', 'B', 'Black coffee', 'black coffee');
      const barcode = db.prepare(`INSERT INTO "Barcode" ("code","productId") VALUES (?,?)`);
      barcode.run('036000291452', 'a'); // UPC-A as the demo data stored it
      barcode.run('04006381333931', 'a'); // GTIN-14 with its leading 0
      barcode.run('012345678905', 'b');
      barcode.run('0012345678905', 'b'); // the same code twice
      barcode.run('SHOP-1', 'b');
      applyMigrations(db);
      expect(db.prepare(`SELECT "code", "productId" FROM "Barcode" ORDER BY "code"`).all()).toEqual([
        { code: '0012345678905', productId: 'b' },
        { code: '0036000291452', productId: 'a' },
        { code: '4006381333931', productId: 'a' },
        { code: 'SHOP-1', productId: 'b' },
      ]);
      const found = db.prepare(`SELECT p."sku" FROM "ProductNameSearch" s JOIN "Product" p ON p.rowid = s.rowid WHERE "ProductNameSearch" MATCH '"tea" AND "gree"'`).all();
      expect(found).toEqual([{ sku: 'A' }]);
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
