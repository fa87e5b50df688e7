import escapeHtml from 'escape-html';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFor } from '../../shared/receipt-labels.ts';
import { SmtpSender } from '../../server/campaigns/senders.ts';
import { lt } from '../../shared/i18n/lt.ts';
import { ru } from '../../shared/i18n/ru.ts';
import { newId } from '../../shared/ids.ts';
import { formatMoney } from '../../shared/money.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let cashier: ApiClient;
let manager: ApiClient;
let smtp: MailServer;
let outletName: string;

beforeAll(async () => {
  smtp = await startMailServer();
  server = await startTestServer({
    messaging: { email: new SmtpSender(`${smtp.url}?ignoreTLS=true`, 'Till Demo Market <shop@example.com>'), sms: null, publicUrl: 'http://shop.test' },
    campaignIntervalMs: 100,
  });
  outletName = (await server.db.outlet.findFirstOrThrow()).name;
  cashier = await server.login('anna', '3333', 'R1');
  manager = await server.login('manager', '2222', 'R2');
  expect((await cashier.post('/api/shifts', { openingFloat: 10_000 })).status).toBe(201);
  expect((await manager.post('/api/shifts', { openingFloat: 0 })).status).toBe(201);
});

afterAll(async () => {
  await server.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === address);
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k: string) => values[k]);

/** Sells two and one of two piece goods to the customer at the register, paid in cash with change. */
async function sellTo(api: ApiClient, customerId: string | null) {
  const rows = await server.db.product.findMany({ where: { active: true, unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 2 });
  const [a, b] = await Promise.all(rows.map(async (r) => (await findProducts(api, r.sku)).find((p) => p.id === r.id)!));
  const customer = customerId ? (await api.get(`/api/customers/${customerId}`)).body : null;
  const { request } = await buildSale(api, [{ product: a, quantityMilli: 2000 }, { product: b, quantityMilli: 1000 }], { customer, tenders: (total) => [{ method: 'cash', amount: total + 500 }] });
  const res = await api.post('/api/sales', request);
  expect(res.status).toBe(201);
  return res.body;
}

/** The sale's total recomputed from its stored lines: price × quantity, less each line's discount. */
async function recomputedTotal(saleId: string): Promise<number> {
  const lines = await server.db.saleLine.findMany({ where: { saleId } });
  return lines.reduce((sum, l) => sum + Math.round((l.unitPrice * l.quantityMilli) / 1000) - l.discountAmount, 0);
}

async function arrived(address: string, count = 1): Promise<ParsedMail> {
  await expect.poll(() => mailsTo(address).length, { timeout: 15_000 }).toBe(count);
  return mailsTo(address).at(-1)!;
}

describe('POST /api/register/sales/:id/email', () => {
  it('e-mails a Lithuanian customer’s receipt in Lithuanian and a Russian one’s in Russian, text and HTML, with the totals of the sale’s lines', async () => {
    // Jonas refused marketing: a receipt he asks for is a service message and still goes.
    const jonas = (await cashier.post('/api/customers', { name: 'Jonas Kvitas', email: 'jonas@example.com', locale: 'lt', emailConsent: false })).body;
    const olga = (await cashier.post('/api/customers', { name: 'Ольга Чекова', email: 'olga@example.com', locale: 'ru' })).body;
    for (const [customer, catalogue, locale] of [[jonas, lt, 'lt'], [olga, ru, 'ru']] as const) {
      const sale = await sellTo(cashier, customer.id);
      const res = await cashier.post(`/api/register/sales/${sale.id}/email`, { id: newId() });
      expect(res.status).toBe(201);
      // The register does not show customers' addresses.
      expect(res.body).toMatchObject({ to: `${customer.email[0]}•••@example.com`, status: 'queued', replayed: false });

      const mail = await arrived(customer.email);
      const values = { number: sale.number, outlet: outletName };
      expect(mail.subject).toBe(fill(catalogue.notices['receipt.subject'], values));
      const text = mail.text!;
      expect(text).toContain(fill(catalogue.notices['receipt.intro'], values));
      const words = labelsFor(locale);
      const total = await recomputedTotal(sale.id);
      expect(total).toBe(sale.total);
      const money = (minor: number) => formatMoney(minor, 'EUR', locale);
      expect(text).toContain(`${words.total}  ${money(total)}`);
      expect(text).toContain(`${words.cash}  ${money(total)}`);
      expect(text).toContain(`${words.change}  ${money(500)}`);
      for (const line of sale.lines) expect(text).toContain(`${line.name}  ${money(line.grossAmount)}`);
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.html).toContain(escapeHtml(money(total)));
      expect(mail.html).toContain(catalogue.notices['receipt.why']);
      const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'receipt-email', entityId: sale.id } });
      expect(JSON.parse(audit.details)).toEqual({ number: sale.number, to: `${customer.email[0]}•••@example.com`, language: locale });
    }
  });

  it('sends one message for a double tap, another only when asked again with a new key', async () => {
    const customer = (await cashier.post('/api/customers', { name: 'Double Tap', email: 'tap@example.com', locale: 'en' })).body;
    const sale = await sellTo(cashier, customer.id);
    const key = newId();
    const [a, b] = await Promise.all([cashier.post(`/api/register/sales/${sale.id}/email`, { id: key }), cashier.post(`/api/register/sales/${sale.id}/email`, { id: key })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    await expect.poll(async () => (await server.db.campaignMessage.findUniqueOrThrow({ where: { id: key } })).status, { timeout: 15_000 }).toBe('sent');
    const third = await cashier.post(`/api/register/sales/${sale.id}/email`, { id: key });
    expect(third.body).toMatchObject({ id: key, status: 'sent', replayed: true });
    expect(mailsTo('tap@example.com')).toHaveLength(1);
    expect(await server.db.auditLog.count({ where: { action: 'receipt-email', entityId: sale.id } })).toBe(1);

    // The same key for another address is another request: refused, not answered with the first.
    const other = await cashier.post(`/api/register/sales/${sale.id}/email`, { id: key, email: 'someone@example.com' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('replay-mismatch');

    // Asked again on purpose, to an address typed at the till.
    const again = await cashier.post(`/api/register/sales/${sale.id}/email`, { id: newId(), email: 'tap.again@example.com' });
    expect(again.status).toBe(201);
    await arrived('tap.again@example.com');
    expect(mailsTo('tap@example.com')).toHaveLength(1);
  });

  it('refuses a return, a sale of another shift or outlet, a sale without an address, and an invalid address, and changes nothing', async () => {
    const noMail = (await cashier.post('/api/customers', { name: 'Nomail Person', phone: '+370 600 11111' })).body;
    const sale = await sellTo(cashier, noMail.id);
    const ofR2 = await sellTo(manager, null);
    const returned = await manager.post('/api/returns', { id: newId(), originalSaleId: ofR2.id, lines: [{ saleLineId: ofR2.lines[0].id, quantityMilli: 1000 }], refundMethod: 'cash' });
    expect(returned.status).toBe(201);
    // A sale another outlet made, in this outlet's database (as a restored or synced copy would be).
    const stored = await server.db.sale.findUniqueOrThrow({ where: { id: sale.id } });
    const foreignId = newId();
    await server.db.$transaction((tx) => tx.sale.create({ data: { ...stored, id: foreignId, idempotencyKey: foreignId, outletId: newId(), number: 'X9-0001-0001', customerId: null } }));

    const before = { messages: await server.db.campaignMessage.count(), audit: await server.db.auditLog.count(), keys: await server.db.idempotentRequest.count(), mails: smtp.mails.length };
    const refusals = [
      [cashier.post(`/api/register/sales/${returned.body.id}/email`, { id: newId(), email: 'x@example.com' }), 422, 'not-a-sale'],
      [manager.post(`/api/sales/${returned.body.id}/email`, { id: newId(), email: 'x@example.com' }), 422, 'not-a-sale'],
      [cashier.post(`/api/register/sales/${ofR2.id}/email`, { id: newId(), email: 'x@example.com' }), 403, 'sale-of-another-shift'],
      [cashier.post(`/api/register/sales/${foreignId}/email`, { id: newId(), email: 'x@example.com' }), 404, 'sale-not-found'],
      [manager.post(`/api/sales/${foreignId}/email`, { id: newId(), email: 'x@example.com' }), 404, 'sale-not-found'],
      [cashier.post(`/api/register/sales/${newId()}/email`, { id: newId(), email: 'x@example.com' }), 404, 'sale-not-found'],
      [cashier.post(`/api/register/sales/${sale.id}/email`, { id: newId() }), 422, 'no-email-address'],
      [cashier.post(`/api/register/sales/${sale.id}/email`, { id: newId(), email: 'not an address' }), 400, 'invalid-input'],
      [cashier.post(`/api/register/sales/${sale.id}/email`, { email: 'x@example.com' }), 400, 'invalid-input'],
      // The back-office route needs the back-office right.
      [cashier.post(`/api/sales/${sale.id}/email`, { id: newId(), email: 'x@example.com' }), 403, 'not-permitted'],
    ] as const;
    for (const [request, status, code] of refusals) {
      const res = await request;
      expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    }
    const invalid = await cashier.post(`/api/register/sales/${sale.id}/email`, { id: newId(), email: 'not an address' });
    expect(invalid.body.error.fields).toEqual([expect.objectContaining({ path: 'body.email' })]);
    const none = await cashier.post(`/api/register/sales/${sale.id}/email`, { id: newId() });
    expect(none.body.error).toMatchObject({ fields: [{ path: 'body.email' }], details: { variant: 'receipt' } });

    expect({ messages: await server.db.campaignMessage.count(), audit: await server.db.auditLog.count(), keys: await server.db.idempotentRequest.count(), mails: smtp.mails.length }).toEqual(before);
  });
});

describe('POST /api/sales/:id/email', () => {
  it('lets the back office e-mail any receipt of the outlet to a typed address, answered unmasked', async () => {
    const sale = await sellTo(cashier, null);
    const res = await manager.post(`/api/sales/${sale.id}/email`, { id: newId(), email: 'walk.in@example.com' });
    expect(res.status).toBe(201);
    expect(res.body.to).toBe('walk.in@example.com');
    const mail = await arrived('walk.in@example.com');
    // No customer, so the language of whoever asked (the manager's, or the outlet's).
    expect(mail.text).toContain(labelsFor('en').total);
    expect(mail.text).toContain(formatMoney(await recomputedTotal(sale.id), 'EUR', 'en'));
  });
});
