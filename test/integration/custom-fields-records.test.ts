import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Custom fields of products and invoices over HTTP: values set on the product form and on an
// invoice (its draft and its issue), checked by the fields' definitions, read back from the
// database and the printed PDF; a refused save changes no row.

let server: TestServer;
let owner: ApiClient;
let taxRateId = '';
let serial = 0;

const PRODUCT_FIELDS = [
  { entity: 'product', key: 'origin', label: 'Origin', type: 'choice', choices: ['LT', 'PL'], required: true, defaultValue: 'LT' },
  { entity: 'product', key: 'shelf_life', label: 'Shelf life', type: 'number' },
  { entity: 'product', key: 'deposit', label: 'Deposit', type: 'money' },
  { entity: 'product', key: 'organic', label: 'Organic', type: 'yes-no' },
  { entity: 'product', key: 'supplier_code', label: 'Supplier code', type: 'text', required: true },
] as const;

const INVOICE_FIELDS = [
  { entity: 'invoice', key: 'po_number', label: 'PO number', type: 'text', required: true },
  { entity: 'invoice', key: 'delivered_on', label: 'Delivered on', type: 'date' },
  { entity: 'invoice', key: 'route', label: 'Route', type: 'choice', choices: ['north', 'south'], defaultValue: 'north' },
] as const;

/** Every row the saves could touch, hashed: equal before and after a refusal means nothing was half-written. */
async function databaseHash(): Promise<string> {
  const rows = await Promise.all([
    server.db.customFieldValue.findMany({ orderBy: [{ fieldId: 'asc' }, { entityId: 'asc' }] }),
    server.db.product.findMany({ orderBy: { id: 'asc' } }),
    server.db.barcode.findMany({ orderBy: { code: 'asc' } }),
    server.db.invoice.findMany({ orderBy: { id: 'asc' } }),
    server.db.invoiceLine.findMany({ orderBy: [{ invoiceId: 'asc' }, { position: 'asc' }] }),
    server.db.auditLog.count(),
  ]);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

const valuesOf = async (entityId: string) => {
  const fields = new Map((await server.db.customFieldDefinition.findMany()).map((f) => [f.id, f.key]));
  const rows = await server.db.customFieldValue.findMany({ where: { entityId } });
  return Object.fromEntries(rows.map((r) => [fields.get(r.fieldId), r.text ?? r.number ?? r.integer ?? r.day]));
};

const product = (extra: object) => ({ name: `Field product ${++serial}`, sku: `CF-${serial}`, taxRateId, price: 250, ...extra });

function pdfText(pdf: Buffer): string {
  const file = path.join(server.dir, `custom-fields-${++serial}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
  taxRateId = (await server.db.taxRate.findFirstOrThrow({ where: { rateBp: 2100 } })).id;
  for (const field of [...PRODUCT_FIELDS, ...INVOICE_FIELDS]) expect((await owner.post('/api/custom-fields', field)).status).toBe(201);
});

afterAll(() => server.close());

describe('custom fields of products', () => {
  let id = '';

  it('stores the values given on the product form, fills the default and shows them on the form', async () => {
    const made = await owner.post('/api/products', product({ customFields: { shelf_life: 14.5, deposit: 10, organic: true, supplier_code: 'S-7' } }));
    expect(made.status).toBe(201);
    id = made.body.product.id;
    expect(made.body.product.customFields).toEqual({ origin: 'LT', shelf_life: 14.5, deposit: 10, organic: true, supplier_code: 'S-7' });
    expect(await valuesOf(id)).toEqual({ origin: 'LT', shelf_life: 14.5, deposit: 10, organic: 1, supplier_code: 'S-7' });
    expect((await owner.get(`/api/products/${id}/details`)).body.customFields).toMatchObject({ origin: 'LT', supplier_code: 'S-7' });
  });

  it('changes what the form sends, clears a value sent as null and keeps what it leaves out', async () => {
    const details = (await owner.get(`/api/products/${id}/details`)).body;
    const { id: _id, taxRateBp: _t, stockMilli: _s, priceChanges: _p, createdAt: _c, updatedAt: _u, customFields: _f, ...form } = details;
    const saved = await owner.put(`/api/products/${id}`, { ...form, customFields: { origin: 'PL', shelf_life: null } });
    expect(saved.status).toBe(200);
    expect(saved.body.product.customFields).toEqual({ origin: 'PL', deposit: 10, organic: true, supplier_code: 'S-7' });
    expect(await valuesOf(id)).toEqual({ origin: 'PL', deposit: 10, organic: 1, supplier_code: 'S-7' });
  });

  it.each([
    ['a number as text', { supplier_code: 'S-1', shelf_life: 'two weeks' }, 'shelf_life', 'custom-field-invalid'],
    ['money not in minor units', { supplier_code: 'S-1', deposit: 0.5 }, 'deposit', 'custom-field-invalid'],
    ['a choice not in the list', { supplier_code: 'S-1', origin: 'DE' }, 'origin', 'custom-field-invalid'],
    ['yes-no as text', { supplier_code: 'S-1', organic: 'yes' }, 'organic', 'custom-field-invalid'],
    ['an unknown field', { supplier_code: 'S-1', colour: 'red' }, 'colour', 'custom-field-unknown'],
    ['a customer field on a product', { supplier_code: 'S-1', po_number: 'X' }, 'po_number', 'custom-field-unknown'],
    ['a required field missing', {}, 'supplier_code', 'custom-field-required'],
    ['a required field emptied', { supplier_code: '' }, 'supplier_code', 'custom-field-required'],
  ])('refuses %s naming the field, and writes nothing', async (_case, customFields, key, code) => {
    const before = await databaseHash();
    const res = await owner.post('/api/products', product({ customFields }));
    expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([422, code, `body.customFields.${key}`]);
    expect(await databaseHash()).toBe(before);
  });

  it('refuses a bad value on a change too, leaving the product as it was', async () => {
    const details = (await owner.get(`/api/products/${id}/details`)).body;
    const { id: _id, taxRateBp: _t, stockMilli: _s, priceChanges: _p, createdAt: _c, updatedAt: _u, customFields: _f, ...form } = details;
    const before = await databaseHash();
    const res = await owner.put(`/api/products/${id}`, { ...form, name: 'Renamed', customFields: { supplier_code: null } });
    expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([422, 'custom-field-required', 'body.customFields.supplier_code']);
    expect(await databaseHash()).toBe(before);
  });
});

describe('custom fields of invoices', () => {
  let customerId = '';
  const lines = [{ description: 'Consulting', unit: 'piece', quantityMilli: 1000, unitPriceGross: 12_100, taxRateBp: 2100 }];

  beforeAll(async () => {
    customerId = (await owner.post('/api/customers', { name: 'UAB Laukai', kind: 'company', companyCode: '300111222', address: 'Vilnius' })).body.id;
  });

  it('refuses a wrong value on a draft naming the field, and writes nothing', async () => {
    const before = await databaseHash();
    const res = await owner.post('/api/invoices', { customerId, lines, customFields: { delivered_on: '2026-02-30' } });
    expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([422, 'custom-field-invalid', 'body.customFields.delivered_on']);
    const unknown = await owner.post('/api/invoices', { customerId, lines, customFields: { origin: 'LT' } });
    expect([unknown.status, unknown.body.error.code, unknown.body.error.fields[0].path]).toEqual([422, 'custom-field-unknown', 'body.customFields.origin']);
    expect(await databaseHash()).toBe(before);
  });

  it('issues only with the required values, freezes them with the document and prints them', async () => {
    expect((await owner.put('/api/print-forms/invoice', { template: '# {{ doc.displayNumber }}\nPO {{ invoice.fields.po_number }} route {{ invoice.fields.route }} on {{ invoice.fields.delivered_on }}' })).status).toBe(200);
    const draft = await owner.post('/api/invoices', { customerId, lines, customFields: { delivered_on: '2026-03-04' } });
    expect(draft.status).toBe(201);
    expect(draft.body.customFields).toEqual({ delivered_on: '2026-03-04' });

    // The PO number is required: the issue is refused, the number of the series not taken.
    const before = await databaseHash();
    const refused = await owner.post(`/api/invoices/${draft.body.id}/issue`, {});
    expect([refused.status, refused.body.error.code, refused.body.error.fields[0].path]).toEqual([422, 'custom-field-required', 'body.customFields.po_number']);
    const wrong = await owner.post(`/api/invoices/${draft.body.id}/issue`, { customFields: { po_number: 4711 } });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.fields[0].path]).toEqual([422, 'custom-field-invalid', 'body.customFields.po_number']);
    expect(await databaseHash()).toBe(before);

    const issued = await owner.post(`/api/invoices/${draft.body.id}/issue`, { customFields: { po_number: 'PO-4711' } });
    expect(issued.status).toBe(200);
    expect(issued.body.customFields).toEqual({ po_number: 'PO-4711', delivered_on: '2026-03-04', route: 'north' });
    expect(await valuesOf(draft.body.id)).toEqual({ po_number: 'PO-4711', delivered_on: '2026-03-04', route: 'north' });
    const stored = await server.db.invoice.findUniqueOrThrow({ where: { id: draft.body.id } });
    expect(JSON.parse(stored.document!).customFields).toEqual({ po_number: 'PO-4711', delivered_on: '2026-03-04', route: 'north' });

    const pdf = await fetch(`${server.url}/api/invoices/${draft.body.id}/pdf`, { headers: { authorization: `Bearer ${owner.token}` } });
    expect(pdf.status).toBe(200);
    expect(pdfText(Buffer.from(await pdf.arrayBuffer()))).toContain(`${issued.body.displayNumber} PO PO-4711 route north on 2026-03-04`);
  });

  it('never changes the values of an issued invoice', async () => {
    const draft = await owner.post('/api/invoices', { customerId, lines, customFields: { po_number: 'PO-1' } });
    const issued = await owner.post(`/api/invoices/${draft.body.id}/issue`, {});
    expect(issued.status).toBe(200);
    const before = await databaseHash();
    const edit = await owner.put(`/api/invoices/${draft.body.id}`, { customerId, lines, customFields: { po_number: 'PO-2' } });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'invoice-issued']);
    const again = await owner.post(`/api/invoices/${draft.body.id}/issue`, { customFields: { po_number: 'PO-3' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'invoice-issued']);
    // Nor through a customer's or a product's form: an invoice's fields are not theirs.
    const asCustomer = await owner.put(`/api/customers/${customerId}`, { name: 'UAB Laukai', kind: 'company', companyCode: '300111222', address: 'Vilnius', customFields: { po_number: 'PO-4' } });
    expect([asCustomer.status, asCustomer.body.error.code]).toEqual([422, 'custom-field-unknown']);
    // Nor by changing the field's type under it.
    const field = await server.db.customFieldDefinition.findFirstOrThrow({ where: { entity: 'invoice', key: 'po_number' } });
    const retype = await owner.put(`/api/custom-fields/${field.id}`, { ...INVOICE_FIELDS[0], type: 'number' });
    expect([retype.status, retype.body.error.code]).toEqual([409, 'custom-field-type-in-use']);
    expect(await databaseHash()).toBe(before);
    expect((await owner.get(`/api/invoices/${draft.body.id}`)).body.customFields).toEqual({ po_number: 'PO-1', route: 'north' });
  });

  it('checks a print form against the invoice fields there are: one naming a field is kept, one naming no field refused', async () => {
    expect((await owner.put('/api/print-forms/invoice', { template: '# {{ doc.displayNumber }}\n{{ invoice.fields.route }}' })).status).toBe(200);
    const res = await owner.put('/api/print-forms/invoice', { template: '# {{ doc.displayNumber }}\n{{ invoice.fields.nothing_here }}' });
    expect([res.status, res.body.error.code]).toEqual([422, 'invalid-print-form']);
  });
});
