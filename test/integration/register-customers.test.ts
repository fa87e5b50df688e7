import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/api-client.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let cashier: ApiClient;

beforeAll(async () => {
  server = await startTestServer();
  cashier = await server.login('anna', '3333', 'R1');
});
afterAll(() => server?.close());

const stored = (id: string) => server.db.customer.findUniqueOrThrow({ where: { id }, select: { phone: true, email: true, locale: true, personalDiscountBp: true, categoryId: true, name: true } });

describe('a customer at the till', () => {
  it('is registered by a cashier with a phone read as the server reads phones, an e-mail and a language', async () => {
    const res = await cashier.post('/api/customers', { name: 'Ioana Client', phone: '+373 600 12 345', email: 'ioana@example.com', locale: 'ro' });
    expect(res.status).toBe(201);
    expect(await stored(res.body.id)).toMatchObject({ name: 'Ioana Client', phone: '+37360012345', email: 'ioana@example.com', locale: 'ro' });
  });

  it('has their phone, e-mail and language changed by a cashier, seen as the register sees customers, and nothing else', async () => {
    const created = (await cashier.post('/api/customers', { name: 'Petras Keitimas', phone: '+370 600 22222' })).body;
    const res = await cashier.put(`/api/customers/${created.id}/contact`, { phone: '+370 600 33333', email: 'Petras@Example.com', locale: 'lt' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, phone: '••••••••3333', email: null, locale: 'lt' });
    expect(await stored(created.id)).toMatchObject({ phone: '+37060033333', email: 'petras@example.com', locale: 'lt' });
    const audit = await server.db.auditLog.findFirstOrThrow({ where: { action: 'customer-update', entityId: created.id } });
    expect(JSON.parse(audit.details).fields).toEqual(expect.arrayContaining(['phone', 'email', 'locale']));

    // Left out stays, null clears: the language back to the shop's.
    await cashier.put(`/api/customers/${created.id}/contact`, { locale: null });
    expect(await stored(created.id)).toMatchObject({ phone: '+37060033333', email: 'petras@example.com', locale: null });
  });

  it('refuses a discount, a card, a name, a bad phone, a bad e-mail or language through the register’s route, and the whole edit for a cashier, changing nothing', async () => {
    const created = (await cashier.post('/api/customers', { name: 'Vera Nekeiciama', phone: '+370 600 44444', locale: 'ru' })).body;
    const before = await stored(created.id);
    const audits = await server.db.auditLog.count();
    const refusals = [
      [{ personalDiscountBp: 5000 }, 400, 'body'],
      [{ card: '12345678' }, 400, 'body'],
      [{ name: 'Someone Else' }, 400, 'body'],
      [{ phone: '12' }, 422, 'body.phone'],
      [{ email: 'not-an-address' }, 400, 'body.email'],
      [{ locale: 'xx' }, 400, 'body.locale'],
    ] as const;
    for (const [body, status, path] of refusals) {
      const res = await cashier.put(`/api/customers/${created.id}/contact`, body);
      expect({ status: res.status, path: res.body.error.fields?.[0]?.path }).toEqual({ status, path });
    }
    const whole = await cashier.put(`/api/customers/${created.id}`, { name: 'Vera Nekeiciama', personalDiscountBp: 5000 });
    expect(whole.status).toBe(403);
    expect(await stored(created.id)).toEqual(before);
    expect(await server.db.auditLog.count()).toBe(audits);
  });
});
