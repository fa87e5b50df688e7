import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSender } from '../../server/campaigns/senders.ts';
import { newId } from '../../shared/ids.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway.ts';

let server: TestServer;
let manager: ApiClient;
let smtp: MailServer;
let gateway: SmsGateway;
const textTo = (phone: string) => gateway.texts.find((t) => t.to === phone);

beforeAll(async () => {
  smtp = await startMailServer();
  gateway = await startSmsGateway();
  server = await startTestServer({
    messaging: {
      email: new SmtpSender(`${smtp.url}?ignoreTLS=true`, 'Till Demo Market <shop@example.com>'),
      sms: gateway.sender,
      publicUrl: 'http://shop.test',
    },
  });
  manager = await server.login('manager', '2222');
});

afterAll(async () => {
  await server.close();
  await smtp.close();
  await gateway.close();
});

/** Takes a pre-order of one product for the customer and marks it arrived: the customer is notified. */
async function preOrderArrives(customerId: string): Promise<string> {
  const [product] = await server.db.product.findMany({ where: { unit: 'piece', kind: 'goods', plu: null }, orderBy: { sku: 'asc' }, take: 1 });
  const taken = await manager.post('/api/pre-orders', { id: newId(), customerId, lines: [{ productId: product.id, quantityMilli: 1000, unitPrice: product.price }] });
  expect(taken.status).toBe(201);
  const arrived = await manager.post(`/api/pre-orders/${taken.body.id}/status`, { to: 'arrived' });
  expect(arrived.body.status).toBe('arrived');
  return taken.body.number;
}

describe('a customer’s language', () => {
  it('is set and changed through the API, only to one of the six languages, and travels to head office with the customer', async () => {
    const created = await manager.post('/api/customers', { name: 'Jonas Kalbus', phone: '+370 600 10001', locale: 'lt' });
    expect(created.status).toBe(201);
    expect(created.body.locale).toBe('lt');
    const edit = await server.db.outboxEntry.findFirstOrThrow({ where: { type: 'customer-edit' }, orderBy: { sequence: 'desc' } });
    expect(JSON.parse(edit.payload)).toMatchObject({ customerId: created.body.id, fields: { locale: 'lt' } });

    const changed = await manager.put(`/api/customers/${created.body.id}`, { name: 'Jonas Kalbus', locale: 'ru' });
    expect(changed.body.locale).toBe('ru');
    const second = await server.db.outboxEntry.findFirstOrThrow({ where: { type: 'customer-edit' }, orderBy: { sequence: 'desc' } });
    expect(JSON.parse(second.payload).fields).toEqual({ locale: 'ru' });

    const wrong = await manager.put(`/api/customers/${created.body.id}`, { name: 'Jonas Kalbus', locale: 'xx' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'invalid-input', fields: [{ path: 'body.locale', code: 'invalid_value' }] });
    expect((await server.db.customer.findUniqueOrThrow({ where: { id: created.body.id } })).locale).toBe('ru');
  });

  it('writes the pre-order arrival notice in the customer’s language: SMS in Lithuanian, e-mail in Russian, the outlet’s language for the others', async () => {
    const lt = (await manager.post('/api/customers', { name: 'Rūta Lietuvė', phone: '+370 600 20002', locale: 'lt' })).body;
    const ru = (await manager.post('/api/customers', { name: 'Ольга Русская', email: 'olga@example.com', locale: 'ru' })).body;
    const none = (await manager.post('/api/customers', { name: 'Plain Person', phone: '+370 600 30003' })).body;
    const ltNumber = await preOrderArrives(lt.id);
    const ruNumber = await preOrderArrives(ru.id);
    const noneNumber = await preOrderArrives(none.id);

    await expect.poll(() => textTo('+37060020002')?.text, { timeout: 10_000 }).toBe(`Rūta, jūsų užsakymas ${ltNumber} atvyko į Till Demo Market ir laukia jūsų.`);
    await expect.poll(() => smtp.mails.length, { timeout: 10_000 }).toBe(1);
    expect(smtp.mails[0].to).toMatchObject({ text: 'olga@example.com' });
    expect(smtp.mails[0].subject).toBe('Ваш заказ поступил: Till Demo Market');
    expect(smtp.mails[0].text?.trim()).toBe(`Ольга, ваш заказ ${ruNumber} поступил в Till Demo Market и ждёт вас.`);
    await expect.poll(() => textTo('+37060030003')?.text, { timeout: 10_000 }).toBe(`Plain, your order ${noneNumber} has arrived at Till Demo Market and is kept for you.`);
  });

  it('picks a campaign’s text in each customer’s language, the main text for the rest', async () => {
    await manager.post('/api/customers', { name: 'Ieva Akcija', phone: '+370 600 40004', locale: 'lt', smsConsent: true, categoryCode: 'silver' });
    await manager.post('/api/customers', { name: 'Anna Action', phone: '+370 600 50005', locale: 'en', smsConsent: true, categoryCode: 'silver' });
    await manager.post('/api/customers', { name: 'Иван Акция', phone: '+370 600 60006', smsConsent: true, categoryCode: 'silver' });
    const res = await manager.post('/api/campaigns', {
      name: 'Silver week',
      channel: 'sms',
      template: '{{firstName}}: -10% for silver cards this week',
      filter: { categoryCode: 'silver' },
      translations: { lt: { template: '{{firstName}}: -10 % sidabrinėms kortelėms visą savaitę' }, ru: { template: '{{firstName}}: -10 % по серебряным картам всю неделю' } },
    });
    expect(res.status).toBe(201);
    await expect.poll(() => textTo('+37060040004')?.text, { timeout: 10_000 }).toBe('Ieva: -10 % sidabrinėms kortelėms visą savaitę');
    await expect.poll(() => textTo('+37060050005')?.text, { timeout: 10_000 }).toBe('Anna: -10% for silver cards this week');
    // No language of their own: the outlet's (English), which has no translation here, so the main text.
    await expect.poll(() => textTo('+37060060006')?.text, { timeout: 10_000 }).toBe('Иван: -10% for silver cards this week');

    const typo = await manager.post('/api/campaigns', { name: 'x', channel: 'sms', template: 'Hi {{firstName}}', translations: { lt: { template: 'Labas {{vardas}}' } } });
    expect(typo.body.error).toMatchObject({ code: 'unknown-placeholder', details: { placeholder: '{{vardas}}' } });
  });

  it('is read from an imported file’s language column, by code or by the language’s own name', async () => {
    const owner = await server.login('owner', '1111');
    const csv = ['Name;Phone;Language', 'Laima Importuota;+370 600 70007;lt', 'Пётр Импортов;+370 600 80008;Русский', 'Nobody Knows;+370 600 90009;klingon'].join('\n');
    const res = await fetch(`${server.url}/api/customers/import?${new URLSearchParams({ fileName: 'kalbos.csv', key: 'phone', dryRun: 'false' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const report = await res.json();
    expect(report).toMatchObject({ created: 2, rejected: [{ row: 4, reasons: [expect.stringContaining('locale')] }] });
    expect((await server.db.customer.findFirstOrThrow({ where: { name: 'Laima Importuota' } })).locale).toBe('lt');
    expect((await server.db.customer.findFirstOrThrow({ where: { name: 'Пётр Импортов' } })).locale).toBe('ru');
    expect(await server.db.customer.count({ where: { name: 'Nobody Knows' } })).toBe(0);
  });
});
