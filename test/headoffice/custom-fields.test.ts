import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Customers' custom fields in a chain: head office owns the definitions and sends them down; a value
// set at one till reaches head office's PostgreSQL with the customer and comes down to the other outlet.
interface Outlet {
  server: TestServer;
  cashier: ApiClient;
  manager: ApiClient;
  owner: ApiClient;
}
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let x: Outlet;
let y: Outlet;
const CONTRACT = newId();
const SINCE = newId();

async function startOutlet(code: string): Promise<Outlet> {
  const token = await headOffice.addOutlet(code);
  const server = await startTestServer({ outletCode: code, headOffice: { url: headOffice.url, token, batchSize: 10, intervalMs: 30, maxBackoffMs: 200 } });
  return { server, cashier: await server.login('anna', '3333'), manager: await server.login('manager', '2222'), owner: await server.login('owner', '1111') };
}
const put = (entity: string, id: string, body: unknown) => headOffice.admin.put(`/api/head-office/master/${entity}/${id}`, body);
async function settled(...outlets: Outlet[]) {
  for (const o of outlets) await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.backlog, { timeout: 15_000, interval: 50 }).toBe(0);
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  for (const o of outlets) await expect.poll(async () => (await o.cashier.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  expect((await put('custom-field', CONTRACT, { key: 'contract_no', label: 'Contract no.', type: 'text' })).status).toBe(204);
  expect((await put('custom-field', SINCE, { key: 'client_since', label: 'Client since', type: 'date' })).status).toBe(204);
  x = await startOutlet('X1');
  y = await startOutlet('Y1');
});

afterAll(async () => {
  for (const o of [x, y]) await o?.server.close();
  await headOffice?.close();
  await database?.drop();
});

describe("customers' custom fields across the chain", () => {
  it("brings head office's fields down to every outlet, which refuses to change them", async () => {
    await settled(x, y);
    for (const o of [x, y]) {
      const listed = (await o.owner.get('/api/custom-fields?entity=customer')).body.items;
      expect(listed.map((f: { key: string; origin: string }) => [f.key, f.origin]).sort()).toEqual([['client_since', 'head-office'], ['contract_no', 'head-office']]);
    }
    const refused = await x.owner.post('/api/custom-fields', { entity: 'customer', key: 'own', label: 'Own', type: 'text' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'owned-by-head-office']);
    expect(await x.server.db.customFieldDefinition.count()).toBe(2);
  });

  it('sends a value set at one outlet to head office with the customer, and from there to the other outlet', async () => {
    const made = await x.manager.post('/api/customers', { name: 'Chain Client', customFields: { contract_no: 'CH-9', client_since: '2019-04-01' } });
    expect(made.status).toBe(201);
    await settled(x, y);
    const { rows } = await headOffice.db.pool.query(`SELECT d."key", v."text", v."day" FROM "CustomFieldValue" v JOIN "CustomFieldDefinition" d ON d."id" = v."fieldId" WHERE v."entityId" = $1 ORDER BY d."key"`, [made.body.id]);
    expect(rows).toEqual([{ key: 'client_since', text: null, day: '2019-04-01' }, { key: 'contract_no', text: 'CH-9', day: null }]);
    await settled(x, y);
    await expect.poll(async () => (await y.manager.get(`/api/customers/${made.body.id}`)).body.customFields, { timeout: 15_000, interval: 100 }).toEqual({ contract_no: 'CH-9', client_since: '2019-04-01' });

    const changed = await y.manager.put(`/api/customers/${made.body.id}`, { name: 'Chain Client', customFields: { contract_no: 'CH-10' } });
    expect(changed.status).toBe(200);
    await settled(y, x);
    await expect.poll(async () => (await x.manager.get(`/api/customers/${made.body.id}`)).body.customFields, { timeout: 15_000, interval: 100 }).toEqual({ contract_no: 'CH-10', client_since: '2019-04-01' });
    const filtered = await x.manager.get(`/api/customers?fields=${encodeURIComponent(JSON.stringify({ contract_no: 'CH-10' }))}`);
    expect(filtered.body.items.map((c: { id: string }) => c.id)).toEqual([made.body.id]);
  });

  it("refuses at head office a definition of another type while customers hold values, and a customer's value of the wrong type", async () => {
    const retype = await put('custom-field', SINCE, { key: 'client_since', label: 'Client since', type: 'number' });
    expect([retype.status, retype.body.error.code]).toEqual([409, 'custom-field-type-in-use']);
    const bad = await put('customer', newId(), { name: 'HQ Client', customFields: { client_since: '2019-02-30' } });
    expect([bad.status, bad.body.error.code, bad.body.error.fields[0].path]).toEqual([422, 'custom-field-invalid', 'body.customFields.client_since']);
    const { rows } = await headOffice.db.pool.query(`SELECT "type" FROM "CustomFieldDefinition" WHERE "id" = $1`, [SINCE]);
    expect(rows[0].type).toBe('date');
    expect((await headOffice.db.pool.query(`SELECT 1 FROM "Customer" WHERE "name" = 'HQ Client'`)).rowCount).toBe(0);
  });
});
