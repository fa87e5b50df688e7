import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductList } from '../../server/catalog/product-list.ts';
import { sqliteOf } from '../../server/db/client.ts';
import { ProductListQuerySchema } from '../../shared/schemas/products.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The product list's sparse filters read an index (or table) holding only their rows, never the
// whole catalogue through the sort's index. The truth is SQLite's planner: EXPLAIN QUERY PLAN of
// the very statement a page runs (ProductList.query, which page() executes). The rows the filters
// find over HTTP are checked against the database, read with Prisma, as the rows their triggers
// must keep up with after a sale, a barcode added and a minimum level set.

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let outletId: string;
let supplierId: string;

/** The plan of the statement a page with these query-string values runs, one line per step. */
function plan(query: Record<string, string>): string[] {
  const { sql, params } = new ProductList(server.db, outletId, false).query(ProductListQuerySchema.parse(query));
  return (sqliteOf(server.db).prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
}

/** The ids of the top-level products the list finds, over HTTP, page after page, in its order. */
async function listedInOrder(query: string, limit = 7): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const res: { status: number; body: { items: { id: string }[]; next: string | null } } = await manager.get(`/api/products?${query}&limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((p) => p.id));
    after = res.body.next;
  } while (after);
  return ids;
}
/** The same ids, sorted. */
const listed = async (query: string) => (await listedInOrder(query)).sort();

const topLevel = async (where: object) =>
  (await server.db.product.findMany({ where: { parentId: null, ...where }, select: { id: true } })).map((p) => p.id).sort();
/** The list's row of a product: itself, or the product a variant belongs to. */
const listedAs = async (productIds: string[]) =>
  [...new Set((await server.db.product.findMany({ where: { id: { in: productIds } } })).map((p) => p.parentId ?? p.id))].sort();

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  outletId = (await server.db.outlet.findFirstOrThrow()).id;
  // A product with variants, listed by the filters of its variants: neither has a barcode, one no cost.
  const taxRateId = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: 2100 } })).id;
  const family = await manager.post('/api/products', {
    name: 'Plan socks', sku: 'T-PLAN-SOCKS', taxRateId, price: 333, cost: 100, options: [{ name: 'Size', values: ['S', 'M'] }],
    variants: [{ values: ['S'], sku: 'T-PLAN-SOCKS-S', price: 333, cost: 0 }, { values: ['M'], sku: 'T-PLAN-SOCKS-M', price: 333, cost: 100 }],
  });
  expect(family.status).toBe(201);
  // A supplier of two products, one of them a variant: the sparse case of the supplier filter.
  const variant = await server.db.product.findFirstOrThrow({ where: { parentId: family.body.product.id } });
  const plain = await server.db.product.findFirstOrThrow({ where: { parentId: null, kind: 'goods', barcodes: { some: {} } } });
  supplierId = (await manager.post('/api/suppliers', { code: 'T-FEW', name: 'Few products' })).body.id;
  for (const productId of [variant.id, plain.id]) {
    await server.db.$transaction((tx) => tx.supplierProduct.create({ data: { supplierId, productId, unitCost: 10 } }));
  }
  // An archived product, one without a barcode, one without a cost.
  const [archived, noBarcode, noCost] = await server.db.product.findMany({ where: { parentId: null, kind: 'goods', active: true, barcodes: { some: {} } }, skip: 3, take: 3 });
  const details = async (id: string) => (await manager.get(`/api/products/${id}/details`)).body;
  expect((await manager.put(`/api/products/${archived.id}`, { ...(await details(archived.id)), active: false, acknowledge: ['archive-with-stock'] })).status).toBe(200);
  expect((await manager.put(`/api/products/${noBarcode.id}`, { ...(await details(noBarcode.id)), barcodes: [] })).status).toBe(200);
  expect((await manager.put(`/api/products/${noCost.id}`, { ...(await details(noCost.id)), cost: 0 })).status).toBe(200);
  // More archived products (some at one price), for the archived list's pages.
  const more = await server.db.product.findMany({ where: { parentId: null, kind: 'goods', active: true }, orderBy: { sku: 'desc' }, take: 5 });
  await server.db.$transaction((tx) => tx.product.updateMany({ where: { id: { in: more.map((p) => p.id) } }, data: { active: false } }));
  await server.db.$transaction((tx) => tx.product.updateMany({ where: { id: { in: more.slice(0, 3).map((p) => p.id) } }, data: { price: 777 } }));
  // A service, and a product whose minimum is above what is on hand.
  expect((await manager.post('/api/products', { name: 'Plan gift wrapping', sku: 'T-PLAN-WRAP', taxRateId, price: 150, kind: 'service' })).status).toBe(201);
  const stocked = await server.db.stockBalance.findFirstOrThrow({ where: { outletId, quantityMilli: { gt: 0 }, productId: { notIn: [archived.id] } } });
  expect((await manager.put(`/api/stock/levels/${stocked.productId}`, { minMilli: stocked.quantityMilli + 1000 })).status).toBe(200);
});
afterAll(() => server?.close());

/** Each filter, the index that must drive its query, and the rows it must find (read with Prisma). */
const FILTERS: { name: string; query: () => Record<string, string>; index: RegExp; expected: () => Promise<string[]> }[] = [
  { name: 'archived', query: () => ({ status: 'archived' }), index: /USING (COVERING )?INDEX Product_archived_searchName_idx/, expected: () => topLevel({ active: false }) },
  {
    name: 'archived, by price', query: () => ({ status: 'archived', sort: 'price', dir: 'desc' }), index: /USING (COVERING )?INDEX Product_archived_price_idx/,
    expected: () => topLevel({ active: false }),
  },
  {
    name: 'no cost', query: () => ({ noCost: 'true' }), index: /USING (COVERING )?INDEX Product_noCost_idx/,
    expected: async () => (await listedAs((await server.db.product.findMany({ where: { cost: 0, kind: { in: ['goods', 'service'] } } })).map((p) => p.id))),
  },
  {
    name: 'no barcode', query: () => ({ noBarcode: 'true' }), index: /SCAN w\b/,
    expected: async () => listedAs((await server.db.product.findMany({ where: { kind: { in: ['goods', 'service'] }, barcodes: { none: {} } } })).map((p) => p.id)),
  },
  {
    name: 'below minimum', query: () => ({ belowMinimum: 'true' }), index: /USING (COVERING )?INDEX StockLevel_belowMinimum_idx/,
    expected: async () => {
      const balances = new Map((await server.db.stockBalance.findMany({ where: { outletId } })).map((b) => [b.productId, b.quantityMilli]));
      const low = (await server.db.stockLevel.findMany({ where: { outletId } })).filter((l) => (balances.get(l.productId) ?? 0) < l.minMilli).map((l) => l.productId);
      return listedAs((await server.db.product.findMany({ where: { id: { in: low }, active: true } })).map((p) => p.id));
    },
  },
  {
    name: 'a supplier', query: () => ({ supplierId }), index: /SEARCH s USING (COVERING )?INDEX _SupplierListing_searchName_idx \(supplierId=\?\)/,
    expected: async () => listedAs((await server.db.supplierProduct.findMany({ where: { supplierId } })).map((s) => s.productId)),
  },
  { name: 'weighed goods', query: () => ({ kind: 'weighed' }), index: /USING (COVERING )?INDEX Product_specialKind_idx/, expected: async () => listedAs((await server.db.product.findMany({ where: { kind: 'goods', unit: 'kg' } })).map((p) => p.id)) },
  { name: 'services', query: () => ({ kind: 'service', sort: 'sku' }), index: /USING (COVERING )?INDEX Product_specialKind_idx/, expected: async () => listedAs((await server.db.product.findMany({ where: { kind: 'service' } })).map((p) => p.id)) },
  { name: 'gift cards', query: () => ({ kind: 'gift-card', sort: 'updated' }), index: /USING (COVERING )?INDEX Product_specialKind_idx/, expected: async () => listedAs((await server.db.product.findMany({ where: { kind: 'gift-card' } })).map((p) => p.id)) },
];

describe('the product list’s sparse filters', () => {
  for (const filter of FILTERS) {
    it(`${filter.name}: read from the index of its rows, no scan of the catalogue, and finds exactly its rows`, async () => {
      const steps = plan(filter.query());
      expect(steps.some((s) => filter.index.test(s)), steps.join('\n')).toBe(true);
      // A scan of the products (p, or the filter's own alias) is allowed only along a partial index of the filter's rows.
      const scans = steps.filter((s) => /^SCAN (p|v|x)\b/.test(s) && !/INDEX Product_(archived_\w+|noCost|specialKind)_idx/.test(s));
      expect(scans, steps.join('\n')).toEqual([]);
      const expected = await filter.expected();
      const active = filter.query().status === 'archived' ? expected : await topLevel({ id: { in: expected }, active: true });
      expect(active.length).toBeGreaterThan(0);
      expect(await listed(new URLSearchParams(filter.query()).toString())).toEqual(active);
    });
  }

  for (const sort of ['name', 'sku', 'price', 'updated'] as const) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`archived, by ${sort} ${dir}: read in order from an index of the archived rows alone, nothing sorted, and page after page finds exactly them`, async () => {
        const index = sort === 'name' ? 'searchName' : sort === 'updated' ? 'updatedAt' : sort;
        const steps = plan({ status: 'archived', sort, dir });
        expect(steps.some((s) => new RegExp(`^SCAN p USING INDEX Product_archived_${index}_idx`).test(s)), steps.join('\n')).toBe(true);
        expect(steps.filter((s) => /TEMP B-TREE/.test(s)), steps.join('\n')).toEqual([]);
        const rows = await server.db.product.findMany({ where: { parentId: null, active: false } });
        const key = (p: (typeof rows)[number]) => (sort === 'name' ? p.searchName : sort === 'sku' ? p.sku : sort === 'price' ? p.price : p.updatedAt.getTime());
        const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
        const expected = rows.sort((a, b) => (dir === 'asc' ? 1 : -1) * (cmp(key(a), key(b)) || cmp(a.id, b.id))).map((p) => p.id);
        expect(expected.length).toBeGreaterThan(0);
        expect(await listedInOrder(`status=archived&sort=${sort}&dir=${dir}`, 2)).toEqual(expected);
      });
    }
  }

  it('archived: the sort’s archived index with the catalogue’s statistics too (SQLite then preferred the archived rows’ id index, and sorted them all)', async () => {
    const sql = sqliteOf(server.db);
    // The statistics PRAGMA optimize left on the bench's catalogue of a million products, before
    // the archived sort indexes had any of their own.
    await server.db.$transaction(async () => {
      sql.exec('ANALYZE');
      sql.exec(`DELETE FROM sqlite_stat1 WHERE tbl = 'Product'`);
      const stat = sql.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Product', ?, ?)`);
      for (const [idx, value] of [
        ['Product_specialKind_idx', '4780 345 345 345 1'], ['Product_noCost_idx', '1011 132 1'], ['Product_archived_idx', '10448 17 1'],
        ['Product_nextPriceAt_idx', '1014212 648'], ['Product_parentId_idx', '1014212 6'], ['Product_updatedAt_id_idx', '1014212 162 1'],
        ['Product_price_id_idx', '1014212 324 1'], ['Product_categoryId_searchName_id_idx', '1014212 324 1 1'], ['Product_searchName_id_idx', '1014212 1 1'],
        ['Product_plu_key', '1014212 14'], ['Product_sku_key', '1014212 1'], ['sqlite_autoindex_Product_1', '1014212 1'],
      ]) stat.run(idx, value);
      sql.exec('ANALYZE sqlite_schema');
    });
    try {
      for (const sort of ['name', 'sku', 'price', 'updated'] as const) {
        const steps = plan({ status: 'archived', sort });
        expect(steps.filter((s) => /TEMP B-TREE/.test(s)), steps.join('\n')).toEqual([]);
      }
    } finally {
      await server.db.$transaction(async () => {
        sql.exec('DELETE FROM sqlite_stat1');
        sql.exec('ANALYZE sqlite_schema');
      });
    }
  });

  it('below minimum and no barcode: the rows that drive are the filter’s own, not checked again one by one', () => {
    for (const query of [{ belowMinimum: 'true' }, { noBarcode: 'true' }] as Record<string, string>[]) {
      const steps = plan(query);
      expect(steps.filter((s) => /CORRELATED/.test(s)), steps.join('\n')).toEqual([]);
    }
  });

  it('a category tree is read from the category index', async () => {
    const dairy = await server.db.category.findFirstOrThrow({ where: { code: 'dairy' } });
    const steps = plan({ categoryId: dairy.id, sort: 'price' });
    expect(steps.some((s) => /INDEX Product_categoryId_searchName_id_idx \(categoryId=\?\)/.test(s)), steps.join('\n')).toBe(true);
    expect(steps.filter((s) => /^SCAN (p|x)\b/.test(s))).toEqual([]);
  });

  it('keeps up with a sale that takes a product below its minimum and a barcode given to a product without one', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { parentId: null, kind: 'goods', unit: 'piece', plu: null, active: true, barcodes: { some: {} } }, orderBy: { sku: 'desc' } });
    const product = (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
    const onHand = (await server.db.stockBalance.findUniqueOrThrow({ where: { outletId_productId: { outletId, productId: product.id } } })).quantityMilli;
    expect((await manager.put(`/api/stock/levels/${product.id}`, { minMilli: onHand })).status).toBe(200);
    expect(await listed('belowMinimum=true')).not.toContain(product.id);
    const { request } = await buildSale(cashier, [{ product, quantityMilli: 1000 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
    expect(await listed('belowMinimum=true')).toContain(product.id);

    const [bare] = await listed('noBarcode=true');
    const details = (await manager.get(`/api/products/${bare}/details`)).body;
    expect((await manager.put(`/api/products/${bare}`, { ...details, barcodes: ['4790000000013'] })).status).toBe(200);
    expect(await listed('noBarcode=true')).not.toContain(bare);
    expect((await manager.put(`/api/products/${bare}`, { ...details, barcodes: [] })).status).toBe(200);
    expect(await listed('noBarcode=true')).toContain(bare);
  });
});
