import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let today: string;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222', 'R2');
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 0 });
  await manager.post('/api/shifts', { openingFloat: 0 });
  const outlet = await server.db.outlet.findFirstOrThrow();
  today = localTimeIn(outlet.timezone).slice(0, 10);
});
afterAll(() => server.close());

describe('sales and margin report', () => {
  it('sums net sales per product with the cost fixed at the time of sale, and returns subtract', async () => {
    const rows = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true, cost: { gt: 0 } }, orderBy: { sku: 'asc' }, take: 2 });
    const [a, b] = await Promise.all(rows.map(async (r) => (await findProducts(cashier, r.sku)).find((p) => p.id === r.id)!));
    const first = await buildSale(cashier, [{ product: a, quantityMilli: 3000 }, { product: b, quantityMilli: 1000 }]);
    const sale = await cashier.post('/api/sales', first.request);
    expect(sale.status).toBe(201);

    // The cost changes after the sale (a delivery at a higher price): the sold line keeps its cost.
    await manager.post('/api/stock/deliveries', { id: newId(), lines: [{ productId: a.id, quantityMilli: 100_000, unitCost: rows[0].cost * 3 }] });
    const lineA = sale.body.lines.find((l: { productId: string }) => l.productId === a.id);
    const refund = await manager.post('/api/returns', { id: newId(), originalSaleId: first.request.id, lines: [{ saleLineId: lineA.id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(refund.status).toBe(201);

    const report = await manager.get(`/api/reports/sales?from=${today}&to=${today}&groupBy=product`);
    expect(report.status).toBe(200);
    const rowA = report.body.rows.find((r: { key: string }) => r.key === a.id);
    expect(rowA).toMatchObject({ quantityMilli: 2000, unit: 'piece', cost: 2 * rows[0].cost, receipts: 1, sales: lineA.amount - refund.body.total, tax: lineA.taxAmount - refund.body.taxTotal });
    expect(rowA.revenue).toBe(rowA.sales - rowA.tax);
    expect(rowA.grossProfit).toBe(rowA.revenue - rowA.cost);
    expect(report.body.totals.revenue).toBe(report.body.rows.reduce((s: number, r: { revenue: number }) => s + r.revenue, 0));
    const slow = await manager.get(`/api/reports/slow-movers?from=${today}&to=${today}&limit=5`);
    expect(slow.body.items).toHaveLength(5);
    expect(slow.body.items.every((s: { soldMilli: number }) => s.soldMilli === 0)).toBe(true);

    // The daily sums kept with every sale and return equal the documents' own lines.
    const days = await server.db.productSalesDay.aggregate({ _sum: { revenue: true, tax: true, cost: true, quantityMilli: true } });
    const lines = await server.db.saleLine.findMany({ where: { kind: 'goods' }, include: { sale: { select: { kind: true } } } });
    const signedSum = (k: 'amount' | 'taxAmount' | 'costAmount' | 'quantityMilli') => lines.reduce((s, l) => s + (l.sale.kind === 'sale' ? l[k] : -l[k]), 0);
    expect(days._sum).toEqual({ revenue: signedSum('amount'), tax: signedSum('taxAmount'), cost: signedSum('costAmount'), quantityMilli: signedSum('quantityMilli') });

    const byCashier = await manager.get(`/api/reports/sales?from=${today}&to=${today}&groupBy=cashier`);
    expect(byCashier.body.rows.map((r: { label: string }) => r.label)).toContain('Anna Kassir');
  });

  it('shows discounts by rule, stock valuation, pre-orders, top customers by margin and what regulars buy, each exportable', async () => {
    const regular = (await manager.post<any>('/api/customers', { name: 'Regular Rita' })).body;
    const row = await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true, categoryId: { not: null } }, include: { category: true }, orderBy: { sku: 'desc' } });
    const [product] = (await findProducts(manager, row.sku)).filter((p) => p.id === row.id);
    for (let i = 0; i < 3; i++) {
      const sale = await buildSale(manager, [{ product, quantityMilli: 1000, manualDiscount: { kind: 'percent', valueBp: 1000, reason: 'loyal regular' } }], { customer: regular });
      expect((await manager.post('/api/sales', sale.request)).status).toBe(201);
    }
    const period = `from=${today}&to=${today}`;
    const discounts = (await manager.get<any>(`/api/reports/table?kind=discounts&${period}`)).body;
    const manual = discounts.rows.find((r: any) => r.rule === 'loyal regular');
    const given = await server.db.saleDiscount.aggregate({ where: { reason: 'loyal regular' }, _sum: { amount: true } });
    expect(manual).toMatchObject({ source: 'manual', receipts: 3, amount: given._sum.amount });

    const preferences = (await manager.get<any>(`/api/reports/table?kind=category-preferences&${period}`)).body;
    expect(preferences.title).toContain('1 with 3+ receipts');
    expect(preferences.rows).toEqual([expect.objectContaining({ category: row.category!.name, customers: 1, reachBp: 10_000, shareBp: 10_000 })]);

    const valuation = (await manager.get<any>(`/api/reports/table?kind=stock-valuation&${period}`)).body;
    const balances = await server.db.stockBalance.findMany({ where: { quantityMilli: { gt: 0 }, productId: { in: (await server.db.product.findMany({ where: { categoryId: row.categoryId, kind: 'goods' } })).map((p) => p.id) } } });
    const categoryRow = valuation.rows.find((r: any) => r.category === row.category!.name);
    const units = new Set((await server.db.product.findMany({ where: { id: { in: balances.map((b) => b.productId) } } })).map((p) => p.unit));
    expect(categoryRow).toMatchObject({ products: balances.length, ...(units.size === 1 ? { quantityMilli: balances.reduce((s, b) => s + b.quantityMilli, 0), unit: [...units][0] } : { quantityMilli: null, unit: null }) });

    await manager.post('/api/pre-orders', { id: newId(), customerId: regular.id, lines: [{ productId: product.id, quantityMilli: 2000, unitPrice: 150 }] });
    expect((await manager.get<any>(`/api/reports/table?kind=pre-orders&${period}`)).body.rows).toEqual([{ status: 'new', orders: 1, value: 300, depositsHeld: 0 }]);

    const byMargin = (await manager.get<any>(`/api/reports/sales?${period}&groupBy=customer&sortBy=grossProfit`)).body.rows;
    expect(byMargin.map((r: any) => r.grossProfit)).toEqual([...byMargin.map((r: any) => r.grossProfit)].sort((x, y) => y - x));

    const csv = await fetch(`${server.url}/api/reports/table?kind=discounts&${period}&format=csv`, { headers: { authorization: `Bearer ${manager.token}` } }).then((r) => r.text());
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toBe('Source;Rule;Receipts;Discount');
    expect(csv).toContain(`manual;loyal regular;3;${given._sum.amount! / 100}`);
  });

  it('exports the report as CSV and XLSX, and names a bad period', async () => {
    const csv = await fetch(`${server.url}/api/reports/sales/export?from=${today}&to=${today}&groupBy=category&format=csv`, { headers: { authorization: `Bearer ${manager.token}` } }).then((r) => r.text());
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toBe('Name;Unit;Quantity;Sales with VAT;VAT;Net revenue (without VAT);Cost (net);Gross profit;Margin %;Share %;Receipts;Discounts');
    const xlsx = await fetch(`${server.url}/api/reports/sales/export?from=${today}&to=${today}&format=xlsx`, { headers: { authorization: `Bearer ${manager.token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0].getRow(1).getCell(1).value).toBe('Name');
    const bad = await manager.get(`/api/reports/sales?from=${today}&to=2020-01-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('querystring.to');
    expect((await cashier.get(`/api/reports/sales?from=${today}&to=${today}`)).status).toBe(403);
  });
});

describe('dashboard', () => {
  it("shows today's sales, receipts, average receipt and margin, by hour, with top products", async () => {
    const res = await manager.get('/api/reports/dashboard?period=today');
    expect(res.status).toBe(200);
    const sales = await server.db.sale.findMany({ where: { kind: 'sale' }, include: { lines: true } });
    expect(res.body.current.receipts).toBe(sales.length);
    expect(res.body.byHour.reduce((s: number, v: number) => s + v, 0)).toBe(res.body.current.revenue);
    expect(res.body.current.averageReceipt).toBe(Math.round(res.body.current.sales / res.body.current.receipts));
    expect(res.body.previous.revenue).toBe(0);
    expect(res.body.change.revenue).toBeNull();
    expect(res.body.topProducts.length).toBeGreaterThan(0);
  });
});

describe('shift history and audit log', () => {
  it('lists closed shifts with the cash difference, and the audit log filtered by action for the owner only', async () => {
    const current = await manager.get('/api/shifts/current/x-report');
    const expected = current.body.expectedCash;
    // The manager's till paid out a cash refund: expected cash can be below zero; counted cannot.
    const counted = Math.max(0, expected - 150);
    expect((await manager.post('/api/shifts/current/close', { countedCash: counted })).status).toBe(200);
    const history = await manager.get(`/api/reports/shifts?from=${today}&to=${today}`);
    expect(history.status).toBe(200);
    expect(history.body.rows[0]).toMatchObject({ register: 'R2', closedBy: 'Max Manager', expectedCash: expected, countedCash: counted, difference: counted - expected });
    expect(history.body.totals).toMatchObject({ difference: counted - expected, short: counted < expected ? 1 : 0 });

    const csv = await fetch(`${server.url}/api/reports/shifts?from=${today}&to=${today}&format=csv`, { headers: { authorization: `Bearer ${manager.token}` } }).then((r) => r.text());
    expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toMatch(/^Register;Shift;Opened;Opened by;Counted and closed;Counted by;Receipts;Sales;.*;Expected cash;Counted cash;Difference$/);
    expect(csv).toContain(`;${(counted - expected) / 100}`);

    // The filters offer every register and cashier; a cashier's filter keeps only their sales.
    const filters = (await manager.get<any>('/api/reports/filters')).body;
    const anna = filters.cashiers.find((c: { name: string }) => c.name === 'Anna Kassir');
    expect(filters.registers.map((r: { code: string }) => r.code)).toEqual(['R1', 'R2']);
    const hers = (await manager.get<any>(`/api/reports/sales?from=${today}&to=${today}&groupBy=cashier&cashierId=${anna.id}`)).body;
    expect(hers.rows.map((r: { label: string }) => r.label)).toEqual(['Anna Kassir']);

    const owner = await server.login('owner', '1111');
    const refunds = await owner.get('/api/audit?action=refund');
    expect(refunds.status).toBe(200);
    expect(refunds.body.items.length).toBeGreaterThan(0);
    expect(refunds.body.items.every((i: { action: string }) => i.action === 'refund')).toBe(true);
    expect(refunds.body.items[0].user).toBe('Max Manager');
    expect(refunds.body.actions).toEqual(expect.arrayContaining(['refund', 'stock-delivery']));
    expect((await manager.get('/api/audit')).status).toBe(403);

    // Long lists come a page at a time: the second page of one starts where the first ended.
    const all = (await owner.get<any>('/api/audit?limit=500')).body;
    const second = (await owner.get<any>('/api/audit?limit=2&offset=2')).body;
    expect(second.total).toBe(all.total);
    expect(second.items.map((i: { id: string }) => i.id)).toEqual(all.items.slice(2, 4).map((i: { id: string }) => i.id));
    const documents = (await manager.get<any>('/api/stock/documents?limit=1&offset=0')).body;
    expect(documents.items).toHaveLength(1);
    expect(documents.total).toBe(await server.db.stockDocument.count());
  });
});
