import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../bench/seed-customers.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The same task for a whole segment in one request (POST /api/tasks/bulk): one transaction, only
 * customers the caller sees, and keyed so that a double tap makes one set.
 */
let server: TestServer;
let owner: ApiClient;
let staff: ApiClient;
let staffId: string;
let customers: string[];
/** The staff member's own customers (the first five): the only ones they see. */
let theirs: string[];

const due = '2026-05-04T09:00:00Z';
const tasksOf = (requestId: string) => server.db.crmTask.findMany({ where: { originKey: { startsWith: `batch:${requestId}:` } }, orderBy: { customerId: 'asc' } });

beforeAll(async () => {
  server = await startTestServer({ productCount: 5 });
  owner = await server.login('owner', '1111');
  const made = await owner.post('/api/users', { login: 'bulkstaff', name: 'Bulk Staff', role: 'manager', pin: '7401', password: 'bulk-staff-pass' });
  expect(made.status).toBe(201);
  staffId = made.body.id;
  expect((await owner.put(`/api/users/${staffId}/crm`, { departmentId: null, customerScope: 'own' })).status).toBe(200);
  staff = await server.login('bulkstaff', '7401');
  customers = (await server.db.customer.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((c) => c.id);
  theirs = customers.slice(0, 5);
  expect((await owner.post('/api/customers/assign', { managerId: staffId, customerIds: theirs })).body.assigned).toBe(5);
});
afterAll(() => server?.close());

describe('POST /api/tasks/bulk', () => {
  it('makes one task about each customer listed, in one request, with what the single route records', async () => {
    const id = newId();
    const res = await owner.post('/api/tasks/bulk', { id, title: 'Offer the spring range', assigneeId: staffId, dueAt: due, priority: 'high', customerIds: customers.slice(0, 12) });
    expect([res.status, res.body]).toEqual([201, { id, created: 12, replayed: false }]);
    const rows = await tasksOf(id);
    expect(rows.map((t) => t.customerId)).toEqual(customers.slice(0, 12));
    expect(new Set(rows.map((t) => `${t.title}|${t.assigneeId}|${t.dueAt.toISOString()}|${t.priority}|${t.status}`))).toEqual(new Set([`Offer the spring range|${staffId}|2026-05-04T09:00:00.000Z|high|open`]));
    expect(await server.db.crmTaskEvent.count({ where: { taskId: { in: rows.map((t) => t.id) }, kind: 'created', toUserId: staffId } })).toBe(12);
    // They are the assignee's tasks like any other.
    const mine = (await staff.get('/api/tasks/mine')).body;
    expect([...mine.overdue, ...mine.today, ...mine.later].filter((t: { title: string }) => t.title === 'Offer the spring range').length).toBe(12);
  });

  it('makes one set however often the same request arrives: at once (a double tap) or later (a retry)', async () => {
    const body = { id: newId(), title: 'Call about the loyalty card', assigneeId: staffId, dueAt: due, customerIds: customers.slice(3, 10) };
    const taps = await Promise.all([owner.post('/api/tasks/bulk', body), owner.post('/api/tasks/bulk', body), owner.post('/api/tasks/bulk', body)]);
    expect(taps.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    for (const tap of taps) expect(tap.body.created).toBe(7);
    const retry = await owner.post('/api/tasks/bulk', body);
    expect([retry.status, retry.body]).toEqual([200, { id: body.id, created: 7, replayed: true }]);
    expect(await server.db.crmTask.count({ where: { title: 'Call about the loyalty card' } })).toBe(7);

    // Another request under a used key is refused and makes nothing.
    const other = await owner.post('/api/tasks/bulk', { ...body, title: 'Something else' });
    expect([other.status, other.body.error.code]).toEqual([409, 'replay-mismatch']);
    expect(await server.db.crmTask.count({ where: { title: 'Something else' } })).toBe(0);
  });

  it("refuses staff a customer they do not see, naming its place in the list, and makes none of the others' tasks", async () => {
    const before = await server.db.crmTask.count();
    const res = await staff.post('/api/tasks/bulk', { id: newId(), title: 'Sneaky', assigneeId: staffId, dueAt: due, customerIds: [theirs[0], customers[7], theirs[1]] });
    expect([res.status, res.body.error.code, res.body.error.fields]).toEqual([404, 'customer-not-found', [{ path: 'body.customerIds.1', message: 'unknown customer' }]]);
    expect(await server.db.crmTask.count()).toBe(before);
  });

  it('takes the customers a filter picks among those the caller sees: all of them for the owner, their own for staff', async () => {
    const byStaff = await staff.post('/api/tasks/bulk', { id: newId(), title: 'Everyone I see', assigneeId: staffId, dueAt: due, filter: {} });
    expect([byStaff.status, byStaff.body.created]).toEqual([201, 5]);
    expect((await tasksOf(byStaff.body.id)).map((t) => t.customerId)).toEqual(theirs);

    const byOwner = await owner.post('/api/tasks/bulk', { id: newId(), title: 'Nobody manages them', assigneeId: staffId, dueAt: due, filter: { managerId: 'none' } });
    expect([byOwner.status, byOwner.body.created]).toEqual([201, customers.length - 5]);
    expect((await tasksOf(byOwner.body.id)).map((t) => t.customerId)).toEqual(customers.slice(5));
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await server.db.crmTask.count();
    const base = { id: newId(), title: 'Bad', assigneeId: staffId, dueAt: due, customerIds: [customers[0]] };
    for (const [body, status, code, field] of [
      [{ ...base, assigneeId: undefined }, 400, 'invalid-input', 'body.assigneeId'],
      [{ ...base, dueAt: 'tomorrow' }, 400, 'invalid-input', 'body.dueAt'],
      [{ ...base, id: undefined }, 400, 'invalid-input', 'body.id'],
      [{ ...base, customerIds: undefined }, 400, 'invalid-input', 'body.customerIds'],
      [{ ...base, filter: {} }, 400, 'invalid-input', 'body.customerIds'],
      [{ ...base, customerIds: Array.from({ length: 10_001 }, () => newId()) }, 400, 'invalid-input', 'body.customerIds'],
      [{ ...base, assigneeId: newId() }, 422, 'unknown-assignee', 'body.assigneeId'],
      [{ ...base, customerIds: [newId()] }, 404, 'customer-not-found', 'body.customerIds.0'],
    ] as const) {
      const res = await owner.post('/api/tasks/bulk', body);
      expect([res.status, res.body.error?.code, res.body.error?.fields?.[0]?.path], JSON.stringify(res.body).slice(0, 300)).toEqual([status, code, field]);
    }
    expect(await server.db.crmTask.count()).toBe(before);
  });

  it('refuses a filter that picks more than 10,000 customers rather than making some of the tasks', async () => {
    const outlet = await server.db.outlet.findFirstOrThrow();
    await seedCustomers(server.db, outlet.id, 0, 10_001);
    const before = await server.db.crmTask.count();
    const res = await owner.post('/api/tasks/bulk', { id: newId(), title: 'Too many', assigneeId: staffId, dueAt: due, filter: {} });
    expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([422, 'too-many-customers', 'body.filter']);
    expect(await server.db.crmTask.count()).toBe(before);
    // Ten thousand listed is the bound, and is made in one go.
    const listed = (await server.db.customer.findMany({ select: { id: true }, orderBy: { id: 'desc' }, take: 10_000 })).map((c) => c.id);
    const made = await owner.post('/api/tasks/bulk', { id: newId(), title: 'Many', assigneeId: staffId, dueAt: due, customerIds: listed });
    expect([made.status, made.body.created]).toEqual([201, 10_000]);
    expect(await server.db.crmTask.count({ where: { title: 'Many' } })).toBe(10_000);
  }, 120_000);
});
