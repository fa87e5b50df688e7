import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The back office's list of all tasks and its list of people to give customers and tasks to.

let server: TestServer;
let owner: ApiClient;
const id = {} as Record<'staff' | 'head' | 'other' | 'owner', string>;
const api = {} as Record<'staff' | 'head', ApiClient>;

const titles = async (client: ApiClient, query = '') => ((await client.get(`/api/tasks${query}`)).body.items as { title: string }[]).map((t) => t.title).sort();

beforeAll(async () => {
  server = await startTestServer({ productCount: 5 });
  owner = await server.login('owner', '1111');
  id.owner = (await server.db.user.findUniqueOrThrow({ where: { login: 'owner' } })).id;
  for (const [as, pin] of [['staff', '7111'], ['head', '7222'], ['other', '7333']] as const) {
    id[as] = (await owner.post('/api/users', { login: as, name: `Team ${as}`, role: 'manager', pin })).body.id;
  }
  const team = (await owner.post('/api/departments', { name: 'Team', headId: id.head })).body.id;
  for (const [as, departmentId, customerScope] of [['staff', team, 'own'], ['head', team, 'department'], ['other', null, 'own']] as const) {
    expect((await owner.put(`/api/users/${id[as]}/crm`, { departmentId, customerScope })).status).toBe(200);
  }
  api.staff = await server.login('staff', '7111');
  api.head = await server.login('head', '7222');
  for (const as of ['staff', 'head', 'other', 'owner'] as const) {
    expect((await owner.post('/api/tasks', { title: `For ${as}`, assigneeId: id[as], dueAt: '2026-05-01T10:00:00Z' })).status).toBe(201);
  }
});
afterAll(() => server?.close());

describe('GET /api/tasks', () => {
  it("lists everyone's open tasks to the owner, the department's to its head, and one's own to staff", async () => {
    expect(await titles(owner)).toEqual(['For head', 'For other', 'For owner', 'For staff']);
    expect(await titles(api.head)).toEqual(['For head', 'For staff']);
    expect(await titles(api.staff)).toEqual(['For staff']);
    expect(await titles(owner, `?assigneeId=${id.other}`)).toEqual(['For other']);
    // Someone outside the caller's view gives nothing, not their tasks.
    expect(await titles(api.head, `?assigneeId=${id.other}`)).toEqual([]);
  });

  it('lists done tasks apart from open ones', async () => {
    const task = (await owner.post('/api/tasks', { title: 'Finished', assigneeId: id.staff, dueAt: '2026-05-02T10:00:00Z' })).body;
    expect((await api.staff.post(`/api/tasks/${task.id}/done`, { note: 'called' })).status).toBe(200);
    expect(await titles(api.staff, '?status=done')).toEqual(['Finished']);
    expect(await titles(api.staff)).toEqual(['For staff']);
  });
});

describe('GET /api/crm/people', () => {
  it("names the outlet's active users, not those deactivated or of another outlet, to any back-office user", async () => {
    await owner.put(`/api/users/${id.other}`, { active: false });
    const outlet = await server.db.outlet.findFirstOrThrow();
    const elsewhere = await server.db.$transaction((tx) => tx.outlet.create({ data: { ...outlet, id: '01900000-0000-7000-8000-00000000abcd', code: 'ELSEWHERE', name: 'Elsewhere' } }));
    await server.db.$transaction((tx) => tx.user.update({ where: { login: 'vera' }, data: { outletId: elsewhere.id } }));
    const res = await api.staff.get('/api/crm/people');
    expect(res.status).toBe(200);
    const names = (res.body.items as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Olivia Owner', 'Max Manager', 'Team staff', 'Team head']));
    expect(names).not.toContain('Team other');
    expect(names).not.toContain('Vera Senior');
  });
});
