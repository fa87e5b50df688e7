import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmtpSender } from '../../server/campaigns/senders.ts';
import { addDays } from '../../shared/time.ts';
import type { ApiClient } from '../support/api-client.ts';
import { EventStreamClient } from '../support/event-stream.ts';
import { startMailServer, type MailServer } from '../support/mail-server.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** The CRM's clock, moved by the tests: reminders fire by it, not by the machine's. */
let clock = new Date('2026-03-10T08:00:00Z');
let server: TestServer;
let owner: ApiClient;
let max: ApiClient;
let maxId: string;
let smtp: MailServer;

async function until(check: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const at = (iso: string) => new Date(iso).toISOString();

beforeAll(async () => {
  smtp = await startMailServer();
  server = await startTestServer({
    productCount: 5,
    timezone: 'Europe/Vilnius',
    messaging: { email: new SmtpSender(smtp.url, 'Till <till@example.com>'), sms: null, publicUrl: 'http://till.test' },
    crm: { now: () => clock, reminderIntervalMs: 100 },
  });
  owner = await server.login('owner', '1111');
  max = await server.login('manager', '2222');
  maxId = (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id;
  await owner.put(`/api/users/${maxId}/crm`, { departmentId: null, customerScope: null, email: 'max@example.com' });
});
afterAll(async () => {
  await server?.close();
  await smtp.close();
});

describe('tasks and reminders', () => {
  it('lists my tasks for today and overdue by the outlet day, and refuses one without an assignee or a due time, naming the field', async () => {
    const customer = (await owner.post('/api/customers', { name: 'Task Customer' })).body;
    for (const [title, dueAt] of [
      ['Yesterday', '2026-03-09T10:00:00Z'],
      // 23:30 UTC of the 9th is already the 10th in Vilnius.
      ['Early today', '2026-03-09T23:30:00Z'],
      ['Later today', '2026-03-10T15:00:00Z'],
      ['Next week', '2026-03-17T09:00:00Z'],
    ]) {
      expect((await owner.post('/api/tasks', { title, assigneeId: maxId, dueAt, customerId: customer.id, priority: 'high' })).status).toBe(201);
    }
    const mine = (await max.get('/api/tasks/mine')).body;
    expect([mine.overdue, mine.today, mine.later].map((list: { title: string }[]) => list.map((t) => t.title))).toEqual([['Yesterday'], ['Early today', 'Later today'], ['Next week']]);
    expect(mine.today[0]).toMatchObject({ customer: { id: customer.id, name: 'Task Customer' }, assignee: { name: 'Max Manager' }, priority: 'high', status: 'open' });
    expect((await owner.get('/api/tasks/mine')).body.today).toEqual([]);

    const before = await server.db.crmTask.count();
    for (const [body, field] of [
      [{ title: 'No one', dueAt: '2026-03-10T12:00:00Z' }, 'body.assigneeId'],
      [{ title: 'No time', assigneeId: maxId }, 'body.dueAt'],
      [{ title: 'Bad time', assigneeId: maxId, dueAt: 'tomorrow' }, 'body.dueAt'],
    ] as const) {
      const res = await owner.post('/api/tasks', body);
      expect([res.status, res.body.error.code, res.body.error.fields[0].path]).toEqual([400, 'invalid-input', field]);
    }
    expect(await server.db.crmTask.count()).toBe(before);
  });

  it('fires a reminder at its time, moved clock and all: live in the back office and by e-mail through SMTP, once', async () => {
    const stream = await EventStreamClient.open(`${server.url}/api/crm/events`, max.token!);
    const task = (await owner.post('/api/tasks', { title: 'Send the offer', assigneeId: maxId, dueAt: '2026-03-10T12:00:00Z' })).body;
    // Before its time nothing fires, however many rounds pass.
    await until(async () => (await server.db.crmTask.count({ where: { remindedAt: null, dueAt: { lte: clock } } })) === 0, 'the overdue tasks to be announced');
    expect(stream.events.filter((e) => (e.data as { taskId: string }).taskId === task.id)).toEqual([]);
    expect((await server.db.crmTask.findUniqueOrThrow({ where: { id: task.id } })).remindedAt).toBeNull();

    clock = new Date('2026-03-10T12:00:30Z');
    await until(() => stream.events.some((e) => (e.data as { taskId: string }).taskId === task.id), 'the live reminder');
    expect(stream.events.find((e) => (e.data as { taskId: string }).taskId === task.id)).toEqual({ event: 'task-due', data: { taskId: task.id, title: 'Send the offer', dueAt: at('2026-03-10T12:00:00Z'), customerId: null } });
    await until(() => smtp.mails.some((m) => m.subject === 'Task due: Send the offer'), 'the reminder mail');
    const mail = smtp.mails.find((m) => m.subject === 'Task due: Send the offer')!;
    expect(mail.to).toMatchObject({ text: 'max@example.com' });
    expect((await server.db.crmTask.findUniqueOrThrow({ where: { id: task.id } })).remindedAt?.toISOString()).toBe(clock.toISOString());
    // Announced once: later rounds leave it.
    const round = (await server.db.crmTask.findUniqueOrThrow({ where: { id: task.id } })).remindedAt;
    clock = new Date('2026-03-10T12:05:00Z');
    await until(async () => (await server.db.crmTask.count({ where: { remindedAt: null, dueAt: { lte: clock } } })) === 0, 'a later round');
    expect(smtp.mails.filter((m) => m.subject === 'Task due: Send the offer')).toHaveLength(1);
    expect((await server.db.crmTask.findUniqueOrThrow({ where: { id: task.id } })).remindedAt).toEqual(round);
    stream.close();
  });

  it('moves a task with a note (its reminder fires again at the new time), marks it done, and a recurring one comes back', async () => {
    const task = (await owner.post('/api/tasks', { title: 'Weekly check', assigneeId: maxId, dueAt: '2026-03-10T09:00:00Z', recurrence: 'weekly' })).body;
    const noNote = await max.post(`/api/tasks/${task.id}/move`, { dueAt: '2026-03-11T09:00:00Z' });
    expect([noNote.status, noNote.body.error.fields[0].path]).toEqual([400, 'body.note']);
    const moved = await max.post(`/api/tasks/${task.id}/move`, { dueAt: '2026-03-11T09:00:00Z', note: 'Customer away until Wednesday' });
    expect(moved.body).toMatchObject({ dueAt: at('2026-03-11T09:00:00Z'), events: [{ kind: 'created' }, { kind: 'moved', who: 'Max Manager', note: 'Customer away until Wednesday', fromDueAt: at('2026-03-10T09:00:00Z'), toDueAt: at('2026-03-11T09:00:00Z') }] });
    expect((await server.db.crmTask.findUniqueOrThrow({ where: { id: task.id } })).remindedAt).toBeNull();

    const done = await max.post(`/api/tasks/${task.id}/done`, { note: 'All fine' });
    expect(done.body).toMatchObject({ status: 'done', events: [{ kind: 'created' }, { kind: 'moved' }, { kind: 'done', note: 'All fine' }] });
    const again = await max.post(`/api/tasks/${task.id}/done`, { note: 'twice' });
    expect([again.status, again.body.error.code]).toEqual([409, 'task-done']);
    expect((await max.post(`/api/tasks/${task.id}/move`, { dueAt: '2026-03-12T09:00:00Z', note: 'late' })).body.error.code).toBe('task-done');
    const next = await server.db.crmTask.findFirstOrThrow({ where: { title: 'Weekly check', status: 'open' } });
    expect(next.dueAt.toISOString()).toBe(at('2026-03-18T09:00:00Z'));
  });

  it('makes "call back" from a logged call and "birthday tomorrow" for the manager, once each, and moves open tasks with their customer', async () => {
    const customer = (await owner.post('/api/customers', { name: 'Birthday Person', birthday: `1985-${addDays('2026-03-10', 1).slice(5)}` })).body;
    await owner.put(`/api/customers/${customer.id}/manager`, { managerId: maxId });
    await until(async () => (await server.db.crmTask.count({ where: { origin: 'birthday', customerId: customer.id } })) === 1, 'the birthday task');
    const birthday = await server.db.crmTask.findFirstOrThrow({ where: { origin: 'birthday', customerId: customer.id } });
    expect(birthday).toMatchObject({ title: 'Birthday tomorrow: Birthday Person', assigneeId: maxId, dueAt: new Date('2026-03-11T07:00:00Z') });

    const call = await max.post(`/api/customers/${customer.id}/interactions`, { kind: 'call', subject: 'Busy, call again', callBackAt: '2026-03-10T14:00:00Z' });
    expect(call.status).toBe(201);
    expect(await server.db.crmTask.findFirst({ where: { origin: 'call-back', interactionId: call.body.id } })).toMatchObject({ title: 'Call back Birthday Person', assigneeId: maxId, customerId: customer.id });

    // Reassigned with their open tasks: both go to the owner, each noted.
    const ownerId = (await server.db.user.findUniqueOrThrow({ where: { login: 'owner' } })).id;
    const moved = await owner.put(`/api/customers/${customer.id}/manager`, { managerId: ownerId });
    expect(moved.body).toEqual({ assigned: 1, tasksMoved: 2 });
    expect((await server.db.crmTask.findMany({ where: { customerId: customer.id } })).map((t) => t.assigneeId)).toEqual([ownerId, ownerId]);
    // Later rounds make no second birthday task for the same day.
    clock = new Date(clock.getTime() + 60_000);
    await until(async () => (await server.db.crmTask.count({ where: { remindedAt: null, dueAt: { lte: clock } } })) === 0, 'a later round');
    expect(await server.db.crmTask.count({ where: { origin: 'birthday', customerId: customer.id } })).toBe(1);
  });
});
