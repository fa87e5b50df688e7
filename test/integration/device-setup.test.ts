import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEscPos } from '../../drivers/testing/escpos-decoder.ts';
import { FakeNetworkPrinter } from '../../drivers/testing/fake-network-printer.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let printer: FakeNetworkPrinter;
let manager: ApiClient;

beforeAll(async () => {
  printer = await FakeNetworkPrinter.start();
  server = await startTestServer({ deviceEnv: {} });
  manager = await server.login('manager', '2222');
});

afterAll(async () => {
  await server.close();
  await printer.stop();
});

describe('device set-up from the back office', () => {
  it('adds a receipt printer by URI and model (an old profile name stored as its model), which starts at once and prints', async () => {
    expect((await manager.get('/api/devices/status')).body.items).toEqual([]);
    const added = await manager.post('/api/devices/config', { kind: 'receipt-printer', name: 'Front till printer', uri: printer.uri, profile: 'clone-80' });
    expect(added.status).toBe(201);
    await expect.poll(async () => (await manager.get('/api/devices/status')).body.items[0]?.state).toBe('online');
    const test = await manager.post('/api/devices/receipt-printer-1/test-print');
    expect(test.status).toBe(201);
    const [page] = await printer.waitForJobs(1);
    expect(decodeEscPos(page, 'pos-8360').text).toContain('POS-8360');
    const listed = await manager.get('/api/devices/config');
    expect(listed.body.items).toEqual([expect.objectContaining({ kind: 'receipt-printer', uri: printer.uri, profile: 'pos-8360', source: 'back-office' })]);
    expect(await server.db.auditLog.count({ where: { action: 'device-add' } })).toBe(1);
  });

  it('refuses a second receipt printer and a URI that would not start, naming the field', async () => {
    expect((await manager.post('/api/devices/config', { kind: 'receipt-printer', name: 'x', uri: printer.uri })).body.error.code).toBe('device-exists');
    const bad = await manager.post('/api/devices/config', { kind: 'scale', name: 'Deli scale', uri: 'serial:/dev/ttyUSB1?protocol=dibal' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields[0]).toMatchObject({ path: 'body.uri' });
    expect(bad.body.error.message).toMatch(/protocol dibal/);
    expect(await server.db.device.count()).toBe(1);
  });

  it('removes a device, which stops it', async () => {
    const [row] = (await manager.get('/api/devices/config')).body.items;
    expect((await manager.request('DELETE', `/api/devices/config/${row.id}`)).status).toBe(200);
    expect((await manager.get('/api/devices/status')).body.items).toEqual([]);
  });

  it('is for managers and owners only', async () => {
    const cashier = await server.login('anna', '3333');
    expect((await cashier.get('/api/devices/config')).status).toBe(403);
  });
});
