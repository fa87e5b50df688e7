import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let owner: ApiClient;
let cashier: ApiClient;
let ids: { anna: string; max: string };

const managerOf = async (customerId: string) => (await server.db.customerManager.findUnique({ where: { customerId } }))?.managerId ?? null;

beforeAll(async () => {
  server = await startTestServer({ productCount: 5 });
  owner = await server.login('owner', '1111');
  cashier = await server.login('anna', '3333');
  const users = await server.db.user.findMany({ where: { login: { in: ['anna', 'manager'] } } });
  ids = { anna: users.find((u) => u.login === 'anna')!.id, max: users.find((u) => u.login === 'manager')!.id };
});
afterAll(() => server?.close());

describe('PUT /api/customers/:id/manager and POST /api/customers/assign', () => {
  it('gives one customer a manager, shown on the card and in the list, audited', async () => {
    const customer = (await owner.post('/api/customers', { name: 'Assigned One' })).body;
    const res = await owner.put(`/api/customers/${customer.id}/manager`, { managerId: ids.max });
    expect(res).toMatchObject({ status: 200, body: { assigned: 1 } });
    expect(await managerOf(customer.id)).toBe(ids.max);
    expect((await owner.get(`/api/customers/${customer.id}`)).body).toMatchObject({ managerId: ids.max, managerName: 'Max Manager' });
    const list = (await owner.get(`/api/customers?managerId=${ids.max}&limit=200`)).body;
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([customer.id]);
    expect(await server.db.auditLog.findFirst({ where: { action: 'customer-assign', entityId: customer.id } })).toMatchObject({ details: expect.stringContaining(ids.max) });
    // The register sees no manager.
    expect((await cashier.get(`/api/customers/${customer.id}`)).body.managerId).toBeUndefined();

    expect((await owner.put(`/api/customers/${customer.id}/manager`, { managerId: null })).body.assigned).toBe(1);
    expect(await managerOf(customer.id)).toBeNull();
  });

  it('assigns by a rule: the customers of a region, a category and the outlet that registered them, and no others', async () => {
    const made: string[] = [];
    for (const [name, address, categoryCode] of [
      ['North Gold', 'Klaipėda, Taikos pr. 1', 'gold'],
      ['North Plain', 'KLAIPĖDA, Liepų g. 2', null],
      ['South Gold', 'Vilnius, Gedimino pr. 3', 'gold'],
    ] as const) {
      made.push((await owner.post('/api/customers', { name, address, categoryCode })).body.id);
    }
    await server.db.$transaction((tx) => tx.customer.update({ where: { id: made[1] }, data: { categoryId: null } }));
    const res = await owner.post('/api/customers/assign', { managerId: ids.max, filter: { address: 'klaipėda', categoryCode: 'gold', outletId: (await server.db.outlet.findFirstOrThrow()).id } });
    expect(res).toMatchObject({ status: 200, body: { assigned: 1 } });
    expect(await Promise.all(made.map(managerOf))).toEqual([ids.max, null, null]);

    const byRegion = await owner.post('/api/customers/assign', { managerId: ids.anna, filter: { address: 'Klaipėda' } });
    expect(byRegion.body.assigned).toBe(2);
    expect(await Promise.all(made.map(managerOf))).toEqual([ids.anna, ids.anna, null]);
  });

  it('refuses a manager of another outlet, an inactive one or an unknown one, naming the field, and changes nothing', async () => {
    const customer = (await owner.post('/api/customers', { name: 'Stays Unassigned' })).body;
    const outletId = newId();
    const elsewhere = newId();
    const gone = newId();
    await server.db.$transaction(async (tx) => {
      await tx.outlet.create({ data: { id: outletId, code: 'B2', name: 'Branch two' } });
      await tx.user.create({ data: { id: elsewhere, outletId, login: 'branch-seller', name: 'Branch Seller', role: 'manager', pinHash: 'x' } });
      await tx.user.create({ data: { id: gone, outletId: null, login: 'gone-seller', name: 'Gone Seller', role: 'manager', pinHash: 'x', active: false } });
    });
    for (const [managerId, code] of [
      [elsewhere, 'manager-at-another-outlet'],
      [gone, 'manager-inactive'],
      [newId(), 'unknown-manager'],
    ]) {
      const one = await owner.put(`/api/customers/${customer.id}/manager`, { managerId });
      expect(one.status).toBe(422);
      expect(one.body.error).toMatchObject({ code, fields: [{ path: 'body.managerId' }] });
      const many = await owner.post('/api/customers/assign', { managerId, customerIds: [customer.id] });
      expect([many.status, many.body.error.code]).toEqual([422, code]);
    }
    expect(await managerOf(customer.id)).toBeNull();
    expect(await server.db.auditLog.count({ where: { action: 'customer-assign', entityId: customer.id } })).toBe(0);
  });

  it('refuses assigning to a cashier without the right, and a bulk request with both a list and a filter', async () => {
    const customer = (await owner.post('/api/customers', { name: 'Not By Cashier' })).body;
    expect((await cashier.put(`/api/customers/${customer.id}/manager`, { managerId: ids.anna })).status).toBe(403);
    const both = await owner.post('/api/customers/assign', { managerId: ids.max, customerIds: [customer.id], filter: {} });
    expect(both.status).toBe(400);
    expect(both.body.error.fields[0].path).toContain('customerIds');
  });
});

describe('departments and what each user sees', () => {
  it('keeps a department with its head and members; a staff member registering a customer manages them', async () => {
    const dept = await owner.post('/api/departments', { name: 'Field sales', headId: ids.max });
    expect(dept).toMatchObject({ status: 201, body: { name: 'Field sales', headName: 'Max Manager', members: [] } });
    expect((await owner.post('/api/departments', { name: 'Field sales' })).body.error).toMatchObject({ code: 'department-name-taken', fields: [{ path: 'body.name' }] });
    const set = await owner.put(`/api/users/${ids.max}/crm`, { departmentId: dept.body.id, customerScope: 'own' });
    expect(set).toMatchObject({ status: 200, body: { departmentId: dept.body.id, customerScope: 'own', effectiveScope: 'own' } });
    expect((await owner.get('/api/departments')).body.items[0].members).toEqual([{ id: ids.max, name: 'Max Manager' }]);
    const ownerId = (await server.db.user.findUniqueOrThrow({ where: { login: 'owner' } })).id;
    expect((await owner.put(`/api/users/${ownerId}/crm`, { departmentId: null, customerScope: 'own' })).body.error).toMatchObject({ code: 'owner-sees-all-customers', fields: [{ path: 'body.customerScope' }] });

    const max = await server.login('manager', '2222');
    const made = (await max.post('/api/customers', { name: 'Found By Max' })).body;
    expect(await managerOf(made.id)).toBe(ids.max);
    expect((await max.get('/api/customers?limit=200')).body.items.map((c: { name: string }) => c.name)).toContain('Found By Max');
  });
});
