import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let printer: FakeNetworkPrinter;
let owner: ApiClient;
let cashier: ApiClient;

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  server = await startTestServer({ receiptPrinterUri: printer.uri });
  owner = await server.login('owner', '1111');
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 0 });
});
afterAll(async () => {
  await server.close();
  await printer.stop();
});

const sellOne = async () => {
  const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
  const product = (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
  const { request } = await buildSale(cashier, [{ product, quantityMilli: 1000 }]);
  return cashier.post('/api/sales', request);
};

describe('shop settings', () => {
  it('a new receipt footer is printed on the next receipt, and the change is audited', async () => {
    const res = await owner.request('PUT', '/api/settings', { receiptFooter: ['Ačiū, kad apsipirkote!', 'Returns within 14 days'] });
    expect(res.status).toBe(200);
    expect(res.body.receiptFooter).toEqual(['Ačiū, kad apsipirkote!', 'Returns within 14 days']);
    const jobs = printer.jobs.length;
    expect((await sellOne()).status).toBe(201);
    // A cash sale: the drawer kick goes on a connection of its own, before or after the receipt.
    const printed = (await printer.waitForJobs(jobs + 2)).slice(jobs).map((bytes) => decodeEscPos(bytes, 'generic-escpos'));
    expect(printed.find((p) => p.drawerKicks.length === 0)?.text).toContain('Returns within 14 days');
    expect(await server.db.auditLog.count({ where: { action: 'settings-change' } })).toBe(1);
    expect((await owner.get('/api/settings')).body.receiptFooter).toHaveLength(2);
  });

  it('names bad values, keeps the others, and is the owner’s alone', async () => {
    const bad = await owner.request('PUT', '/api/settings', { minMarginBp: -5, discountCombination: { mode: 'stack' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.discountCombination.capBp', 'body.minMarginBp']);
    expect((await owner.get('/api/settings')).body.minMarginBp).toBe(0);
    const manager = await server.login('manager', '2222');
    expect((await manager.request('PUT', '/api/settings', { allowNegativeStock: false })).status).toBe(403);
  });

  it('a changed tax rate applies to the next sale; lines sold before keep theirs', async () => {
    const first = await sellOne();
    const rate = first.body.lines[0].taxRateBp;
    const code = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: rate } })).code;
    const changed = await owner.request('PUT', `/api/tax-rates/${code}`, { name: 'VAT changed', rateBp: rate + 100 });
    expect(changed.body).toMatchObject({ code, rateBp: rate + 100 });
    const second = await sellOne();
    expect(second.body.lines[0].taxRateBp).toBe(rate + 100);
    const stored = await server.db.saleLine.findFirstOrThrow({ where: { saleId: first.body.id } });
    expect(stored.taxRateBp).toBe(rate);
  });
});

describe('the role matrix', () => {
  it('lets cashiers refund and discount up to the limits the owner sets, beyond them with a supervisor, at once for signed-in users', async () => {
    const matrix = (await owner.get<any>('/api/roles')).body;
    expect(matrix.cashier).toEqual({ permissions: ['sell', 'cash-in-out', 'shift-close', 'reprint'], refundLimit: null, discountLimitBp: null });
    expect((await cashier.get<any>('/api/auth/session')).body.limits).toEqual({ refundLimit: null, discountLimitBp: null });

    const refused = await owner.request('PUT', '/api/roles', { ...matrix, cashier: { permissions: ['sell', 'manage-users'], refundLimit: null, discountLimitBp: null } });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.error.fields)).toContain('cashier.permissions');
    expect((await cashier.request('PUT', '/api/roles', matrix)).status).toBe(403);

    // Cashiers may now refund up to the price of one item and give up to 5 % off, but not reprint.
    const sale = (await sellOne()).body;
    const cashierRights = { permissions: ['sell', 'cash-in-out', 'shift-close', 'refund', 'manual-discount'], refundLimit: sale.total, discountLimitBp: 500 };
    expect((await owner.request('PUT', '/api/roles', { ...matrix, cashier: cashierRights })).body.cashier).toEqual(cashierRights);
    expect((await cashier.get<any>('/api/auth/session')).body.limits).toEqual({ refundLimit: sale.total, discountLimitBp: 500 });
    expect((await cashier.post<any>(`/api/sales/${sale.id}/reprint`)).status).toBe(403);

    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' } });
    const product = (await findProducts(cashier, row.sku)).find((p) => p.id === row.id)!;
    const small = await buildSale(cashier, [{ product, quantityMilli: 1000, manualDiscount: { kind: 'percent', valueBp: 500, reason: 'dented' } }]);
    expect((await cashier.post('/api/sales', small.request)).status).toBe(201);
    const large = await buildSale(cashier, [{ product, quantityMilli: 1000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'dented' } }]);
    const needsSupervisor = await cashier.post<any>('/api/sales', large.request);
    expect(needsSupervisor.status).toBe(403);
    expect(needsSupervisor.body.error).toMatchObject({ code: 'approval-required', message: 'A supervisor must authorise manual-discount beyond your limit', fields: [{ path: 'lines.0.manualDiscount.approvalId' }] });

    // Two pieces sold: one back is within the limit, both are not.
    const two = (await cashier.post<any>('/api/sales', (await buildSale(cashier, [{ product, quantityMilli: 2000 }])).request)).body;
    const line = two.lines[0].id;
    const one = await cashier.post<any>('/api/returns', { id: crypto.randomUUID(), originalSaleId: two.id, lines: [{ saleLineId: line, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(one.status).toBe(201);
    expect(one.body.total).toBeLessThanOrEqual(sale.total);
    const rest = await cashier.post<any>('/api/returns', { id: crypto.randomUUID(), originalSaleId: sale.id, lines: [{ saleLineId: sale.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(rest.status).toBe(201);
    await owner.request('PUT', '/api/roles', { ...matrix, cashier: { ...cashierRights, refundLimit: 1 } });
    const beyond = await cashier.post<any>('/api/returns', { id: crypto.randomUUID(), originalSaleId: two.id, lines: [{ saleLineId: line, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(beyond.body.error).toMatchObject({ code: 'approval-required', fields: [{ path: 'approvalId' }] });
    // The refusal names what to approve: this return, this amount.
    const returnId = crypto.randomUUID();
    const asked = (await cashier.post<any>('/api/returns', { id: returnId, originalSaleId: two.id, lines: [{ saleLineId: line, quantityMilli: 1000 }], refundMethod: 'cash' })).body.error.details.approval;
    expect(asked).toEqual({ action: 'refund', documentId: returnId, amount: two.total - one.body.total });
    const approval = await cashier.post<any>('/api/approvals', { ...asked, login: 'manager', pin: '2222' });
    const approved = await cashier.post<any>('/api/returns', { id: returnId, originalSaleId: two.id, lines: [{ saleLineId: line, quantityMilli: 1000 }], refundMethod: 'cash', approvalId: approval.body.approvalId });
    expect(approved.status).toBe(201);
    expect(await server.db.auditLog.count({ where: { action: 'roles-change' } })).toBe(2);
    await owner.request('PUT', '/api/roles', matrix);
  });
});

describe('the currency', () => {
  it('is fixed once the shop has sold; a new shop may set it', async () => {
    const sold = await owner.request('PUT', '/api/settings/currency', { currency: 'PLN' });
    expect(sold.status).toBe(409);
    expect(sold.body.error).toMatchObject({ code: 'currency-fixed', fields: [{ path: 'body.currency' }] });
    expect((await owner.request('PUT', '/api/settings/currency', { currency: 'eur' })).status).toBe(400);
    expect((await owner.request('PUT', '/api/settings/currency', { currency: 'XYZ' })).body.error.code).toBe('unknown-currency');

    const fresh = await startTestServer();
    try {
      const freshOwner = await fresh.login('owner', '1111');
      expect((await freshOwner.request('PUT', '/api/settings/currency', { currency: 'PLN' })).body).toEqual({ currency: 'PLN' });
      expect((await freshOwner.get<any>('/api/auth/session')).body.outlet.currency).toBe('PLN');
      expect((await fresh.db.outlet.findFirstOrThrow()).currency).toBe('PLN');
    } finally {
      await fresh.close();
    }
  });
});
