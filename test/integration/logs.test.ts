import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOutletDatabase } from '../../server/db/client.ts';
import { ApiClient } from '../support/api-client.ts';
import { backOffice } from '../support/backups.ts';
import { sellSimpleSales } from '../support/cart.ts';
import { startOutletProcess, type OutletProcess } from '../support/outlet-process.ts';

const PIN = '90461782';
const WRONG_PIN = '13572468';
const CARD = '4000123412341234';

describe('the server log of a real session', () => {
  let dir: string;
  let server: OutletProcess;
  const secrets: string[] = [PIN, WRONG_PIN, CARD, 'owner-demo-pass'];
  let lines: { level: number; msg: string; act?: string; route?: string; number?: string }[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'till-logs-'));
    const file = path.join(dir, 'outlet.db');
    // The most talkative level: even then nothing secret may appear.
    server = await startOutletProcess({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'debug', POS_BACKUP_EVERY_MINUTES: '0' });
    const owner = await backOffice(server.url);
    secrets.push(owner.token!);
    expect((await owner.post('/api/users', { login: 'logtest', name: 'Log Test', role: 'cashier', pin: PIN })).status).toBe(201);
    expect((await owner.post('/api/customers', { name: 'Card Holder', card: CARD })).status).toBe(201);
    expect((await new ApiClient(server.url).post('/api/auth/login', { login: 'logtest', pin: WRONG_PIN, registerCode: 'R1' })).status).toBe(401);
    const login = await new ApiClient(server.url).post('/api/auth/login', { login: 'logtest', pin: PIN, registerCode: 'R1' });
    expect(login.status).toBe(200);
    const cashier = new ApiClient(server.url, login.body.token);
    secrets.push(login.body.token);
    await cashier.post('/api/shifts', { openingFloat: 0 });
    expect((await cashier.get(`/api/scan/${CARD}`)).status).toBe(200);
    expect((await cashier.get(`/api/customers?q=${CARD}`)).status).toBeLessThan(500);
    const db = await openOutletDatabase(`file:${file}`);
    await sellSimpleSales(db, cashier, 1);
    await db.$disconnect();
    await server.stop();
    lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds no PIN, password, token or card number', () => {
    const output = server.output();
    expect(output.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(output.includes(secret), `the log holds ${secret.slice(0, 6)}…`).toBe(false);
  });

  it('logs requests at debug by their route, never their URL', () => {
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.every((l) => l.level === 20)).toBe(true);
    expect(requests.map((l) => l.route)).toContain('/api/scan/:code');
    expect(requests.map((l) => l.route)).toContain('/api/customers');
  });

  it('gives one info line per act, a sale with its number', () => {
    const sales = lines.filter((l) => l.level === 30 && l.act === 'createSale');
    expect(sales).toHaveLength(1);
    expect(sales[0].number).toMatch(/^R1-\d{4}-\d{4}$/);
    expect(lines.filter((l) => l.level === 30 && l.act === 'createUser')).toHaveLength(1);
  });
});
