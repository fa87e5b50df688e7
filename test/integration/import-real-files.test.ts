import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';

// Files made the way the programs shops use write them: Excel's XLSX (date styles, empty cells,
// formulas with cached values, shared and rich text, the 1904 date system), 1C's Windows-1251 CSV
// with ";" and CRLF, Excel's "Unicode text" (UTF-16LE, tabs), Chinese Excel's GBK, and files with
// the faults hand-edited files have. Every row's outcome is worked out here from what was written.
let server: TestServer;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = (await server.login('manager', '2222')).token!;
});
afterAll(() => server.close());

async function upload(path: string, body: Buffer, query: Record<string, string>) {
  const res = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}
const preview = (file: Buffer, query: Record<string, string> = {}) => upload('/api/customers/import/preview', file, { fileName: 'customers.csv', ...query });
const importFile = (file: Buffer, query: Record<string, string>) => upload('/api/customers/import', file, { fileName: 'customers.csv', ...query });
const byCard = (code: string) => server.db.customer.findFirst({ where: { cards: { some: { code } } }, include: { category: true, otherPhones: true } });

/** Excel's day number of a date, in the 1900 or the 1904 system. */
const serial = (y: number, m: number, d: number, system: 1900 | 1904 = 1900) => (Date.UTC(y, m - 1, d) - (system === 1900 ? Date.UTC(1899, 11, 30) : Date.UTC(1904, 0, 1))) / 86_400_000;
const xlsx = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

describe('XLSX as Excel writes it', () => {
  let file: Buffer;
  // The sheet a shop exported from its old loyalty program, behind a sheet of notes.
  const rows = [
    { first: 'Žydrūnė', last: 'Kazlauskienė', phone: '+370 612 34567', card: '9930000000011', born: [1975, 4, 12], points: 120 },
    { first: 'Ąžuolas', last: null, phone: 37069876543, card: 9930000000028, born: [1980, 2, 29], points: null },
    { first: 'Ona', last: 'Petrauskienė', phone: '8 698 76544', card: '9930000000035', born: [1964, 1, 3], points: 7 },
  ];

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Read me').addRow(['Exported from the old program']);
    const sheet = workbook.addWorksheet('Klientai');
    sheet.addRow(['Vardas', 'Pavardė', 'Telefonas', 'Kortelės Nr.', 'Gimimo data', 'Taškai']);
    // A shop's sheet: a date cell with a date style, a name left empty, a phone and a card typed as numbers.
    const r2 = sheet.addRow([rows[0].first, rows[0].last, rows[0].phone, rows[0].card, new Date(Date.UTC(1975, 3, 12)), rows[0].points]);
    r2.getCell(5).numFmt = 'yyyy-mm-dd';
    const r3 = sheet.getRow(3);
    r3.getCell(1).value = rows[1].first; // B3 stays without a cell: a hole in the row
    r3.getCell(3).value = rows[1].phone;
    r3.getCell(4).value = rows[1].card;
    // A formula with the value Excel cached when it saved, styled as a date.
    r3.getCell(5).value = { formula: 'DATE(1980,2,29)', result: serial(1980, 2, 29) } as ExcelJS.CellFormulaValue;
    r3.getCell(5).numFmt = 'dd.mm.yyyy';
    // Rich text (one word bold), the birthday as a day number in a General cell, points by formula.
    const r4 = sheet.getRow(4);
    r4.getCell(1).value = { richText: [{ text: 'Ona' }] };
    r4.getCell(2).value = { richText: [{ text: 'Petrau' }, { font: { bold: true }, text: 'skienė' }] };
    r4.getCell(3).value = rows[2].phone;
    r4.getCell(4).value = rows[2].card;
    r4.getCell(5).value = serial(1964, 1, 3);
    r4.getCell(6).value = { formula: '3+4', result: 7 } as ExcelJS.CellFormulaValue;
    sheet.addRow([]); // an empty row before the last one
    sheet.addRow(['Nerija', 'Vaitkutė', '+370 600 00001', '9930000000042', '1980-02-31']);
    file = await xlsx(workbook);
  });

  it('previews the first sheet and offers the others', async () => {
    const res = await preview(file, { fileName: 'klientai.xlsx' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ encoding: 'xlsx', sheets: ['Read me', 'Klientai'], sheet: 'Read me', headers: ['Exported from the old program'] });
  });

  it('previews the chosen sheet with every cell by its type, holes as empty cells, and the date column found', async () => {
    const res = await preview(file, { fileName: 'klientai.xlsx', sheet: 'Klientai' });
    expect(res.status).toBe(200);
    expect(res.body.suggestedMapping).toMatchObject({ firstName: 'Vardas', lastName: 'Pavardė', phone: 'Telefonas', card: 'Kortelės Nr.', birthday: 'Gimimo data', openingPoints: 'Taškai' });
    expect(res.body.rows.slice(0, 3)).toEqual([
      ['Žydrūnė', 'Kazlauskienė', '+370 612 34567', '9930000000011', '1975-04-12', '120'],
      ['Ąžuolas', '', '37069876543', '9930000000028', '1980-02-29'],
      ['Ona', 'Petrauskienė', '8 698 76544', '9930000000035', String(serial(1964, 1, 3)), '7'],
    ]);
    expect(res.body.total).toBe(4); // the empty row is no row
    expect(res.body.dateFormats['Gimimo data']).toBeDefined();
  });

  it('imports the sheet: names joined, dates of every kind, phones in E.164, points as an opening balance; the impossible date rejected', async () => {
    const res = await importFile(file, { fileName: 'klientai.xlsx', sheet: 'Klientai', dryRun: 'false' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sheet: 'Klientai', rows: 4, created: 3, rejectedCount: 1 });
    expect(res.body.rejected).toEqual([{ row: 6, reasons: [expect.stringMatching(/^birthday: "1980-02-31" is not a date/)] }]);
    const expected = [
      { name: 'Žydrūnė Kazlauskienė', phone: '+37061234567', birthday: '1975-04-12', points: 120 },
      { name: 'Ąžuolas', phone: '+37069876543', birthday: '1980-02-29', points: 0 },
      { name: 'Ona Petrauskienė', phone: '+37069876544', birthday: '1964-01-03', points: 7 },
    ];
    for (const [i, want] of expected.entries()) {
      const customer = await byCard(String(rows[i].card));
      expect(customer).toMatchObject({ name: want.name, phone: want.phone, birthday: want.birthday });
      const points = await server.db.pointsMovement.aggregate({ where: { customerId: customer!.id, kind: 'opening' }, _sum: { points: true } });
      expect(points._sum.points ?? 0).toBe(want.points);
    }
    expect(await byCard('9930000000042')).toBeNull();
  });

  it('reads dates of a workbook that counts from 1904 (Excel for Mac) by that system', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('Customers');
    sheet.addRow(['Name', 'Card', 'Birthday']);
    const dated = sheet.addRow(['Mac Date Cell', '9931000000010', new Date(Date.UTC(1990, 6, 15))]);
    dated.getCell(3).numFmt = 'd mmm yyyy';
    const formula = sheet.addRow(['Mac Formula', '9931000000027']);
    formula.getCell(3).value = { formula: 'DATE(1970,1,1)', result: serial(1970, 1, 1, 1904) } as ExcelJS.CellFormulaValue;
    formula.getCell(3).numFmt = 'dd.mm.yyyy';
    sheet.addRow(['Mac Serial', '9931000000034', serial(2001, 9, 11, 1904)]);
    const res = await importFile(await xlsx(workbook), { fileName: 'mac.xlsx', dryRun: 'false' });
    expect(res.body).toMatchObject({ created: 3, rejectedCount: 0 });
    expect((await byCard('9931000000010'))?.birthday).toBe('1990-07-15');
    expect((await byCard('9931000000027'))?.birthday).toBe('1970-01-01');
    expect((await byCard('9931000000034'))?.birthday).toBe('2001-09-11');
  });
});

describe('CSV files in the encodings shops have', () => {
  it('imports 1C’s Windows-1251 file (";", CRLF) by its Russian headers', async () => {
    const lines = [
      'Наименование;Телефон;Дисконтная карта;Дата рождения;Адрес',
      'Ёлкина Ольга Петровна;+7 912 345-67-89;9932000000011;08.03.1958;г. Москва, ул. Тверская, 1',
      'ООО "Ромашка";+7 495 123-45-67;9932000000028;;',
    ];
    const file = iconv.encode(`${lines.join('\r\n')}\r\n`, 'windows-1251');
    const shown = await preview(file);
    expect(shown.body).toMatchObject({ encoding: 'windows-1251', delimiter: ';', total: 2 });
    expect(shown.body.suggestedMapping).toEqual({ name: 'Наименование', phone: 'Телефон', card: 'Дисконтная карта', birthday: 'Дата рождения', address: 'Адрес' });
    expect(shown.body.dateFormats).toEqual({ 'Дата рождения': 'dmy' });
    const res = await importFile(file, { dryRun: 'false' });
    expect(res.body).toMatchObject({ encoding: 'windows-1251', created: 2, rejectedCount: 0, dateFormat: 'dmy' });
    expect(await byCard('9932000000011')).toMatchObject({ name: 'Ёлкина Ольга Петровна', phone: '+79123456789', birthday: '1958-03-08', address: 'г. Москва, ул. Тверская, 1', kind: 'person' });
    expect(await byCard('9932000000028')).toMatchObject({ name: 'ООО "Ромашка"', phone: '+74951234567', kind: 'company' });
  });

  it('imports Excel’s "Unicode text" (UTF-16LE with its byte order mark, tabs)', async () => {
    const text = ['Name\tPhone\tCard', 'Zoë O’Brien\t+353 87 123 4567\t9933000000017', '王芳\t+86 138 0013 8000\t9933000000024'].join('\r\n');
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const res = await importFile(file, { dryRun: 'false' });
    expect(res.body).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', created: 2, rejectedCount: 0 });
    expect(await byCard('9933000000017')).toMatchObject({ name: 'Zoë O’Brien', phone: '+353871234567' });
    expect(await byCard('9933000000024')).toMatchObject({ name: '王芳', phone: '+8613800138000' });
  });

  it('imports Chinese Excel’s GBK file, its membership levels mapped to categories through the value table', async () => {
    const text = ['姓名,手机,会员卡,会员等级,生日', '王芳,+86 138 0013 8001,9934000000016,金卡,1985/6/1', '李小明,+86 139 1234 5678,9934000000023,普通会员,1990/12/31', '张伟,,9934000000030,钻石卡,'].join('\r\n');
    const file = iconv.encode(text, 'gbk');
    const shown = await preview(file);
    expect(shown.body.encoding).toMatch(/^(gbk|gb18030)$/);
    expect(shown.body.headers).toEqual(['姓名', '手机', '会员卡', '会员等级', '生日']);
    expect(shown.body.suggestedMapping).toEqual({ name: '姓名', phone: '手机', card: '会员卡', category: '会员等级', birthday: '生日' });
    expect(shown.body.categoryValues).toEqual(['金卡', '普通会员', '钻石卡']);
    expect(shown.body.dateFormats).toEqual({ 生日: 'ymd' });
    // Without the value table no row's category is known; with it, each value is a category or none.
    const unmapped = await importFile(file, { dryRun: 'true' });
    expect(unmapped.body.rejectedCount).toBe(3);
    const res = await importFile(file, { dryRun: 'false', categoryValues: JSON.stringify({ 金卡: 'gold', 普通会员: '' }) });
    // 钻石卡 is left out of the table and is no category here.
    expect(res.body).toMatchObject({ created: 2, rejectedCount: 1, dateFormat: 'ymd' });
    expect(res.body.rejected[0].row).toBe(4);
    expect(await byCard('9934000000016')).toMatchObject({ name: '王芳', birthday: '1985-06-01', category: { code: 'gold' } });
    expect(await byCard('9934000000023')).toMatchObject({ name: '李小明', birthday: '1990-12-31', categoryId: null });
  });

  // One sample per encoding, in a language written in it; where two encodings read every byte of
  // it alike (ISO-8859-13 and Windows-1257 for Lithuanian), either is a right guess.
  const SAMPLES: { encoding: string; text: string; alike?: string[]; bom?: number[] }[] = [
    { encoding: 'utf-8', text: 'Vardas;Telefonas\nŽydrūnė Ąžuolaitė;+370 612 00002\n王芳;+86 138 0013 8002\n' },
    { encoding: 'utf-8', text: 'Name;Phone\nЁлкина;+7 912 000 00 01\n', bom: [0xef, 0xbb, 0xbf] },
    { encoding: 'utf-16le', text: 'Name\tPhone\nЁлкина\t1\n', bom: [0xff, 0xfe] },
    { encoding: 'utf-16be', text: 'Name\tPhone\nЁлкина\t1\n', bom: [0xfe, 0xff] },
    { encoding: 'utf-16be', text: 'Name\tPhone\nJonas Jonaitis\t1\nPetras Petraitis\t2\n' },
    { encoding: 'windows-1251', text: 'ФИО;Телефон\nЁлкина Ольга Петровна;1\nСмирнов Иван Иванович;2\nПетров Сергей Николаевич;3\n' },
    { encoding: 'koi8-r', text: 'ФИО;Телефон\nЁлкина Ольга Петровна;1\nСмирнов Иван Иванович;2\nПетров Сергей Николаевич;3\n' },
    { encoding: 'koi8-u', text: 'ПІБ;Телефон\nШевченко Тарас Григорович;1\nКоваленко Ірина Євгенівна;2\nЇжакевич Ґанна;3\n' },
    { encoding: 'windows-1257', text: 'Vardas;Telefonas\nŽydrūnė Kazlauskienė;1\nĄžuolas Šimkus;2\nJonas Petraitis;3\n', alike: ['iso-8859-13'] },
    { encoding: 'iso-8859-13', text: 'Vardas;Telefonas\nŽydrūnė Kazlauskienė;1\nĄžuolas Šimkus;2\nJonas Petraitis;3\n', alike: ['windows-1257'] },
    { encoding: 'windows-1250', text: 'Jméno;Telefon\nŠárka Šimková;1\nŽaneta Dvořáková;2\nPetr Novák;3\n' },
    { encoding: 'iso-8859-2', text: 'Nume;Telefon\nŞtefănescu Ion;1\nMaria Ţăranu;2\nAndrei Popescu;3\n', alike: ['windows-1250'] },
    { encoding: 'windows-1252', text: 'Name;Phone\nZoë O’Brien;1\nFrançoise Dupré;2\nSøren Ågård;3\n' },
    { encoding: 'gbk', text: '姓名,电话\n王芳,1\n李小明,2\n张伟有限公司,3\n', alike: ['gb18030'] },
    { encoding: 'big5', text: '姓名,電話\n王芳,1\n李小明,2\n陳大文,3\n' },
  ];

  it('detects every encoding it offers, and shows the other readings beside the guess', async () => {
    for (const sample of SAMPLES) {
      const file = Buffer.concat([Buffer.from(sample.bom ?? []), iconv.encode(sample.text, sample.encoding)]);
      const res = await preview(file);
      const label = `${sample.encoding}${sample.bom ? ' with BOM' : ''}`;
      expect(res.status, label).toBe(200);
      expect([sample.encoding, ...(sample.alike ?? [])], label).toContain(res.body.encoding);
      const [header, ...lines] = sample.text.trim().split('\n').map((l) => l.split(/[;,\t]/));
      expect(res.body.headers, label).toEqual(header);
      expect(res.body.rows, label).toEqual(lines);
      expect(res.body.encodings[0].encoding, label).toBe(res.body.encoding);
    }
  });

  it('shows a wrong guess for what it is, and reads the file in the encoding chosen', async () => {
    const file = iconv.encode('ФИО;Телефон\nЁлкина Ольга;1\n', 'koi8-r');
    const guessed = await preview(file);
    expect(guessed.body).toMatchObject({ encoding: 'koi8-r', headers: ['ФИО', 'Телефон'] });
    expect(guessed.body.encodings[0]).toEqual({ encoding: 'koi8-r', sample: 'ФИО;Телефон' });
    const wrong = await preview(file, { encoding: 'windows-1251' });
    expect(wrong.body.encoding).toBe('windows-1251');
    expect(wrong.body.encodings).toEqual([{ encoding: 'windows-1251', sample: iconv.decode(iconv.encode('ФИО;Телефон', 'koi8-r'), 'windows-1251') }]);
    expect(wrong.body.rows[0][0]).not.toBe('Ёлкина Ольга');
    expect(wrong.body.rows[0][0]).toBe(iconv.decode(iconv.encode('Ёлкина Ольга', 'koi8-r'), 'windows-1251'));
    const right = await preview(file, { encoding: 'koi8-r' });
    expect(right.body.rows[0][0]).toBe('Ёлкина Ольга');
  });
});

describe('files with faults', () => {
  // A hand-edited file: a quote never closed, rows with too few and too many cells, a quoted cell
  // over two lines, blank rows, and a stray quote that closes in a later line.
  const lines = [
    'Name;Phone;Card;Notes', //                                   line 1
    'Good One;+370 600 10001;9935000000015;', //                  2
    '"Unclosed Quote;+370 600 10002;9935000000022;', //           3: quote never closed
    'Too Few;+370 600 10003', //                                  4: 2 cells
    'Too Many;+370 600 10004;9935000000039;note;extra', //        5: 5 cells
    ';;;', //                                                     6: blank
    '', //                                                        7: empty
    'Multi Line;+370 600 10005;9935000000046;"first line', //     8: a note over two lines
    'second line"', //                                            9
    'Stray "Quote;+370 600 10006;9935000000053;', //             10: a quote inside a cell is a character
    'Bad "Closing;+370 600 10007;"9935000000060"x;', //          11: a quote closed before more text
    'Last One;+370 600 10008;9935000000077;', //                 12
  ];
  const file = Buffer.from(lines.join('\r\n'));
  const outcomes: Record<number, 'imported' | RegExp> = {
    2: 'imported',
    3: /^line 3: a quote opened in this line /,
    4: /^line 4: 2 cells where the header has 4/,
    5: /^line 5: 5 cells where the header has 4/,
    8: 'imported',
    10: 'imported',
    11: /^line 11: /,
    12: 'imported',
  };
  const rejected = Object.entries(outcomes).filter(([, o]) => o !== 'imported').map(([line, reason]) => ({ row: Number(line), reasons: [expect.stringMatching(reason)] }));

  it('previews it, listing each row that cannot be read by its line and reason', async () => {
    const res = await preview(file);
    expect(res.status).toBe(200);
    expect(res.body.malformed.map((m: { line: number }) => m.line)).toEqual(rejected.map((r) => r.row));
    expect(res.body.rows.map((r: string[]) => r[0])).toEqual(['Good One', 'Multi Line', 'Stray "Quote', 'Last One']);
  });

  it('reports every such row in a dry run, and imports the rest when told to go on', async () => {
    const before = await server.db.customer.count();
    const dry = await importFile(file, { dryRun: 'true' });
    expect(dry.body).toMatchObject({ rows: 8, created: 4, malformed: 4, rejectedCount: 4 });
    expect(dry.body.rejected).toEqual(rejected);
    expect(await server.db.customer.count()).toBe(before);

    const stopped = await importFile(file, { dryRun: 'false', malformed: 'stop' });
    expect(stopped.status).toBe(422);
    expect(stopped.body.error).toMatchObject({ code: 'malformed-row', fields: [{ path: 'body', message: expect.stringMatching(/^line 3: /) }] });
    expect(await server.db.customer.count()).toBe(before);

    const res = await importFile(file, { dryRun: 'false', malformed: 'skip' });
    expect(res.body).toMatchObject({ created: 4, malformed: 4 });
    expect(await server.db.customer.count()).toBe(before + 4);
    expect((await byCard('9935000000046'))?.notes).toBe('first line\r\nsecond line');
    expect((await byCard('9935000000053'))?.name).toBe('Stray "Quote');
    for (const card of ['9935000000022', '9935000000039', '9935000000060']) expect(await byCard(card)).toBeNull();
  });

  it('leaves the base as it was when it stops at a malformed row after batches were written', async () => {
    const before = await server.db.customer.count();
    const many = Array.from({ length: 4_500 }, (_, i) => `Batch ${i};;99360${String(i).padStart(8, '0')};`);
    const broken = Buffer.from(['Name;Phone;Card;Notes', ...many, 'Broken "Row;;"9936999999999"x;', 'After;;9936999999998;'].join('\n'));
    const res = await importFile(broken, { dryRun: 'false', malformed: 'stop' });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^Line 4502 /);
    expect(await server.db.customer.count()).toBe(before);
    expect(await server.db.customerCard.count({ where: { code: { startsWith: '99360' } } })).toBe(0);
    const run = await server.db.importRun.findFirstOrThrow({ where: { status: 'failed' }, orderBy: { createdAt: 'desc' } });
    expect(JSON.parse(run.report).created).toBeGreaterThanOrEqual(4_000); // two batches had been written
  });
});

describe('dates', () => {
  it('refuses impossible dates for a customer registered at the till or in the back office', async () => {
    const manager = await server.login('manager', '2222');
    for (const birthday of ['1980-02-31', '2019-13-01', '2019-02-29']) {
      const res = await manager.post('/api/customers', { name: `Impossible ${birthday}`, birthday });
      expect(res.status, birthday).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path), birthday).toContain('body.birthday');
    }
    expect(await server.db.customer.count({ where: { name: { startsWith: 'Impossible' } } })).toBe(0);
    expect((await manager.post('/api/customers', { name: 'Leap Day', birthday: '2000-02-29' })).status).toBe(201);
  });

  it('reads day-first, month-first, year-first and Excel day numbers by the format detected or chosen', async () => {
    const cases: { dates: string[]; detected: string; chosen?: string; want: (string | null)[] }[] = [
      { dates: ['31.12.1980', '01.02.1960'], detected: 'dmy', want: ['1980-12-31', '1960-02-01'] },
      { dates: ['12/31/1980', '2/1/1960'], detected: 'mdy', want: ['1980-12-31', '1960-02-01'] },
      { dates: ['1980/12/31', '1960/2/1'], detected: 'ymd', want: ['1980-12-31', '1960-02-01'] },
      { dates: [String(serial(1980, 12, 31)), String(serial(1960, 2, 1))], detected: 'serial', want: ['1980-12-31', '1960-02-01'] },
      // Ambiguous: the outlet's way (day first) unless the user says month first.
      { dates: ['02/03/1980', '04/05/1960'], detected: 'dmy', want: ['1980-03-02', '1960-05-04'] },
      { dates: ['02/03/1980', '04/05/1960'], detected: 'dmy', chosen: 'mdy', want: ['1980-02-03', '1960-04-05'] },
      { dates: ['31.02.1980', '30.04.1960', '29.02.1961', '29.02.1964'], detected: 'dmy', want: [null, '1960-04-30', null, '1964-02-29'] },
    ];
    for (const [n, c] of cases.entries()) {
      const card = (i: number) => `9937${String(n).padStart(2, '0')}${String(i).padStart(7, '0')}`;
      const body = Buffer.from(['Name,Card,Birthday', ...c.dates.map((d, i) => `Dated ${n}-${i},${card(i)},${d}`)].join('\n'));
      expect((await preview(body)).body.dateFormats.Birthday, c.dates.join()).toBe(c.detected);
      const res = await importFile(body, { dryRun: 'false', ...(c.chosen ? { dateFormat: c.chosen } : {}) });
      expect(res.body.dateFormat, c.dates.join()).toBe(c.chosen ?? c.detected);
      for (const [i, want] of c.want.entries()) {
        const customer = await byCard(card(i));
        if (want === null) {
          expect(customer, `${c.dates[i]} (case ${n})`).toBeNull();
          expect(res.body.rejected.map((r: { row: number }) => r.row), `case ${n}`).toContain(i + 2);
        } else expect(customer?.birthday, `${c.dates[i]} (case ${n})`).toBe(want);
      }
    }
  });
});
