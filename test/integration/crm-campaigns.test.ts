import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSender } from '../../server/campaigns/senders.ts';
import { RETRY_DELAYS_MS } from '../../server/campaigns/worker.ts';
import type { ApiClient } from '../support/api-client.ts';
import { buildSale, findProducts } from '../support/cart.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let owner: ApiClient;
let smtp: MailServer;
/** Tries the SMTP server refuses before it takes a message, per address. */
const refuseFirst = new Map<string, number>();
const tries = new Map<string, number>();
const delivered: string[] = [];
/** How far the worker's clock is ahead of the machine's: retries come due when it moves. */
let ahead = 0;

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // A mail server that is busy for some recipients: "451 try again later", a set number of times.
  smtp = await startMailServer((address, _session, callback) => {
    const n = (tries.get(address.address) ?? 0) + 1;
    tries.set(address.address, n);
    if (n <= (refuseFirst.get(address.address) ?? 0)) return callback(Object.assign(new Error('451 Mailbox busy, try again later'), { responseCode: 451 }));
    delivered.push(address.address);
    callback();
  });
  server = await startTestServer({
    messaging: { email: new SmtpSender(smtp.url, 'Till <till@example.com>'), sms: null, publicUrl: 'http://till.test' },
    crm: { now: () => new Date(Date.now() + ahead) },
    campaignIntervalMs: 100,
  });
  owner = await server.login('owner', '1111');
});
afterAll(async () => {
  await server?.close();
  await smtp.close();
});

describe('campaigns, completed', () => {
  it('tells lapsed customers (bought, but not for N days) from those who never bought', async () => {
    await owner.put('/api/customer-categories/lapse-test', { name: 'Lapse test', discountBp: 0, pointsEarnBp: 0 });
    const make = async (name: string) => (await owner.post('/api/customers', { name, categoryCode: 'lapse-test', email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`, emailConsent: true })).body;
    const [lapsed, recent, never] = [await make('Long Ago'), await make('Just Now'), await make('Never Bought')];
    await owner.post('/api/shifts', { openingFloat: 0 });
    const sku = (await server.db.product.findFirstOrThrow({ where: { unit: 'piece', kind: 'goods', plu: null } })).sku;
    const [product] = await findProducts(owner, sku);
    for (const customer of [lapsed, recent]) {
      const { request } = await buildSale(owner, [{ product, quantityMilli: 1000 }], { customer: (await owner.get(`/api/customers/${customer.id}`)).body });
      expect((await owner.post('/api/sales', request)).status).toBe(201);
    }
    // The test dates the first purchase back: the filter reads the sale's time.
    await server.db.$transaction((tx) => tx.sale.updateMany({ where: { customerId: lapsed.id }, data: { createdAt: new Date(Date.now() - 100 * 86_400_000) } }));

    const names = async (query: string) => (await owner.get(`/api/customers?categoryCode=lapse-test&${query}`)).body.items.map((c: { name: string }) => c.name);
    expect(await names('lapsedDays=30')).toEqual(['Long Ago']);
    expect(await names('neverBought=true')).toEqual(['Never Bought']);
    expect(await names('neverBought=false')).toEqual(['Just Now', 'Long Ago', 'Never Bought']);
    const campaign = await owner.post('/api/campaigns', { name: 'Come back', channel: 'email', subject: 'We miss you', template: 'Hi {{name}} {{unsubscribe}}', filter: { categoryCode: 'lapse-test', lapsedDays: 30 } });
    expect(campaign.body.recipients).toBe(1);
    expect((await owner.post('/api/campaigns', { name: 'Welcome', channel: 'email', subject: 'First purchase', template: 'Hi {{name}} {{unsubscribe}}', filter: { categoryCode: 'lapse-test', neverBought: true } })).body.recipients).toBe(1);
    expect(never.id).toBeDefined();
  });

  it('retries an e-mail the mail server refuses, with growing pauses, and marks it failed only after the last try', async () => {
    await owner.put('/api/customer-categories/retry-test', { name: 'Retry test', discountBp: 0, pointsEarnBp: 0 });
    refuseFirst.set('busy.twice@example.com', 2);
    refuseFirst.set('always.busy@example.com', 99);
    for (const name of ['Busy Twice', 'Always Busy']) {
      await owner.post('/api/customers', { name, categoryCode: 'retry-test', email: `${name.toLowerCase().replace(' ', '.')}@example.com`, emailConsent: true });
    }
    const campaign = (await owner.post('/api/campaigns', { name: 'Retry', channel: 'email', subject: 'Hello', template: 'Hi {{name}} {{unsubscribe}}', filter: { categoryCode: 'retry-test' } })).body;
    const message = (address: string) => server.db.campaignMessage.findFirstOrThrow({ where: { campaignId: campaign.id, address } });

    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      await until(async () => (await message('always.busy@example.com')).attempts === i + 1 && (await message('always.busy@example.com')).status === 'queued', `try ${i + 1}`);
      // The other one is on its own schedule: refused twice, then taken.
      await until(async () => (await message('busy.twice@example.com')).attempts === i + 1 && (await message('busy.twice@example.com')).status === (i < 2 ? 'queued' : 'sent'), `its try ${i + 1}`);
      // Not retried before its pause is over.
      expect(tries.get('always.busy@example.com')).toBe(i + 1);
      expect((await message('always.busy@example.com')).error).toMatch(/451/);
      ahead += delay;
    }
    await until(async () => (await message('always.busy@example.com')).status === 'failed', 'the last try');
    expect(await message('always.busy@example.com')).toMatchObject({ attempts: RETRY_DELAYS_MS.length + 1, nextAttemptAt: null });
    expect(await message('busy.twice@example.com')).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(delivered.filter((a) => a === 'busy.twice@example.com')).toHaveLength(1);
  });
});
