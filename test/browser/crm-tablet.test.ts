import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en.ts';
import { ru as officeRu } from '../../backoffice-ui/src/i18n/ru.ts';
import { requireBuiltUi, UI_DIR } from '../support/browser.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { type BackOfficeSession, BackOfficePage, openBackOffice } from './pages/backoffice-page.ts';

// The CRM's pages on a tablet held upright, by touch: the owner sets a manager's view to their own
// customers and gives them two customers of a region in bulk; the manager sees only those, logs a
// call with a file on one, makes a task for tomorrow 10:00, and when the server's clock reaches it
// sees it in "my tasks" and is told live.

const ZONE = 'Europe/Vilnius';
/** The CRM's clock: the real time now, moved by the test to the task's time. */
let clock = new Date();
let server: TestServer;
let session: BackOfficeSession | undefined;
let page: Page;
let office: BackOfficePage;
let maxId: string;
const kaunas: string[] = [];

/** An instant as the shop's wall clock shows it, "YYYY-MM-DD HH:MM" (read by Intl, not by the app's helpers). */
const shopClock = (at: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'short' }).format(at);
const dayAfter = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const managerOf = async (customerId: string) => (await server.db.customerManager.findUnique({ where: { customerId } }))?.managerId ?? null;
const status = () => page.getByRole('status').first().innerText();

beforeAll(async () => {
  requireBuiltUi('backoffice-ui');
  server = await startTestServer({ uiDir: UI_DIR, productCount: 5, timezone: ZONE, crm: { now: () => clock, reminderIntervalMs: 200 } });
  const owner = await server.login('owner', '1111');
  maxId = (await server.db.user.findUniqueOrThrow({ where: { login: 'manager' } })).id;
  for (const [name, address] of [['Rasa Kaunietė', 'Laisvės al. 10, Kaunas'], ['Jonas Kaunietis', 'Savanorių pr. 5, KAUNAS'], ['Vilma Vilnietė', 'Gedimino pr. 1, Vilnius']]) {
    const made = await owner.post('/api/customers', { name, address });
    expect(made.status).toBe(201);
    if (address.toLowerCase().includes('kaunas')) kaunas.push(made.body.id);
  }
  // A tablet held upright, used by touch.
  session = await openBackOffice();
  ({ page, office } = session);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await server?.close();
});

describe('the CRM pages on a tablet, by touch', () => {
  it("the owner limits a manager to their own customers and gives them a region's two customers in bulk; a manager of another outlet is refused by name", async () => {
    await office.open(server.url);
    await office.signInTyping('owner', 'owner-demo-pass');
    await office.section('Users').tap();
    await page.locator(`select[name=user-scope-${maxId}]`).selectOption('own');
    await expect.poll(status).toBe('Max Manager: saved');
    expect((await server.db.crmUser.findUniqueOrThrow({ where: { userId: maxId } })).customerScope).toBe('own');
    await office.screenshot('crm-01-users-scopes-en');

    await office.section('Customers').tap();
    await office.type('input[name=filter-region]', 'kaunas');
    await expect.poll(() => page.locator('.list li').count()).toBe(2);
    await page.locator('select[name=bulk-manager]').selectOption(maxId);
    await page.getByRole('button', { name: 'Assign 2 customers…' }).tap();
    await page.getByRole('button', { name: 'Yes, assign' }).tap();
    await expect.poll(() => page.getByTestId('bulk-assign').innerText()).toContain('2 customers now with Max Manager');
    expect(await Promise.all(kaunas.map(managerOf))).toEqual([maxId, maxId]);
    expect(await server.db.customerManager.count()).toBe(2);
    await office.screenshot('crm-02-bulk-assigned-en');

    // Vera moves to another outlet after the card has listed her: the server refuses her by name.
    await page.locator('.list li button').filter({ hasText: 'Jonas Kaunietis' }).tap();
    await page.locator('select[name=customer-manager]').selectOption({ label: 'Vera Senior' });
    const outlet = await server.db.outlet.findFirstOrThrow();
    const elsewhere = await server.db.$transaction((tx) => tx.outlet.create({ data: { ...outlet, id: '01900000-0000-7000-8000-0000000c0de1', code: 'KLP', name: 'Klaipėda' } }));
    await server.db.$transaction((tx) => tx.user.update({ where: { login: 'vera' }, data: { outletId: elsewhere.id } }));
    await page.getByTestId('customer-crm').getByRole('button', { name: 'Assign', exact: true }).tap();
    await expect.poll(() => page.getByTestId('customer-crm').getByRole('status').innerText()).toBe(en.errors['manager-at-another-outlet'].replace('{name}', 'Vera Senior'));
    expect(await managerOf(kaunas[1])).toBe(maxId);
    await page.locator('header').getByRole('button', { name: 'Sign out' }).tap();
  });

  it('the manager sees only their two customers, logs a call with a file (a program refused), makes a task for tomorrow 10:00 (refused without an assignee)', async () => {
    await office.signInTyping('manager', 'manager-demo-pass');
    await office.section('Customers').tap();
    await expect.poll(() => page.locator('.list li').count()).toBe(2);
    expect((await page.locator('.list li strong').allInnerTexts()).sort()).toEqual(['Jonas Kaunietis', 'Rasa Kaunietė']);
    await expect.poll(() => page.locator('h1 small').innerText()).toBe('2');

    await page.locator('.list li button').filter({ hasText: 'Rasa Kaunietė' }).tap();
    await page.getByRole('button', { name: 'Log a call, meeting or note' }).tap();
    await office.type('input[name=entry-subject]', 'Asked about the spring offer');
    await office.type('textarea[name=entry-body]', 'Wants a quote for 40 chairs.');
    const program = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
    await page.locator('input[name=entry-files]').setInputFiles({ name: 'tool.bin', mimeType: 'application/octet-stream', buffer: program });
    await expect.poll(() => page.getByTestId('attachment-error').innerText()).toBe(en.errors['attachment-type-forbidden']);
    await page.locator('input[name=entry-files]').setInputFiles({ name: 'call-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('40 chairs, oak, delivery in April\n') });
    await expect.poll(() => page.getByTestId('log-entry').innerText()).toContain('call-notes.txt');
    await page.getByRole('button', { name: 'Log it' }).tap();
    await expect.poll(() => page.getByTestId('customer-timeline').innerText()).toContain('Asked about the spring offer');
    expect(await page.getByTestId('customer-timeline').innerText()).toContain('call-notes.txt');
    const call = await server.db.interaction.findFirstOrThrow({ where: { customerId: kaunas[0], kind: 'call' } });
    expect([call.userId, call.direction, call.body]).toEqual([maxId, 'out', 'Wants a quote for 40 chairs.']);
    const files = await server.db.interactionAttachment.findMany({ where: { interactionId: call.id } });
    expect(files.map((f) => [f.fileName, f.mediaType])).toEqual([['call-notes.txt', 'text/plain']]);
    expect(await server.db.interactionAttachment.count({ where: { fileName: 'tool.bin' } })).toBe(0);
    await office.screenshot('crm-03-call-logged-en');

    await page.getByTestId('customer-crm').getByRole('button', { name: 'New task' }).tap();
    await office.type('input[name=task-title]', 'Send the quote for the chairs');
    await page.getByRole('button', { name: 'Tomorrow' }).tap();
    await page.locator('select[name=task-assignee]').selectOption('');
    await page.getByRole('button', { name: 'Add task' }).tap();
    await expect.poll(() => page.getByTestId('task-form').innerText()).toContain('assignee');
    expect(await page.getByTestId('task-form').getByRole('status').innerText()).toContain(en.errors['invalid-input']);
    expect(await server.db.crmTask.count()).toBe(0);
    await page.locator('select[name=task-assignee]').selectOption(maxId);
    await page.getByRole('button', { name: 'Add task' }).tap();
    await expect.poll(() => page.getByTestId('customer-crm').getByRole('status').innerText()).toContain('Task added: Send the quote for the chairs');
    const task = await server.db.crmTask.findFirstOrThrow();
    expect([task.assigneeId, task.customerId, task.status, shopClock(task.dueAt)]).toEqual([maxId, kaunas[0], 'open', `${dayAfter(shopClock(clock).slice(0, 10))} 10:00`]);
  });

  it('shows the task in "my tasks" once the clock reaches it, with its live reminder, in English and Russian', async () => {
    await office.section('Tasks').tap();
    await expect.poll(() => page.getByTestId('tasks-later').innerText()).toContain('Send the quote for the chairs');
    expect(await page.getByTestId('tasks-today').innerText()).not.toContain('Send the quote');

    const task = await server.db.crmTask.findFirstOrThrow();
    clock = new Date(task.dueAt.getTime() + 60_000);
    await expect.poll(() => page.getByTestId('task-reminders').innerText()).toContain('Task due: Send the quote for the chairs');
    await expect.poll(() => page.getByTestId('tasks-today').innerText()).toContain('Send the quote for the chairs');
    expect(await page.getByTestId('tasks-later').innerText()).not.toContain('Send the quote');
    expect((await server.db.crmTask.findUniqueOrThrow({ where: { id: task.id } })).remindedAt).not.toBeNull();
    await office.screenshot('crm-04-my-tasks-reminder-en');

    await page.locator('header select[name=language]').selectOption('ru');
    await expect.poll(() => office.heading().innerText()).toBe(officeRu['Tasks']);
    await expect.poll(() => page.getByTestId('task-reminders').innerText()).toContain(officeRu['Task due: {title}'].replace('{title}', 'Send the quote for the chairs'));
    expect(await page.locator('main').innerText()).not.toMatch(/Overdue|Later|My tasks|All tasks/);
    await office.screenshot('crm-05-my-tasks-reminder-ru');

    await office.section(officeRu['Customers']).tap();
    await page.locator('.list li button').filter({ hasText: 'Rasa Kaunietė' }).tap();
    await expect.poll(() => page.getByTestId('customer-timeline').innerText()).toContain(officeRu['Call']);
    expect(await page.getByTestId('customer-crm').innerText()).toContain(officeRu['Timeline']);
    await office.screenshot('crm-06-customer-timeline-ru');
  });
});
