import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let owner: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
});
afterAll(() => server.close());

describe('users', () => {
  it('the owner adds a cashier who can then sign in at a register, audited', async () => {
    const res = await owner.post('/api/users', { login: 'ieva', name: 'Ieva Kasininkė', role: 'cashier', pin: '4321' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ login: 'ieva', role: 'cashier', active: true, backOffice: false });
    const login = await server.anonymous.post('/api/auth/login', { login: 'ieva', pin: '4321', registerCode: 'R1' });
    expect(login.status).toBe(200);
    expect(await server.db.auditLog.count({ where: { action: 'user-create', entityId: res.body.id } })).toBe(1);
    const list = await owner.get('/api/users');
    expect(list.body.items.map((u: { login: string }) => u.login)).toContain('ieva');
  });

  it('names bad input, a taken login and a role above the owner’s own', async () => {
    const bad = await owner.post('/api/users', { login: 'Has Spaces', name: '', role: 'cashier', pin: '12' });
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['body.login', 'body.name', 'body.pin']);
    expect((await owner.post('/api/users', { login: 'anna', name: 'Anna', role: 'cashier', pin: '1234' })).body.error).toMatchObject({ code: 'login-taken', fields: [{ path: 'body.login' }] });
    expect((await owner.post('/api/users', { login: 'boss', name: 'Boss', role: 'head_office_admin', pin: '1234' })).body.error).toMatchObject({ code: 'role-too-high', fields: [{ path: 'body.role' }] });
  });

  it('resets a forgotten PIN, promotes, and deactivating ends the user’s sessions', async () => {
    const ieva = (await owner.get('/api/users')).body.items.find((u: { login: string }) => u.login === 'ieva');
    expect((await owner.post(`/api/users/${ieva.id}/secrets`, { pin: '8765' })).body).toEqual({ reset: ['pin'] });
    expect((await server.anonymous.post('/api/auth/login', { login: 'ieva', pin: '4321', registerCode: 'R1' })).status).toBe(401);
    const session = await server.login('ieva', '8765');
    expect((await session.get('/api/shifts/current')).status).not.toBe(401);

    expect((await owner.request('PUT', `/api/users/${ieva.id}`, { role: 'senior_cashier' })).body.role).toBe('senior_cashier');
    expect((await owner.request('PUT', `/api/users/${ieva.id}`, { active: false })).body.active).toBe(false);
    expect((await session.get('/api/shifts/current')).status).toBe(401);
    expect((await server.anonymous.post('/api/auth/login', { login: 'ieva', pin: '8765', registerCode: 'R1' })).status).not.toBe(200);
  });

  it('an owner cannot demote or deactivate themselves, and a manager manages no users', async () => {
    const me = (await owner.get('/api/users')).body.items.find((u: { login: string }) => u.login === 'owner');
    expect((await owner.request('PUT', `/api/users/${me.id}`, { role: 'cashier' })).body.error.code).toBe('own-account');
    const manager = await server.login('manager', '2222');
    expect((await manager.get('/api/users')).status).toBe(403);
  });
});
