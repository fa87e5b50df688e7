import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { sqliteOf } from '../../server/db/client.ts';

// How each kind of customer search reads the base, from SQLite's planner: the statements the
// server runs for a search over HTTP, each explained with the values it was run with.
let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;
let sql: Database.Database;

/** Every statement the server runs while `act` runs, with its bound values. */
async function statementsRunBy(act: () => Promise<unknown>): Promise<{ source: string; args: unknown[] }[]> {
  const proto = Object.getPrototypeOf(sql.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  const seen: { source: string; args: unknown[] }[] = [];
  const originals = Object.fromEntries((['all', 'get', 'iterate', 'run'] as const).map((m) => [m, proto[m]]));
  for (const [name, original] of Object.entries(originals)) {
    proto[name] = function (this: Database.Statement, ...args: unknown[]) {
      seen.push({ source: this.source, args });
      return original.apply(this, args);
    };
  }
  try {
    await act();
  } finally {
    Object.assign(proto, originals);
  }
  return seen;
}

const planOf = (s: { source: string; args: unknown[] }) => (sql.prepare(`EXPLAIN QUERY PLAN ${s.source}`).all(...s.args) as { detail: string }[]).map((r) => r.detail);

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333');
  sql = sqliteOf(server.db);
  // Longer names that start with a surname first (they get the lower rowids), then the surname itself.
  const rows = [
    ...Array.from({ length: 250 }, (_, i) => `Петрова Анна;+3706${String(1_000_000 + i)};;99100${String(i).padStart(7, '0')}`),
    ...Array.from({ length: 12 }, (_, i) => `Петров Сергей;+3706${String(2_000_000 + i)};;99200${String(i).padStart(7, '0')}`),
    ...Array.from({ length: 12 }, (_, i) => `Žydrūnė Kazlauskienė;+3706${String(3_000_000 + i)};zydrune.kazlauskiene${i}@example.com;99300${String(i).padStart(7, '0')}`),
    'Jonas Petrauskas;+37069876543;jonas.petrauskas@example.com;LT7KQ2M9X',
    '王芳;+37061112223;;9940000000001',
  ];
  const res = await fetch(`${server.url}/api/customers/import?${new URLSearchParams({ fileName: 'customers.csv', key: 'card', dryRun: 'false' })}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'text/csv' },
    body: ['Name;Phone;Email;Card', ...rows].join('\n'),
  });
  expect(res.status).toBe(200);
  expect((await res.json()).created).toBe(rows.length);
});
afterAll(() => server.close());

describe('each kind of search reads its index, never the whole customer table', () => {
  // The kind, what a cashier types, and the index its look-up must use (the source of the statement and a line of its plan).
  const kinds: { kind: string; q: string; table: RegExp; plan: RegExp }[] = [
    { kind: 'surname', q: 'Петров', table: /"CustomerSearchWords" MATCH/, plan: /^SCAN s VIRTUAL TABLE INDEX 0:M/ },
    { kind: 'first and last name in the other order', q: 'Сергей Петров', table: /"CustomerSearchWords" MATCH/, plan: /^SCAN s VIRTUAL TABLE INDEX 0:M/ },
    { kind: 'name without diacritics', q: 'zydrune', table: /"CustomerSearchWords" MATCH/, plan: /^SCAN s VIRTUAL TABLE INDEX 0:M/ },
    { kind: 'last four digits of the phone', q: '6543', table: /"CustomerSearch" MATCH/, plan: /^SCAN s VIRTUAL TABLE INDEX 0:M/ },
    { kind: 'start of the e-mail', q: 'jonas.pe', table: /"CustomerSearchWords" MATCH/, plan: /^SCAN s VIRTUAL TABLE INDEX 0:M/ },
    { kind: 'card in lower case', q: 'lt7kq2m9x', table: /FROM "CustomerCard" WHERE "code" IN/, plan: /^SEARCH CustomerCard USING INDEX sqlite_autoindex_CustomerCard_1 \(code=\?\)/ },
    { kind: 'two-character Chinese name', q: '王芳', table: /"CustomerSearch" MATCH/, plan: /^SCAN s VIRTUAL TABLE INDEX 0:M/ },
    { kind: 'whole phone, national form', q: '8 698 76543', table: /FROM "Customer" WHERE "phone" = \?/, plan: /^SEARCH Customer USING INDEX Customer_phone_idx \(phone=\?\)/ },
  ];
  for (const { kind, q, table, plan } of kinds) {
    it(`${kind} ("${q}")`, async () => {
      let status = 0;
      let found = 0;
      const run = await statementsRunBy(async () => {
        const res = await manager.get<{ items: unknown[] }>(`/api/customers/search?q=${encodeURIComponent(q)}&limit=10`);
        status = res.status;
        found = res.body.items.length;
      });
      expect(status).toBe(200);
      expect(found, 'customers found').toBeGreaterThan(0);
      const searches = run.filter((s) => /"Customer"/.test(s.source) || /"CustomerSearch(Words)?"|"CustomerCard"/.test(s.source));
      expect(searches.some((s) => table.test(s.source) && planOf(s).some((line) => plan.test(line))), `a statement on ${table} planned as ${plan}`).toBe(true);
      for (const s of searches) {
        const customerNames = ['Customer', ...[...s.source.matchAll(/"Customer"\s+([a-z]\w*)\b/g)].map((m) => m[1]).filter((a) => !/^(WHERE|JOIN|LEFT|ON|ORDER|LIMIT|SET)$/i.test(a))];
        for (const line of planOf(s)) {
          expect(customerNames.some((name) => line.startsWith(`SCAN ${name} `) || line === `SCAN ${name}`), `${line}\nin ${s.source}`).toBe(false);
          // A full-text table read without its MATCH is a scan of the whole index.
          if (/VIRTUAL TABLE INDEX/.test(line) && /"CustomerSearch(Words)?"/.test(s.source) && /^SCAN s /.test(line)) expect(line, s.source).toMatch(/:M/);
        }
      }
    });
  }

  it('a name typed as whole words that fill the page is read as whole words, not as the start of every longer word', async () => {
    for (const q of ['Петров', 'Сергей Петров']) {
      const run = await statementsRunBy(() => manager.get(`/api/customers/search?q=${encodeURIComponent(q)}&limit=10`));
      const matches = run.filter((s) => /"CustomerSearchWords" MATCH/.test(s.source)).map((s) => String(s.args[0]));
      expect(matches, q).not.toEqual([]);
      expect(matches.filter((m) => m.includes('*')), `${q}: ${matches.join(' | ')}`).toEqual([]);
    }
  });
});

describe('whole words first', () => {
  it('a surname typed whole finds those of that surname before the many whose surname merely starts so', async () => {
    const res = await cashier.get<{ items: { name: string }[] }>(`/api/customers/search?q=${encodeURIComponent('Петров')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(10);
    expect(res.body.items.map((c) => c.name)).toEqual(Array(10).fill('Петров Сергей'));
  });

  it('a start of a word still finds the longer names when whole words find too few', async () => {
    const res = await cashier.get<{ items: { name: string }[] }>(`/api/customers/search?q=${encodeURIComponent('Петро')}`);
    expect(res.status).toBe(200);
    expect(new Set(res.body.items.map((c) => c.name))).toContain('Петрова Анна');
  });
});
