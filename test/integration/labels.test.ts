import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeZplPrinter } from '../../drivers/testing/fake-zpl-printer.ts';
import { decodePng, measureEan13Bars, readBarcodes, renderZplLabel } from '../../drivers/testing/label-reader.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let labelPrinter: FakeZplPrinter;

beforeAll(async () => {
  labelPrinter = await FakeZplPrinter.start();
  server = await startTestServer({ deviceEnv: { POS_LABEL_PRINTER: `${labelPrinter.uri}?language=zpl&width=58&height=40&gap=2&dpi=203&ean13=truncated` } });
});

afterAll(async () => {
  await server.close();
  await labelPrinter.stop();
});

const labelStatus = async (api: Awaited<ReturnType<TestServer['login']>>) =>
  (await api.get<any>('/api/devices/status')).body.items.find((d: { kind: string }) => d.kind === 'label-printer');

describe('POST /api/labels/print', () => {
  it('prints ZPL price labels whose EAN-13 a barcode reader reads back', async () => {
    const manager = await server.login('manager', '2222');
    const [piece] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: { code: { startsWith: '477' } } } }, include: { barcodes: true }, take: 1 });
    const [weighed] = await server.db.product.findMany({ where: { unit: 'kg' }, take: 1 });
    const res = await manager.post('/api/labels/print', { productIds: [piece.id, weighed.id], copies: 2 });
    expect(res.status).toBe(201);
    expect(res.body.labels).toBe(2);
    const [job] = await labelPrinter.waitForJobs(1);
    const zpl = job.toString('latin1');
    const formats = zpl.split('^XZ').filter((f) => f.includes('^XA'));
    expect(formats).toHaveLength(2);
    expect(zpl).toContain('^PQ2');
    const png = await renderZplLabel(`${formats[0]}^XZ`, 58, 40, 203);
    expect(readBarcodes(png)).toEqual([`EAN-13:${piece.barcodes[0].code}`]);
    // GS1's minimum module, 0.264 mm, is 2.1 dots at 203 dpi: at least 3 whole dots.
    expect(measureEan13Bars(await decodePng(png)).narrowest).toBeGreaterThanOrEqual(3);
  });

  it('is for the back office: a cashier may not print labels', async () => {
    const cashier = await server.login('anna', '3333');
    const [product] = await server.db.product.findMany({ take: 1 });
    expect((await cashier.post('/api/labels/print', { productIds: [product.id] })).status).toBe(403);
  });

  it('names an unknown product', async () => {
    const manager = await server.login('manager', '2222');
    const res = await manager.post('/api/labels/print', { productIds: ['01a20d66-33e4-72f2-9cf8-50257d374b6f'] });
    expect(res.status).toBe(404);
    expect(res.body.error.fields[0].path).toBe('productIds.0');
  });
});

describe('the label printer as the Zebra reports it (~HS)', () => {
  it('shows paper out and head open, holds the labels meanwhile, and prints them once it is fixed', async () => {
    const manager = await server.login('manager', '2222');
    labelPrinter.paperOut = true;
    const [product] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    const printed = labelPrinter.jobs.length;
    expect((await manager.post('/api/labels/print', { productIds: [product.id] })).status).toBe(201);
    await expect.poll(async () => (await labelStatus(manager)).state).toBe('paper-out');
    expect(labelPrinter.jobs.length).toBe(printed);
    labelPrinter.paperOut = false;
    labelPrinter.headOpen = true;
    expect((await manager.post('/api/labels/print', { productIds: [product.id] })).status).toBe(201);
    await expect.poll(async () => (await labelStatus(manager)).state).toBe('cover-open');
    expect(labelPrinter.jobs.length).toBe(printed);
    labelPrinter.headOpen = false;
    expect((await manager.post('/api/labels/print', { productIds: [product.id] })).status).toBe(201);
    await expect.poll(() => labelPrinter.jobs.length).toBe(printed + 3);
    expect((await labelStatus(manager)).state).toBe('online');
  });

  it('counts a printer that answered before and now keeps silent as in error, as current Zebra firmware does when faulted', async () => {
    const manager = await server.login('manager', '2222');
    labelPrinter.silentWhenFaulted = true;
    labelPrinter.paperOut = true;
    const [product] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods' }, take: 1 });
    expect((await manager.post('/api/labels/print', { productIds: [product.id] })).status).toBe(201);
    await expect.poll(async () => (await labelStatus(manager)).state).toBe('error');
    labelPrinter.paperOut = false;
    labelPrinter.silentWhenFaulted = false;
    expect((await manager.post('/api/labels/print', { productIds: [product.id] })).status).toBe(201);
    await expect.poll(async () => (await labelStatus(manager)).state).toBe('online');
  });
});
