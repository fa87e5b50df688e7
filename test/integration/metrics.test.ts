import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { backOffice, backupSettings } from '../support/backups.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const SCRAPE_TOKEN = 'prometheus-scrape-token-for-tests-0123';

/** The value of a sample in Prometheus's text format, or undefined. */
function sample(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (line === undefined) return undefined;
  const value = line.slice(name.length + 1);
  return value === '+Inf' ? Infinity : Number(value);
}

describe('GET /api/metrics', () => {
  let server: TestServer;
  let folder: string;
  beforeAll(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'till-metrics-'));
    server = await startTestServer({ metricsToken: SCRAPE_TOKEN, backups: { settings: backupSettings(folder) }, receiptPrinterUri: 'socket://127.0.0.1:9' });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('is for owners and the configured scraper only', async () => {
    expect((await server.anonymous.get('/api/metrics')).status).toBe(401);
    expect((await new ApiClient(server.url, 'not-the-token-but-as-long-as-it-0123').get('/api/metrics')).status).toBe(401);
    expect((await (await server.login('anna', '3333')).get('/api/metrics')).status).toBe(403);
    expect((await (await backOffice(server.url, 'manager', 'manager-demo-pass')).get('/api/metrics')).status).toBe(403);
    expect((await (await backOffice(server.url)).get('/api/metrics')).status).toBe(200);
    expect((await new ApiClient(server.url, SCRAPE_TOKEN).get('/api/metrics')).status).toBe(200);
  });

  it('counts sales and errors, and shows print queues, devices, sync backlog, backup age and event-loop lag', async () => {
    const scrape = async () => (await new ApiClient(server.url, SCRAPE_TOKEN).get<string>('/api/metrics')).body;
    const before = await scrape();
    expect(sample(before, 'till_last_backup_age_seconds')).toBe(Infinity);
    const cashier = await server.login('anna', '3333');
    await cashier.post('/api/shifts', { openingFloat: 0 });
    await sellSimpleSales(server.db, cashier, 3);
    expect((await cashier.post('/api/sales', { id: 'not-a-uuid' })).status).toBe(400);
    expect((await (await backOffice(server.url)).post('/api/backups')).status).toBe(201);

    const text = await scrape();
    expect(sample(text, 'till_sales_total{kind="sale"}')).toBe(3 + (sample(before, 'till_sales_total{kind="sale"}') ?? 0));
    expect(sample(text, 'till_http_errors_total{status="400"}')).toBeGreaterThanOrEqual(1);
    const printer = (await server.db.printJob.findFirstOrThrow()).deviceId;
    expect(sample(text, `till_print_queue_depth{device="${printer}"}`)).toBe(await server.db.printJob.count({ where: { status: { in: ['queued', 'sending'] } } }));
    expect(text).toMatch(new RegExp(`till_device_state\\{device="${printer}",kind="[a-z-]+",state="offline"\\} 1`));
    expect(sample(text, 'till_sync_backlog')).toBe(await server.db.outboxEntry.count({ where: { ackedAt: null } }));
    expect(sample(text, 'till_last_backup_age_seconds')).toBeLessThan(600);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });
});
