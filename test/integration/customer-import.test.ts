import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

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
    expect(res.body).toMatchObject({ dryRun: true, rows: 5, created: 1, updated: 1, skipped: 0 });
    expect(res.body.rejected).toEqual([
      { row: 4, reasons: [expect.stringMatching(/^email:/)] },
      { row: 5, reasons: ['category: no category "platinum"'] },
      { row: 6, reasons: ['card: the same as row 2'] },
    ]);
    expect(await server.db.customer.count()).toBe(before);
  });

  it('imports the accepted rows in one go; an empty cell never blanks what the base has', async () => {
    const existing = await server.db.customer.findFirstOrThrow({ where: { cards: { some: { code: existingCard } } } });
    const res = await upload('/api/customers/import', csv1251, { fileName: 'base.csv', key: 'card', dryRun: 'false' });
    expect(res.body).toMatchObject({ dryRun: false, created: 1, updated: 1 });
    const ivan = await server.db.customer.findFirstOrThrow({ where: { cards: { some: { code: '9912000000011' } } }, include: { category: true } });
    expect(ivan).toMatchObject({ name: 'Иван Иванович Смирнов', phone: '37061200001', email: 'ivan@example.com', birthday: '1960-02-01' });
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
    expect(await server.db.customer.findFirst({ where: { name: 'Rūta Naujokė', phone: '37069911111' } })).not.toBeNull();
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

describe('customer export', () => {
  it('exports CSV that Excel opens in any locale, and XLSX', async () => {
    const csv = await fetch(`${server.url}/api/customers/export?format=csv`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\n')[0]).toContain('Name;Phone;Email;Card');
    expect(text).toContain('Иван Иванович Смирнов;37061200001;ivan@example.com;9912000000011;Gold card');

    const xlsx = await fetch(`${server.url}/api/customers/export?format=xlsx`, { headers: { authorization: `Bearer ${token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('Name');
    expect(sheet.rowCount).toBe((await server.db.customer.count()) + 1);
  });
});
