import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductList } from '../../server/catalog/product-list.ts';
import { sqliteOf } from '../../server/db/client.ts';
import { ProductListQuerySchema } from '../../shared/schemas/products.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The product list filtered by a supplier (issue 14): the page is read in the sort's order from an
// index of that supplier's rows, for a supplier of a few products and for one of thousands whose
// products sit together at the end of the name order (the case that walked the whole catalogue's
// name index, an EXISTS per product, before it found a page). The plan is SQLite's own (EXPLAIN
// QUERY PLAN of the statement a page runs); the pages are checked against the rows the test wrote,
// read back with Prisma and sorted here, every sort both ways, page after page by cursor.

let server: TestServer;
let manager: ApiClient;
let outletId: string;
let taxRateId: string;
/** A supplier of a few products, plain ones and variants, some shared with `other`. */
let few: string;
let other: string;
/** A supplier of BIG products, the last in name order. */
let big: string;
const BIG = 12_000;

const SORTS = [
  { sort: 'name', dir: 'asc' }, { sort: 'name', dir: 'desc' }, { sort: 'sku', dir: 'asc' }, { sort: 'sku', dir: 'desc' },
  { sort: 'price', dir: 'asc' }, { sort: 'price', dir: 'desc' }, { sort: 'updated', dir: 'asc' }, { sort: 'updated', dir: 'desc' },
] as const;
type Sort = (typeof SORTS)[number];

/** The plan of the statement a page with these query-string values runs, one line per step. */
function plan(query: Record<string, string>): string[] {
  const { sql, params } = new ProductList(server.db, outletId, false).query(ProductListQuerySchema.parse(query));
  return (sqliteOf(server.db).prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
}

/** The ids the list shows, over HTTP, page after page by the cursor (at most `pages` pages). */
async function listed(query: Record<string, string>, limit: number, pages = Infinity): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < pages; page++) {
    const res: { status: number; body: { items: { id: string }[]; next: string | null } } = await manager.get(`/api/products?${new URLSearchParams({ ...query, limit: String(limit), ...(after ? { after } : {}) })}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body.items.map((p) => p.id));
    after = res.body.next;
    if (!after) break;
  }
  return ids;
}

/**
 * The list's rows for a supplier, computed here from the tables: a product without variants that
 * the supplier supplies, or a product with variants one of whose variants it supplies; sorted by
 * the sort's column and then the id, both in the direction asked (code-unit order, which for
 * these names is SQLite's byte order).
 */
async function expected(supplierId: string, { sort, dir }: Sort, status: 'active' | 'archived' | 'all' = 'active'): Promise<string[]> {
  const supplied = new Set((await server.db.supplierProduct.findMany({ where: { supplierId }, select: { productId: true } })).map((s) => s.productId));
  const products = await server.db.product.findMany({ select: { id: true, parentId: true, kind: true, searchName: true, sku: true, price: true, updatedAt: true, active: true } });
  const listedIds = new Set<string>();
  for (const p of products) {
    if (!supplied.has(p.id)) continue;
    if (p.parentId === null && p.kind !== 'family') listedIds.add(p.id);
    if (p.parentId !== null && products.find((f) => f.id === p.parentId)?.kind === 'family') listedIds.add(p.parentId);
  }
  const key = (p: (typeof products)[number]) => (sort === 'name' ? p.searchName : sort === 'sku' ? p.sku : sort === 'price' ? p.price : p.updatedAt.getTime());
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return products
    .filter((p) => listedIds.has(p.id) && p.parentId === null && (status === 'all' || p.active === (status === 'active')))
    .sort((a, b) => (dir === 'asc' ? 1 : -1) * (cmp(key(a), key(b)) || cmp(a.id, b.id)))
    .map((p) => p.id);
}

const created: Record<string, string> = {};
async function product(name: string, sku: string, price: number, suppliers: string[], extra: object = {}) {
  const res = await manager.post('/api/products', { name, sku, taxRateId, price, cost: 10, suppliers: suppliers.map((supplierId) => ({ supplierId })), ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  created[sku] = res.body.product.id;
  return res.body.product.id as string;
}
async function family(name: string, sku: string, price: number, variants: string[][]) {
  const res = await manager.post('/api/products', {
    name, sku, taxRateId, price, cost: 10, options: [{ name: 'Size', values: variants.map((_, i) => `S${i}`) }],
    variants: variants.map((suppliers, i) => ({ values: [`S${i}`], sku: `${sku}-${i}`, price, cost: 10, suppliers: suppliers.map((supplierId) => ({ supplierId })) })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  created[sku] = res.body.product.id;
  return res.body.product.id as string;
}
const details = async (id: string) => (await manager.get(`/api/products/${id}/details`)).body;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222');
  outletId = (await server.db.outlet.findFirstOrThrow()).id;
  taxRateId = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: 2100 } })).id;
  few = (await manager.post('/api/suppliers', { code: 'T-FEW', name: 'Few products' })).body.id;
  other = (await manager.post('/api/suppliers', { code: 'T-OTHER', name: 'Other products' })).body.id;
  big = (await manager.post('/api/suppliers', { code: 'T-BIG', name: 'Big price list' })).body.id;
  // Names and prices that repeat (the id decides), of one supplier, of both, of the other only.
  const names = ['Avižų dribsniai', 'Medus', 'Medus', 'Obuolių sultys', 'Bulvės', 'Ąžuolo medus', 'Žirniai', 'Cukrus', 'Druska', 'Medus liepų', 'Arbata', 'Kava'];
  for (const [i, name] of names.entries()) {
    await product(name, `T-SUP-${String(12 - i).padStart(2, '0')}`, [150, 99, 150, 250][i % 4], i % 3 === 0 ? [few] : i % 3 === 1 ? [few, other] : [other]);
  }
  await product('Archived honey', 'T-SUP-ARCH', 120, [few], { active: false });
  // Products with variants: one variant of each supplier; the other's only; two of `few` (listed once).
  await family('Kojinės', 'T-FAM-1', 300, [[few], [other]]);
  await family('Pirštinės', 'T-FAM-2', 400, [[other], [other]]);
  await family('Kepurė', 'T-FAM-3', 150, [[few], [few]]);
  // The big supplier's products, written as an import does (raw rows), all after the rest in name order.
  const sql = sqliteOf(server.db);
  await server.db.$transaction(async () => {
    sql.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO "Product" ("id", "sku", "name", "searchName", "taxRateId", "price", "createdAt", "updatedAt")
       SELECT printf('0190f000-0000-7000-8000-%012d', i), printf('T-BIG-%05d', (i * 7919) % ?), printf('Zz big %d', i % 1000), printf('zz big %d', i % 1000), ?,
              100 + i % 97, '2026-01-01T00:00:00.000+00:00', printf('2026-01-%02dT00:00:00.000+00:00', 1 + i % 28) FROM n`,
    ).run(BIG, BIG, taxRateId);
    sql.prepare(`INSERT INTO "SupplierProduct" ("supplierId", "productId", "unitCost") SELECT ?, "id", 50 FROM "Product" WHERE "sku" LIKE 'T-BIG-%'`).run(big);
    sql.exec('ANALYZE');
  });
});
afterAll(() => server?.close());

describe('the product list filtered by a supplier', () => {
  for (const { sort, dir } of SORTS) {
    it(`reads the supplier’s rows in order from their own index, by ${sort} ${dir}, for a supplier of few products and of many`, () => {
      for (const supplierId of [big, few]) {
        const steps = plan({ supplierId, sort, dir });
        const index = sort === 'updated' ? 'updatedAt' : sort === 'name' ? 'searchName' : sort;
        expect(steps.some((s) => new RegExp(`SEARCH s USING (COVERING )?INDEX _SupplierListing_${index}_idx \\(supplierId=\\?\\)`).test(s)), steps.join('\n')).toBe(true);
        // No sort of the rows found, and no walk over the catalogue.
        expect(steps.filter((s) => /TEMP B-TREE|^SCAN p\b|^SCAN v\b/.test(s)), steps.join('\n')).toEqual([]);
      }
    });

    it(`lists exactly the supplier’s rows, by ${sort} ${dir}, page after page`, async () => {
      expect(await listed({ supplierId: few, sort, dir }, 3)).toEqual(await expected(few, { sort, dir }));
      expect(await listed({ supplierId: other, sort, dir }, 4)).toEqual(await expected(other, { sort, dir }));
      expect(await listed({ supplierId: few, sort, dir, status: 'all' }, 5)).toEqual(await expected(few, { sort, dir }, 'all'));
      expect(await listed({ supplierId: few, sort, dir, status: 'archived' }, 5)).toEqual(await expected(few, { sort, dir }, 'archived'));
      const bigRows = await expected(big, { sort, dir });
      expect(bigRows.length).toBe(BIG);
      expect(await listed({ supplierId: big, sort, dir }, 200, 3)).toEqual(bigRows.slice(0, 600));
    });
  }

  it('the few products’ expected rows are the ones written: plain, shared, and a product with variants for its variant', async () => {
    const rows = await expected(few, { sort: 'sku', dir: 'asc' }, 'all');
    expect(rows).toEqual(expect.arrayContaining([created['T-FAM-1'], created['T-FAM-3'], created['T-SUP-ARCH'], created['T-SUP-12'], created['T-SUP-11']]));
    expect(rows).not.toContain(created['T-FAM-2']);
    expect(rows).not.toContain(created['T-SUP-10']);
    expect(rows).toHaveLength(8 + 1 + 2);
  });

  it('keeps up with a rename, a new price, a supplier taken off a variant and one given to a product', async () => {
    const renamed = created['T-SUP-09'];
    expect((await manager.put(`/api/products/${renamed}`, { ...(await details(renamed)), name: 'Aaa pirmas medus' })).status).toBe(200);
    const repriced = created['T-SUP-12'];
    const repricing = await manager.put(`/api/products/${repriced}`, { ...(await details(repriced)), price: 20 });
    expect(repricing.status, JSON.stringify(repricing.body)).toBe(200);
    // The product with a variant of each supplier loses `few` from its variant.
    const fam = await details(created['T-FAM-1']);
    const res = await manager.put(`/api/products/${created['T-FAM-1']}`, { ...fam, variants: fam.variants.map((v: { suppliers: { supplierId: string }[] }) => ({ ...v, suppliers: v.suppliers.filter((s) => s.supplierId !== few) })) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const given = created['T-SUP-10'];
    const givenDetails = await details(given);
    expect((await manager.put(`/api/products/${given}`, { ...givenDetails, suppliers: [...givenDetails.suppliers, { supplierId: few }] })).status).toBe(200);

    const rows = await expected(few, { sort: 'name', dir: 'asc' });
    expect(rows[0]).toBe(renamed);
    expect(rows).toContain(given);
    expect(rows).not.toContain(created['T-FAM-1']);
    expect(await expected(other, { sort: 'name', dir: 'asc' })).toContain(created['T-FAM-1']);
    for (const { sort, dir } of SORTS) {
      expect(await listed({ supplierId: few, sort, dir }, 3)).toEqual(await expected(few, { sort, dir }));
      expect(await listed({ supplierId: other, sort, dir }, 3)).toEqual(await expected(other, { sort, dir }));
    }
    expect((await listed({ supplierId: few, sort: 'price' }, 50))[0]).toBe(repriced);
  });

  it('with a filter of fewer rows, reads those and checks the supplier on each', async () => {
    const steps = plan({ supplierId: big, status: 'archived' });
    expect(steps.some((s) => /INDEX Product_archived_idx/.test(s)), steps.join('\n')).toBe(true);
    expect(await listed({ supplierId: few, status: 'archived' }, 5)).toEqual([created['T-SUP-ARCH']]);
    expect(await listed({ supplierId: big, status: 'archived' }, 5)).toEqual([]);
  });
});
