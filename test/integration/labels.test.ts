import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let labelPrinter: FakeNetworkPrinter;

beforeAll(async () => {
  labelPrinter = await FakeNetworkPrinter.start();
  server = await startTestServer({ deviceEnv: { POS_LABEL_PRINTER: `${labelPrinter.uri}?language=zpl&width=58&height=40&gap=2&dpi=203` } });
});

afterAll(async () => {
  await server.close();
  await labelPrinter.stop();
});

describe('POST /api/labels/print', () => {
  it('prints ZPL price labels for the chosen products on the label printer', async () => {
    const manager = await server.login('manager', '2222');
    const [piece] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null, barcodes: { some: { code: { startsWith: '477' } } } }, include: { barcodes: true }, take: 1 });
    const [weighed] = await server.db.product.findMany({ where: { unit: 'kg' }, take: 1 });
    const res = await manager.post('/api/labels/print', { productIds: [piece.id, weighed.id], copies: 2 });
    expect(res.status).toBe(201);
    expect(res.body.labels).toBe(2);
    const [job] = await labelPrinter.waitForJobs(1);
    const zpl = job.toString('utf8');
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    expect(zpl).toContain(`^FD${piece.name.split(' ')[0]}`);
    expect(zpl).toContain(`^BEN,80,Y,N^FD${piece.barcodes[0].code.slice(0, 12)}^FS`);
    expect(zpl).toContain(' / kg^FS');
    expect(zpl).toContain('^PQ2');
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
