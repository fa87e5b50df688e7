import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsSender, SmtpSender } from '../../server/campaigns/senders.ts';
import { RETRY_DELAYS_MS } from '../../server/campaigns/worker.ts';
import { localTimeIn } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let manager: ApiClient;
let smtp: MailServer;
let gateway: http.Server;
const texts: { to: string; text: string }[] = [];
let refusedTries = 0;
/** How far the worker's clock is ahead of the machine's: retries come due when it moves. */
let ahead = 0;

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  smtp = await startMailServer();
  // An SMS gateway that refuses one number, as gateways do for unknown subscribers.
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const message = JSON.parse(body) as { to: string; text: string };
      if (message.to.endsWith('0000000')) {
        refusedTries++;
        res.writeHead(400).end('unknown subscriber');
        return;
      }
      texts.push(message);
      res.writeHead(202).end('{}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const gatewayPort = (gateway.address() as { port: number }).port;
  server = await startTestServer({
    messaging: {
      email: new SmtpSender(`${smtp.url}?ignoreTLS=true`, 'Till Demo Market <shop@example.com>'),
      sms: new HttpSmsSender(`http://127.0.0.1:${gatewayPort}/send`),
      publicUrl: 'http://shop.test',
    },
    crm: { now: () => new Date(Date.now() + ahead) },
    campaignIntervalMs: 100,
  });
  manager = await server.login('manager', '2222');
});

afterAll(async () => {
  await server.close();
  await smtp.close();
  await new Promise<void>((r) => gateway.close(() => r()));
});

describe('campaigns', () => {
  it('emails birthday greetings to consenting customers only, and the unsubscribe link works', async () => {
    const today = localTimeIn('Europe/Vilnius').slice(5, 10);
    const yes = await manager.post('/api/customers', { name: 'Audra Gimtadienė', email: 'audra@example.com', birthday: `1980-${today}`, emailConsent: true });
    await manager.post('/api/customers', { name: 'Nora Nesutinka', email: 'nora@example.com', birthday: `1985-${today}` });
    const birthdays = await manager.get('/api/customers/birthdays?range=today');
    expect(birthdays.body.items.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['Audra Gimtadienė', 'Nora Nesutinka']));

    const res = await manager.post('/api/campaigns', {
      name: 'Birthdays today',
      channel: 'email',
      subject: 'Happy birthday from Till Demo Market',
      template: 'Dear {{firstName}}, happy birthday! Show this email for a treat.\nUnsubscribe: {{unsubscribe}}',
      filter: { birthday: 'today' },
    });
    expect(res.status).toBe(201);
    expect(res.body.recipients).toBe(1);
    await until(() => smtp.mails.length === 1, 'the email');
    expect(smtp.mails[0].to).toMatchObject({ text: 'audra@example.com' });
    expect(smtp.mails[0].subject).toBe('Happy birthday from Till Demo Market');
    expect(smtp.mails[0].text).toContain('Dear Audra, happy birthday!');
    await until(async () => (await manager.get('/api/campaigns')).body.items[0].sent === 1, 'sent status');

    const link = /Unsubscribe: (\S+)/.exec(smtp.mails[0].text!)![1].replace('http://shop.test', server.url);
    // Opening the link (as a mail scanner does) changes nothing: the page asks, its button confirms.
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<button type="submit">Unsubscribe</button>');
    expect((await manager.get(`/api/customers/${yes.body.id}`)).body.emailConsentAt).not.toBeNull();
    const action = /action="([^"]+)"/.exec(html)![1].replaceAll('&amp;', '&');
    const confirmed = await fetch(`${server.url}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect([confirmed.status, (await confirmed.text()).includes('You are unsubscribed')]).toEqual([200, true]);
    expect((await manager.get(`/api/customers/${yes.body.id}`)).body.emailConsentAt).toBeNull();
    // A second visit and a second confirmation change nothing more.
    expect(await (await fetch(link)).text()).toContain('You are unsubscribed');
    expect((await fetch(`${server.url}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status).toBe(200);
    expect(await server.db.auditLog.count({ where: { action: 'unsubscribe', entityId: yes.body.id } })).toBe(1);
    const forged = link.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await fetch(forged)).status).toBe(400);
    expect((await fetch(forged, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })).status).toBe(400);
  });

  it('texts a category through the HTTP gateway and records each recipient’s outcome', async () => {
    await manager.post('/api/customers', { name: 'Sms Gold One', phone: '+370 600 11111', categoryCode: 'gold', smsConsent: true });
    await manager.post('/api/customers', { name: 'Sms Gold Two', phone: '+370 600 00000', categoryCode: 'gold', smsConsent: true });
    const res = await manager.post('/api/campaigns', { name: 'Gold week', channel: 'sms', template: '{{name}}: -10% for gold cards this week', filter: { categoryCode: 'gold' } });
    expect(res.body.recipients).toBe(2);
    // A refused text is tried again after each pause (the clock moved past it), and marked failed after the last try.
    for (const [tries, delay] of RETRY_DELAYS_MS.map((d, i) => [i + 1, d])) {
      await until(() => refusedTries === tries, `try ${tries}`);
      await until(async () => (await server.db.campaignMessage.findFirst({ where: { campaignId: res.body.id, address: '+37060000000', status: 'queued', attempts: tries } })) !== null, `retry ${tries} queued`);
      ahead += delay;
    }
    await until(async () => {
      const messages = (await manager.get(`/api/campaigns/${res.body.id}/messages`)).body.items as { status: string }[];
      return messages.every((m) => m.status === 'sent' || m.status === 'failed');
    }, 'both outcomes');
    expect(refusedTries).toBe(RETRY_DELAYS_MS.length + 1);
    const messages = (await manager.get(`/api/campaigns/${res.body.id}/messages`)).body.items;
    expect(messages.map((m: { address: string; status: string }) => [m.address, m.status]).sort()).toEqual([
      ['+37060000000', 'failed'],
      ['+37060011111', 'sent'],
    ]);
    expect(messages.find((m: { status: string }) => m.status === 'failed').error).toMatch(/unknown subscriber/);
    expect(texts).toEqual([{ to: '+37060011111', text: 'Sms Gold One: -10% for gold cards this week' }]);
  });

  it('refuses a template with a placeholder it cannot fill, and an email without a subject', async () => {
    const typo = await manager.post('/api/campaigns', { name: 'x', channel: 'sms', template: 'Hi {{frstName}}' });
    expect(typo.body.error).toMatchObject({ code: 'unknown-placeholder', fields: [{ path: 'body.template' }] });
    const noSubject = await manager.post('/api/campaigns', { name: 'x', channel: 'email', template: 'Hi' });
    expect(noSubject.body.error.fields[0].path).toBe('body.subject');
    expect(await server.db.campaign.count({ where: { name: 'x' } })).toBe(0);
  });
});
