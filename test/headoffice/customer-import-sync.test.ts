import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// Customers brought by an import at a chain outlet reach head office as the customer form's do
// (customer-edit documents, their funnel moves as customer-status-move), so that an invoice to one
// of them is taken and the outbox, which goes in order, drains. What a running import queued is
// held back from the pusher until it is done; one that fails half-way sends nothing, ever. Real PostgreSQL, a real outlet pushing by itself.
const SELLER = { name: 'UAB Till Importas', companyCode: '305000222', vatCode: 'LT100022345', address: 'Gedimino pr. 2, Vilnius', country: 'LT', bankAccount: 'LT12 1000 0111 0100 2000', email: 'billing@till.test' };
const LEAD = newId();
const CLIENT = newId();

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let outlet: TestServer;
let owner: ApiClient;

const MAPPING = { name: 'Наименование', phone: 'Телефон', email: 'E-mail', card: 'Карта', address: 'Адрес', companyCode: 'Код организации', vatCode: 'Код НДС', birthday: 'Дата рождения', status: 'Этап' };
const HEADER = Object.values(MAPPING).join(';');

/** A customer as the test writes them into the file, and as head office must then hold them. */
interface Written {
  name: string;
  phone: string;
  email: string;
  card: string;
  address: string;
  companyCode: string | null;
  vatCode: string | null;
  birthday: string | null;
  /** The funnel status's name, or '' for none. */
  status: string;
}

/** The file as Excel in a Russian Windows saves it: Windows-1251, ";" between columns, CRLF, dates day first. */
function csv1251(rows: Written[], extraLines: string[] = []): Buffer {
  const dmy = (day: string | null) => (day ? day.split('-').reverse().join('.') : '');
  const lines = rows.map((r) => [r.name, r.phone, r.email, r.card, r.address, r.companyCode ?? '', r.vatCode ?? '', dmy(r.birthday), r.status].join(';'));
  return iconv.encode([HEADER, ...lines, ...extraLines].join('\r\n'), 'windows-1251');
}

/** Sends a file (or its parts one after another, as a slow upload does, each once `nextPart` resolves) to the import. */
async function importFile(body: Buffer | Buffer[], query: Record<string, string> = {}, nextPart: () => Promise<void> = async () => {}) {
  const params = new URLSearchParams({ fileName: 'klienty.csv', dryRun: 'false', key: 'card', onExisting: 'update', mapping: JSON.stringify(MAPPING), ...query });
  const parts = Array.isArray(body) ? body : [body];
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const [i, part] of parts.entries()) {
        if (i) await nextPart();
        controller.enqueue(new Uint8Array(part));
      }
      controller.close();
    },
  });
  const res = await fetch(`${outlet.url}/api/customers/import?${params}`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' }, body: stream, duplex: 'half' } as RequestInit);
  return { status: res.status, body: await res.json() };
}

const backlog = async () => (await owner.get('/api/sync/status')).body.backlog as number;
const drained = () => expect.poll(backlog, { timeout: 30_000, interval: 100 }).toBe(0);
async function settled() {
  await drained();
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  await expect.poll(async () => (await owner.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

/** The customers head office holds with these cards, by card, in the fields the test wrote. */
async function heldAtHeadOffice(cards: string[]) {
  const { rows } = await headOffice.db.pool.query(
    `SELECT k."code" AS "card", c."id", c."name", c."kind", c."phone", c."email", c."address", c."companyCode", c."vatCode", c."birthday"
     FROM "CustomerCard" k JOIN "Customer" c ON c."id" = k."customerId" WHERE k."code" = ANY($1::text[])`,
    [cards],
  );
  return new Map(rows.map((r) => [r.card as string, r]));
}

const person = (i: number): Written => ({
  name: `Иван Импортов ${i}`, phone: `+3706${String(1000000 + i).padStart(7, '0')}`, email: `ivan${i}@example.lt`, card: `IMP-${String(i).padStart(5, '0')}`,
  address: `ул. Тестовая ${i}, Вильнюс`, companyCode: null, vatCode: null, birthday: `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}`, status: i % 2 ? 'Lead' : '',
});
const company = (i: number): Written => ({
  name: `UAB Importas ${i}`, phone: `+3705${String(2000000 + i).padStart(7, '0')}`, email: `info${i}@importas.lt`, card: `IMC-${String(i).padStart(5, '0')}`,
  address: `пр. Саванорю ${i}, Каунас`, companyCode: `30${String(4000000 + i)}`, vatCode: `LT10${String(5000000 + i)}`, birthday: null, status: 'Lead',
});

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  for (const [id, body] of [
    [CLIENT, { name: 'Client', customerType: 'client', position: 1 }],
    [LEAD, { name: 'Lead', customerType: 'lead', position: 0, initial: true, moves: [CLIENT] }],
  ] as const) {
    const res = await headOffice.admin.put(`/api/head-office/master/customer-status/${id}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(204);
  }
  const token = await headOffice.addOutlet('IM1');
  outlet = await startTestServer({
    outletCode: 'IM1',
    outletSettings: { invoicing: { seller: SELLER } },
    headOffice: { url: headOffice.url, token, batchSize: 50, intervalMs: 30, maxBackoffMs: 200, timeoutMs: 5000 },
  });
  owner = await outlet.login('owner', '1111');
}, 120_000);

afterAll(async () => {
  await outlet?.close();
  await headOffice?.close();
  await database?.drop();
});

describe('customers an import brings, at a chain outlet', () => {
  const written = [...Array.from({ length: 16 }, (_, i) => person(i + 1)), ...Array.from({ length: 4 }, (_, i) => company(i + 1))];

  it('reach head office with the fields the file gave and their moves into the funnel; an invoice to one is taken and the outbox drains', async () => {
    await settled(); // the outlet has head office's funnel
    const res = await importFile(csv1251(written));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: written.length, rejectedCount: 0 });
    await drained();
    const held = await heldAtHeadOffice(written.map((w) => w.card));
    expect(held.size).toBe(written.length);
    for (const w of written) {
      expect(held.get(w.card), w.card).toMatchObject({
        name: w.name, kind: w.companyCode ? 'company' : 'person', phone: w.phone, email: w.email, address: w.address, companyCode: w.companyCode, vatCode: w.vatCode, birthday: w.birthday,
      });
    }
    // Every customer the file put in the funnel moved into Lead at head office, from no status, made at this outlet.
    const { rows: moves } = await headOffice.db.pool.query(`SELECT "customerId", "fromId", "toId" FROM "ChainStatusChange"`);
    const leads = written.filter((w) => w.status === 'Lead').map((w) => held.get(w.card)!.id);
    expect(moves.map((m) => m.customerId).sort()).toEqual([...leads].sort());
    expect(moves.every((m) => m.fromId === null && m.toId === LEAD)).toBe(true);

    // An invoice to an imported company: head office knows the customer, takes it, and the outbox drains.
    const buyer = await outlet.db.customer.findFirstOrThrow({ where: { cards: { some: { code: written.at(-1)!.card } } } });
    const draft = await owner.post('/api/invoices', { customerId: buyer.id, paymentTermsDays: 14, lines: [{ description: 'Consulting', unit: 'piece', quantityMilli: 2000, unitPriceGross: 12_100, taxRateBp: 2100 }] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const issued = await owner.post(`/api/invoices/${draft.body.id}/issue`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    await drained();
    const { rows: invoices } = await headOffice.db.pool.query(`SELECT "customerId", "gross"::int AS "gross" FROM "ChainInvoice" WHERE "id" = $1`, [draft.body.id]);
    expect(invoices).toEqual([{ customerId: buyer.id, gross: 24_200 }]);
    expect(await outlet.db.outboxEntry.count({ where: { ackedAt: null } })).toBe(0);
  });

  it('an import updating existing customers: head office sees the changed fields and the move through the funnel', async () => {
    const changed = written.slice(0, 3).map((w, i) => ({ ...w, email: `new${i}@example.lt`, address: `Новая ул. ${i + 1}, Клайпеда`, status: w.status === 'Lead' ? 'Client' : w.status }));
    const res = await importFile(csv1251(changed));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 3, rejectedCount: 0 });
    await settled(); // and the outlet has head office's customers back
    const held = await heldAtHeadOffice(changed.map((w) => w.card));
    for (const w of changed) expect(held.get(w.card)).toMatchObject({ name: w.name, email: w.email, address: w.address, phone: w.phone });
    const moved = written.slice(0, 3).filter((w) => w.status === 'Lead').map((w) => held.get(w.card)!.id);
    const { rows } = await headOffice.db.pool.query(`SELECT "customerId", "fromId" FROM "ChainStatusChange" WHERE "toId" = $1`, [CLIENT]);
    expect(rows).toEqual(moved.map((customerId) => ({ customerId, fromId: LEAD })));
  });

  it('refuses a row head office would refuse, naming the field, and lets the rest through', async () => {
    // A real address, but longer than the 200 characters head office keeps.
    const long = `jonas@${Array.from({ length: 4 }, (_, i) => `${'d'.repeat(50)}${i}`).join('.')}.lt`;
    expect(long.length).toBeGreaterThan(200);
    const rows = [{ ...person(101), email: long }, person(102)];
    const res = await importFile(csv1251(rows));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 1, rejectedCount: 1 });
    expect(res.body.rejected[0]).toEqual({ row: 2, reasons: [expect.stringMatching(/^email: /)] });
    await drained();
    expect([...(await heldAtHeadOffice(rows.map((r) => r.card))).keys()]).toEqual([rows[1].card]);
  });

  it('holds back what a running import queued: head office gets none of its customers while it runs, and, when it fails, never; what was queued after it goes through', async () => {
    await settled();
    const entriesBefore = await outlet.db.outboxEntry.count();
    const rows = Array.from({ length: 2_100 }, (_, i) => ({ ...person(20_000 + i), status: '' }));
    const cards = rows.map((r) => r.card);
    const ofThisFile = { cards: { some: { code: { startsWith: 'IMP-2' } } } };
    let letTheRestCome!: () => void;
    const restSent = new Promise<void>((resolve) => (letTheRestCome = resolve));
    const importing = importFile([csv1251(rows), iconv.encode('\r\nЛишний;;;IMP-BAD02;;;;;;лишняя ячейка', 'windows-1251')], { malformed: 'stop' }, () => restSent);
    try {
      // The import's first batch is committed at the outlet, with its customer-edit documents in the outbox ...
      await expect.poll(() => outlet.db.customer.count({ where: ofThisFile }), { timeout: 60_000, interval: 100 }).toBe(2_000);
      expect(await outlet.db.outboxEntry.count({ where: { ackedAt: null, type: 'customer-edit' } })).toBe(2_000);
      // ... and a customer made at the back office's form meanwhile queues behind them.
      const formMade = await owner.post('/api/customers', { name: 'Ona Formaitė', phone: '+37069990001' });
      expect(formMade.status, JSON.stringify(formMade.body)).toBe(201);
      // Once the link is up again after the batch's work (head office runs in this process), the
      // pusher, every 30 ms, has many rounds in 15 s (head office takes seconds for a batch of 50
      // customer edits on this loaded machine): head office gets neither, at any moment.
      const documentsAtHeadOffice = async () => (await headOffice.db.pool.query(`SELECT count(*)::int AS "n" FROM "SyncedDocument"`)).rows[0].n as number;
      const pushedBefore = await documentsAtHeadOffice();
      const since = Date.now();
      await expect.poll(async () => { const s = (await owner.get('/api/sync/status')).body; return s.lastError === null && Date.parse(s.lastContactAt) > since; }, { timeout: 30_000, interval: 50 }).toBe(true);
      for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        expect((await heldAtHeadOffice(cards)).size).toBe(0);
        expect(await documentsAtHeadOffice()).toBe(pushedBefore);
      }
      expect(await backlog()).toBe(2_001);
    } finally {
      letTheRestCome();
    }
    const res = await importing;
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('malformed-row');
    await drained();
    // The form's customer went through once the import's entries were taken out; the import's never.
    expect(await outlet.db.outboxEntry.count()).toBe(entriesBefore + 1);
    const { rows: atHeadOffice } = await headOffice.db.pool.query(`SELECT "name" FROM "Customer" WHERE "name" = ANY($1::text[])`, [['Ona Formaitė', ...rows.map((r) => r.name)]]);
    expect(atHeadOffice).toEqual([{ name: 'Ona Formaitė' }]);
    expect(await outlet.db.customer.count({ where: ofThisFile })).toBe(0);
    expect(await outlet.db.importRun.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).toMatchObject({ status: 'failed' });
  }, 120_000);

  it('a pull before the push keeps what an import and the back office form changed and have not sent yet, takes head office\'s other fields, and all arrive once', async () => {
    await settled();
    const byCard = async (card: string) => outlet.db.customer.findFirstOrThrow({ where: { cards: { some: { code: card } } } });
    // Head office refuses the first document in the outbox for a while (a card another customer
    // holds there): it holds up everything queued after it, as a link that is down does, while pulls go on.
    const [cardHolder, blocked] = [written[0], written[10]];
    const blocker = { id: newId(), documentId: newId(), customerId: (await byCard(blocked.card)).id };
    // One instant for the edit and its entry: head office refuses an edit whose editedAt is not its entry's createdAt
    // (two clock readings differ by a millisecond on a loaded machine, and the refusal is then invalid-document).
    const editedAt = new Date().toISOString();
    await outlet.db.$executeRawUnsafe(
      `INSERT INTO "OutboxEntry" ("id","sequence","outletId","type","documentId","payload","createdAt") SELECT ?, coalesce(max("sequence"), 0) + 1, ?, 'customer-edit', ?, ?, ? FROM "OutboxEntry"`,
      blocker.id, (await outlet.db.outlet.findFirstOrThrow()).id, blocker.documentId,
      JSON.stringify({ customerId: blocker.customerId, editedAt, fields: {}, cardsAdded: [cardHolder.card], customFields: {} }), editedAt,
    );
    // Whatever happens below, the next test must not wait behind it.
    onTestFinished(() => outlet.db.outboxEntry.deleteMany({ where: { id: blocker.id } }).then(() => {}));
    await expect.poll(async () => (await owner.get('/api/sync/status')).body.lastError, { timeout: 20_000, interval: 50 }).toMatch(/card-of-another-customer/);

    // An update import changes three customers' e-mail and address; the form changes a fourth one's name and e-mail.
    const imported = written.slice(3, 6).map((w, i) => ({ ...w, email: `pulled${i}@example.lt`, address: `Пулловая ул. ${i + 1}, Шяуляй`, status: '' }));
    const res = await importFile(csv1251(imported));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 3, rejectedCount: 0 });
    const formEdited = written[6];
    const formId = (await byCard(formEdited.card)).id;
    const form = { name: 'Ona Pakeista', email: 'ona.pakeista@example.lt' };
    const put = await owner.put(`/api/customers/${formId}`, { name: form.name, phone: formEdited.phone, email: form.email, address: formEdited.address });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    // Head office changes those customers' notes (its administration, whole customers as it holds them): the outlet pulls them.
    const notes = (card: string) => `Note from head office for ${card}`;
    for (const w of [...imported, formEdited]) {
      const { rows: [c] } = await headOffice.db.pool.query(
        `SELECT c."id", c."name", c."kind", c."phone", c."email", c."birthday", c."address", c."companyCode", c."vatCode", c."locale", c."personalDiscountBp",
           (SELECT array_agg(k."code" ORDER BY k."code") FROM "CustomerCard" k WHERE k."customerId" = c."id") AS "cards"
         FROM "Customer" c JOIN "CustomerCard" k ON k."customerId" = c."id" WHERE k."code" = $1`,
        [w.card],
      );
      const { id, ...held } = c;
      const res = await headOffice.admin.put(`/api/head-office/master/customer/${id}`, { ...held, notes: notes(w.card) });
      expect(res.status, JSON.stringify(res.body)).toBe(204);
    }
    const { rows: [{ seq }] } = await headOffice.db.pool.query(`SELECT max("seq")::int AS "seq" FROM "MasterChange"`);
    await expect.poll(async () => (await owner.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(seq);
    expect(await outlet.db.outboxEntry.count({ where: { ackedAt: null, type: 'customer-edit' } })).toBe(1 + imported.length + 1);
    for (const w of imported) expect(await byCard(w.card), w.card).toMatchObject({ email: w.email, address: w.address, name: w.name, notes: notes(w.card) });
    expect(await byCard(formEdited.card)).toMatchObject({ ...form, address: formEdited.address, notes: notes(formEdited.card) });

    // The link is back: every edit arrives once, head office keeps its notes, and the outlet ends as head office.
    await outlet.db.outboxEntry.deleteMany({ where: { id: blocker.id } });
    await settled();
    const ids = [...(await Promise.all(imported.map((w) => byCard(w.card)))).map((c) => c.id), formId];
    const { rows: documents } = await headOffice.db.pool.query(`SELECT "payload" ->> 'customerId' AS "customerId" FROM "SyncedDocument" WHERE "type" = 'customer-edit' AND "payload" ->> 'customerId' = ANY($1::text[])`, [ids]);
    // Each has its creation (the first import) and this change, once each.
    expect(documents.map((d) => d.customerId).sort()).toEqual([...ids, ...ids].sort());
    const held = await heldAtHeadOffice([...imported, formEdited].map((w) => w.card));
    for (const w of imported) expect(held.get(w.card), w.card).toMatchObject({ email: w.email, address: w.address, name: w.name });
    expect(held.get(formEdited.card)).toMatchObject({ ...form, address: formEdited.address });
    for (const w of [...imported, formEdited]) {
      const { rows: [{ notes: atHeadOffice }] } = await headOffice.db.pool.query(`SELECT c."notes" FROM "Customer" c JOIN "CustomerCard" k ON k."customerId" = c."id" WHERE k."code" = $1`, [w.card]);
      expect(atHeadOffice).toBe(notes(w.card));
      const here = await byCard(w.card);
      expect({ name: here.name, email: here.email, address: here.address, notes: here.notes }).toEqual({ name: held.get(w.card)!.name, email: held.get(w.card)!.email, address: held.get(w.card)!.address, notes: notes(w.card) });
    }
  }, 120_000);

  it('undo: refused in a chain for an import that brought customers, with the reason; an update-only import is undone and head office gets the old fields back', async () => {
    const runs = await outlet.db.importRun.findMany({ where: { status: 'done', dryRun: false }, orderBy: { createdAt: 'asc' } });
    const [creating, updating] = runs;
    await settled();
    const refused = await owner.post(`/api/imports/${creating.id}/undo`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'import-not-undoable-in-chain', details: { created: written.length, cards: 0 } });
    expect(await outlet.db.customer.count({ where: { cards: { some: { code: { in: written.map((w) => w.card) } } } } })).toBe(written.length);

    const undone = await owner.post(`/api/imports/${updating.id}/undo`, {});
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body).toMatchObject({ restored: 3, removed: 0 });
    await drained();
    const held = await heldAtHeadOffice(written.slice(0, 3).map((w) => w.card));
    for (const w of written.slice(0, 3)) expect(held.get(w.card)).toMatchObject({ email: w.email, address: w.address });
  });
});
