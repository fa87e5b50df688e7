import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPtyPair, type PtyPair } from '../../drivers/testing/pty-pair.ts';
import { newId } from '../../shared/ids.ts';
import { newSigningKey, publicKeyOf, signTransferNote } from '../../server/stock/note-signing.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The owner sets up the shop's registers and its own code and name over HTTP, with no step in the
// database: registers added, renamed, given their devices, retired and restored. A pole display on
// a pseudo-terminal shows which register a display serves.
let server: TestServer;
let owner: ApiClient;
let pair: PtyPair;
let peer: SerialPort;
const received: number[] = [];

const login = (registerCode: string, who = { login: 'anna', pin: '3333' }) => server.anonymous.post<any>('/api/auth/login', { ...who, registerCode });
const register = async (code: string) => (await owner.get<any>('/api/registers')).body.items.find((r: any) => r.code === code);

beforeAll(async () => {
  pair = await startPtyPair();
  peer = new SerialPort({ path: pair.peer, baudRate: 9600 });
  peer.on('data', (c: Buffer) => received.push(...c));
  server = await startTestServer({ deviceEnv: { POS_POLE_DISPLAYS: `serial:${pair.device}?baud=9600&register=R1` } });
  owner = await server.login('owner', '1111', 'R1');
});
afterAll(async () => {
  await server.close();
  await new Promise<void>((r) => peer.close(() => r()));
  await pair.stop();
});

describe('registers', () => {
  it('lists the registers and the devices they can name', async () => {
    const list = (await owner.get<any>('/api/registers')).body;
    expect(list.items.map((r: any) => r.code)).toEqual(['R1', 'R2']);
    expect(list.items[0]).toMatchObject({ code: 'R1', name: 'Register 1', active: true, displayId: null, openShift: null });
    expect(list.devices).toEqual([{ id: 'pole-display-1', kind: 'pole-display', name: expect.any(String), uri: expect.stringContaining(pair.device), uriRegister: 'R1' }]);
  });

  it('adds a register the owner names, where a cashier then signs in; a manager or cashier may not', async () => {
    const res = await owner.post<any>('/api/registers', { code: 'R3', name: 'Self-service 3' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'R3', name: 'Self-service 3', active: true, shifts: 0 });
    expect(await server.db.register.findUniqueOrThrow({ where: { id: res.body.id } })).toMatchObject({ code: 'R3', active: true });
    const session = await login('R3');
    expect(session.status).toBe(200);
    expect(session.body.register).toEqual({ id: res.body.id, code: 'R3', name: 'Self-service 3' });

    const manager = await server.login('manager', '2222');
    expect((await manager.post('/api/registers', { code: 'R4', name: 'By a manager' })).status).toBe(403);
    expect((await manager.request('PATCH', `/api/registers/${res.body.id}`, { name: 'Renamed by a manager' })).status).toBe(403);
    expect(await server.db.register.count({ where: { code: 'R4' } })).toBe(0);
  });

  it('refuses a code that exists, a bad code, no name and a device that is not configured, naming the field, and saves nothing', async () => {
    const before = await server.db.register.findMany({ orderBy: { id: 'asc' } });
    const cases: [unknown, number, string, string][] = [
      [{ code: 'R1', name: 'Again' }, 409, 'register-exists', 'body.code'],
      [{ code: 'R 5', name: 'Spaced' }, 400, 'invalid-input', 'body.code'],
      [{ code: '', name: 'Empty' }, 400, 'invalid-input', 'body.code'],
      [{ code: 'R5' }, 400, 'invalid-input', 'body.name'],
      [{ code: 'R5', name: '  ' }, 400, 'invalid-input', 'body.name'],
      [{ code: 'R5', name: 'Five', scaleId: 'scale-9' }, 422, 'unknown-device', 'body.scaleId'],
      [{ code: 'R5', name: 'Five', displayId: 'receipt-printer-1' }, 422, 'unknown-device', 'body.displayId'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await owner.post<any>('/api/registers', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.fields.map((f: any) => f.path)).toContain(field);
    }
    const r2 = await register('R2');
    expect((await owner.request<any>('PATCH', `/api/registers/${r2.id}`, {})).status).toBe(400);
    expect((await owner.request<any>('PATCH', `/api/registers/${r2.id}`, { name: '' })).body.error.fields[0].path).toBe('body.name');
    expect((await owner.request<any>('PATCH', `/api/registers/${newId()}`, { name: 'Ghost' })).status).toBe(404);
    expect(await server.db.register.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
  });

  it('renames a register: sign-in says the new name, the audit log the old and the new', async () => {
    const r3 = await register('R3');
    const renamed = await owner.request<any>('PATCH', `/api/registers/${r3.id}`, { name: 'Till by the door' });
    expect(renamed.body).toMatchObject({ code: 'R3', name: 'Till by the door' });
    expect((await login('R3')).body.register.name).toBe('Till by the door');
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'register-edit', entityId: r3.id } });
    expect(JSON.parse(audit.details)).toMatchObject({ code: 'R3', before: { name: 'Self-service 3' }, after: { name: 'Till by the door' } });
  });

  it('moves the pole display to the register that names it, and lets two registers not share it', async () => {
    const [r2, r3] = [await register('R2'), await register('R3')];
    const named = await owner.request<any>('PATCH', `/api/registers/${r2.id}`, { displayId: 'pole-display-1' });
    expect(named.body.displayId).toBe('pole-display-1');
    const atR2 = await server.login('boris', '4444', 'R2');
    received.length = 0;
    expect((await atR2.post<any>('/api/devices/pole-display', { line1: 'Register two', line2: 'Total 4.20' })).body).toEqual({ shown: true });
    await expect.poll(() => Buffer.from(received).toString('latin1')).toContain('Register two');
    const atR1 = await server.login('anna', '3333', 'R1');
    expect((await atR1.post<any>('/api/devices/pole-display', { line1: 'R1', line2: '' })).body.error.code).toBe('no-pole-display');
    expect((await owner.get<any>('/api/devices/status')).body.items).toEqual([expect.objectContaining({ id: 'pole-display-1', registerCode: 'R2' })]);

    const shared = await owner.request<any>('PATCH', `/api/registers/${r3.id}`, { displayId: 'pole-display-1' });
    expect(shared.status).toBe(409);
    expect(shared.body.error).toMatchObject({ code: 'device-in-use', fields: [{ path: 'body.displayId' }], details: { registerCode: 'R2' } });
    expect((await register('R3')).displayId).toBeNull();

    // Let go again, the display stands where its URI says.
    await owner.request('PATCH', `/api/registers/${r2.id}`, { displayId: null });
    expect((await atR1.post<any>('/api/devices/pole-display', { line1: 'Back at one', line2: '' })).body).toEqual({ shown: true });
  });

  it('refuses to retire a register with an open shift; retired, nobody signs in there and its sessions end, while its shifts and sales stay', async () => {
    const r3 = await register('R3');
    const cashier = await server.login('anna', '3333', 'R3');
    expect((await cashier.post('/api/shifts', { openingFloat: 1000 })).status).toBe(201);
    const [product] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, take: 1 });
    const [view] = await findProducts(cashier, product.sku);
    const sale = await cashier.post<any>('/api/sales', (await buildSale(cashier, [{ product: view, quantityMilli: 1000 }])).request);
    expect(sale.status).toBe(201);
    expect(sale.body.number).toMatch(/^R3-/);

    const open = await owner.post<any>(`/api/registers/${r3.id}/retire`);
    expect(open.status).toBe(409);
    expect(open.body.error).toMatchObject({ code: 'register-shift-open', details: { shiftNumber: 1 } });
    expect((await server.db.register.findUniqueOrThrow({ where: { id: r3.id } })).active).toBe(true);

    expect((await cashier.post('/api/shifts/current/close', { countedCash: 1000 + sale.body.total })).status).toBe(200);
    const retired = await owner.post<any>(`/api/registers/${r3.id}/retire`);
    expect(retired.body).toMatchObject({ code: 'R3', active: false, openShift: null, shifts: 1 });
    // Signed in there before: the session has ended.
    expect((await cashier.get('/api/shifts/current')).status).toBe(401);
    const again = await login('R3');
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'register-retired', fields: [{ path: 'registerCode' }] });
    expect(await server.db.session.count({ where: { registerId: r3.id, revokedAt: null } })).toBe(0);
    // Its history stays: the sale reads back by id and by number, and its shift is there.
    expect((await owner.get<any>(`/api/sales/${sale.body.id}`)).body.number).toBe(sale.body.number);
    expect(await server.db.shift.count({ where: { registerId: r3.id } })).toBe(1);
    // A retired register is changed only once restored.
    expect((await owner.request<any>('PATCH', `/api/registers/${r3.id}`, { name: 'Retired' })).body.error.code).toBe('register-retired');

    const restored = await owner.post<any>(`/api/registers/${r3.id}/restore`);
    expect(restored.body.active).toBe(true);
    expect((await login('R3')).status).toBe(200);
  });
});

describe('the outlet', () => {
  it("changes its name, and, standing alone, its code: notes addressed to the former code still arrive, the key shows the new one", async () => {
    expect((await owner.get<any>('/api/outlet')).body).toEqual({ code: 'main', name: 'Till Demo Market', inChain: false, formerCodes: [] });
    const bad = await owner.put<any>('/api/outlet', { code: 'new main', name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: any) => f.path).sort()).toEqual(['body.code', 'body.name']);
    expect((await (await server.login('manager', '2222')).put('/api/outlet', { code: 'x', name: 'x' })).status).toBe(403);

    // A peer whose key this outlet trusts, and a note it sent here before the change.
    const northKey = newSigningKey();
    expect((await owner.put('/api/stock/transfer-keys/north', { name: 'North', publicKey: publicKeyOf(northKey) })).status).toBe(200);
    const taken = await owner.put<any>('/api/outlet', { code: 'north', name: 'Till Demo Market' });
    expect(taken.body.error).toMatchObject({ code: 'outlet-code-taken', fields: [{ path: 'body.code' }] });

    const changed = await owner.put<any>('/api/outlet', { code: 'vilnius-1', name: 'Vilnius Market' });
    expect(changed.body).toEqual({ code: 'vilnius-1', name: 'Vilnius Market', inChain: false, formerCodes: ['main'] });
    expect(await server.db.outlet.findFirstOrThrow()).toMatchObject({ code: 'vilnius-1', name: 'Vilnius Market' });
    expect((await owner.get<any>('/api/auth/session')).body.outlet).toMatchObject({ code: 'vilnius-1', name: 'Vilnius Market' });
    expect((await owner.get<any>('/api/stock/transfer-keys')).body.own).toMatchObject({ code: 'vilnius-1', name: 'Vilnius Market' });
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'outlet-identity-change' } });
    expect(JSON.parse(audit.details)).toEqual({ before: { code: 'main', name: 'Till Demo Market' }, after: { code: 'vilnius-1', name: 'Vilnius Market' } });

    const [product] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, skip: 5, take: 1 });
    const note = (to: string) => signTransferNote({ id: newId(), number: 'TO-000007', from: { code: 'north', name: 'North' }, to, sentAt: new Date().toISOString(), lines: [{ sku: product.sku, name: product.name, quantityMilli: 2000, unitCost: 100 }] }, northKey);
    const manager = await server.login('manager', '2222');
    expect((await manager.post('/api/stock/transfers/receive', { note: note('main') })).status).toBe(201);
    expect((await manager.post('/api/stock/transfers/receive', { note: note('vilnius-1') })).status).toBe(201);
    expect((await manager.post<any>('/api/stock/transfers/receive', { note: note('kaunas') })).body.error.code).toBe('wrong-outlet');
    // Its own former code is no other outlet to send to.
    expect((await manager.post<any>('/api/stock/transfers', { id: newId(), toOutletCode: 'main', lines: [{ productId: product.id, quantityMilli: 1000 }] })).body.error.code).toBe('same-outlet');
    // The settings kept across a restart.
    expect(JSON.parse((await server.db.outlet.findFirstOrThrow()).settings).formerCodes).toEqual(['main']);
  });

  it('in a chain keeps the code head office knows it by, and still takes a new name', async () => {
    const chained = await startTestServer({ headOffice: { url: 'http://127.0.0.1:9', token: 'chain-outlet-token-0123456789', intervalMs: 60_000, maxBackoffMs: 60_000 } });
    try {
      const chainOwner = await chained.login('owner', '1111');
      expect((await chainOwner.get<any>('/api/outlet')).body.inChain).toBe(true);
      const recode = await chainOwner.put<any>('/api/outlet', { code: 'elsewhere', name: 'Till Demo Market' });
      expect(recode.status).toBe(409);
      expect(recode.body.error).toMatchObject({ code: 'outlet-code-from-head-office', fields: [{ path: 'body.code' }] });
      expect((await chained.db.outlet.findFirstOrThrow()).code).toBe('main');
      expect((await chainOwner.put<any>('/api/outlet', { code: 'main', name: 'Demo Market (chain)' })).body).toMatchObject({ code: 'main', name: 'Demo Market (chain)' });
    } finally {
      await chained.close();
    }
  });
});
