import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Suppliers are master data of a chain: head office's administrator puts them, outlets pull them
// and order from them, and keep their own price lists with them. Real PostgreSQL, real outlets.
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let manager: ApiClient;

const CHAIN_DAIRY = newId();
const put = (id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/supplier/${id}`, body);
async function pulled() {
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await manager.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  const token = await headOffice.addOutlet('S1');
  outlet = await startTestServer({ outletCode: 'S1', headOffice: { url: headOffice.url, token, batchSize: 5, intervalMs: 30, maxBackoffMs: 200 } });
  manager = await outlet.login('manager', '2222');
});

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe("head office's suppliers", () => {
  it('refuses a supplier without a name or with a code another has, naming the field', async () => {
    const noName = await put(newId(), { code: 'HO-NONAME' });
    expect(noName.status).toBe(422);
    expect(noName.body.error.fields.map((f: any) => f.path)).toContain('body.name');
    expect((await put(newId(), { code: 'HO-CUR', name: 'Bad money', currency: 'XYZ' })).body.error.fields[0].path).toBe('body.currency');
    expect((await put(CHAIN_DAIRY, { code: 'PIENAS', name: 'Chain Dairy', leadTimeDays: 2, minOrderAmount: 10_000, contact: 'chain@dairy.example' })).status).toBe(204);
    const twice = await put(newId(), { code: 'PIENAS', name: 'Another dairy' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'supplier-exists', fields: [{ path: 'body.code' }] });
    expect((await headOffice.db.prisma.supplier.findMany({ where: { code: { in: ['HO-NONAME', 'HO-CUR'] } } })).length).toBe(0);
  });

  it('reach the outlet read-only; a supplier the outlet kept under the same code makes way with its history', async () => {
    // The demo outlet has its own PIENAS, with a price list: head office's takes the code.
    const local = await outlet.db.supplier.findUniqueOrThrow({ where: { code: 'PIENAS' } });
    const localPriceList = await outlet.db.supplierProduct.count({ where: { supplierId: local.id } });
    expect(localPriceList).toBeGreaterThan(0);
    await pulled();
    const chain = (await manager.get<any>(`/api/suppliers/${CHAIN_DAIRY}`)).body;
    expect(chain).toMatchObject({ id: CHAIN_DAIRY, code: 'PIENAS', name: 'Chain Dairy', leadTimeDays: 2, minOrderAmount: 10_000, contact: 'chain@dairy.example', origin: 'head-office', archived: false, currency: 'EUR' });
    const kept = await outlet.db.supplier.findUniqueOrThrow({ where: { id: local.id } });
    expect(kept.code).toBe(`PIENAS~${local.id.slice(-6)}`);
    expect(await outlet.db.supplierProduct.count({ where: { supplierId: local.id } })).toBe(localPriceList);

    // Read-only here: head office changes it.
    const before = await outlet.db.supplier.findUniqueOrThrow({ where: { id: CHAIN_DAIRY } });
    const edit = await manager.put<any>(`/api/suppliers/${CHAIN_DAIRY}`, { code: 'PIENAS', name: 'Renamed at the outlet' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('supplier-kept-by-head-office');
    expect((await manager.post<any>(`/api/suppliers/${CHAIN_DAIRY}/archive`)).body.error.code).toBe('supplier-kept-by-head-office');
    expect(await outlet.db.supplier.findUniqueOrThrow({ where: { id: CHAIN_DAIRY } })).toEqual(before);

    // The outlet's own price list with it, and an order from it.
    const [milk] = await outlet.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, take: 1 });
    expect((await manager.put(`/api/suppliers/${CHAIN_DAIRY}/products`, { productId: milk.id, supplierSku: 'CD-1', unitCost: 77 })).status).toBe(200);
    expect((await manager.get<any>(`/api/purchasing/plan?supplierId=${CHAIN_DAIRY}`)).body.lines.map((l: any) => l.productId)).toEqual([milk.id]);
    expect((await manager.post('/api/purchase-orders', { id: newId(), supplierId: CHAIN_DAIRY, lines: [{ productId: milk.id, quantityMilli: 1000, unitCost: 77 }] })).status).toBe(201);
  });

  it('archived at head office, the outlet orders from it no more', async () => {
    expect((await put(CHAIN_DAIRY, { code: 'PIENAS', name: 'Chain Dairy', archived: true })).status).toBe(204);
    await pulled();
    expect((await manager.get<any>(`/api/suppliers/${CHAIN_DAIRY}`)).body).toMatchObject({ archived: true, leadTimeDays: 0 });
    expect((await manager.get<any>(`/api/purchasing/plan?supplierId=${CHAIN_DAIRY}`)).body.error.code).toBe('supplier-archived');
    expect((await manager.get<any>(`/api/suppliers/${CHAIN_DAIRY}/products`)).body.items).toHaveLength(1);
  });
});
