import { EventEmitter } from 'node:events';
import { addDays, instantOfLocalTime, localTimeIn } from '../../shared/time.ts';
import type { MessageSender } from '../campaigns/senders.ts';
import type { Db, Tx } from '../db/client.ts';
import type { OutletInfo } from '../outlet.ts';
import type { RuleTask, Tasks } from './tasks.ts';

/** A task whose time has come, as the back office is told of it (event "task-due"). */
export interface TaskDue {
  userId: string;
  taskId: string;
  title: string;
  dueAt: string;
  customerId: string | null;
}

/** Live news for signed-in back-office users, by user: the server side of the back office's event stream. */
export class CrmEvents extends EventEmitter<{ 'task-due': [TaskDue] }> {}

/**
 * A rule that makes tasks: asked at every round which tasks are due to exist now (each once, by its
 * key). "Birthday tomorrow" is here; a contract ending in N days is one the contracts part adds.
 */
export interface TaskRule {
  tasks(tx: Tx, now: Date): Promise<RuleTask[]>;
}

/** "Birthday tomorrow": a task for a customer's manager, the day before, to be done by 09:00 of the birthday (outlet time). */
export function birthdayRule(outlet: OutletInfo): TaskRule {
  return {
    async tasks(tx, now) {
      const zone = outlet.view.timezone;
      const tomorrow = addDays(localTimeIn(zone, now).slice(0, 10), 1);
      // From the managed customers (only they get the task): a birthday's month and day are no
      // index's key, and reading every customer every round held the server up for seconds on a
      // big base (bench/, customer search).
      const rows = await tx.$queryRaw<{ id: string; name: string; managerId: string }[]>`
        SELECT c."id", c."name", m."managerId" FROM "CustomerManager" m CROSS JOIN "Customer" c ON c."id" = m."customerId"
        WHERE c."mergedIntoId" IS NULL AND c."birthday" LIKE ${`%${tomorrow.slice(4)}`}`;
      return rows.map((c) => ({ origin: 'birthday', originKey: `birthday:${c.id}:${tomorrow}`, title: `Birthday tomorrow: ${c.name}`, assigneeId: c.managerId, customerId: c.id, dueAt: instantOfLocalTime(zone, `${tomorrow}T09:00`) }));
    },
  };
}

/**
 * Every round (each `intervalMs`, by the CRM's clock): rules make their tasks, and each open task
 * whose time has come is announced once, live to its assignee and by e-mail where they have an address.
 */
export class TaskReminders {
  #timer: ReturnType<typeof setInterval> | null = null;
  #running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly tasks: Tasks,
    private readonly rules: TaskRule[],
    private readonly events: CrmEvents,
    private readonly mailer: MessageSender | null,
    private readonly now: () => Date,
    private readonly log: { error(obj: unknown, msg?: string): void },
    private readonly intervalMs = 30_000,
  ) {}

  /** One round; rounds never overlap. */
  run(): Promise<void> {
    this.#running ??= this.#round().finally(() => (this.#running = null));
    return this.#running;
  }

  async #round(): Promise<void> {
    const now = this.now();
    await this.db.$transaction(async (tx) => {
      for (const rule of this.rules) for (const task of await rule.tasks(tx, now)) await this.tasks.createFromRule(tx, task);
    });
    const due = await this.db.crmTask.findMany({ where: { status: 'open', remindedAt: null, dueAt: { lte: now } }, orderBy: { dueAt: 'asc' }, take: 500 });
    for (const task of due) {
      // Claimed first: a reminder is announced once, whatever happens to the mail.
      const claimed = await this.db.$transaction((tx) => tx.crmTask.updateMany({ where: { id: task.id, remindedAt: null }, data: { remindedAt: now } }));
      if (claimed.count !== 1) continue;
      this.events.emit('task-due', { userId: task.assigneeId, taskId: task.id, title: task.title, dueAt: task.dueAt.toISOString(), customerId: task.customerId });
      const address = (await this.db.crmUser.findUnique({ where: { userId: task.assigneeId }, select: { email: true } }))?.email;
      if (this.mailer && address) {
        await this.mailer.send(address, `Task due: ${task.title}`, `${task.title}\nDue ${task.dueAt.toISOString()}`).catch((err) => this.log.error(err, 'mailing a task reminder failed'));
      }
    }
  }

  start(): void {
    const tick = () => void this.run().catch((err) => this.log.error(err, 'task reminders failed'));
    tick();
    this.#timer = setInterval(tick, this.intervalMs);
    this.#timer.unref();
  }

  /** Stops the rounds, after the one running ends. */
  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => undefined);
  }
}
