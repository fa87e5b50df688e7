import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { buildInStoreBarcode } from '../../shared/barcodes.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { newId } from '../../shared/ids.ts';

let server: TestServer;
let cashier: ApiClient;
let manager: ApiClient;

async function productWhere(where: object): Promise<ProductView> {
  const row = await server.db.product.findFirstOrThrow({ where: { active: true, ...where }, orderBy: { sku: 'asc' } });
  const res = await cashier.get<{ items: ProductView[] }>(`/api/products/search?q=${encodeURIComponent(row.sku)}`);
  return res.body.items.find((p) => p.id === row.id)!;
}
const pieceItem = (skip = 0) =>
  server.db.product
    .findMany({ where: { active: true, unit: 'piece', kind: 'goods', plu: null, discountable: true, barcodes: { some: {} } }, orderBy: { sku: 'asc' }, skip, take: 1 })
    .then(([p]) => productWhere({ id: p.id }));
const stockOf = async (productId: string) =>
  (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
const counts = async () => ({
  sales: await server.db.sale.count(),
  lines: await server.db.saleLine.count(),
  payments: await server.db.payment.count(),
  movements: await server.db.stockMovement.count(),
  outbox: await server.db.outboxEntry.count(),
});

beforeAll(async () => {
  server = await startTestServer();
  cashier = await server.login('anna', '3333', 'R1');
  manager = await server.login('manager', '2222', 'R2');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
});
afterAll(() => server?.close());

describe('POST /api/sales', () => {
  it('commits a cash sale: stock goes down, payment and change are stored, an outbox entry is written', async () => {
    const a = await pieceItem(0);
    const b = await pieceItem(1);
    const stockA = await stockOf(a.id);
    const { request, priced } = await buildSale(cashier, [
      { product: a, quantityMilli: 2000 },
      { product: b, quantityMilli: 1000 },
    ], { tenders: (total) => [{ method: 'cash', amount: total + 1234 }] });
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(priced.total);
    expect(res.body.change).toBe(1234);
    expect(res.body.number).toMatch(/^R1-\d{4}-\d{4}$/);
    expect(res.body.lines.map((l: any) => l.name)).toEqual([a.name, b.name]);
    expect(await stockOf(a.id)).toBe(stockA - 2000);
    const stored = await server.db.sale.findUniqueOrThrow({ where: { id: request.id }, include: { payments: true, lines: true } });
    expect(stored.payments).toEqual([expect.objectContaining({ method: 'cash', amount: priced.total, tendered: priced.total + 1234, change: 1234 })]);
    expect(stored.lines.reduce((s, l) => s + l.amount, 0)).toBe(stored.total);
    expect(await server.db.outboxEntry.count({ where: { documentId: request.id, type: 'sale' } })).toBe(1);
  });

  it('creates one sale when the same sale is submitted twice (retry after a timeout)', async () => {
    const a = await pieceItem(2);
    const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 1000 }]);
    const first = await cashier.post('/api/sales', request);
    const [second, third] = await Promise.all([cashier.post('/api/sales', request), cashier.post('/api/sales', request)]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(third.status).toBe(200);
    expect(second.body.number).toBe(first.body.number);
    expect(await server.db.sale.count({ where: { id: request.id } })).toBe(1);
    expect(await server.db.stockMovement.count({ where: { documentId: request.id } })).toBe(1);
  });

  it('numbers receipts without gaps within a shift', async () => {
    const shift = await server.db.shift.findFirstOrThrow({ where: { closedAt: null, register: { code: 'R1' } } });
    const sales = await server.db.sale.findMany({ where: { shiftId: shift.id }, orderBy: { seq: 'asc' } });
    expect(sales.map((s) => s.seq)).toEqual(sales.map((_, i) => i + 1));
  });

  it('takes mixed payment: card for part, cash for the rest with change', async () => {
    const a = await pieceItem(3);
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: 3000 }], {
      tenders: (total) => [{ method: 'card', amount: total - 100 }, { method: 'cash', amount: 500 }],
    });
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.change).toBe(400);
    expect(res.body.payments).toEqual([
      expect.objectContaining({ method: 'card', amount: priced.total - 100 }),
      expect.objectContaining({ method: 'cash', amount: 100, tendered: 500, change: 400 }),
    ]);
  });

  it('rejects a sale whose total differs from the server price, and writes nothing', async () => {
    const a = await pieceItem(0);
    const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 1000 }]);
    const before = await counts();
    const res = await cashier.post('/api/sales', { ...request, expectedTotal: request.expectedTotal - 1, tenders: [{ method: 'cash', amount: 100_000 }] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('total-mismatch');
    expect(res.body.error.fields[0].path).toBe('expectedTotal');
    expect(res.body.error.details.serverTotal).toBe(request.expectedTotal);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an unknown product', (r: any) => ({ ...r, lines: [{ ...r.lines[0], productId: newId() }] }), 404, 'product-not-found', 'lines.0.productId'],
    ['a zero quantity', (r: any) => ({ ...r, lines: [{ ...r.lines[0], quantityMilli: 0 }] }), 400, 'invalid-input', 'body.lines.0.quantityMilli'],
    ['a negative quantity', (r: any) => ({ ...r, lines: [{ ...r.lines[0], quantityMilli: -1000 }] }), 400, 'invalid-input', 'body.lines.0.quantityMilli'],
    ['a weight on a piece item', (r: any) => ({ ...r, lines: [{ ...r.lines[0], quantityMilli: 1500 }] }), 422, 'invalid-quantity', 'lines.0.quantityMilli'],
    ['a tender that does not cover the total', (r: any) => ({ ...r, tenders: [{ method: 'cash', amount: r.expectedTotal - 1 }] }), 422, 'insufficient-tender', 'tenders'],
    ['a card paying more than is due', (r: any) => ({ ...r, tenders: [{ method: 'card', amount: r.expectedTotal + 100 }] }), 422, 'card-overpayment', 'tenders'],
    ['a missing idempotency id', (r: any) => ({ ...r, id: undefined }), 400, 'invalid-input', 'body.id'],
  ])('rejects %s with the field named, and writes nothing', async (_name, mutate, status, code, path) => {
    const a = await pieceItem(0);
    const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 1000 }]);
    const before = await counts();
    const res = await cashier.post('/api/sales', mutate(request));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.fields.map((f: any) => f.path)).toContain(path);
    expect(await counts()).toEqual(before);
  });

  it('rejects a malformed JSON body with the error envelope', async () => {
    const res = await cashier.request('POST', '/api/sales', undefined, '{"id": ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-json');
  });

  it('sells a weighed item by a weight-embedded in-store barcode, taking the weight from the code', async () => {
    const weighed = await productWhere({ unit: 'kg', plu: { not: null } });
    const row = await server.db.product.findUniqueOrThrow({ where: { id: weighed.id } });
    const code = buildInStoreBarcode({ prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5 }, row.plu!, 735);
    const scan = await cashier.get(`/api/scan/${code}`);
    expect(scan.status).toBe(200);
    expect(scan.body).toMatchObject({ type: 'product', quantityMilli: 735, product: { id: weighed.id } });
    const stock = await stockOf(weighed.id);
    const { request, priced } = await buildSale(cashier, [{ product: weighed, quantityMilli: 735, scannedCode: scan.body.code }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.lines[0].grossAmount).toBe(Math.round((735 * weighed.price) / 1000));
    expect(res.body.total).toBe(priced.total);
    expect(await stockOf(weighed.id)).toBe(stock - 735);
    // The register cannot claim a different weight than the label says.
    const forged = await buildSale(cashier, [{ product: weighed, quantityMilli: 500, scannedCode: scan.body.code }]);
    const rejected = await cashier.post('/api/sales', forged.request);
    expect(rejected.status).toBe(422);
    expect(rejected.body.error.fields[0].path).toBe('lines.0.quantityMilli');
  });

  it('rejects an in-store code with a wrong check digit', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'kg', plu: { not: null } } });
    const code = buildInStoreBarcode({ prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5 }, row.plu!, 1000);
    const bad = code.slice(0, 12) + String((Number(code[12]) + 1) % 10);
    const res = await cashier.get(`/api/scan/${bad}`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid-check-digit');
  });

  it('sells a weighed item by entered weight, and refuses a weight on a piece item', async () => {
    const weighed = await productWhere({ unit: 'kg' });
    const { request } = await buildSale(cashier, [{ product: weighed, quantityMilli: 1250 }]);
    expect((await cashier.post('/api/sales', request)).status).toBe(201);
  });

  it('sells a price-embedded item at the price on its label', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', plu: { not: null } } });
    const code = buildInStoreBarcode({ prefix: '22', kind: 'price', itemDigits: 5, valueDigits: 5 }, row.plu!, 1799);
    const scan = await cashier.get(`/api/scan/${code}`);
    expect(scan.body).toMatchObject({ type: 'product', unitPrice: 1799 });
    const { request } = await buildSale(cashier, [{ product: scan.body.product, quantityMilli: 1000, unitPrice: 1799, scannedCode: scan.body.code }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.lines[0].grossAmount).toBe(1799);
  });
});

describe('discounts', () => {
  it('refuses a manual discount from a cashier without a supervisor approval', async () => {
    const a = await pieceItem(4);
    const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 1000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'Damaged box' } }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('approval-required');
    expect(res.body.error.fields[0].path).toBe('lines.0.manualDiscount.approvalId');
  });

  it('applies a manual discount authorised by a manager PIN on the spot, and audits who allowed it', async () => {
    const a = await pieceItem(4);
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: 1000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'Damaged box' } }]);
    const approval = await cashier.post('/api/approvals', { action: 'manual-discount', documentId: request.id, lineId: request.lines[0].lineId, valueBp: 1000, login: 'manager', pin: '2222' });
    expect(approval.status).toBe(200);
    request.lines[0].manualDiscount.approvalId = approval.body.approvalId;
    expect(priced.discountTotal).toBeGreaterThan(0);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(a.price - Math.round(a.price / 10));
    expect(res.body.discounts).toEqual([expect.objectContaining({ source: 'manual', reason: 'Damaged box' })]);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'manual-discount', entityId: request.id } });
    expect(audit.approvedById).toBe(approval.body.approver.id);
    // An approval is good for one act only.
    const again = await buildSale(cashier, [{ product: a, quantityMilli: 1000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'x', approvalId: approval.body.approvalId } }]);
    expect((await cashier.post('/api/sales', again.request)).body.error.code).toBe('approval-invalid');
  });

  it('sells at an overridden price only with a supervisor approval, and audits the override', async () => {
    const a = await pieceItem(6);
    const refused = await buildSale(cashier, [{ product: a, quantityMilli: 1000, priceOverride: { unitPrice: 100, reason: 'Shelf label price' } }]);
    const denied = await cashier.post('/api/sales', refused.request);
    expect(denied.status).toBe(403);
    expect(denied.body.error.fields[0].path).toBe('lines.0.priceOverride.approvalId');

    const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 2000, priceOverride: { unitPrice: 100, reason: 'Shelf label price' } }]);
    const approval = await cashier.post('/api/approvals', { action: 'price-override', documentId: request.id, lineId: request.lines[0].lineId, amount: 100, login: 'manager', pin: '2222' });
    request.lines[0].priceOverride.approvalId = approval.body.approvalId;
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ unitPrice: 100, grossAmount: 200 });
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'price-override', entityId: request.id } });
    expect(audit.approvedById).toBe(approval.body.approver.id);
    expect(JSON.parse(audit.details)).toMatchObject({ listPrice: a.price, unitPrice: 100, reason: 'Shelf label price' });
  });

  it('refuses an approval from someone who may not give it', async () => {
    const res = await cashier.post('/api/approvals', { action: 'manual-discount', documentId: newId(), valueBp: 500, login: 'boris', pin: '4444' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('approval-refused');
  });

  it('gives the receipt-total discount automatically once the subtotal reaches the tier', async () => {
    const a = await pieceItem(5);
    const qty = Math.ceil(12_000 / a.price) * 1000;
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: qty }]);
    expect(priced.discountTotal).toBeGreaterThan(0);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(priced.subtotal - priced.discountTotal);
    expect(res.body.discounts[0].source).toBe('receipt-total');
  });

  it('gives a customer their category discount when attached', async () => {
    const customerRow = await server.db.customer.findFirstOrThrow({ where: { category: { code: 'gold' } }, include: { cards: true } });
    const scan = await cashier.get(`/api/scan/${customerRow.cards[0].code}`);
    expect(scan.body.type).toBe('customer');
    const a = await pieceItem(6);
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: 1000 }], { customer: scan.body.customer });
    expect(priced.discountTotal).toBeGreaterThan(0);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.customer.id).toBe(customerRow.id);
    expect(res.body.discountTotal).toBe(priced.discountTotal);
  });
});

describe('POST /api/returns', () => {
  it('refunds part of a sale and then the rest, to the minor unit, and puts stock back', async () => {
    const a = await pieceItem(7);
    const b = await pieceItem(8);
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: 3000 }, { product: b, quantityMilli: 1000 }], {
      receiptDiscount: { kind: 'amount', amount: 101, reason: 'Loyal customer' },
    });
    const valueBp = Math.ceil((101 * 10_000) / priced.subtotal);
    const approval = await cashier.post('/api/approvals', { action: 'manual-discount', documentId: request.id, valueBp, login: 'vera', pin: '5555' });
    request.receiptDiscount.approvalId = approval.body.approvalId;
    const sale = (await cashier.post('/api/sales', request)).body;
    const lineA = sale.lines[0];
    const stock = await stockOf(a.id);

    const byNumber = await cashier.get(`/api/sales/by-number/${sale.number}`);
    expect(byNumber.body.id).toBe(sale.id);
    const returnId = newId();
    const refundApproval = await cashier.post('/api/approvals', { action: 'refund', documentId: returnId, amount: Math.round(lineA.amount / 3), login: 'manager', pin: '2222' });
    const first = await cashier.post('/api/returns', {
      id: returnId, originalSaleId: sale.id, lines: [{ saleLineId: lineA.id, quantityMilli: 1000 }], refundMethod: 'cash', approvalId: refundApproval.body.approvalId,
    });
    expect(first.status).toBe(201);
    expect(first.body.kind).toBe('return');
    expect(await stockOf(a.id)).toBe(stock + 1000);

    const tooMuch = await manager.post('/api/returns', { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: lineA.id, quantityMilli: 3000 }], refundMethod: 'cash' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('return-exceeds-sold');
    expect(tooMuch.body.error.fields[0].path).toBe('lines.0.quantityMilli');

    const rest = await manager.post('/api/returns', {
      id: newId(), originalSaleId: sale.id, refundMethod: 'card',
      lines: [{ saleLineId: lineA.id, quantityMilli: 2000 }, { saleLineId: sale.lines[1].id, quantityMilli: 1000 }],
    });
    expect(rest.status).toBe(201);
    expect(first.body.total + rest.body.total).toBe(sale.total);
    expect(await stockOf(a.id)).toBe(stock + 3000);
    const after = await cashier.get(`/api/sales/${sale.id}`);
    expect(after.body.lines.map((l: any) => l.returnedMilli)).toEqual([3000, 1000]);
    const nothingLeft = await manager.post('/api/returns', { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: lineA.id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(nothingLeft.body.error.code).toBe('return-exceeds-sold');
  });

  it('needs the refund right or a supervisor approval', async () => {
    const a = await pieceItem(9);
    const { request } = await buildSale(cashier, [{ product: a, quantityMilli: 1000 }]);
    const sale = (await cashier.post('/api/sales', request)).body;
    const res = await cashier.post('/api/returns', { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: sale.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('approval-required');
  });
});

describe('GS1-128 and DataMatrix codes', () => {
  it('finds the product by the GTIN inside and sells a weighed item at the weight in the code', async () => {
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: { code: { startsWith: '477' } } } }, include: { barcodes: true } });
    const gtin14 = `0${row.barcodes[0].code}`;
    const plain = await cashier.get(`/api/scan/${encodeURIComponent(`]d201${gtin14}17271231${'10'}LOT7`)}`);
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({ type: 'product', product: { id: row.id }, quantityMilli: null, unitPrice: null });

    // A price in the code stands for a product marked price-labelled, at its list price.
    await server.db.product.update({ where: { id: row.id }, data: { priceLabelled: true } });
    const price = String(row.price).padStart(4, '0');
    const priced = await cashier.get(`/api/scan/${encodeURIComponent(`01${gtin14}3922${price}`)}`);
    expect(priced.body).toMatchObject({ type: 'product', unitPrice: row.price });
    const { request } = await buildSale(cashier, [{ product: priced.body.product, quantityMilli: 1000, unitPrice: row.price, scannedCode: priced.body.code }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ unitPrice: row.price, grossAmount: row.price });
  });

  it('rejects a GS1 code whose GTIN has a wrong check digit, naming the code', async () => {
    const res = await cashier.get(`/api/scan/${encodeURIComponent('0104006381333932' + '3103001250')}`);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'invalid-gs1', fields: [{ path: 'code' }] });
  });
});
