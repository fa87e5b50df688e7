import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import contentDisposition from 'content-disposition';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Suppliers as a shop keeps them: created, edited, archived and restored from the back office,
// with contact, lead time, minimum order and currency; real HTTP, real SQLite.
let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;

const goods = (take: number, skip = 0) => server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take, skip });
const onHand = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
const lastAudit = (action: string) => server.db.auditLog.findFirst({ where: { action }, orderBy: { createdAt: 'desc' } });
/** What a supplier row and its price list look like, to show a refused request changed neither. */
const snapshot = async () => JSON.stringify([await server.db.supplier.findMany({ orderBy: { id: 'asc' } }), await server.db.supplierProduct.findMany({ orderBy: [{ supplierId: 'asc' }, { productId: 'asc' }] })]);

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R1');
  cashier = await server.login('anna', '3333', 'R2');
});
afterAll(() => server.close());

describe('suppliers', () => {
  it('are created with contact, lead time, minimum order and currency, listed, read and edited, each change audited', async () => {
    const res = await manager.post<any>('/api/suppliers', { code: 'ZALIA', name: '  Žalia pieva  ', contact: 'orders@zalia.example.lt', leadTimeDays: 4, minOrderAmount: 7500 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'ZALIA', name: 'Žalia pieva', contact: 'orders@zalia.example.lt', leadTimeDays: 4, minOrderAmount: 7500, currency: 'EUR', archived: false, origin: 'outlet', priceListSize: 0 });
    expect(await server.db.supplier.findUniqueOrThrow({ where: { id: res.body.id } })).toMatchObject({ code: 'ZALIA', name: 'Žalia pieva', minOrderAmount: 7500, currency: null, archivedAt: null });
    expect((await manager.get<any>(`/api/suppliers/${res.body.id}`)).body).toEqual(res.body);
    expect((await manager.get<any>('/api/suppliers')).body.items.map((s: any) => s.code)).toContain('ZALIA');

    const edited = await manager.put<any>(`/api/suppliers/${res.body.id}`, { code: 'ZALIA-PIEVA', name: 'Žalia pieva UAB', contact: '+370 600 00000', leadTimeDays: 3, minOrderAmount: 0 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ code: 'ZALIA-PIEVA', name: 'Žalia pieva UAB', leadTimeDays: 3, minOrderAmount: 0 });
    const audit = await lastAudit('supplier-edit');
    expect(JSON.parse(audit!.details)).toMatchObject({ before: { code: 'ZALIA', leadTimeDays: 4 }, after: { code: 'ZALIA-PIEVA', leadTimeDays: 3 } });
  });

  it('sends an order as a file named by its number and the supplier code whatever letters or quotes the code has', async () => {
    const supplier = await manager.post<any>('/api/suppliers', { code: 'ŽALIA "1"', name: 'Žalia pieva', contact: '', leadTimeDays: 2, minOrderAmount: 0 });
    expect(supplier.status).toBe(201);
    const [p] = await goods(1);
    const order = await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.body.id, lines: [{ productId: p.id, quantityMilli: 2000, unitCost: 50 }] });
    expect(order.status).toBe(201);
    const csv = await fetch(`${server.url}/api/purchase-orders/${order.body.id}/csv`, { headers: { authorization: `Bearer ${manager.token}` } });
    expect(csv.status).toBe(200);
    expect(contentDisposition.parse(csv.headers.get('content-disposition')!)).toEqual({ type: 'attachment', parameters: { filename: `${order.body.number}-ŽALIA "1".csv` } });
  });

  it('refuses bad input naming the field, a duplicate code, and a cashier, and saves nothing', async () => {
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [{ code: 'NONAME' }, 'body.name'],
      [{ code: 'BLANK', name: '   ' }, 'body.name'],
      [{ name: 'No code' }, 'body.code'],
      [{ code: 'NEG', name: 'Negative', leadTimeDays: -1 }, 'body.leadTimeDays'],
      [{ code: 'MIN', name: 'Fractional minimum', minOrderAmount: 10.5 }, 'body.minOrderAmount'],
      [{ code: 'CUR', name: 'No such money', currency: 'XYZ' }, 'body.currency'],
      [{ code: 'CUR2', name: 'Lower case', currency: 'eur' }, 'body.currency'],
    ];
    for (const [body, field] of cases) {
      const res = await manager.post<any>('/api/suppliers', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('invalid-input');
      expect(res.body.error.fields.map((f: any) => f.path), JSON.stringify(body)).toContain(field);
    }
    expect(await snapshot()).toBe(before);
    const first = (await manager.post<any>('/api/suppliers', { code: 'TWICE', name: 'First' })).body;
    const afterFirst = await snapshot();
    const twice = await manager.post<any>('/api/suppliers', { code: 'TWICE', name: 'Second' });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'supplier-exists', fields: [{ path: 'body.code' }], details: { supplierId: first.id } });
    expect(await snapshot()).toBe(afterFirst);
    const other = (await manager.post<any>('/api/suppliers', { code: 'OTHER', name: 'Other' })).body;
    const taken = await manager.put<any>(`/api/suppliers/${other.id}`, { code: 'TWICE', name: 'Other' });
    expect(taken.body.error).toMatchObject({ code: 'supplier-exists', fields: [{ path: 'body.code' }] });
    expect((await manager.get<any>(`/api/suppliers/${other.id}`)).body.code).toBe('OTHER');
    expect((await cashier.post('/api/suppliers', { code: 'CASHIER', name: 'By a cashier' })).status).toBe(403);
    expect((await cashier.put(`/api/suppliers/${first.id}`, { code: 'TWICE', name: 'Renamed by a cashier' })).status).toBe(403);
    expect((await manager.put<any>(`/api/suppliers/${newId()}`, { code: 'GHOST', name: 'Ghost' })).status).toBe(404);
    expect(await server.db.supplier.findMany({ where: { code: { in: ['CASHIER', 'GHOST'] } } })).toEqual([]);
    expect((await server.db.supplier.findUniqueOrThrow({ where: { code: 'TWICE' } })).name).toBe('First');
  });

  it('archived: the price list stays readable, nothing is ordered from it, a sent order still arrives; restored, it is orderable again', async () => {
    const supplier = (await manager.post<any>('/api/suppliers', { code: 'OLDCO', name: 'Old Co', leadTimeDays: 2 })).body;
    const [a, b] = await goods(2, 30);
    for (const p of [a, b]) expect((await manager.put(`/api/suppliers/${supplier.id}/products`, { productId: p.id, supplierSku: `OLD-${p.sku}`, unitCost: 111, packMilli: 1000 })).status).toBe(200);
    const sent = (await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: a.id, quantityMilli: 2000, unitCost: 111 }] })).body;
    expect((await manager.post<any>(`/api/purchase-orders/${sent.id}/send`)).body.status).toBe('sent');

    const archived = await manager.post<any>(`/api/suppliers/${supplier.id}/archive`);
    expect(archived.body).toMatchObject({ archived: true, priceListSize: 2 });
    expect((await server.db.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).archivedAt).not.toBeNull();
    // Readable: its price list, and it is listed when asked for.
    expect((await manager.get<any>(`/api/suppliers/${supplier.id}/products`)).body.items.map((i: any) => i.supplierSku).sort()).toEqual([`OLD-${a.sku}`, `OLD-${b.sku}`].sort());
    expect((await manager.get<any>('/api/suppliers')).body.items.map((s: any) => s.id)).not.toContain(supplier.id);
    expect((await manager.get<any>('/api/suppliers?archived=only')).body.items.map((s: any) => s.id)).toEqual([supplier.id]);
    // Not orderable: no plan, no new order, no price-list change.
    const orders = await server.db.purchaseOrder.count();
    const before = await snapshot();
    const plan = await manager.get<any>(`/api/purchasing/plan?supplierId=${supplier.id}`);
    expect(plan.status).toBe(409);
    expect(plan.body.error).toMatchObject({ code: 'supplier-archived', fields: [{ path: 'supplierId' }] });
    const order = await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: b.id, quantityMilli: 1000, unitCost: 111 }] });
    expect(order.status).toBe(409);
    expect(order.body.error.code).toBe('supplier-archived');
    expect((await manager.put<any>(`/api/suppliers/${supplier.id}/products`, { productId: b.id, unitCost: 5 })).body.error.code).toBe('supplier-archived');
    expect((await manager.request<any>('DELETE', `/api/suppliers/${supplier.id}/products/${b.id}`)).body.error.code).toBe('supplier-archived');
    expect(await server.db.purchaseOrder.count()).toBe(orders);
    expect(await snapshot()).toBe(before);
    // The goods already ordered still come in.
    const stockA = await onHand(a.id);
    expect((await manager.post<any>(`/api/purchase-orders/${sent.id}/receive`, {})).body.status).toBe('received');
    expect(await onHand(a.id)).toBe(stockA + 2000);

    const restored = await manager.post<any>(`/api/suppliers/${supplier.id}/restore`);
    expect(restored.body.archived).toBe(false);
    expect((await manager.get(`/api/purchasing/plan?supplierId=${supplier.id}`)).status).toBe(200);
    expect((await manager.post('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: b.id, quantityMilli: 1000, unitCost: 111 }] })).status).toBe(201);
    expect((await server.db.auditLog.findMany({ where: { entityId: supplier.id, action: { in: ['supplier-archive', 'supplier-restore'] } } })).map((a) => a.action).sort()).toEqual(['supplier-archive', 'supplier-restore']);
  });

  it("holds an order under the supplier's minimum until the sender says so", async () => {
    const supplier = (await manager.post<any>('/api/suppliers', { code: 'MINCO', name: 'Min Co', minOrderAmount: 5000 })).body;
    const [a] = await goods(1, 40);
    const draft = (await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: a.id, quantityMilli: 3000, unitCost: 1250 }] })).body;
    expect(draft.supplier).toMatchObject({ minOrderAmount: 5000, currency: 'EUR' });
    // As the back office sends it: no body at all.
    const bare = await fetch(`${server.url}/api/purchase-orders/${draft.id}/send`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}` } });
    const refused = (await bare.json()) as any;
    expect(bare.status).toBe(409);
    expect(refused.error).toMatchObject({ code: 'below-minimum-order', fields: [{ path: 'body.belowMinimum' }], details: { total: 3 * 1250, minOrderAmount: 5000, currency: 'EUR' } });
    expect((await server.db.purchaseOrder.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe('draft');
    const sent = await manager.post<any>(`/api/purchase-orders/${draft.id}/send`, { belowMinimum: true });
    expect(sent.body.status).toBe('sent');
  });

  it('prices in its own currency: its price list needs its prices, and goods received are costed in the shop’s at the rate given', async () => {
    const supplier = (await manager.post<any>('/api/suppliers', { code: 'PLN-CO', name: 'Złoty Sp. z o.o.', currency: 'PLN' })).body;
    expect(supplier.currency).toBe('PLN');
    const [a] = await goods(1, 50);
    const before = await snapshot();
    const ourCost = await manager.put<any>(`/api/suppliers/${supplier.id}/products`, { productId: a.id, supplierSku: 'ZL-1' });
    expect(ourCost.status).toBe(422);
    expect(ourCost.body.error).toMatchObject({ code: 'unit-cost-required', fields: [{ path: 'body.unitCost' }] });
    expect(await snapshot()).toBe(before);
    expect((await manager.put(`/api/suppliers/${supplier.id}/products`, { productId: a.id, supplierSku: 'ZL-1', unitCost: 1999 })).status).toBe(200);
    // Its currency stays while its price list is in it.
    const recurrency = await manager.put<any>(`/api/suppliers/${supplier.id}`, { code: 'PLN-CO', name: 'Złoty Sp. z o.o.', currency: 'EUR' });
    expect(recurrency.body.error).toMatchObject({ code: 'supplier-currency-in-use', fields: [{ path: 'body.currency' }], details: { priceList: 1 } });
    expect((await server.db.supplier.findUniqueOrThrow({ where: { id: supplier.id } })).currency).toBe('PLN');

    const order = (await manager.post<any>('/api/purchase-orders', { id: newId(), supplierId: supplier.id, lines: [{ productId: a.id, quantityMilli: 3000, unitCost: 1999 }] })).body;
    await manager.post(`/api/purchase-orders/${order.id}/send`);
    const stock = await onHand(a.id);
    const noRate = await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, {});
    expect(noRate.status).toBe(422);
    expect(noRate.body.error).toMatchObject({ code: 'exchange-rate-required', fields: [{ path: 'body.exchangeRate' }], details: { currency: 'PLN' } });
    expect(await onHand(a.id)).toBe(stock);
    expect(await server.db.stockDocument.findUnique({ where: { id: order.id } })).toBeNull();
    expect((await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, { exchangeRate: '0,2345' })).status).toBe(400);

    const received = await manager.post<any>(`/api/purchase-orders/${order.id}/receive`, { exchangeRate: '0.2345' });
    expect(received.body.status).toBe('received');
    // 19.99 zł × 0.2345 = 4.687655 € → 4.69 € a piece.
    const euroCents = Math.floor((1999 * 2345 + 5000) / 10_000);
    expect(euroCents).toBe(469);
    const delivery = await server.db.stockDocument.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
    expect(delivery.lines).toEqual([expect.objectContaining({ productId: a.id, quantityMilli: 3000, unitCost: euroCents })]);
    expect(delivery.totalCost).toBe(3 * euroCents);
    expect(delivery.note).toContain('PLN at 0.2345');
    expect(await onHand(a.id)).toBe(stock + 3000);
  });
});
