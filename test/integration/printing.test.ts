import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter, HEALTHY, PAPER_OUT } from '../../drivers/testing/fake-network-printer.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let printer: FakeNetworkPrinter;
let cashier: ApiClient;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function product(skip: number): Promise<ProductView> {
  const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, discountable: true }, orderBy: { sku: 'asc' }, skip, take: 1 });
  return (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
}

const jobStatus = (id: string) => server.db.printJob.findUniqueOrThrow({ where: { id } }).then((j) => j.status);

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  // The fake answers as an Epson TM does: real-time pulse, status, and GS ( H print confirmation.
  server = await startTestServer({ receiptPrinterUri: `${printer.uri}?model=epson-tm-t20iii` });
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 10_000 });
});

afterAll(async () => {
  await server.close();
  await printer.stop();
});

describe('receipts on a network ESC/POS printer', () => {
  it('kicks the drawer and prints the receipt after a committed cash sale', async () => {
    const [a, b] = [await product(1), await product(2)];
    const { request, priced } = await buildSale(cashier, [{ product: a, quantityMilli: 2000 }, { product: b, quantityMilli: 1000 }], {
      tenders: (total) => [{ method: 'cash', amount: total + 500 }],
    });
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(res.body.printJob.status).toBe('queued');
    const before = printer.jobs.length;
    await printer.waitForPulses(1);
    expect(printer.pulses).toEqual([{ pin: 0, t: 1 }]);
    const [receipt] = (await printer.waitForJobs(before + 1)).slice(before);
    const printed = decodeEscPos(receipt, 'epson-tm-t20iii');
    expect(printed.text).toContain(a.name);
    expect(printed.text).toContain(b.name);
    expect(printed.text).toMatch(new RegExp(`TOTAL\\s+${(priced.total / 100).toFixed(2)} EUR`));
    expect(printed.text).toMatch(/Change\s+5\.00/);
    expect(printed.barcodes[0].data).toBe(res.body.number);
    await until(() => jobStatus(res.body.printJob.id), (s) => s === 'printed', 'receipt printed');
  });

  it('prints a card sale without opening the drawer', async () => {
    const { request } = await buildSale(cashier, [{ product: await product(3), quantityMilli: 1000 }], { tenders: (total) => [{ method: 'card', amount: total }] });
    const before = printer.jobs.length;
    const res = await cashier.post('/api/sales', request);
    const [receipt] = (await printer.waitForJobs(before + 1)).slice(before);
    expect(decodeEscPos(receipt, 'epson-tm-t20iii').drawerKicks).toEqual([]);
    await until(() => jobStatus(res.body.printJob.id), (s) => s === 'printed', 'receipt printed');
    expect(printer.jobs.length).toBe(before + 1);
    expect(printer.pulses).toHaveLength(1);
  });

  it('sells while the printer is out of paper, shows it, and prints when paper is back', async () => {
    printer.status = PAPER_OUT;
    await until(() => cashier.get('/api/devices/status').then((r) => r.body.items[0].state), (s) => s === 'paper-out', 'paper-out status');
    const { request } = await buildSale(cashier, [{ product: await product(4), quantityMilli: 1000 }], { tenders: (total) => [{ method: 'card', amount: total }] });
    const before = printer.jobs.length;
    const res = await cashier.post('/api/sales', request);
    expect(res.status).toBe(201);
    expect(await jobStatus(res.body.printJob.id)).toBe('queued');
    expect(printer.jobs.length).toBe(before);
    printer.status = HEALTHY;
    await until(() => jobStatus(res.body.printJob.id), (s) => s === 'printed', 'receipt printed after paper came back', 15_000);
  });

  it('leaves a receipt reset mid-print as unknown; a retry reprints it marked COPY', async () => {
    printer.resetNextJobAfter = 50;
    const { request } = await buildSale(cashier, [{ product: await product(5), quantityMilli: 1000 }], { tenders: (total) => [{ method: 'card', amount: total }] });
    const res = await cashier.post('/api/sales', request);
    await until(() => jobStatus(res.body.printJob.id), (s) => s === 'unknown', 'unknown outcome');
    const listed = await cashier.get('/api/print-jobs?status=unknown');
    expect(listed.body.items.map((j: { id: string }) => j.id)).toContain(res.body.printJob.id);

    const before = printer.jobs.length;
    const retry = await cashier.post(`/api/print-jobs/${res.body.printJob.id}/retry`);
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ status: 'queued', copy: true });
    const [copy] = (await printer.waitForJobs(before + 1)).slice(before);
    expect(decodeEscPos(copy, 'epson-tm-t20iii').text).toContain('*** COPY ***');
    expect(await server.db.auditLog.count({ where: { action: 'print-retry', entityId: res.body.printJob.id } })).toBe(1);
  });

  it('reprints the last receipt as a COPY', async () => {
    const last = await cashier.get('/api/sales/last');
    const before = printer.jobs.length;
    const res = await cashier.post(`/api/sales/${last.body.id}/reprint`);
    expect(res.status).toBe(200);
    const [copy] = (await printer.waitForJobs(before + 1)).slice(before);
    const printed = decodeEscPos(copy, 'epson-tm-t20iii');
    expect(printed.text).toContain('*** COPY ***');
    expect(printed.barcodes[0].data).toBe(last.body.number);
  });

  it('opens the drawer for "no sale" only with a supervisor approval, and audits it', async () => {
    const refused = await cashier.post('/api/register/no-sale', { reason: 'Change for the till' });
    expect(refused.status).toBe(403);
    const approval = await cashier.post('/api/approvals', { action: 'no-sale', login: 'vera', pin: '5555' });
    const before = printer.pulses.length;
    const res = await cashier.post('/api/register/no-sale', { reason: 'Change for the till', approvalId: approval.body.approvalId });
    expect(res.status).toBe(200);
    expect(printer.pulses.slice(before)).toEqual([{ pin: 0, t: 1 }]);
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'no-sale' } });
    expect(audit.approvedById).toBe(approval.body.approver.id);
  });

  it('prints a test page with every language from the device set-up, for managers only', async () => {
    const manager = await server.login('manager', '2222', 'R2');
    expect((await cashier.post('/api/devices/receipt-printer-1/test-print')).status).toBe(403);
    expect((await manager.post('/api/devices/no-such-printer/test-print')).status).toBe(404);
    const before = printer.jobs.length;
    const res = await manager.post('/api/devices/receipt-printer-1/test-print');
    expect(res.status).toBe(201);
    const [page] = (await printer.waitForJobs(before + 1)).slice(before);
    const text = decodeEscPos(page, 'epson-tm-t20iii').text;
    expect(text).toContain('TEST PAGE');
    expect(text).toContain('Съешь же ещё этих мягких булок');
    expect(text).toContain('Ąžuolas, čia ėjo šešios žąsys');
    expect(text).toContain('Їжак ґаву ще й єнота бачив');
  });

  it('prints the X report and, on closing, the Z report with counted cash', async () => {
    let before = printer.jobs.length;
    const x = await cashier.post('/api/shifts/current/x-report/print');
    expect(x.status).toBe(200);
    const [xBytes] = (await printer.waitForJobs(before + 1)).slice(before);
    expect(decodeEscPos(xBytes, 'epson-tm-t20iii').text).toContain('X REPORT');

    before = printer.jobs.length;
    const z = await cashier.post('/api/shifts/current/close', { countedCash: x.body.expectedCash - 100 });
    expect(z.status).toBe(200);
    const [zBytes] = (await printer.waitForJobs(before + 1)).slice(before);
    const printed = decodeEscPos(zBytes, 'epson-tm-t20iii').text;
    expect(printed).toContain('Z REPORT');
    expect(printed).toMatch(/Difference\s+-1\.00/);
  });
});
