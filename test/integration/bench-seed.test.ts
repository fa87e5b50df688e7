import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue, SMALL_SUPPLIER, SPARSE } from '../../bench/seed-catalogue.ts';

// The benches' big catalogue has the sparse cases the product list's filters look for, one product
// in so many: the small supplier's products and the minimum levels among them. Counted here in the
// seeded file against the numbers worked out from the products the seed writes.

const TOTAL = 10_600;
/** The demo seed writes the first products; the catalogue seed numbers them from 0 and writes the rest. */
const DEMO_PRODUCTS = 520;
let dir: string;
let db: Database.Database;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-bench-seed-'));
  await seedCatalogue(path.join(dir, 'outlet.db'), TOTAL);
  db = new Database(path.join(dir, 'outlet.db'), { readonly: true });
}, 600_000);
afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the benches’ catalogue seed', () => {
  it('gives the small supplier every 5,000th product and a minimum level to every 20th', () => {
    const numbers = Array.from({ length: TOTAL - DEMO_PRODUCTS }, (_, i) => DEMO_PRODUCTS + i);
    const small = db.prepare(`SELECT COUNT(DISTINCT COALESCE(p."parentId", p."id")) AS n FROM "SupplierProduct" sp JOIN "Supplier" s ON s."id" = sp."supplierId" JOIN "Product" p ON p."id" = sp."productId" WHERE s."code" = ?`).get(SMALL_SUPPLIER.code) as { n: number };
    expect(small.n).toBe(numbers.filter((n) => n % SMALL_SUPPLIER.every === 0).length);
    // Levels are per sellable product (a product with variants has three): counted by the list's row.
    const levels = db.prepare(`SELECT COUNT(DISTINCT COALESCE(p."parentId", p."id")) AS n FROM "StockLevel" l JOIN "Product" p ON p."id" = l."productId" WHERE p."createdAt" = (SELECT MAX("createdAt") FROM "Product")`).get() as { n: number };
    expect(levels.n).toBe(numbers.filter((n) => n % SPARSE.minimum === 0).length);
  });
});
