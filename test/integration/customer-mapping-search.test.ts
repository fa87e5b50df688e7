import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Mapping what shops' files hold onto customers, and finding them again the way cashiers ask.
let server: TestServer;
let manager: ApiClient;
let cashier: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  manager = await server.login('manager', '2222');
  cashier = await server.login('anna', '3333');
});
afterAll(() => server.close());

async function upload(path: string, body: Buffer | string, query: Record<string, string>) {
  const res = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'text/csv' }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: res.status, body: await res.json() };
}
const importFile = (body: Buffer | string, query: Record<string, string> = {}) => upload('/api/customers/import', body, { fileName: 'customers.csv', dryRun: 'false', ...query });
const byCard = (code: string) => server.db.customer.findFirst({ where: { cards: { some: { code } } }, include: { category: true, otherPhones: true, contacts: true, cards: true } });

describe('headers as shops name them', () => {
  const cases: { language: string; header: string; want: Record<string, string> }[] = [
    { language: 'ru', header: 'Фамилия;Имя;Отчество;Дисконтная карта;Телефон;Дата рождения;Бонусы', want: { lastName: 'Фамилия', firstName: 'Имя', middleName: 'Отчество', card: 'Дисконтная карта', phone: 'Телефон', birthday: 'Дата рождения', openingPoints: 'Бонусы' } },
    { language: 'ru (1C)', header: 'Наименование;ИНН;КПП;Контактное лицо;Электронная почта', want: { name: 'Наименование', companyCode: 'ИНН', vatCode: 'КПП', contactName: 'Контактное лицо', email: 'Электронная почта' } },
    { language: 'uk', header: 'ПІБ;Картка;Мобільний телефон;Дата народження;Сума покупок', want: { name: 'ПІБ', card: 'Картка', phone: 'Мобільний телефон', birthday: 'Дата народження', openingSpend: 'Сума покупок' } },
    { language: 'lt', header: 'Vardas;Pavardė;Kortelės Nr.;Telefonas;Taškai;El. paštas', want: { firstName: 'Vardas', lastName: 'Pavardė', card: 'Kortelės Nr.', phone: 'Telefonas', openingPoints: 'Taškai', email: 'El. paštas' } },
    { language: 'ro', header: 'Nume;Prenume;Telefon;Card fidelitate;Data nașterii;Categorie', want: { lastName: 'Nume', firstName: 'Prenume', phone: 'Telefon', card: 'Card fidelitate', birthday: 'Data nașterii', category: 'Categorie' } },
    { language: 'zh', header: '客户名称,手机号码,会员卡号,积分,礼品卡,礼品卡余额,注册日期', want: { name: '客户名称', phone: '手机号码', card: '会员卡号', openingPoints: '积分', giftCard: '礼品卡', giftCardBalance: '礼品卡余额', registeredOn: '注册日期' } },
    { language: 'en', header: 'Company,Contact person,Phone,E-mail,VAT number,Customer since,Total spent', want: { company: 'Company', contactName: 'Contact person', phone: 'Phone', email: 'E-mail', vatCode: 'VAT number', registeredOn: 'Customer since', openingSpend: 'Total spent' } },
  ];
  it('suggests the right field for each column, in Russian, Ukrainian, Lithuanian, Romanian, Chinese and English', async () => {
    for (const c of cases) {
      const delimiter = c.header.includes(';') ? ';' : ',';
      const res = await upload('/api/customers/import/preview', `${c.header}\n${c.header.split(delimiter).map(() => 'x').join(delimiter)}\n`, {});
      expect(res.status, c.language).toBe(200);
      expect(res.body.suggestedMapping, c.language).toEqual(c.want);
    }
  });
});

describe('what shops’ files hold', () => {
  it('joins names split over columns, and makes companies of company columns and legal forms, with their contact persons', async () => {
    const file = [
      'Фамилия;Имя;Отчество;Организация;Карта;Телефон',
      'Петрова;Анна;Сергеевна;;9940000000010;+370 612 40001',
      'Jonaitis;Jonas;;UAB „Saulėtekis“;9940000000027;+370 612 40002',
      ';;;SC Alfa Impex SRL;9940000000034;',
      'Wang;Fang;;;9940000000041;',
      ';;;;9940000000058;',
    ].join('\n');
    const res = await importFile(file, { mapping: JSON.stringify({ lastName: 'Фамилия', firstName: 'Имя', middleName: 'Отчество', company: 'Организация', card: 'Карта', phone: 'Телефон' }) });
    expect(res.body).toMatchObject({ created: 4, rejectedCount: 1 });
    expect(res.body.rejected).toEqual([{ row: 6, reasons: [expect.stringMatching(/^name: empty/)] }]);
    expect(await byCard('9940000000010')).toMatchObject({ name: 'Анна Сергеевна Петрова', kind: 'person', contacts: [] });
    expect(await byCard('9940000000027')).toMatchObject({ name: 'UAB „Saulėtekis“', kind: 'company', contacts: [{ name: 'Jonas Jonaitis', phone: null }] });
    expect(await byCard('9940000000034')).toMatchObject({ name: 'SC Alfa Impex SRL', kind: 'company' });
    expect(await byCard('9940000000041')).toMatchObject({ name: 'Fang Wang', kind: 'person' });

    const legal = ['Name,Card', 'ТОВ Сонячний,9940000000065', '上海华联有限公司,9940000000072', 'ИП Смирнов А. А.,9940000000089', 'Ona Uabaitė,9940000000096'].join('\n');
    expect((await importFile(legal)).body).toMatchObject({ created: 4 });
    expect((await byCard('9940000000065'))?.kind).toBe('company');
    expect((await byCard('9940000000072'))?.kind).toBe('company');
    expect((await byCard('9940000000089'))?.kind).toBe('company');
    expect((await byCard('9940000000096'))?.kind).toBe('person');
  });

  it('brings opening spend, points, gift-card balances and registration days, shown as opening entries; the spend counts for card tiers', async () => {
    const file = ['Name;Card;Total spent;Points;Gift card;Gift card balance;Registration date', 'Opening Balances;9941000000019;1 234,50;350;GC-OPEN-0001;25,00;15.06.2012', 'No Balances;9941000000026;;;;;'].join('\n');
    const res = await importFile(file);
    expect(res.body).toMatchObject({ created: 2, rejectedCount: 0 });
    const customer = (await byCard('9941000000019'))!;
    const view = (await manager.get(`/api/scan/9941000000019`)).body.customer;
    expect(view).toMatchObject({ cumulativeSpend: 123_450, pointsBalance: 350 });
    const history = (await manager.get(`/api/customers/${customer.id}/history`)).body;
    expect(history.openings).toEqual([
      { kind: 'registered', amount: 0, giftCard: null, day: '2012-06-15' },
      { kind: 'spend', amount: 123_450, giftCard: null, day: expect.any(String) },
      { kind: 'points', amount: 350, giftCard: null, day: expect.any(String) },
      { kind: 'gift-card', amount: 2_500, giftCard: 'GC-OPEN-0001', day: expect.any(String) },
    ]);
    const gift = (await manager.get('/api/gift-cards/GC-OPEN-0001')).body;
    expect(gift.balance).toBe(2_500);
    expect((await manager.get(`/api/customers/${customer.id}/points`)).body.movements).toEqual([expect.objectContaining({ kind: 'opening', points: 350 })]);
    expect((await manager.get(`/api/scan/9941000000026`)).body.customer).toMatchObject({ cumulativeSpend: 0, pointsBalance: 0 });

    // Undone as a whole, the balances go with the customers.
    const undo = await manager.post(`/api/imports/${res.body.importId}/undo`, {});
    expect(undo.body).toEqual({ removed: 2, restored: 0, kept: 0 });
    expect(await server.db.giftCard.count({ where: { code: 'GC-OPEN-0001' } })).toBe(0);
    expect(await server.db.pointsMovement.count({ where: { customerId: customer.id } })).toBe(0);
    expect(await server.db.customerOpening.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it('takes rows with the same key into one customer, with every phone and card they bring', async () => {
    const file = [
      'Name;Phone;Card;E-mail',
      'Duplicated Person;+370 612 41001;9942000000018;dup@example.com',
      'Duplicated Person;8 612 41001, +370 612 41002;9942000000025;',
      'Someone Else;+370 612 41003;9942000000032;',
    ].join('\n');
    const res = await importFile(file, { key: 'phone' });
    expect(res.body).toMatchObject({ created: 2, merged: 1, rejectedCount: 0 });
    const person = (await byCard('9942000000018'))!;
    expect(person).toMatchObject({ phone: '+37061241001', email: 'dup@example.com', otherPhones: [expect.objectContaining({ phone: '+37061241002' })] });
    expect(person.cards.map((c) => c.code).sort()).toEqual(['9942000000018', '9942000000025']);
    expect(await server.db.customer.count({ where: { name: 'Duplicated Person' } })).toBe(1);
  });

  it('updates an existing customer field by field by the rule chosen: fill only empty fields, or overwrite; an empty cell never blanks one', async () => {
    const created = await manager.post('/api/customers', { name: 'Rule Person', phone: '+370 612 42001', email: 'rule@example.com', card: '9943000000017', notes: 'Keep these notes' });
    expect(created.status).toBe(201);
    const file = ['Name;Card;E-mail;Address;Notes', 'Renamed Person;9943000000017;new@example.com;Vilniaus g. 1;'].join('\n');
    const fill = await importFile(file, { updateRule: 'fill-empty' });
    expect(fill.body).toMatchObject({ updated: 1 });
    expect(await byCard('9943000000017')).toMatchObject({ name: 'Rule Person', email: 'rule@example.com', address: 'Vilniaus g. 1', phone: '+37061242001' });
    const mixed = await importFile(file, { updateRule: 'fill-empty', fieldRules: JSON.stringify({ name: 'overwrite' }) });
    expect(mixed.body).toMatchObject({ updated: 1 });
    expect(await byCard('9943000000017')).toMatchObject({ name: 'Renamed Person', email: 'rule@example.com', phone: '+37061242001' });
    const overwrite = await importFile(file, { updateRule: 'overwrite' });
    expect(overwrite.body).toMatchObject({ updated: 1 });
    expect(await byCard('9943000000017')).toMatchObject({ name: 'Renamed Person', email: 'new@example.com', phone: '+37061242001', notes: 'Keep these notes' });
  });

  it('reads national phone forms by the outlet’s country and reports an invalid number by row and field', async () => {
    const file = ['Name;Phone;Phone 2;Card', 'Local Form;8 612 43001;;9944000000016', 'Without Trunk;612 43002;;9944000000023', 'Too Short;12345;;9944000000030', 'Bad Second;+370 612 43004;+370 1;9944000000047'].join('\n');
    const res = await importFile(file, { dryRun: 'true' });
    expect(res.body).toMatchObject({ created: 2, rejectedCount: 2 });
    expect(res.body.rejected).toEqual([
      { row: 4, reasons: [expect.stringMatching(/^phone: "12345" is not a valid phone number/)] },
      { row: 5, reasons: [expect.stringMatching(/^phone2: "\+370 1" is not a valid phone number/)] },
    ]);
    const bad = await manager.post('/api/customers', { name: 'Form Phone', phone: '12345', otherPhones: [{ phone: '+370 612 43005' }, { phone: '999' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'invalid-phone', fields: [{ path: 'body.phone' }] });
  });

  it('imports an XLSX sheet of companies with their contact persons, several phones and cards per customer', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Įmonės');
    sheet.addRow(['Įmonė', 'Įmonės kodas', 'PVM kodas', 'Kontaktinis asmuo', 'Pareigos', 'Kontaktinio asmens telefonas', 'Telefonas', 'Kortelė']);
    sheet.addRow(['UAB Medus', '304500001', 'LT100000001', 'Rasa Medienė', 'buhalterė', '+370 612 44001', '+370 5 212 3456; +370 612 44002', '9945000000015 9945000000022']);
    const res = await upload('/api/customers/import', Buffer.from(await workbook.xlsx.writeBuffer()), { fileName: 'imones.xlsx', dryRun: 'false' });
    expect(res.body).toMatchObject({ created: 1, rejectedCount: 0 });
    const company = (await byCard('9945000000015'))!;
    expect(company).toMatchObject({ name: 'UAB Medus', kind: 'company', companyCode: '304500001', vatCode: 'LT100000001', phone: '+37052123456' });
    expect(company.contacts).toEqual([expect.objectContaining({ name: 'Rasa Medienė', role: 'buhalterė', phone: '+37061244001' })]);
    expect(company.otherPhones.map((p) => p.phone)).toEqual(['+37061244002']);
    expect(company.cards.map((c) => c.code).sort()).toEqual(['9945000000015', '9945000000022']);
  });
});

describe('customer search at the till and in the back office', () => {
  const people = [
    { name: 'Ёлкина Ольга', phone: '+370 611 11111', card: '9950000000018' },
    { name: 'Žydrūnė Kazlauskienė', phone: '+370 611 22222', card: '9950000000025' },
    { name: 'Ąžuolas Šimkus', phone: '+370 611 33333', card: '9950000000032' },
    { name: 'Ștefănescu Ion', phone: '+40 721 234 561', card: '9950000000049' },
    { name: 'Петров Сергей', phone: '+7 912 345 67 89', card: '9950000000056' },
    { name: 'Jonas Kazlauskas', phone: '+370 698 14567', card: 'AB-77412', email: 'jonas.kazlauskas@example.com' },
    { name: '王芳', phone: '+86 138 0013 8000', card: '9950000000063' },
    { name: '李小明', phone: '+86 139 1234 5678', card: '9950000000070' },
  ];
  // A realistic base: a few thousand customers around them, many with a phone ending in 4567.
  const FIRST = ['Ona', 'Jonas', 'Rūta', 'Petras', 'Ольга', 'Иван', 'Maria', 'Andrei', 'Ирина', 'Tomas'];
  const LAST = ['Petraitis', 'Kazlauskaitė', 'Смирнов', 'Иванова', 'Popescu', 'Ionescu', 'Vasiliauskas', 'Коваленко', 'Stankevičius', 'Žukauskas'];
  const base = Array.from({ length: 3_000 }, (_, i) => ({
    name: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`,
    phone: i % 4 === 0 ? `+370 69${String(i).padStart(2, '0').slice(-2)}4567` : `+370 68${String(i).padStart(6, '0')}`,
    card: `99510${String(i).padStart(8, '0')}`,
  }));

  beforeAll(async () => {
    const rows = [...people, ...base].map((p) => [p.name, p.phone, p.card, 'email' in p ? p.email : ''].join(';'));
    const res = await importFile(['Name;Phone;Card;E-mail', ...rows].join('\n'));
    expect(res.body).toMatchObject({ rejectedCount: 0 });
  });

  const names = async (client: ApiClient, q: string) => {
    const res = await client.get(`/api/customers/search?q=${encodeURIComponent(q)}&limit=10`);
    expect(res.status, q).toBe(200);
    return (res.body.items as { name: string }[]).map((c) => c.name);
  };

  it('finds names with ё, diacritics and case folded, and words in any order', async () => {
    expect(await names(manager, 'елкина')).toContain('Ёлкина Ольга');
    expect(await names(manager, 'Zydrune')).toContain('Žydrūnė Kazlauskienė');
    expect(await names(manager, 'azuolas')).toContain('Ąžuolas Šimkus');
    expect(await names(manager, 'Stefanescu')).toContain('Ștefănescu Ion');
    expect(await names(manager, 'Сергей Петров')).toContain('Петров Сергей');
    expect(await names(manager, 'ольга ЁЛКИНА')).toEqual(['Ёлкина Ольга']);
  });

  it('finds a phone by its last digits and by a part, a card in lower case, an e-mail by its start, and Chinese names by one or two characters', async () => {
    const ending = await names(manager, '14567');
    expect(ending[0]).toBe('Jonas Kazlauskas');
    expect(await names(manager, '611 222')).toContain('Žydrūnė Kazlauskienė');
    expect(await names(manager, 'ab-77412')).toEqual(['Jonas Kazlauskas']);
    expect(await names(manager, 'jonas.kaz')).toEqual(['Jonas Kazlauskas']);
    expect(await names(manager, '王芳')).toEqual(['王芳']);
    expect(await names(manager, '小明')).toEqual(['李小明']);
    expect(await names(manager, '芳')).toEqual(['王芳']);
    // A whole number in the country's own form, or another country's in its international one.
    expect(await names(manager, '8 611 33333')).toEqual(['Ąžuolas Šimkus']);
    expect(await names(manager, '+7 (912) 345-67-89')).toEqual(['Петров Сергей']);
  });

  it('lists the people whose name has a word starting so before those who only have the letters inside a word', async () => {
    // 300 "Ona …" and 300 "Jonas …" in the base: "ona" is inside every Jonas, whose names sort first.
    const onas = await names(manager, 'ona');
    expect(onas).toHaveLength(10);
    for (const name of onas) expect(name).toMatch(/^Ona /);
    for (const name of await names(cashier, 'petrait ona')) expect(name).toMatch(/^Ona Petraitis \d+$/);
    // Letters found only inside words still find them.
    const inside = await names(manager, 'ukausk');
    expect(inside).toHaveLength(10);
    for (const name of inside) expect(name).toMatch(/ Žukauskas \d+$/);
  });

  it('lets a cashier find a person by the last four digits of the phone, with a list to pick from, phones masked', async () => {
    const res = await cashier.get('/api/customers/search?q=4567&limit=50');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(10);
    // The numbers that end in the digits come first, shown by their last four.
    for (const c of res.body.items) expect(c).toMatchObject({ phone: expect.stringMatching(/^•+4567$/), email: null });
    expect(await names(cashier, '王芳')).toEqual(['王芳']);
    expect((await cashier.get(`/api/customers/search?q=${encodeURIComponent('王')}`)).body.error.code).toBe('query-too-short');
    expect((await cashier.get('/api/customers/search?q=45')).body.error.code).toBe('query-too-short');
  });

  it('exports everything a search finds, not the first 50', async () => {
    const wanted = await server.db.customer.count({ where: { name: { contains: 'Petraitis' } } });
    expect(wanted).toBeGreaterThan(250);
    const csv = await fetch(`${server.url}/api/customers/export?format=csv&q=petraitis`, { headers: { authorization: `Bearer ${manager.token}` } }).then((r) => r.text());
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines).toHaveLength(wanted + 1);
    const xlsx = await fetch(`${server.url}/api/customers/export?format=xlsx&q=petraitis`, { headers: { authorization: `Bearer ${manager.token}` } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets[0].rowCount).toBe(wanted + 1);
  });
});

describe('merged customers', () => {
  it('answers a merged id with the customer kept, refuses to change it, and sends the merge to head office', async () => {
    const keep = await manager.post('/api/customers', { name: 'Kept Customer', phone: '+370 612 45001', card: '9952000000019' });
    const merge = await manager.post('/api/customers', { name: 'Merged Customer', phone: '+370 612 45002', card: '9952000000026' });
    const merged = await manager.post('/api/customers/merge', { keepId: keep.body.id, mergeId: merge.body.id });
    expect(merged.status).toBe(200);

    const asked = await manager.get(`/api/customers/${merge.body.id}`);
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ id: keep.body.id, name: 'Kept Customer', mergedFrom: merge.body.id, cards: expect.arrayContaining(['9952000000019', '9952000000026']) });
    expect((await cashier.get(`/api/customers/${merge.body.id}`)).body).toMatchObject({ id: keep.body.id, name: 'Kept Customer' });
    const change = await manager.put(`/api/customers/${merge.body.id}`, { name: 'Changed After Merge' });
    expect(change.status).toBe(409);
    expect(change.body.error).toMatchObject({ code: 'customer-merged', details: { mergedIntoId: keep.body.id } });
    expect(await names(manager, 'Merged Customer')).toEqual([]);
    expect(await names(manager, '612 45002')).toEqual(['Kept Customer']);

    const outbox = await server.db.outboxEntry.findFirstOrThrow({ where: { type: 'customer-merge' } });
    expect(JSON.parse(outbox.payload)).toMatchObject({ keepId: keep.body.id, mergeId: merge.body.id });
  });

  const names = async (client: ApiClient, q: string) => ((await client.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).body.items as { name: string }[]).map((c) => c.name);
});
