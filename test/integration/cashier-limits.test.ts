import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import { newId } from '../../shared/ids.ts';

// A dishonest cashier at the till: prices typed into codes, discounts given to friends, pre-orders
// at a cent, approvals reused, cash taken out, refunds sent elsewhere. Every expected figure is
// worked out here from the list prices and the owner's rule (10 % under the list price at most).

const MAX_BELOW_BP = 1000;
const GS = '\u001d';

let server: TestServer;
let cashier: ApiClient;
let manager: ApiClient;
let owner: ApiClient;

/** The GS1 mod-10 check digit (GS1 General Specifications 7.9.1): weights 3, 1, 3… from the right. */
function gs1CheckDigit(digits: string): string {
  const sum = [...digits].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}

/** An in-store price label as the demo's labeller prints it: 22, PLU in 5 digits, price in 5, check digit. */
function priceLabel(plu: string, price: number): string {
  const body = `22${plu.padStart(5, '0')}${String(price).padStart(5, '0')}`;
  return body + gs1CheckDigit(body);
}

/**
 * A GS1-128 element string as a scanner sends it: symbology identifier ]C1, AI 01 with the GTIN-14
 * (check digit worked out here), AI 3922 (price with two decimals, variable length, so ended by
 * FNC1 sent as GS) and AI 10 (batch).
 */
function gs1PricedCode(ean13: string, price: number): string {
  const gtin13 = `0${ean13.slice(0, 12)}`;
  const gtin14 = gtin13 + gs1CheckDigit(gtin13);
  expect(gtin14.slice(1)).toBe(ean13);
  return `]C101${gtin14}3922${String(price).padStart(4, '0')}${GS}10LOT42`;
}

/** The lowest price that is at most 10 % under the list price: price × 0.9, rounded up to the minor unit. */
const lowestAllowed = (listPrice: number) => Math.ceil((listPrice * (10_000 - MAX_BELOW_BP)) / 10_000);

async function viewOf(id: string): Promise<ProductView> {
  const row = await server.db.product.findUniqueOrThrow({ where: { id } });
  return (await findProducts(cashier, row.sku)).find((p) => p.id === id)!;
}

/** A price-labelled piece product (PLU, no barcode) whose floor (its cost) lies below 90 % of its price. */
async function labelledProduct(skip: number) {
  const rows = await server.db.product.findMany({ where: { unit: 'piece', priceLabelled: true, plu: { not: null } }, orderBy: { plu: 'asc' } });
  const row = rows.filter((r) => r.cost < lowestAllowed(r.price))[skip];
  return { row, view: await viewOf(row.id) };
}

async function barcodedProduct(skip: number) {
  const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: { code: { startsWith: '477' } } } }, include: { barcodes: true }, orderBy: { sku: 'asc' }, skip, take: 1 });
  return { row, view: await viewOf(row.id) };
}

const stockOf = async (productId: string) => (await server.db.stockBalance.findFirst({ where: { productId } }))?.quantityMilli ?? 0;
const written = async () => ({
  sales: await server.db.sale.count(),
  lines: await server.db.saleLine.count(),
  payments: await server.db.payment.count(),
  movements: await server.db.stockMovement.count(),
  codePrices: await server.db.auditLog.count({ where: { action: 'code-price' } }),
});

beforeAll(async () => {
  server = await startTestServer({ outletSettings: { codePriceMaxBelowBp: MAX_BELOW_BP } });
  // No automatic discounts: a line's total is its gross, as worked out here.
  await server.db.discountRule.updateMany({ data: { active: false } });
  cashier = await server.login('anna', '3333', 'R1');
  manager = await server.login('manager', '2222', 'R2');
  owner = await server.login('owner', '1111');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  expect((await manager.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
});
afterAll(() => server?.close());

describe('a price read from a scanned code', () => {
  it('stands at the rule’s limit (10 % under the list price) and is audited', async () => {
    const { row, view } = await labelledProduct(0);
    const price = lowestAllowed(row.price);
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000, unitPrice: price, scannedCode: priceLabel(row.plu!, price) }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ unitPrice: price, grossAmount: price });
    expect(res.body.total).toBe(price);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'code-price', entityId: request.id } });
    expect(audit).toMatchObject({ userId: (await server.db.user.findUniqueOrThrow({ where: { login: 'anna' } })).id, approvedById: null });
    expect(JSON.parse(audit.details)).toMatchObject({ productId: row.id, listPrice: row.price, unitPrice: price, withinRules: true });
  });

  it('a `22` label one cent under the rule needs a supervisor: 403 naming the field, and nothing is written', async () => {
    const { row, view } = await labelledProduct(1);
    const price = lowestAllowed(row.price) - 1;
    const stock = await stockOf(row.id);
    const before = await written();
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000, unitPrice: price, scannedCode: priceLabel(row.plu!, price) }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'approval-required', fields: [{ path: 'lines.0.codePriceApprovalId' }] });
    // What a supervisor would be asked to approve: this sale, this line, this price.
    expect(res.body.error.details.approval).toEqual({ action: 'price-override', documentId: request.id, lineId: request.lines[0].lineId, amount: price });
    expect(await written()).toEqual(before);
    expect(await stockOf(row.id)).toBe(stock);
    expect(await server.db.sale.findUnique({ where: { id: request.id } })).toBeNull();
  });

  it('a GS1 code whose AI 3922 says 0.01 needs a supervisor, and nothing is written', async () => {
    const { row, view } = await barcodedProduct(0);
    await server.db.product.update({ where: { id: row.id }, data: { priceLabelled: true } });
    const stock = await stockOf(row.id);
    const before = await written();
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000, unitPrice: 1, scannedCode: gs1PricedCode(row.barcodes[0].code, 1) }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'approval-required', fields: [{ path: 'lines.0.codePriceApprovalId' }] });
    expect(await written()).toEqual(before);
    expect(await stockOf(row.id)).toBe(stock);

    // At its list price the same code sells, at that price.
    const fair = await buildSale(cashier, [{ product: view, quantityMilli: 1000, unitPrice: row.price, scannedCode: gs1PricedCode(row.barcodes[0].code, row.price) }]);
    const sold = await cashier.post('/api/sales', fair.request);
    expect(sold.status).toBe(201);
    expect(sold.body.total).toBe(row.price);
    expect(await stockOf(row.id)).toBe(stock - 1000);
  });

  it('takes no price from a code for a product not marked price-labelled, not even its list price', async () => {
    const { row, view } = await barcodedProduct(1);
    expect(row.priceLabelled).toBe(false);
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000, unitPrice: row.price, scannedCode: gs1PricedCode(row.barcodes[0].code, row.price) }]);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(403);
    expect(res.body.error.fields).toEqual([{ path: 'lines.0.codePriceApprovalId', message: 'approval required' }]);
  });

  it('with an approval bound to the sale, the line and the price, commits at that price; the audit names who approved what', async () => {
    const { row, view } = await labelledProduct(2);
    const price = Math.floor(row.price / 2);
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 1000, unitPrice: price, scannedCode: priceLabel(row.plu!, price) }]);
    const lineId = request.lines[0].lineId;
    const approval = await cashier.post('/api/approvals', { action: 'price-override', documentId: request.id, lineId, amount: price, login: 'manager', pin: '2222' });
    expect(approval.status).toBe(200);
    request.lines[0].codePriceApprovalId = approval.body.approvalId;
    const stock = await stockOf(row.id);
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.lines[0]).toMatchObject({ unitPrice: price, grossAmount: price });
    expect(res.body.total).toBe(price);
    expect(await stockOf(row.id)).toBe(stock - 1000);
    const managerId = (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id;
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'code-price', entityId: request.id } });
    expect(audit.approvedById).toBe(managerId);
    expect(JSON.parse(audit.details)).toMatchObject({ listPrice: row.price, unitPrice: price, withinRules: false });
    const granted = await server.db.auditLog.findFirstOrThrow({ where: { action: 'approval-granted', entityId: approval.body.approvalId } });
    expect(granted.approvedById).toBe(managerId);
    expect(JSON.parse(granted.details)).toEqual({ action: 'price-override', documentId: request.id, lineId, amount: price });
  });

  it('refuses an approval on another sale, another line or a lower price, and keeps it for its own act', async () => {
    const { row, view } = await labelledProduct(3);
    const price = Math.floor(row.price / 2);
    const line = { product: view, quantityMilli: 1000, unitPrice: price, scannedCode: priceLabel(row.plu!, price) };
    const own = (await buildSale(cashier, [line])).request;
    const approval = await cashier.post('/api/approvals', { action: 'price-override', documentId: own.id, lineId: own.lines[0].lineId, amount: price, login: 'manager', pin: '2222' });
    const approvalId = approval.body.approvalId;

    const otherSale = (await buildSale(cashier, [line])).request;
    otherSale.lines[0].codePriceApprovalId = approvalId;
    expect((await cashier.post('/api/sales', otherSale)).body.error.code).toBe('approval-invalid');

    const otherLine = structuredClone(own);
    otherLine.lines[0].lineId = newId();
    otherLine.lines[0].codePriceApprovalId = approvalId;
    expect((await cashier.post('/api/sales', otherLine)).body.error.code).toBe('approval-invalid');

    const lower = (await buildSale(cashier, [{ ...line, unitPrice: price - 1, scannedCode: priceLabel(row.plu!, price - 1) }])).request;
    lower.id = own.id;
    lower.lines[0].lineId = own.lines[0].lineId;
    lower.lines[0].codePriceApprovalId = approvalId;
    const refused = await cashier.post('/api/sales', lower);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'approval-invalid', fields: [{ path: 'lines.0.codePriceApprovalId' }] });
    expect(await server.db.sale.count({ where: { id: { in: [own.id, otherSale.id, otherLine.id] } } })).toBe(0);

    own.lines[0].codePriceApprovalId = approvalId;
    expect((await cashier.post('/api/sales', own)).status).toBe(201);
  });

  it('a manager (price-override right) sells under the rule without an approval, audited as theirs', async () => {
    const { row, view } = await labelledProduct(4);
    const price = lowestAllowed(row.price) - 1;
    const { request } = await buildSale(manager, [{ product: view, quantityMilli: 1000, unitPrice: price, scannedCode: priceLabel(row.plu!, price) }]);
    expect((await manager.post('/api/sales', request)).status).toBe(201);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'code-price', entityId: request.id } });
    expect(audit).toMatchObject({ userId: (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id, approvedById: null });
  });
});

describe('approvals bound to what they approve', () => {
  it('a refund approval covers its return up to its amount: not a larger one, not another return', async () => {
    const { view } = await barcodedProduct(2);
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 3000 }]);
    const sale = (await cashier.post('/api/sales', request)).body;
    expect(sale.total).toBe(view.price * 3);
    const line = sale.lines[0];
    const returnId = newId();
    const approval = await cashier.post('/api/approvals', { action: 'refund', documentId: returnId, amount: view.price, login: 'manager', pin: '2222' });
    const ret = (id: string, quantityMilli: number) =>
      cashier.post('/api/returns', { id, originalSaleId: sale.id, lines: [{ saleLineId: line.id, quantityMilli }], refundMethod: 'cash', approvalId: approval.body.approvalId });

    const larger = await ret(returnId, 2000);
    expect(larger.status).toBe(403);
    expect(larger.body.error).toMatchObject({ code: 'approval-invalid', fields: [{ path: 'approvalId' }], details: { approval: { action: 'refund', documentId: returnId, amount: view.price * 2 } } });
    expect((await ret(newId(), 1000)).body.error.code).toBe('approval-invalid');
    expect(await server.db.sale.count({ where: { originalSaleId: sale.id } })).toBe(0);
    const done = await ret(returnId, 1000);
    expect(done.status).toBe(201);
    expect(done.body.total).toBe(view.price);
  });

  it('a manual-discount approval of 10 % on one line does not give 100 % off', async () => {
    const { view } = await barcodedProduct(3);
    const { request } = await buildSale(cashier, [{ product: view, quantityMilli: 10_000, manualDiscount: { kind: 'percent', valueBp: 10_000, reason: 'friend' } }]);
    const approval = await cashier.post('/api/approvals', { action: 'manual-discount', documentId: request.id, lineId: request.lines[0].lineId, valueBp: 1000, login: 'manager', pin: '2222' });
    request.lines[0].manualDiscount.approvalId = approval.body.approvalId;
    expect((await cashier.post('/api/sales', request)).body.error.code).toBe('approval-invalid');

    const fair = await buildSale(cashier, [{ product: view, quantityMilli: 10_000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'dented', approvalId: approval.body.approvalId } }]);
    fair.request.id = request.id;
    fair.request.lines[0].lineId = request.lines[0].lineId;
    const res = await cashier.post('/api/sales', fair.request);
    expect(res.status).toBe(201);
    const gross = view.price * 10;
    expect(res.body.total).toBe(gross - Math.round(gross / 10));
  });

  it('a supervisor cannot approve beyond their own limits', async () => {
    const matrix = (await owner.get('/api/roles')).body;
    expect((await owner.request('PUT', '/api/roles', { ...matrix, senior_cashier: { ...matrix.senior_cashier, refundLimit: 500, discountLimitBp: 500 } })).status).toBe(200);
    try {
      const approvals = await server.db.approval.count();
      const refund = await cashier.post('/api/approvals', { action: 'refund', documentId: newId(), amount: 501, login: 'vera', pin: '5555' });
      expect([401, 403]).toContain(refund.status);
      const discount = await cashier.post('/api/approvals', { action: 'manual-discount', documentId: newId(), valueBp: 501, login: 'vera', pin: '5555' });
      expect([401, 403]).toContain(discount.status);
      expect(await server.db.approval.count()).toBe(approvals);
      // Within them, she can.
      expect((await cashier.post('/api/approvals', { action: 'refund', documentId: newId(), amount: 500, login: 'vera', pin: '5555' })).status).toBe(200);
    } finally {
      await owner.request('PUT', '/api/roles', matrix);
    }
  });

  it('an approval names its document, and only what its act is measured by', async () => {
    const res = await cashier.post('/api/approvals', { action: 'refund', login: 'manager', pin: '2222' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.amount', 'body.documentId']);
    const mixed = await cashier.post('/api/approvals', { action: 'manual-discount', documentId: newId(), valueBp: 100, amount: 5, login: 'manager', pin: '2222' });
    expect(mixed.body.error.fields).toEqual([expect.objectContaining({ path: 'body.amount' })]);
  });
});

describe('customers registered at the register', () => {
  it('a cashier gives no personal discount or category; name, phone, card and consent are fine', async () => {
    const customers = await server.db.customer.count();
    const discount = await cashier.post('/api/customers', { name: 'Best Friend', personalDiscountBp: 10_000 });
    expect(discount.status).toBe(403);
    expect(discount.body.error.fields).toEqual([expect.objectContaining({ path: 'body.personalDiscountBp' })]);
    const gold = await cashier.post('/api/customers', { name: 'Best Friend', categoryCode: 'gold' });
    expect(gold.status).toBe(403);
    expect(gold.body.error.fields).toEqual([expect.objectContaining({ path: 'body.categoryCode' })]);
    expect(await server.db.customer.count()).toBe(customers);

    const plain = await cashier.post('/api/customers', { name: 'New Shopper', phone: '+370 612 34567', card: 'CARD-7001', smsConsent: true });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ name: 'New Shopper', phone: '+37061234567', cards: ['CARD-7001'], categoryCode: null, personalDiscountBp: 0 });
    expect(plain.body.smsConsentAt).not.toBeNull();
  });

  it('a manager’s change of them is audited with the old and new values', async () => {
    const created = (await cashier.post('/api/customers', { name: 'Regular Visitor' })).body;
    const res = await manager.request('PUT', `/api/customers/${created.id}`, { name: 'Regular Visitor', categoryCode: 'silver', personalDiscountBp: 700 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ categoryCode: 'silver', personalDiscountBp: 700 });
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'customer-pricing-change', entityId: created.id } });
    expect(audit.userId).toBe((await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id);
    expect(JSON.parse(audit.details)).toEqual({ before: { categoryCode: null, personalDiscountBp: 0 }, after: { categoryCode: 'silver', personalDiscountBp: 700 } });

    const again = await manager.request('PUT', `/api/customers/${created.id}`, { name: 'Regular Visitor', personalDiscountBp: 0 });
    expect(again.status).toBe(200);
    const audits = await server.db.auditLog.findMany({ where: { action: 'customer-pricing-change', entityId: created.id }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => JSON.parse(a.details))).toEqual([
      { before: { categoryCode: null, personalDiscountBp: 0 }, after: { categoryCode: 'silver', personalDiscountBp: 700 } },
      { before: { categoryCode: 'silver', personalDiscountBp: 700 }, after: { categoryCode: 'silver', personalDiscountBp: 0 } },
    ]);
  });
});

describe('pre-orders taken at the register', () => {
  it('an agreed price below the current price needs a supervisor; at the current price it does not', async () => {
    const customer = (await cashier.post('/api/customers', { name: 'Orders Ahead' })).body;
    const { view } = await barcodedProduct(4);
    const orders = await server.db.preOrder.count();
    const id = newId();
    const cheap = { id, customerId: customer.id, lines: [{ productId: view.id, quantityMilli: 1000, unitPrice: 1 }] };
    const refused = await cashier.post('/api/pre-orders', cheap);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'approval-required', fields: [{ path: 'lines.0.approvalId' }], details: { approval: { action: 'price-override', documentId: id, lineId: view.id, amount: 1 } } });
    expect(await server.db.preOrder.count()).toBe(orders);

    const approval = await cashier.post('/api/approvals', { action: 'price-override', documentId: id, lineId: view.id, amount: 1, login: 'manager', pin: '2222' });
    const approved = await cashier.post('/api/pre-orders', { ...cheap, lines: [{ ...cheap.lines[0], approvalId: approval.body.approvalId }] });
    expect(approved.status).toBe(201);
    expect(approved.body.lines[0].unitPrice).toBe(1);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'pre-order-price', entityId: id } });
    expect(audit.approvedById).toBe(approval.body.approver.id);
    expect(JSON.parse(audit.details)).toMatchObject({ productId: view.id, listPrice: view.price, currentPrice: view.price, agreedPrice: 1 });

    const fair = await cashier.post('/api/pre-orders', { id: newId(), customerId: customer.id, lines: [{ productId: view.id, quantityMilli: 2000, unitPrice: view.price }] });
    expect(fair.status).toBe(201);
    expect(fair.body.total).toBe(view.price * 2);
  });
});

describe('the drawer and refunds', () => {
  it('a cashier pays no cash out of the drawer; puts cash in; a manager pays out', async () => {
    const movements = await server.db.cashMovement.count();
    const out = await cashier.post('/api/shifts/current/cash-movements', { kind: 'out', amount: 5_000, reason: 'Taxi' });
    expect(out.status).toBe(403);
    expect(out.body.error.fields).toEqual([expect.objectContaining({ path: 'body.kind' })]);
    expect(await server.db.cashMovement.count()).toBe(movements);
    expect((await cashier.post('/api/shifts/current/cash-movements', { kind: 'in', amount: 2_000, reason: 'Change from the bank' })).status).toBe(200);
    expect((await manager.post('/api/shifts/current/cash-movements', { kind: 'out', amount: 1_000, reason: 'Bank deposit' })).status).toBe(200);
    expect(await server.db.cashMovement.count()).toBe(movements + 2);
  });

  it('refunds to a gift card, points or a deposit are refused on a sale without a customer, naming refundMethod', async () => {
    const { view } = await barcodedProduct(5);
    const sale = (await manager.post('/api/sales', (await buildSale(manager, [{ product: view, quantityMilli: 1000 }])).request)).body;
    for (const refundMethod of ['gift-card', 'points', 'deposit']) {
      const res = await manager.post('/api/returns', { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: sale.lines[0].id, quantityMilli: 1000 }], refundMethod });
      expect(res.status, refundMethod).toBeGreaterThanOrEqual(400);
      expect(res.status, refundMethod).toBeLessThan(500);
      expect(res.body.error.fields.map((f: { path: string }) => f.path.replace(/^body\./, '')), refundMethod).toContain('refundMethod');
    }
    expect(await server.db.sale.count({ where: { originalSaleId: sale.id } })).toBe(0);
  });

  it('a refund goes back to the tender that paid, unless a right allows otherwise', async () => {
    const vera = await server.login('vera', '5555', 'R2');
    const { view } = await barcodedProduct(6);
    const { request } = await buildSale(vera, [{ product: view, quantityMilli: 2000 }], { tenders: (total) => [{ method: 'card', amount: total }] });
    const sale = (await vera.post('/api/sales', request)).body;
    const line = sale.lines[0];
    const back = (api: ApiClient, refundMethod: string) => api.post('/api/returns', { id: newId(), originalSaleId: sale.id, lines: [{ saleLineId: line.id, quantityMilli: 1000 }], refundMethod });

    const toCash = await back(vera, 'cash');
    expect(toCash.status).toBe(403);
    expect(toCash.body.error).toMatchObject({ code: 'refund-tender', fields: [{ path: 'refundMethod' }] });
    expect(await server.db.sale.count({ where: { originalSaleId: sale.id } })).toBe(0);
    const toCard = await back(vera, 'card');
    expect(toCard.status).toBe(201);
    expect(toCard.body.payments).toEqual([expect.objectContaining({ method: 'card', amount: view.price })]);
    // A manager holds refund-any-tender.
    const managerCash = await back(manager, 'cash');
    expect(managerCash.status).toBe(201);
    expect(managerCash.body.payments).toEqual([expect.objectContaining({ method: 'cash', amount: view.price })]);
  });
});
