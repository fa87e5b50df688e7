import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { recoverInterruptedImports } from '../../server/importexport/import-undo.ts';
import { newId } from '../../shared/ids.ts';

let server: TestServer;
let token: string;

async function upload(path: string, body: Buffer, query: Record<string, string>, type = 'text/csv') {
  const res = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}

// A file as Excel in a Russian Windows saves it: Windows-1251, ";" between columns.
const existingCard = '9900000000011';
const csv1251 = iconv.encode(
  [
    'ФИО;Телефон;E-mail;Карта;Категория;Дата рождения',
    'Иван Иванович Смирнов;8 612 00001;ivan@example.com;9912000000011;gold;01.02.1960',
    'Ona Kazlauskienė;;;' + existingCard + ';silver;',
    'Пётр Нет-Почты;;not-an-email;9912000000028;;',
    'Мария Категорийная;;;9912000000035;platinum;',
    'Дубль Карты;;;9912000000011;;',
  ].join('\r\n'),
  'windows-1251',
);

beforeAll(async () => {
  server = await startTestServer();
  token = (await server.login('manager', '2222')).token!;
});

afterAll(() => server.close());

describe('customer import', () => {
  it('previews a Windows-1251 file: encoding, delimiter, headers and the suggested mapping', async () => {
    const res = await upload('/api/customers/import/preview', csv1251, { fileName: 'base.csv' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'windows-1251', delimiter: ';', total: 5 });
    expect(res.body.headers[0]).toBe('ФИО');
    expect(res.body.suggestedMapping).toEqual({ name: 'ФИО', phone: 'Телефон', email: 'E-mail', card: 'Карта', category: 'Категория', birthday: 'Дата рождения' });
  });

  it('reports row by row in a dry run and writes nothing', async () => {
    const before = await server.db.customer.count();
    const res = await upload('/api/customers/import', csv1251, { fileName: 'base.csv', key: 'card', onExisting: 'update', dryRun: 'true' });
    // Row 6 has row 2's card: the same customer, taken into row 2's.
    expect(res.body).toMatchObject({ dryRun: true, rows: 5, created: 1, updated: 1, skipped: 0, merged: 1 });
    expect(res.body.rejected).toEqual([
      { row: 4, reasons: [expect.stringMatching(/^email:/)] },
      { row: 5, reasons: [expect.stringMatching(/^category: no category "platinum"/)] },
    ]);
    expect(await server.db.customer.count()).toBe(before);
  });

  it('imports the accepted rows in one go; an empty cell never blanks what the base has', async () => {
    const existing = await server.db.customer.findFirstOrThrow({ where: { cards: { some: { code: existingCard } } } });
    // Row 6 brings row 2's card under another name: names keep the first row's.
    const res = await upload('/api/customers/import', csv1251, { fileName: 'base.csv', key: 'card', dryRun: 'false', fieldRules: JSON.stringify({ name: 'fill-empty' }) });
    expect(res.body).toMatchObject({ dryRun: false, created: 1, updated: 1, merged: 1 });
    const ivan = await server.db.customer.findFirstOrThrow({ where: { cards: { some: { code: '9912000000011' } } }, include: { category: true } });
    expect(ivan).toMatchObject({ name: 'Иван Иванович Смирнов', phone: '+37061200001', email: 'ivan@example.com', birthday: '1960-02-01' });
    expect(ivan.category?.code).toBe('gold');
    const updated = await server.db.customer.findUniqueOrThrow({ where: { id: existing.id }, include: { category: true } });
    expect(updated.category?.code).toBe('silver');
    expect(updated.email).toBe(existing.email);
    expect(await server.db.customerCard.count({ where: { code: '9912000000028' } })).toBe(0);
    expect(await server.db.auditLog.count({ where: { action: 'customer-import' } })).toBe(1);
  });

  it('imports an XLSX sheet with an explicit mapping, skipping customers that exist', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Klientai');
    sheet.addRow(['Vardas', 'Mobilus', 'Kortelės Nr.']);
    sheet.addRow(['Rūta Naujokė', '+370 699 11111', '9913000000010']);
    sheet.addRow(['Ivan again', '', '9912000000011']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const mapping = JSON.stringify({ name: 'Vardas', phone: 'Mobilus', card: 'Kortelės Nr.' });
    const res = await upload('/api/customers/import', file, { fileName: 'klientai.xlsx', mapping, onExisting: 'skip', dryRun: 'false' }, 'application/octet-stream');
    expect(res.body).toMatchObject({ encoding: 'xlsx', created: 1, skipped: 1, rejected: [] });
    expect(await server.db.customer.findFirst({ where: { name: 'Rūta Naujokė', phone: '+37069911111' } })).not.toBeNull();
  });

  it('names a mapping that is not JSON, and refuses a cashier', async () => {
    const bad = await upload('/api/customers/import', csv1251, { mapping: '{oops' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('querystring.mapping');
    const cashier = (await server.login('anna', '3333')).token!;
    const res = await fetch(`${server.url}/api/customers/import`, { method: 'POST', headers: { authorization: `Bearer ${cashier}`, 'content-type': 'text/csv' }, body: new Uint8Array(csv1251) });
    expect(res.status).toBe(403);
  });
});

describe('import runs', () => {
  const rowsCsv = (from: number, count: number, prefix = '9915') =>
    ['Name,Phone,Card', ...Array.from({ length: count }, (_, i) => `Batch Customer ${from + i},+370 650 ${String(10000 + from + i).slice(-5)},${prefix}${String(from + i).padStart(9, '0')}`)].join('\n');

  it('undoes a whole import: customers it created go, fields it updated come back, cards it issued go', async () => {
    const existing = await server.db.customer.findFirstOrThrow({ where: { cards: { some: {} } }, include: { cards: true } });
    const before = await server.db.customer.count();
    const file = Buffer.from(`${rowsCsv(1, 4_500)}\nRenamed By Import,,${existing.cards[0].code}\n`);
    const res = await upload('/api/customers/import', file, { fileName: 'batch.csv', key: 'card', dryRun: 'false' });
    expect(res.body).toMatchObject({ created: 4_500, updated: 1, rejectedCount: 0 });
    expect(await server.db.customer.count()).toBe(before + 4_500);
    expect((await server.db.customer.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe('Renamed By Import');

    const runs = await fetch(`${server.url}/api/imports?kind=customers`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    expect(runs.items[0]).toMatchObject({ id: res.body.importId, status: 'done', created: 4_500, updated: 1 });

    const undo = await fetch(`${server.url}/api/imports/${res.body.importId}/undo`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(await undo.json()).toEqual({ removed: 4_500, restored: 1, kept: 0 });
    expect(await server.db.customer.count()).toBe(before);
    expect((await server.db.customer.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe(existing.name);
    expect(await server.db.customerCard.count({ where: { code: { startsWith: '9915' } } })).toBe(0);
    const again = await fetch(`${server.url}/api/imports/${res.body.importId}/undo`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(409);
    expect(await server.db.auditLog.count({ where: { action: 'import-undo', entityId: res.body.importId } })).toBe(1);
  });

  it('leaves the base as it was when the upload breaks off half-way, after batches were written', async () => {
    const before = await server.db.customer.count();
    const text = new TextEncoder().encode(rowsCsv(10_000, 6_000, '9916'));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= text.length * 0.8) {
          controller.error(new Error('link dropped'));
          return;
        }
        controller.enqueue(text.subarray(sent, sent + 16_384));
        sent += 16_384;
        await new Promise((r) => setTimeout(r, 2));
      },
    });
    await fetch(`${server.url}/api/customers/import?${new URLSearchParams({ fileName: 'broken.csv', dryRun: 'false' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit).catch(() => null);
    await expect.poll(async () => (await server.db.importRun.findFirst({ where: { fileName: 'broken.csv' } }))?.status, { timeout: 10_000 }).toBe('failed');
    const failed = await server.db.importRun.findFirstOrThrow({ where: { fileName: 'broken.csv' } });
    expect(JSON.parse(failed.report).created).toBeGreaterThanOrEqual(4_000); // two batches had been committed before the link dropped
    expect(await server.db.customer.count()).toBe(before);
    expect(await server.db.customerCard.count({ where: { code: { startsWith: '9916' } } })).toBe(0);
  });

  it('after a crash mid-import, the next start takes out what the interrupted import wrote', async () => {
    const user = await server.db.user.findFirstOrThrow();
    const customerId = newId();
    await server.db.importRun.create({ data: { id: 'crashed-run', kind: 'customers', fileName: 'crash.csv', dryRun: false, status: 'running', options: '{}', createdById: user.id } });
    await server.db.customer.create({ data: { id: customerId, name: 'Half Imported', searchName: 'half imported' } });
    await server.db.importChange.create({ data: { id: newId(), importId: 'crashed-run', entityId: customerId, action: 'create' } });
    expect(await recoverInterruptedImports(server.db)).toBe(1);
    expect(await server.db.customer.findUnique({ where: { id: customerId } })).toBeNull();
    expect((await server.db.importRun.findUniqueOrThrow({ where: { id: 'crashed-run' } })).status).toBe('failed');
  });

  it('gives the rejected rows back as CSV with their reasons and the file\'s own columns', async () => {
    const res = await upload('/api/customers/import', csv1251, { fileName: 'base.csv', key: 'card', dryRun: 'true' });
    const csv = await fetch(`${server.url}/api/imports/${res.body.importId}/rejected.csv`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0]).toBe('Row;Reasons;ФИО;Телефон;E-mail;Карта;Категория;Дата рождения');
    expect(lines).toHaveLength(1 + res.body.rejectedCount);
    expect(lines[2]).toContain('category: no category ""platinum""');
    expect(lines[2]).toContain('Мария Категорийная');
  });

  it('saves a mapping as a template and lists it', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const saved = await fetch(`${server.url}/api/customers/import/templates`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ name: 'Old till export', mapping: { name: 'ФИО', card: 'Карта' }, key: 'card', onExisting: 'skip', encoding: 'windows-1251', delimiter: ';' }),
    }).then((r) => r.json());
    expect(saved).toMatchObject({ name: 'Old till export', key: 'card', encoding: 'windows-1251' });
    const list = await fetch(`${server.url}/api/customers/import/templates`, { headers }).then((r) => r.json());
    expect(list.items.map((t: { name: string }) => t.name)).toContain('Old till export');
    const bad = await fetch(`${server.url}/api/customers/import/templates`, { method: 'PUT', headers, body: JSON.stringify({ name: '', key: 'shoe' }) }).then((r) => r.json());
    expect(bad.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['body.name', 'body.key']));
  });
});

describe('customer export', () => {
  it('exports CSV that Excel opens in any locale, and XLSX', async () => {
    const csv = await fetch(`${server.url}/api/customers/export?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\n')[0]).toContain('Name;Phone;Email;Card');
    expect(text).toContain('Иван Иванович Смирнов;+37061200001;ivan@example.com;9912000000011;Gold card');

    const xlsx = await fetch(`${server.url}/api/customers/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Name');
    expect(sheet.rowCount).toBe((await server.db.customer.count()) + 1);
  });
});
