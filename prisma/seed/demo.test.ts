import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutletDatabase, type Db } from '../../server/db/client.ts';
import { verifySecret } from '../../server/users/secrets.ts';
import { hasValidCheckDigit } from '../../shared/barcodes.ts';
import { DEMO_USERS, generateProducts, seedOutletIfEmpty } from './demo.ts';

let db: Db;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-seed-'));
  db = await openOutletDatabase(`file:${path.join(dir, 'outlet.db')}`);
});
afterAll(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the demo shop', () => {
  it('is created on the first start of an empty database, and only then', async () => {
    expect(await seedOutletIfEmpty(db)).toBe(true);
    expect(await seedOutletIfEmpty(db)).toBe(false);
    expect(await db.outlet.count()).toBe(1);
  });

  it('has at least 500 products with Latin and Cyrillic names, weighed and price-labelled goods', async () => {
    const products = await db.product.findMany({ include: { barcodes: true } });
    expect(products.length).toBeGreaterThanOrEqual(500);
    expect(products.some((p) => /[а-яё]/i.test(p.name))).toBe(true);
    expect(products.some((p) => /^[\x20-\x7e]+$/.test(p.name))).toBe(true);
    expect(products.filter((p) => p.unit === 'kg' && p.plu).length).toBeGreaterThanOrEqual(30);
    expect(products.filter((p) => p.unit === 'piece' && p.plu).length).toBeGreaterThanOrEqual(5);
    expect(products.some((p) => !p.discountable)).toBe(true);
    for (const p of products) for (const b of p.barcodes) expect(hasValidCheckDigit(b.code)).toBe(true);
    // Every 17th product's extra UPC-A is stored as a scan looks it up: 13 digits, a leading 0.
    const codes = products.flatMap((p) => p.barcodes.map((b) => b.code));
    expect(codes.filter((c) => c.length !== 13 && c.length !== 8)).toEqual([]);
    expect(codes.filter((c) => c.length === 13 && c.startsWith('0')).length).toBe(products.filter((p) => p.barcodes.length === 2).length);
    expect(new Set(products.map((p) => p.name)).size).toBe(products.length);
  });

  it('has 50 customers with cards and phones, stock for every product, and a gift card to sell', async () => {
    expect(await db.customer.count()).toBe(50);
    expect(await db.customerCard.count()).toBe(50);
    expect(await db.stockBalance.count()).toBe(await db.product.count({ where: { kind: 'goods' } }));
    expect(await db.product.count({ where: { kind: 'gift-card', taxRate: { rateBp: 0 }, discountable: false } })).toBe(1);
    expect(await db.stockMovement.count({ where: { kind: 'delivery' } })).toBe(await db.product.count({ where: { kind: 'goods' } }));
  });

  it('has suppliers with price lists to plan and order from, one of them pricing in its own currency', async () => {
    const suppliers = await db.supplier.findMany({ where: { archivedAt: null } });
    expect(suppliers.length).toBeGreaterThanOrEqual(3);
    for (const s of suppliers) {
      const list = await db.supplierProduct.findMany({ where: { supplierId: s.id } });
      expect(list.length, s.code).toBeGreaterThan(0);
      expect(list.every((l) => l.unitCost > 0 && l.packMilli >= 1000), s.code).toBe(true);
    }
    expect(suppliers.some((s) => s.currency !== null && s.currency !== 'EUR')).toBe(true);
  });

  it('has the users the README lists, with hashed PINs that verify', async () => {
    for (const u of DEMO_USERS) {
      const row = await db.user.findUniqueOrThrow({ where: { login: u.login } });
      expect(row.role).toBe(u.role);
      expect(row.pinHash).not.toContain(u.pin);
      expect(await verifySecret(u.pin, row.pinHash)).toBe(true);
    }
    const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    for (const u of DEMO_USERS) expect(readme).toMatch(new RegExp(`\`${u.login}\`.*\\| ${u.pin} `));
  });

  it('generates the same catalogue every time', () => {
    expect([...generateProducts(600)]).toEqual([...generateProducts(600)]);
  });
});
