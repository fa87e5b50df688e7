import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openOutletDatabase, type Db } from '../../server/db/client.ts';
import { buildApp, type AppOptions } from '../../server/app.ts';
import { seedDemoData } from '../../prisma/seed/demo.ts';
import { startDeviceHub } from '../../server/devices/hub.ts';
import { ApiClient } from './api-client.ts';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  db: Db;
  dir: string;
  /** Signs in at a register (R1 by default) and returns a client carrying the token. */
  login(login: string, pin: string, registerCode?: string): Promise<ApiClient>;
  anonymous: ApiClient;
  close(): Promise<void>;
}

/** The real outlet server on a random loopback port with a temporary SQLite database and demo data. */
export async function startTestServer(
  options: Partial<AppOptions> & { productCount?: number; receiptPrinterUri?: string; deviceEnv?: NodeJS.ProcessEnv; uiDir?: string; outletSettings?: Record<string, unknown>; outletCode?: string; timezone?: string; databaseFile?: string; beforeListen?: (app: FastifyInstance) => void } = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-test-'));
  // An existing database file (an outlet restored from a backup) is opened as it is.
  const db = await openOutletDatabase(`file:${options.databaseFile ?? path.join(dir, 'outlet.db')}`);
  if (!options.databaseFile) await seedDemoData(db, { productCount: options.productCount ?? 120, customerCount: 20 });
  if (options.outletCode && !options.databaseFile) await db.outlet.updateMany({ data: { code: options.outletCode, name: `Till ${options.outletCode}` } });
  if (options.timezone && !options.databaseFile) await db.outlet.updateMany({ data: { timezone: options.timezone } });
  if (options.outletSettings) {
    const outlet = await db.outlet.findFirstOrThrow();
    await db.outlet.update({ where: { id: outlet.id }, data: { settings: JSON.stringify({ ...JSON.parse(outlet.settings), ...options.outletSettings }) } });
  }
  const quiet = { info() {}, warn() {}, error() {} };
  const deviceEnv = { ...(options.receiptPrinterUri ? { POS_RECEIPT_PRINTER: options.receiptPrinterUri } : {}), ...options.deviceEnv };
  const devices = options.receiptPrinterUri || options.deviceEnv ? await startDeviceHub(db, deviceEnv, quiet) : null;
  const { app } = await buildApp({ loginRateLimit: 10_000, uiDir: path.join(dir, 'no-ui'), devices, ...options, db });
  options.beforeListen?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  const anonymous = new ApiClient(url);
  return {
    url,
    app,
    db,
    dir,
    anonymous,
    async login(login, pin, registerCode = 'R1') {
      const res = await anonymous.post('/api/auth/login', { login, pin, registerCode });
      if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return new ApiClient(url, (res.body as { token: string }).token);
    },
    async close() {
      await app.close();
      await devices?.stop();
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
