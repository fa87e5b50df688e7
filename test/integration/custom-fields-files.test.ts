import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Custom fields through files: a customer import from a workbook written by a real XLSX writer
// (exceljs) with a date cell and an empty cell, the exports as CSV and XLSX read back by parsers,
// and a print form naming a field, rendered to PDF and read with poppler's pdftotext.
let server: TestServer;
let owner: ApiClient;

const serial = (y: number, m: number, d: number) => (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;

async function upload(url: string, body: Buffer, query: Record<string, string>) {
  const res = await fetch(`${server.url}${url}?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}
async function download(url: string) {
  const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${owner.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}
const byCard = (code: string) => server.db.customer.findFirstOrThrow({ where: { cards: { some: { code } } } });
async function valuesOf(customerId: string) {
  const rows = await server.db.customFieldValue.findMany({ where: { entityId: customerId } });
  const fields = await server.db.customFieldDefinition.findMany();
  return Object.fromEntries(rows.map((r) => [fields.find((f) => f.id === r.fieldId)!.key, r.text ?? r.number ?? r.integer ?? r.day]));
}

beforeAll(async () => {
  server = await startTestServer();
  owner = await server.login('owner', '1111');
  for (const field of [
    { entity: 'customer', key: 'contract_no', label: 'Contract no.', type: 'text' },
    { entity: 'customer', key: 'signed_on', label: 'Signed on', type: 'date' },
    { entity: 'customer', key: 'deposit', label: 'Deposit', type: 'money' },
    { entity: 'customer', key: 'vip', label: 'VIP', type: 'yes-no' },
    { entity: 'customer', key: 'region', label: 'Region', type: 'choice', choices: ['north', 'south'], defaultValue: 'north' },
  ]) expect((await owner.post('/api/custom-fields', field)).status).toBe(201);
});
afterAll(() => server.close());

describe('custom fields in a customer import', () => {
  let file: Buffer;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Clients');
    sheet.addRow(['Name', 'Card', 'Contract', 'Signed on', 'Deposit', 'VIP', 'Region']);
    // A date cell styled as a date; an empty contract cell; yes/no in words.
    const r2 = sheet.addRow(['Asta Jonaitienė', '9940000000017', 'K-1', new Date(Date.UTC(2025, 4, 20)), '150,50', 'yes', 'south']);
    r2.getCell(4).numFmt = 'dd.mm.yyyy';
    const r3 = sheet.getRow(3);
    r3.getCell(1).value = 'Petras Petraitis';
    r3.getCell(2).value = '9940000000024';
    r3.getCell(4).value = serial(2024, 2, 29); // a day number in a General cell
    r3.getCell(6).value = 'no';
    // Line 4: a date that is no day, a choice not in the list, money with too many decimals.
    sheet.addRow(['Bad Row', '9940000000031', 'K-3', '2023-02-29', '1.005', 'maybe', 'east']);
    file = Buffer.from(await workbook.xlsx.writeBuffer());
  });

  it('maps a column to a custom field, reads each type from the sheet, leaves an empty cell empty and fills the default', async () => {
    const res = await upload('/api/customers/import', file, { fileName: 'clients.xlsx', dryRun: 'false', mapping: JSON.stringify({ name: 'Name', card: 'Card' }), customFields: JSON.stringify({ contract_no: 'Contract', signed_on: 'Signed on', deposit: 'Deposit', vip: 'VIP', region: 'Region' }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, created: 2, rejectedCount: 1 });
    expect(await valuesOf((await byCard('9940000000017')).id)).toEqual({ contract_no: 'K-1', signed_on: '2025-05-20', deposit: 15_050, vip: 1, region: 'south' });
    expect(await valuesOf((await byCard('9940000000024')).id)).toEqual({ signed_on: '2024-02-29', vip: 0, region: 'north' });
  });

  it('rejects a row with values of the wrong type, naming its line and each field, and stores nothing of it', async () => {
    const res = await upload('/api/customers/import', file, { fileName: 'clients.xlsx', dryRun: 'true', mapping: JSON.stringify({ name: 'Name', card: 'Card' }), customFields: JSON.stringify({ contract_no: 'Contract', signed_on: 'Signed on', deposit: 'Deposit', vip: 'VIP', region: 'Region' }) });
    const bad = res.body.rejected.find((r: { row: number }) => r.row === 4);
    expect([...bad.reasons].sort()).toEqual([
      expect.stringMatching(/^Deposit \(deposit\): "1.005"/),
      expect.stringMatching(/^Region \(region\): "east" is not a value of the list \(north, south\)/),
      expect.stringMatching(/^Signed on \(signed_on\): "2023-02-29"/),
      expect.stringMatching(/^VIP \(vip\): "maybe"/),
    ]);
    expect(await server.db.customer.count({ where: { cards: { some: { code: '9940000000031' } } } })).toBe(0);
  });

  it('refuses a mapping to a field that does not exist, importing nothing', async () => {
    const before = await server.db.customer.count();
    const res = await upload('/api/customers/import', file, { fileName: 'clients.xlsx', dryRun: 'false', mapping: JSON.stringify({ name: 'Name', card: 'Card' }), customFields: JSON.stringify({ colour: 'Contract' }) });
    expect(res.body.rejected[0].reasons).toEqual(['no custom field colour']);
    expect(await server.db.customer.count()).toBe(before);
  });
});

describe('custom fields in exports and print forms', () => {
  it('exports each field as a column of the CSV and of the XLSX, filtered by a field', async () => {
    const filter = encodeURIComponent(JSON.stringify({ region: 'south' }));
    const csv = await download(`/api/customers/export?format=csv&fields=${filter}`);
    expect(csv.status).toBe(200);
    const rows: string[][] = parse(csv.body.toString('utf8').replace(/^\uFEFF/, ''), { delimiter: ';' });
    const columns = ['Name', 'Contract no.', 'Signed on', 'Deposit', 'VIP', 'Region'].map((name) => rows[0].indexOf(name));
    expect(columns.every((c) => c >= 0)).toBe(true);
    expect(rows.slice(1).map((r) => columns.map((c) => r[c]))).toEqual([['Asta Jonaitienė', 'K-1', '2025-05-20', '150.5', 'yes', 'south']]);

    const xlsx = await download('/api/customers/export?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const at = (name: string) => header.indexOf(name) + 1;
    const petras = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'Petras Petraitis')!;
    expect([petras.getCell(at('Contract no.')).value, petras.getCell(at('Signed on')).value, petras.getCell(at('VIP')).value, petras.getCell(at('Region')).value]).toEqual([null, '2024-02-29', 'no', 'north']);
  });

  it('prints a custom field through a print form placeholder, and refuses a placeholder of no field', async () => {
    const template = `# {{ t.statement }}\n{{ doc.buyer.name }}\nContract {{ customer.fields.contract_no }} signed {{ customer.fields.signed_on | day }}, deposit {{ customer.fields.deposit | money }}`;
    const saved = await owner.put('/api/print-forms/statement', { template });
    expect(saved.status).toBe(200);
    const wrong = await owner.put('/api/print-forms/statement', { template: `${template}\n{{ customer.fields.no_such_field }}` });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details.subject]).toEqual([422, 'invalid-print-form', 'customer.fields.no_such_field']);
    const asta = await byCard('9940000000017');
    await owner.put(`/api/customers/${asta.id}`, { name: asta.name, kind: 'company', companyCode: '300000001' });
    const pdf = await download(`/api/customers/${asta.id}/statement.pdf?from=2026-01-01&to=2026-01-31`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const file = path.join(server.dir, 'statement.pdf');
    fs.writeFileSync(file, pdf.body);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0\u202f]+/g, ' ');
    expect(text).toContain('Contract K-1 signed');
    expect(text).toMatch(/deposit €150\.50/);
  });
});
