import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { SmtpSender } from '../../server/campaigns/senders.ts';
import { newId } from '../../shared/ids.ts';
import { newSigningKey, publicKeyOf } from '../../server/stock/note-signing.ts';
import type { ApiClient } from '../support/api-client.ts';
import { createPostgresDatabase, startHeadOffice, type TestHeadOffice } from '../support/head-office.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// A customer's marketing consents and refusal of service messages are the person's, not one
// outlet's: one who unsubscribes at one outlet hears from no other after its pull, and an older
// consent arriving later does not undo a withdrawal. Real PostgreSQL, real outlets pushing by themselves.
interface Outlet {
  code: string;
  server: TestServer;
  manager: ApiClient;
}
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let headOffice: TestHeadOffice;
let smtp: MailServer;
let a: Outlet;
let b: Outlet;
let pushToken: string;
/** The outlet pushing by hand shows head office an id and key of its own, like any outlet. */
const HANDS_IDENTITY = { outletId: newId(), publicKey: publicKeyOf(newSigningKey()) };

async function startOutlet(code: string): Promise<Outlet> {
  const token = await headOffice.addOutlet(code);
  const server = await startTestServer({
    outletCode: code,
    headOffice: { url: headOffice.url, token, batchSize: 10, intervalMs: 30, maxBackoffMs: 200 },
    messaging: { email: new SmtpSender(`${smtp.url}?ignoreTLS=true`, `Till ${code} <${code.toLowerCase()}@example.com>`), sms: null, publicUrl: `http://${code.toLowerCase()}.test` },
    campaignIntervalMs: 100,
  });
  return { code, server, manager: await server.login('manager', '2222') };
}

async function settled(...outlets: Outlet[]) {
  for (const o of outlets) await expect.poll(async () => (await o.manager.get('/api/sync/status')).body.backlog, { timeout: 15_000, interval: 50 }).toBe(0);
  const { rows } = await headOffice.db.pool.query(`SELECT coalesce(max("seq"), 0)::int AS "seq" FROM "MasterChange"`);
  for (const o of outlets) await expect.poll(async () => (await o.manager.get('/api/sync/status')).body.masterDataCursor, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(rows[0].seq);
}

const consentsAt = async (o: Outlet, id: string) => {
  const { emailConsentAt, smsConsentAt, serviceMessagesRefusedAt } = (await o.manager.get(`/api/customers/${id}`)).body;
  return { emailConsentAt, smsConsentAt, serviceMessagesRefusedAt };
};
const consentsAtHeadOffice = async (id: string) => {
  const c = await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id } });
  return { emailConsentAt: c.emailConsentAt?.toISOString() ?? null, smsConsentAt: c.smsConsentAt?.toISOString() ?? null, serviceMessagesRefusedAt: c.serviceMessagesRefusedAt?.toISOString() ?? null };
};

/** An e-mail campaign to this one customer from the outlet: how many it picked. */
async function mailTo(o: Outlet, customerId: string, marker: string) {
  const res = await o.manager.post('/api/campaigns', { name: `Offer ${marker}`, channel: 'email', subject: `Offer ${marker}`, template: `An offer ${marker}.\nUnsubscribe: {{unsubscribe}}`, filter: { customerIds: [customerId] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.recipients as number;
}

/** Pushes one customer-edit by hand, dated `editedAt`, as an outlet whose till was offline then would. */
const pushEdit = (customerId: string, editedAt: string, fields: Record<string, unknown>) =>
  fetch(`${headOffice.url}/api/sync/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${pushToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ outletCode: 'HANDS', ...HANDS_IDENTITY, sentAt: new Date().toISOString(), documents: [{ documentId: newId(), type: 'customer-edit', createdAt: editedAt, payload: { customerId, editedAt, fields, cardsAdded: [] } }] }),
  });

beforeAll(async () => {
  database = await createPostgresDatabase();
  headOffice = await startHeadOffice(database.url);
  smtp = await startMailServer();
  pushToken = await headOffice.addOutlet('HANDS');
  a = await startOutlet('CA1');
  b = await startOutlet('CB1');
});

afterAll(async () => {
  for (const o of [a, b]) await o?.server.close();
  await headOffice?.close();
  await smtp?.close();
  await database?.drop();
});

describe('consents across the chain', () => {
  it('a customer who unsubscribes by the link at one outlet is no longer mailed by another after its pull', async () => {
    const made = await a.manager.post('/api/customers', { name: 'Rūta Sutinka', email: 'ruta@example.com', phone: '+37061234000', emailConsent: true, smsConsent: true });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const given = await consentsAt(a, id);
    expect(given.emailConsentAt).not.toBeNull();
    expect(given.smsConsentAt).not.toBeNull();
    await settled(a, b);
    // The consents A recorded are head office's and B's, to the millisecond.
    expect(await consentsAtHeadOffice(id)).toEqual(given);
    expect(await consentsAt(b, id)).toEqual(given);
    expect(await mailTo(b, id, 'from B, before')).toBe(1);

    expect(await mailTo(a, id, 'from A')).toBe(1);
    await expect.poll(() => smtp.mails.filter((m) => m.subject === 'Offer from A').length, { timeout: 10_000, interval: 50 }).toBe(1);
    const mail = smtp.mails.find((m) => m.subject === 'Offer from A')!;
    const link = /Unsubscribe: (\S+)/.exec(mail.text!)![1].replace('http://ca1.test', a.server.url);
    // The page asks (opening it changes nothing), its button confirms.
    const html = await (await fetch(link)).text();
    expect(html).toContain('<form method="post"');
    const action = /action="([^"]+)"/.exec(html)![1].replaceAll('&amp;', '&');
    const confirmed = await fetch(`${a.server.url}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect([confirmed.status, (await confirmed.text()).includes('You are unsubscribed')]).toEqual([200, true]);
    expect((await consentsAt(a, id)).emailConsentAt).toBeNull();

    await settled(a, b);
    // E-mails withdrawn everywhere; the texts, which the link did not touch, stay consented.
    const after = { ...given, emailConsentAt: null };
    expect(await consentsAtHeadOffice(id)).toEqual(after);
    expect(await consentsAt(b, id)).toEqual(after);
    expect(await mailTo(b, id, 'from B, after')).toBe(0);
    // A second confirmation changes nothing and queues nothing more.
    const backlogBefore = await a.server.db.outboxEntry.count({ where: { type: 'customer-edit' } });
    expect((await fetch(`${a.server.url}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status).toBe(200);
    expect(await a.server.db.outboxEntry.count({ where: { type: 'customer-edit' } })).toBe(backlogBefore);
  });

  it('a withdrawal is not undone by an older consent arriving after it, and a later consent is taken', async () => {
    const made = await a.manager.post('/api/customers', { name: 'Petras Vėlesnis', email: 'petras@example.com', phone: '+37061234001', smsConsent: true });
    const id = made.body.id as string;
    await settled(a, b);
    const consentedAt = (await consentsAt(a, id)).smsConsentAt as string;
    expect(consentedAt).not.toBeNull();
    // After the customer was made (so after its edit of every field), before the withdrawal.
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // A withdraws texts and refuses service messages (its form, now).
    const withdrawnFrom = Date.now();
    expect((await a.manager.put(`/api/customers/${id}`, { name: 'Petras Vėlesnis', smsConsent: false, serviceMessages: false })).status).toBe(200);
    await settled(a, b);
    const refusedAt = (await consentsAtHeadOffice(id)).serviceMessagesRefusedAt!;
    expect(Date.parse(refusedAt)).toBeGreaterThanOrEqual(withdrawnFrom);
    expect(await consentsAtHeadOffice(id)).toEqual({ emailConsentAt: null, smsConsentAt: null, serviceMessagesRefusedAt: refusedAt });

    // An outlet offline since before the withdrawal sends its edit of then: consent to texts and e-mails, service messages allowed.
    const earlier = between;
    expect((await pushEdit(id, earlier, { smsConsentAt: earlier, emailConsentAt: earlier, serviceMessagesRefusedAt: null })).status).toBe(200);
    // Texts and service messages keep the later withdrawal; e-mails, which no one touched since, take the consent.
    expect(await consentsAtHeadOffice(id)).toEqual({ emailConsentAt: earlier, smsConsentAt: null, serviceMessagesRefusedAt: refusedAt });
    await settled(a, b);
    for (const o of [a, b]) expect(await consentsAt(o, id)).toEqual({ emailConsentAt: earlier, smsConsentAt: null, serviceMessagesRefusedAt: refusedAt });

    // The customer consents to texts again later: the new consent wins over the withdrawal.
    const later = new Date().toISOString();
    expect((await pushEdit(id, later, { smsConsentAt: later })).status).toBe(200);
    expect((await consentsAtHeadOffice(id)).smsConsentAt).toBe(later);

    // Head office's administrator withdraws e-mails: an outlet's older consent arriving after does not undo it either.
    const putAt = Date.now();
    const body = { name: 'Petras Vėlesnis', email: 'petras@example.com', phone: '+37061234001', emailConsentAt: null };
    expect((await headOffice.admin.put(`/api/head-office/master/customer/${id}`, body)).status).toBe(204);
    const stale = new Date(putAt - 1).toISOString();
    expect((await pushEdit(id, stale, { emailConsentAt: stale })).status).toBe(200);
    expect(await consentsAtHeadOffice(id)).toEqual({ emailConsentAt: null, smsConsentAt: later, serviceMessagesRefusedAt: refusedAt });
    await settled(a, b);
    for (const o of [a, b]) expect(await consentsAt(o, id)).toEqual({ emailConsentAt: null, smsConsentAt: later, serviceMessagesRefusedAt: refusedAt });
    // A put that does not name the consents leaves them as they are.
    expect((await headOffice.admin.put(`/api/head-office/master/customer/${id}`, { name: 'Petras Vėlesnis', phone: '+37061234001' })).status).toBe(204);
    expect(await consentsAtHeadOffice(id)).toEqual({ emailConsentAt: null, smsConsentAt: later, serviceMessagesRefusedAt: refusedAt });
  });

  it('a pull before the push keeps a withdrawal the outlet has not sent yet, whatever older consent head office took meanwhile', async () => {
    expect((await a.manager.post('/api/customers', { name: 'Kortos Turėtojas', card: 'CONSENT-0001' })).status).toBe(201);
    const made = await a.manager.post('/api/customers', { name: 'Jurga Laukianti', email: 'jurga@example.com', emailConsent: true });
    const id = made.body.id as string;
    await settled(a, b);
    const between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    // Head office refuses the first document in A's outbox for a while (a card another customer holds there),
    // holding up everything queued after it as a link that is down does, while pulls go on.
    const blocker = { id: newId(), documentId: newId() };
    const editedAt = new Date().toISOString();
    await a.server.db.$executeRawUnsafe(
      `INSERT INTO "OutboxEntry" ("id","sequence","outletId","type","documentId","payload","createdAt") SELECT ?, coalesce(max("sequence"), 0) + 1, ?, 'customer-edit', ?, ?, ? FROM "OutboxEntry"`,
      blocker.id, (await a.server.db.outlet.findFirstOrThrow()).id, blocker.documentId,
      JSON.stringify({ customerId: id, editedAt, fields: {}, cardsAdded: ['CONSENT-0001'], customFields: {} }), editedAt,
    );
    onTestFinished(() => a.server.db.outboxEntry.deleteMany({ where: { id: blocker.id } }).then(() => {}));
    await expect.poll(async () => (await a.manager.get('/api/sync/status')).body.lastError, { timeout: 20_000, interval: 50 }).toMatch(/card-of-another-customer/);

    // The customer withdraws e-mails at A (its form), then an edit from before that, consenting to texts and e-mails, reaches head office.
    expect((await a.manager.put(`/api/customers/${id}`, { name: 'Jurga Laukianti', emailConsent: false })).status).toBe(200);
    expect((await pushEdit(id, between, { emailConsentAt: between, smsConsentAt: between })).status).toBe(200);
    expect(await consentsAtHeadOffice(id)).toMatchObject({ emailConsentAt: between, smsConsentAt: between });
    const { rows: [{ seq }] } = await headOffice.db.pool.query(`SELECT max("seq")::int AS "seq" FROM "MasterChange"`);
    await expect.poll(async () => (await a.manager.get('/api/sync/status')).body.masterDataCursor, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(seq);
    // A keeps its withdrawal (and mails no one), takes the texts it did not touch.
    expect(await consentsAt(a, id)).toMatchObject({ emailConsentAt: null, smsConsentAt: between });
    expect(await mailTo(a, id, 'from A, while its edit waits')).toBe(0);

    // The link is back: head office takes the withdrawal, and B ends as A.
    await a.server.db.outboxEntry.deleteMany({ where: { id: blocker.id } });
    await settled(a, b);
    await settled(a, b);
    for (const o of [a, b]) expect(await consentsAt(o, id), o.code).toMatchObject({ emailConsentAt: null, smsConsentAt: between });
    expect(await consentsAtHeadOffice(id)).toMatchObject({ emailConsentAt: null, smsConsentAt: between });
  });

  it('customers merged at an outlet keep the merged one’s consents at head office and every outlet, as at the outlet', async () => {
    const keep = (await a.manager.post('/api/customers', { name: 'Laima Liekanti', phone: '+37061234002' })).body.id as string;
    const merged = (await a.manager.post('/api/customers', { name: 'Laima L.', email: 'laima@example.com', emailConsent: true, smsConsent: true, serviceMessages: false })).body.id as string;
    await settled(a, b);
    expect((await a.manager.post('/api/customers/merge', { keepId: keep, mergeId: merged })).status).toBe(200);
    const atA = await consentsAt(a, keep);
    expect(atA).toEqual(await consentsAt(a, merged));
    expect(atA.emailConsentAt && atA.smsConsentAt && atA.serviceMessagesRefusedAt).toBeTruthy();
    await settled(a, b);
    expect(await consentsAtHeadOffice(keep)).toEqual(atA);
    expect(await consentsAt(b, keep)).toEqual(atA);
  });

  it('a customer from before consents travelled keeps each outlet’s own consents when head office changes it', async () => {
    const id = (await a.manager.post('/api/customers', { name: 'Senas Klientas', email: 'senas@example.com', emailConsent: true })).body.id as string;
    await settled(a, b);
    const atA = await consentsAt(a, id);
    // As a head office from before holds them: no consents, no clocks of them (its edits never carried them).
    await headOffice.db.pool.query(`UPDATE "Customer" SET "emailConsentAt" = NULL, "smsConsentAt" = NULL, "serviceMessagesRefusedAt" = NULL WHERE "id" = $1`, [id]);
    await headOffice.db.pool.query(`UPDATE "CustomerFieldClock" SET "clocks" = "clocks" - 'emailConsentAt' - 'smsConsentAt' - 'serviceMessagesRefusedAt' WHERE "customerId" = $1`, [id]);
    expect((await headOffice.admin.put(`/api/head-office/master/customer/${id}`, { name: 'Senas Klientas', email: 'senas@example.com', notes: 'from head office' })).status).toBe(204);
    await settled(a, b);
    expect((await a.manager.get(`/api/customers/${id}`)).body.notes).toBe('from head office');
    expect(await consentsAt(a, id)).toEqual(atA);
    // Head office's administrator withdrawing it is news, though head office held null already.
    expect((await headOffice.admin.put(`/api/head-office/master/customer/${id}`, { name: 'Senas Klientas', email: 'senas@example.com', emailConsentAt: null })).status).toBe(204);
    await settled(a, b);
    for (const o of [a, b]) expect((await consentsAt(o, id)).emailConsentAt, o.code).toBeNull();
  });

  it('refuses an edit whose consent is dated after it, or is no date, naming the field; head office unchanged', async () => {
    const made = await a.manager.post('/api/customers', { name: 'Ona Melagė', email: 'ona@example.com' });
    const id = made.body.id as string;
    await settled(a, b);
    const before = await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id } });
    const now = new Date().toISOString();
    const lies: [string, Record<string, unknown>, string][] = [
      ['a consent a year ahead', { emailConsentAt: new Date(Date.now() + 365 * 86_400_000).toISOString() }, 'emailConsentAt'],
      ['a consent a minute after the edit', { smsConsentAt: new Date(Date.parse(now) + 60_000).toISOString() }, 'smsConsentAt'],
      ['a refusal that is no date', { serviceMessagesRefusedAt: 'yesterday' }, 'serviceMessagesRefusedAt'],
      ['a consent that is a number', { emailConsentAt: 1_700_000_000_000 }, 'emailConsentAt'],
    ];
    for (const [lie, fields, field] of lies) {
      const res = await pushEdit(id, now, fields);
      const body = await res.json();
      expect({ status: res.status, code: body.error?.code }, lie).toEqual({ status: 422, code: 'invalid-document' });
      expect(body.error.fields.map((f: { path: string }) => f.path), lie).toContain(`documents.0.payload.fields.${field}`);
    }
    expect(await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id } })).toEqual(before);
    // Head office's administrator cannot put a consent in the future either.
    const refused = await headOffice.admin.put(`/api/head-office/master/customer/${id}`, { name: 'Ona Melagė', emailConsentAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(refused.body.error).toMatchObject({ code: 'invalid-input', fields: [{ path: 'body.emailConsentAt' }] });
    expect(await headOffice.db.prisma.customer.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});
