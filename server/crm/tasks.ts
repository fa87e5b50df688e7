import { newId } from '../../shared/ids.ts';
import { BULK_TASKS_MAX, type BulkTaskInput, type BulkTaskResult, type TaskInput, type TaskListQuery, type TaskView } from '../../shared/schemas/crm.ts';
import { addDays, localTimeIn, startOfLocalDay } from '../../shared/time.ts';
import type { AuthContext } from '../auth/context.ts';
import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { IdempotentRequests, isUniqueViolation, requestFingerprint, type Created } from '../db/idempotent-requests.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { ReassignmentFollower } from './assignments.ts';
import { bulkCustomerIds } from './bulk-customers.ts';
import { assertOutletUser } from './outlet-users.ts';
import type { CustomerVisibility } from './visibility.ts';

/** A task a rule makes: once per occasion (its key), for someone, maybe about a customer. */
export interface RuleTask {
  origin: string;
  originKey: string;
  title: string;
  assigneeId: string;
  customerId: string | null;
  dueAt: Date;
  interactionId?: string;
}

type TaskRow = NonNullable<Awaited<ReturnType<Db['crmTask']['findUnique']>>>;

/** The next time a recurring task is due after `dueAt`. */
function nextDue(dueAt: Date, recurrence: string): Date {
  const next = new Date(dueAt);
  if (recurrence === 'daily') next.setUTCDate(next.getUTCDate() + 1);
  else if (recurrence === 'weekly') next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/** The key of a bulk request's tasks: one per customer, so that the request's tasks are made once. */
const batchKey = (requestId: string) => `batch:${requestId}:`;

/** Tasks: made by users or rules, done or moved with a note, following their customers to a new manager. */
export class Tasks implements ReassignmentFollower {
  readonly #requests: IdempotentRequests;

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly visibility: CustomerVisibility,
    private readonly now: () => Date,
  ) {
    this.#requests = new IdempotentRequests(db);
  }

  async create(auth: AuthContext, input: TaskInput): Promise<TaskView> {
    if (input.customerId) this.visibility.assertSees(auth, input.customerId, 'body.customerId');
    const id = newId();
    await this.db.$transaction(async (tx) => {
      await assertOutletUser(tx, this.outlet, input.assigneeId, 'assignee', 'body.assigneeId');
      if (input.customerId && !(await tx.customer.findFirst({ where: { id: input.customerId, mergedIntoId: null }, select: { id: true } }))) {
        throw notFound('customer-not-found', 'No such customer', [{ path: 'body.customerId', message: 'unknown customer' }]);
      }
      await tx.crmTask.create({ data: { id, title: input.title, customerId: input.customerId, assigneeId: input.assigneeId, createdById: auth.userId, dueAt: new Date(input.dueAt), priority: input.priority, recurrence: input.recurrence, createdAt: this.now() } });
      await tx.crmTaskEvent.create({ data: { id: newId(), taskId: id, kind: 'created', userId: auth.userId, toDueAt: new Date(input.dueAt), toUserId: input.assigneeId, at: this.now() } });
    });
    return this.view(auth, id);
  }

  /**
   * The same task for each customer listed or picked by a filter, among those the caller sees, in
   * one transaction. The request's id keys it: the same request again makes nothing and answers
   * what the first made; another request under a used id is refused (409 replay-mismatch).
   */
  async createForMany(auth: AuthContext, input: BulkTaskInput): Promise<Created<BulkTaskResult>> {
    const fingerprint = requestFingerprint({ userId: auth.userId, ...input });
    const label = 'set of tasks';
    const stored = async (): Promise<Created<BulkTaskResult>> => ({
      view: { id: input.id, created: await this.db.crmTask.count({ where: { originKey: { startsWith: batchKey(input.id) } } }), replayed: true },
      replayed: true,
    });
    if (await this.#requests.isReplay('task-batch', input.id, fingerprint, () => false, label)) return stored();
    try {
      const created = await this.db.$transaction(async (tx) => {
        await assertOutletUser(tx, this.outlet, input.assigneeId, 'assignee', 'body.assigneeId');
        const customerIds = bulkCustomerIds(this.db, this.outlet, this.visibility, this.visibility.seenBy(auth), input, BULK_TASKS_MAX);
        this.#requests.record('task-batch', input.id, fingerprint, label);
        // Raw statements on the transaction's connection, a statement for all: a segment may hold ten thousand customers.
        const sql = sqliteOf(this.db);
        const rows = JSON.stringify(customerIds.map((customerId) => [newId(), customerId, `${batchKey(input.id)}${customerId}`, newId()]));
        const values = { title: input.title, assigneeId: input.assigneeId, by: auth.userId, dueAt: sqliteTimestamp(new Date(input.dueAt)), priority: input.priority, recurrence: input.recurrence, at: sqliteTimestamp(this.now()), rows };
        statement(
          sql,
          `INSERT INTO "CrmTask" ("id","title","customerId","assigneeId","createdById","dueAt","priority","recurrence","originKey","createdAt")
           SELECT value ->> 0, @title, value ->> 1, @assigneeId, @by, @dueAt, @priority, @recurrence, value ->> 2, @at FROM json_each(@rows)`,
        ).run(values);
        statement(
          sql,
          `INSERT INTO "CrmTaskEvent" ("id","taskId","kind","userId","toDueAt","toUserId","at")
           SELECT value ->> 3, value ->> 0, 'created', @by, @dueAt, @assigneeId, @at FROM json_each(@rows)`,
        ).run(values);
        return customerIds.length;
      });
      return { view: { id: input.id, created, replayed: false }, replayed: false };
    } catch (err) {
      // A double tap: the same request committed first under this key.
      if (isUniqueViolation(err)) return stored();
      throw err;
    }
  }

  /** A task a rule makes, unless it made it for this occasion before; inside the caller's transaction. */
  async createFromRule(tx: Tx, task: RuleTask): Promise<boolean> {
    if (await tx.crmTask.findUnique({ where: { originKey: task.originKey }, select: { id: true } })) return false;
    const id = newId();
    await tx.crmTask.create({ data: { id, title: task.title, customerId: task.customerId, assigneeId: task.assigneeId, createdById: null, dueAt: task.dueAt, origin: task.origin, originKey: task.originKey, interactionId: task.interactionId ?? null } });
    await tx.crmTaskEvent.create({ data: { id: newId(), taskId: id, kind: 'created', userId: null, note: task.origin, toDueAt: task.dueAt, toUserId: task.assigneeId, at: this.now() } });
    return true;
  }

  /** The caller's open tasks: overdue (due before today began, outlet time), due today, and later. */
  async mine(auth: AuthContext): Promise<{ overdue: TaskView[]; today: TaskView[]; later: TaskView[] }> {
    const zone = this.outlet.view.timezone;
    const day = localTimeIn(zone, this.now()).slice(0, 10);
    const [start, end] = [startOfLocalDay(zone, day), startOfLocalDay(zone, addDays(day, 1))];
    const rows = await this.db.crmTask.findMany({ where: { assigneeId: auth.userId, status: 'open' }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] });
    const views = await this.#views(auth, rows);
    return { overdue: views.filter((t) => new Date(t.dueAt) < start), today: views.filter((t) => new Date(t.dueAt) >= start && new Date(t.dueAt) < end), later: views.filter((t) => new Date(t.dueAt) >= end) };
  }

  /** Tasks of whoever's customers the caller sees (everyone, their department, themselves), soonest due first. */
  async list(auth: AuthContext, query: TaskListQuery): Promise<TaskView[]> {
    const seen = this.visibility.seenBy(auth);
    const people = seen.all ? null : seen.managerIds;
    if (query.assigneeId && people && !people.includes(query.assigneeId)) return [];
    const assignee = query.assigneeId ?? (people ? { in: people } : undefined);
    const rows = await this.db.crmTask.findMany({ where: { status: query.status, ...(assignee ? { assigneeId: assignee } : {}) }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: query.limit });
    return this.#views(auth, rows);
  }

  /** Who may work a task: whoever does it, whoever made it, and those who assign customers. */
  #mayWork(auth: AuthContext, task: TaskRow): boolean {
    return task.assigneeId === auth.userId || task.createdById === auth.userId || auth.permissions.includes('assign-customers');
  }

  async #open(tx: Tx, auth: AuthContext, id: string): Promise<TaskRow> {
    const task = await tx.crmTask.findUnique({ where: { id } });
    if (!task || (task.customerId && !this.visibility.sees(auth, task.customerId) && task.assigneeId !== auth.userId)) throw notFound('task-not-found', 'No such task', [{ path: 'id', message: 'unknown task' }]);
    if (!this.#mayWork(auth, task)) throw forbidden('not-your-task', 'Only whoever does the task, whoever made it, or a manager of customers may change it');
    if (task.status === 'done') throw new AppError(409, 'task-done', 'This task is done: a done task is not changed', [{ path: 'id', message: 'done' }]);
    return task;
  }

  /** Marks a task done, with a note; a recurring one comes back, due one period after it was. */
  async done(auth: AuthContext, id: string, note: string): Promise<TaskView> {
    const now = this.now();
    await this.db.$transaction(async (tx) => {
      const task = await this.#open(tx, auth, id);
      const claimed = await tx.crmTask.updateMany({ where: { id, status: 'open' }, data: { status: 'done', doneAt: now } });
      if (claimed.count !== 1) throw new AppError(409, 'task-done', 'This task is done: a done task is not changed', [{ path: 'id', message: 'done' }]);
      await tx.crmTaskEvent.create({ data: { id: newId(), taskId: id, kind: 'done', userId: auth.userId, note, at: now } });
      if (!task.recurrence) return;
      const nextId = newId();
      const dueAt = nextDue(task.dueAt, task.recurrence);
      await tx.crmTask.create({ data: { id: nextId, title: task.title, customerId: task.customerId, assigneeId: task.assigneeId, createdById: task.createdById, dueAt, priority: task.priority, recurrence: task.recurrence, origin: task.origin } });
      await tx.crmTaskEvent.create({ data: { id: newId(), taskId: nextId, kind: 'created', userId: auth.userId, note: `after ${id}`, toDueAt: dueAt, toUserId: task.assigneeId, at: now } });
    });
    return this.view(auth, id);
  }

  /** Moves a task to another time, saying why; its reminder fires again at the new time. */
  async move(auth: AuthContext, id: string, dueAt: string, note: string): Promise<TaskView> {
    await this.db.$transaction(async (tx) => {
      const task = await this.#open(tx, auth, id);
      await tx.crmTask.update({ where: { id }, data: { dueAt: new Date(dueAt), remindedAt: null } });
      await tx.crmTaskEvent.create({ data: { id: newId(), taskId: id, kind: 'moved', userId: auth.userId, note, fromDueAt: task.dueAt, toDueAt: new Date(dueAt), at: this.now() } });
    });
    return this.view(auth, id);
  }

  /** Open tasks about customers that changed hands, which their old manager was to do, go to the new one. */
  async customersReassigned(tx: Tx, moves: { customerId: string; from: string | null; to: string | null }[]): Promise<number> {
    let moved = 0;
    for (const move of moves) {
      if (!move.from || !move.to) continue;
      const open = await tx.crmTask.findMany({ where: { customerId: move.customerId, assigneeId: move.from, status: 'open' }, select: { id: true } });
      if (!open.length) continue;
      await tx.crmTask.updateMany({ where: { id: { in: open.map((t) => t.id) } }, data: { assigneeId: move.to } });
      await tx.crmTaskEvent.createMany({ data: open.map((t) => ({ id: newId(), taskId: t.id, kind: 'reassigned', note: 'the customer has a new manager', fromUserId: move.from, toUserId: move.to, at: this.now() })) });
      moved += open.length;
    }
    return moved;
  }

  async view(auth: AuthContext, id: string): Promise<TaskView> {
    const row = await this.db.crmTask.findUnique({ where: { id } });
    if (!row) throw notFound('task-not-found', 'No such task', [{ path: 'id', message: 'unknown task' }]);
    return (await this.#views(auth, [row]))[0];
  }

  async #views(auth: AuthContext, rows: TaskRow[]): Promise<TaskView[]> {
    const ids = rows.map((r) => r.id);
    const customerIds = [...new Set(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])))];
    const seen = this.visibility.seenAmong(this.visibility.seenBy(auth), customerIds);
    const [events, customers] = await Promise.all([
      this.db.crmTaskEvent.findMany({ where: { taskId: { in: ids } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
      this.db.customer.findMany({ where: { id: { in: [...seen] } }, select: { id: true, name: true } }),
    ]);
    const userIds = [...new Set([...rows.map((r) => r.assigneeId), ...events.flatMap((e) => (e.userId ? [e.userId] : []))])];
    const names = new Map((await this.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    const customerOf = new Map(customers.map((c) => [c.id, c]));
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      dueAt: r.dueAt.toISOString(),
      priority: r.priority as TaskView['priority'],
      recurrence: r.recurrence as TaskView['recurrence'],
      status: r.status as TaskView['status'],
      origin: r.origin,
      assignee: { id: r.assigneeId, name: names.get(r.assigneeId) ?? '?' },
      customer: r.customerId ? (customerOf.get(r.customerId) ?? null) : null,
      doneAt: r.doneAt?.toISOString() ?? null,
      events: events
        .filter((e) => e.taskId === r.id)
        .map((e) => ({ kind: e.kind, at: e.at.toISOString(), who: e.userId ? (names.get(e.userId) ?? null) : null, note: e.note, fromDueAt: e.fromDueAt?.toISOString() ?? null, toDueAt: e.toDueAt?.toISOString() ?? null })),
    }));
  }
}
