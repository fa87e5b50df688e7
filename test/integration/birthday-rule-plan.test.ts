import type Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { birthdayRule } from '../../server/crm/reminders.ts';
import { sqliteOf } from '../../server/db/client.ts';
import { loadOutlet } from '../../server/outlet.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The reminders' round runs every 30 seconds on the server's one connection, synchronously: a
// statement that reads the whole customer base there holds up every register's request meanwhile
// (seconds on a base of a million, bench/). The birthday rule reads the managed customers only.
let server: TestServer;
let owner: ApiClient;
let sql: Database.Database;

beforeAll(async () => {
  server = await startTestServer({ productCount: 5, timezone: 'Europe/Vilnius' });
  owner = await server.login('owner', '1111');
  sql = sqliteOf(server.db);
});
afterAll(() => server.close());

/** Every statement run on the connection while `act` runs, with its bound values. */
async function statementsRunBy<T>(act: () => Promise<T>): Promise<{ result: T; run: { source: string; args: unknown[] }[] }> {
  const proto = Object.getPrototypeOf(sql.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  const run: { source: string; args: unknown[] }[] = [];
  // Prisma's driver adapter binds its values first, then runs the statement without any.
  const bound = new WeakMap<object, unknown[]>();
  const originals = Object.fromEntries((['all', 'get', 'iterate', 'run', 'bind'] as const).map((m) => [m, proto[m]]));
  proto.bind = function (this: Database.Statement, ...args: unknown[]) {
    bound.set(this, args);
    return originals.bind.apply(this, args);
  };
  for (const name of ['all', 'get', 'iterate', 'run'] as const) {
    proto[name] = function (this: Database.Statement, ...args: unknown[]) {
      run.push({ source: this.source, args: args.length ? args : (bound.get(this) ?? []) });
      return originals[name].apply(this, args);
    };
  }
  try {
    return { result: await act(), run };
  } finally {
    Object.assign(proto, originals);
  }
}

it('finds the managed customers whose birthday is tomorrow, reading the customer base by id from the managed ones only', async () => {
  const managerId = (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id;
  const add = async (name: string, birthday: string, managed: boolean) => {
    const res = await owner.post<{ id: string }>('/api/customers', { name, birthday });
    expect(res.status).toBe(201);
    if (managed) expect((await owner.put(`/api/customers/${res.body.id}/manager`, { managerId })).status).toBe(200);
    return res.body.id;
  };
  // 08:00 UTC on 10 March is 10:00 in Vilnius: tomorrow there is 11 March.
  const now = new Date('2026-03-10T08:00:00Z');
  const due = await add('Managed Tomorrow', '1985-03-11', true);
  await add('Unmanaged Tomorrow', '1990-03-11', false);
  await add('Managed Another Day', '1985-03-12', true);
  const outlet = await loadOutlet(server.db);
  const { result, run } = await statementsRunBy(() => server.db.$transaction((tx) => birthdayRule(outlet).tasks(tx, now)));
  expect(result).toEqual([{ origin: 'birthday', originKey: `birthday:${due}:2026-03-11`, title: 'Birthday tomorrow: Managed Tomorrow', assigneeId: managerId, customerId: due, dueAt: new Date('2026-03-11T07:00:00Z') }]);

  const onCustomers = run.filter((s) => /[`"]Customer[`"]/.test(s.source));
  expect(onCustomers.length, 'statements on the customer table').toBeGreaterThan(0);
  for (const s of onCustomers) {
    const plan = (sql.prepare(`EXPLAIN QUERY PLAN ${s.source}`).all(...(s.args as unknown[])) as { detail: string }[]).map((r) => r.detail);
    // The customer table reached only by a customer's id, never walked (nor walked along an index that every customer is in).
    for (const line of plan.filter((l) => /^(SCAN|SEARCH) (main\.)?(Customer|c)\b/.test(l))) expect(line, `${s.source}\n${plan.join('\n')}`).toMatch(/\(id=\?\)$/);
  }
});
