import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter, HEALTHY, PAPER_OUT } from '../../drivers/testing/fake-network-printer.ts';
import type { ProductView } from '../../shared/schemas/catalog.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale } from '../support/cart.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let printer: FakeNetworkPrinter;
let cashier: ApiClient;
let piece: ProductView;

const jobStatus = (id: string) => server.db.printJob.findUniqueOrThrow({ where: { id } }).then((j) => j.status);

async function cashSale() {
  const { request } = await buildSale(cashier, [{ product: piece, quantityMilli: 1000 }], { tenders: (total) => [{ method: 'cash', amount: total }] });
  const res = await cashier.post('/api/sales', request);
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; printJob: { id: string; status: string } };
}

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  // The fake answers as an Epson TM does: real-time pulse, status, GS ( H confirmation.
  server = await startTestServer({ receiptPrinterUri: `${printer.uri}?model=epson-tm-t20iii` });
  cashier = await server.login('anna', '3333', 'R1');
  await cashier.post('/api/shifts', { openingFloat: 10_000 });
  const [row] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 1 });
  piece = (await cashier.get(`/api/products/search?q=${row.sku}`)).body.items[0];
});

afterAll(async () => {
  await server.close();
  await printer.stop();
});

describe('the cash drawer opens when it must', () => {
  it('opens the drawer for each of 10 cash sales while the printer is out of paper; the receipts wait for paper', async () => {
    printer.status = PAPER_OUT;
    await expect.poll(async () => (await cashier.get('/api/devices/status')).body.items[0].state).toBe('paper-out');
    const before = printer.pulses.length;
    const sales: Awaited<ReturnType<typeof cashSale>>[] = [];
    for (let i = 0; i < 10; i++) sales.push(await cashSale());
    await printer.waitForPulses(before + 10);
    expect(printer.pulses.slice(before)).toEqual(Array(10).fill({ pin: 0, t: 1 }));
    const kicks = () => server.db.printJob.findMany({ where: { kind: 'drawer', documentId: { in: sales.map((s) => s.id) } } }).then((rows) => rows.map((k) => k.status));
    await expect.poll(kicks).toEqual(Array(10).fill('sent'));
    for (const sale of sales) expect(await jobStatus(sale.printJob.id)).toBe('queued');
    printer.status = HEALTHY;
    for (const sale of sales) await expect.poll(() => jobStatus(sale.printJob.id), { timeout: 20_000 }).toBe('printed');
    expect(printer.pulses).toHaveLength(before + 10);
  });

  it('tells the register when a kick could not reach the printer, never sends it later by itself, and opens the drawer on retry', async () => {
    const events = await EventStreamClient.open(`${server.url}/api/devices/events`, cashier.token!);
    try {
      await printer.setRefusing(true);
      const before = printer.pulses.length;
      const sale = await cashSale();
      type DrawerEvent = { jobId: string; saleId: string; opened: boolean; error: string };
      const toldFor = () => events.events.find((e) => e.event === 'drawer' && (e.data as DrawerEvent).saleId === sale.id)?.data as DrawerEvent | undefined;
      await expect.poll(toldFor).toBeDefined();
      const told = toldFor()!;
      expect(told).toMatchObject({ saleId: sale.id, opened: false });
      expect(told.error).toMatch(/did not reach the printer/);
      expect(await jobStatus(told.jobId)).toBe('failed');

      await printer.setRefusing(false);
      await expect.poll(async () => (await cashier.get('/api/devices/status')).body.items[0].state).toBe('online');
      await expect.poll(() => jobStatus(sale.printJob.id), { timeout: 20_000 }).toBe('printed');
      expect(printer.pulses).toHaveLength(before);

      const retry = await cashier.post(`/api/print-jobs/${told.jobId}/retry`);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ kind: 'drawer', status: 'sent' });
      expect(printer.pulses).toHaveLength(before + 1);
      expect(await server.db.auditLog.count({ where: { action: 'drawer-retry', entityId: told.jobId } })).toBe(1);
      expect((await cashier.post(`/api/print-jobs/${retry.body.id}/retry`)).status).toBe(409);
    } finally {
      events.close();
    }
  });

  it('refuses to start with a drawer pulse longer than 510 ms rather than cutting it short', async () => {
    await expect(startTestServer({ receiptPrinterUri: printer.uri, deviceEnv: { POS_DRAWER_PULSE_MS: '600/500' } })).rejects.toThrow(/POS_DRAWER_PULSE_MS/);
  });
});

describe('a receipt the printer confirms', () => {
  it('records a receipt the printer read and closed without confirming as "may not have printed", and its retry prints a COPY', async () => {
    printer.closeNextJobUnconfirmed = true;
    const before = printer.jobs.length;
    const sale = await cashSale();
    await expect.poll(() => jobStatus(sale.printJob.id), { timeout: 10_000 }).toBe('unknown');
    expect((await cashier.get(`/api/sales/${sale.id}`)).body.printJob).toEqual({ id: sale.printJob.id, status: 'unknown' });
    const retry = await cashier.post(`/api/print-jobs/${sale.printJob.id}/retry`);
    expect(retry.body).toMatchObject({ status: 'queued', copy: true });
    await expect.poll(() => jobStatus(sale.printJob.id), { timeout: 10_000 }).toBe('printed');
    const [first, copy] = printer.jobs.slice(before).map((bytes) => decodeEscPos(bytes, 'epson-tm-t20iii'));
    expect(first.barcodes).toEqual([{ type: 'QR', data: sale.number }]);
    expect(copy.text).toContain('*** COPY ***');
  });
});
