import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import '../../shared/i18n/catalogues.ts';
import { errorText } from '../../shared/i18n/texts.ts';

let server: TestServer;
let owner: ApiClient;
let manager: ApiClient;

const FIELDS = [
  { entity: 'customer', key: 'contract_no', label: 'Contract no.', type: 'text' },
  { entity: 'customer', key: 'seats', label: 'Seats', type: 'number' },
  { entity: 'customer', key: 'deposit', label: 'Deposit', type: 'money' },
  { entity: 'customer', key: 'signed_on', label: 'Signed on', type: 'date' },
  { entity: 'customer', key: 'region', label: 'Region', type: 'choice', choices: ['north', 'south'], required: true, defaultValue: 'north' },
  { entity: 'customer', key: 'vip', label: 'VIP', type: 'yes-no' },
  { entity: 'customer', key: 'tax_office', label: 'Tax office', type: 'text', required: true },
] as const;

const fieldValues = (id: string) => server.db.customFieldValue.findMany({ where: { entityId: id }, orderBy: { fieldId: 'asc' } });
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id).sort();
const list = (filter: object) => owner.get(`/api/customers?limit=200&fields=${encodeURIComponent(JSON.stringify(filter))}`);

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
  manager = await server.login('manager', '2222', 'R2');
  for (const field of FIELDS) expect((await owner.post('/api/custom-fields', field)).status).toBe(201);
});

afterAll(() => server.close());

describe('custom fields of customers', () => {
  let a = '';
  let b = '';

  it('stores each type as itself, fills the default and shows the values on the card', async () => {
    const made = await manager.post('/api/customers', { name: 'Field Tester A', customFields: { contract_no: 'K-17', seats: 2.5, deposit: 12_345, signed_on: '2024-02-29', vip: true, tax_office: 'Vilnius' } });
    expect(made.status).toBe(201);
    a = made.body.id;
    expect(made.body.customFields).toEqual({ contract_no: 'K-17', seats: 2.5, deposit: 12_345, signed_on: '2024-02-29', region: 'north', vip: true, tax_office: 'Vilnius' });
    const stored = await fieldValues(a);
    expect(stored.map((v) => [v.text, v.number, v.integer, v.day].filter((x) => x !== null)).flat().sort()).toEqual([1, 12_345, 2.5, '2024-02-29', 'K-17', 'Vilnius', 'north'].sort());
    const other = await manager.post('/api/customers', { name: 'Field Tester B', customFields: { seats: 10, deposit: 500, signed_on: '2025-06-01', region: 'south', vip: false, tax_office: 'Kaunas' } });
    b = other.body.id;
    expect((await manager.get(`/api/customers/${b}`)).body.customFields).toMatchObject({ region: 'south', vip: false, seats: 10 });
  });

  it.each([
    ['text', { contract_no: 12 }, 'contract_no', 'custom-field-invalid/text'],
    ['number', { seats: 'many' }, 'seats', 'custom-field-invalid/number'],
    ['money', { deposit: 12.5 }, 'deposit', 'custom-field-invalid/money'],
    ['date', { signed_on: '2023-02-29' }, 'signed_on', 'custom-field-invalid/date'],
    ['choice', { region: 'east' }, 'region', 'custom-field-invalid/choice'],
    ['yes-no', { vip: 'yes' }, 'vip', 'custom-field-invalid/yes-no'],
    ['an unknown field', { colour: 'red' }, 'colour', 'custom-field-unknown'],
    ['a required field missing', {}, 'tax_office', 'custom-field-required'],
    ['a required field emptied', { tax_office: null }, 'tax_office', 'custom-field-required'],
  ])('refuses a value of the wrong type (%s) naming the field, in the user’s language, and stores nothing', async (_, customFields, key, text) => {
    const customers = await server.db.customer.count();
    const values = await server.db.customFieldValue.count();
    const res = await manager.post('/api/customers', { name: 'Refused', customFields: key === 'tax_office' ? customFields : { tax_office: 'X', ...customFields } });
    expect(res.status).toBe(422);
    expect(res.body.error.fields[0].path).toBe(`body.customFields.${key}`);
    const [code, variant] = text.split('/');
    expect(res.body.error.code).toBe(code);
    if (variant) expect(res.body.error.details.variant).toBe(variant);
    const label = FIELDS.find((f) => f.key === key)?.label ?? key;
    const ru = errorText(res.body, 'ru');
    expect(ru).toContain(label);
    expect(ru).not.toBe(errorText(res.body, 'en'));
    expect([await server.db.customer.count(), await server.db.customFieldValue.count()]).toEqual([customers, values]);
  });

  it('refuses a bad value on a change, leaving the customer and its values as they were', async () => {
    const before = await fieldValues(a);
    const res = await manager.put(`/api/customers/${a}`, { name: 'Renamed', customFields: { seats: 3, signed_on: '2024-13-01' } });
    expect([res.status, res.body.error.fields[0].path]).toEqual([422, 'body.customFields.signed_on']);
    expect((await server.db.customer.findUniqueOrThrow({ where: { id: a } })).name).toBe('Field Tester A');
    expect(await fieldValues(a)).toEqual(before);
  });

  it('filters the list by each type: text, number and money ranges, a date range, a choice, yes-no', async () => {
    expect(ids(await list({ contract_no: 'K-17' }))).toEqual([a]);
    expect(ids(await list({ seats: { from: 3 } }))).toEqual([b]);
    expect(ids(await list({ seats: 2.5 }))).toEqual([a]);
    expect(ids(await list({ deposit: { to: 1_000 } }))).toEqual([b]);
    expect(ids(await list({ signed_on: { from: '2025-01-01', to: '2025-12-31' } }))).toEqual([b]);
    expect(ids(await list({ region: 'north' }))).toEqual([a]);
    expect(ids(await list({ vip: false }))).toEqual([b]);
    expect(ids(await list({ vip: true, region: 'south' }))).toEqual([]);
  });

  it('refuses a filter by an unknown field or with a value of the wrong type, naming it', async () => {
    const unknown = await list({ colour: 'red' });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.fields[0].path]).toEqual([422, 'custom-field-unknown', 'querystring.fields.colour']);
    const wrong = await list({ signed_on: { from: '2025-02-30' } });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.fields[0].path]).toEqual([422, 'custom-field-invalid', 'querystring.fields.signed_on.from']);
    const notJson = await owner.get('/api/customers?fields=%7Bnope');
    expect([notJson.status, notJson.body.error.fields[0].path]).toEqual([400, 'querystring.fields']);
  });

  it('refuses to change the type of a field that holds values, and changes nothing', async () => {
    const field = await server.db.customFieldDefinition.findFirstOrThrow({ where: { key: 'seats' } });
    const res = await owner.put(`/api/custom-fields/${field.id}`, { ...FIELDS[1], type: 'text' });
    expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([409, 'custom-field-type-in-use', 'body.type']);
    expect((await server.db.customFieldDefinition.findUniqueOrThrow({ where: { id: field.id } })).type).toBe('number');
    const dropChoice = await owner.put(`/api/custom-fields/${(await server.db.customFieldDefinition.findFirstOrThrow({ where: { key: 'region' } })).id}`, { ...FIELDS[4], choices: ['north'] });
    expect([dropChoice.status, dropChoice.body.error.code]).toEqual([409, 'custom-field-choice-in-use']);
    const fresh = await owner.post('/api/custom-fields', { entity: 'customer', key: 'spare', label: 'Spare', type: 'text' });
    const changed = await owner.put(`/api/custom-fields/${fresh.body.id}`, { entity: 'customer', key: 'spare', label: 'Spare', type: 'date' });
    expect([changed.status, changed.body.type]).toEqual([200, 'date']);
  });

  it('archives a field instead of deleting it: off the card, values kept, back on restore', async () => {
    const field = await server.db.customFieldDefinition.findFirstOrThrow({ where: { key: 'contract_no' } });
    const archived = await owner.post(`/api/custom-fields/${field.id}/archive`);
    expect(archived.status).toBe(200);
    expect((await manager.get(`/api/customers/${a}`)).body.customFields.contract_no).toBeUndefined();
    expect(await server.db.customFieldValue.count({ where: { fieldId: field.id } })).toBe(1);
    const listed = await owner.get('/api/custom-fields?entity=customer');
    expect(listed.body.items.map((f: { key: string }) => f.key)).not.toContain('contract_no');
    expect((await owner.post(`/api/custom-fields/${field.id}/restore`)).status).toBe(200);
    expect((await manager.get(`/api/customers/${a}`)).body.customFields.contract_no).toBe('K-17');
    expect(await server.db.auditLog.count({ where: { entityId: field.id, action: { in: ['custom-field-archive', 'custom-field-restore'] } } })).toBe(2);
  });

  it('refuses a second field of the same key, and a field definition that does not hold together', async () => {
    const count = await server.db.customFieldDefinition.count();
    expect((await owner.post('/api/custom-fields', FIELDS[0])).body.error.code).toBe('custom-field-exists');
    expect((await owner.post('/api/custom-fields', { entity: 'customer', key: 'kind2', label: 'K', type: 'choice' })).body.error.fields[0].path).toBe('body.choices');
    expect((await owner.post('/api/custom-fields', { entity: 'customer', key: 'since', label: 'S', type: 'date', defaultValue: '2023-02-30' })).body.error.fields[0].path).toBe('body.defaultValue');
    expect((await manager.post('/api/custom-fields', { entity: 'customer', key: 'by_manager', label: 'M', type: 'text' })).status).toBe(403);
    expect(await server.db.customFieldDefinition.count()).toBe(count);
  });
});
