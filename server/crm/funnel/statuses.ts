import { newId } from '../../../shared/ids.ts';
import type { CustomerStatusView, FunnelDefinition, FunnelView } from '../../../shared/schemas/funnel.ts';
import type { SyncedStatusMove } from '../../../shared/schemas/sync.ts';
import type { AuthContext } from '../../auth/context.ts';
import { writeAudit } from '../../audit/service.ts';
import { ownedByHeadOffice } from '../../catalog/ownership.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import { funnelOf, moveError, MoveRules } from './rules.ts';
import type { OutletInfo } from '../../outlet.ts';
import { queueForHeadOffice } from '../../sync/outbox.ts';
import type { CustomerVisibility } from '../visibility.ts';

/**
 * The funnel's statuses in order, and the moves allowed between them: in a chain head office's (as
 * pulled; statuses this outlet kept from before are out of it, head office would refuse their
 * moves), else this outlet's.
 */
export async function funnelDefinition(db: Db | Tx, outletId: string, chain: boolean): Promise<FunnelDefinition> {
  const statuses = await db.customerStatus.findMany({ where: { outletId, ...(chain ? { origin: 'head-office' } : {}) }, orderBy: [{ position: 'asc' }, { name: 'asc' }] });
  const ids = statuses.map((s) => s.id);
  return funnelOf(statuses, await db.customerStatusMove.findMany({ where: { fromId: { in: ids }, toId: { in: ids } } }));
}

type Move = { customerId: string; fromId: string | null; toId: string; userId: string; at: Date };

/** A move (a row of the customer's status history, by its id) as the outbox sends it to head office, with the customer's manager then (head office holds no assignments). */
export function statusMoveEntry(outletId: string, move: Move & { id: string; managerId: string | null }) {
  const document: SyncedStatusMove = { ...move, outletId, at: move.at.toISOString() };
  return { type: 'customer-status-move' as const, documentId: move.id, outletId, payload: document, createdAt: move.at };
}

/** Records a move of a customer: their status now, a new row of their history, and that row queued for head office with the customer's manager. Runs in the caller's transaction. */
async function recordMove(tx: Tx, outletId: string, move: Move): Promise<void> {
  const id = newId();
  await tx.customerStage.upsert({ where: { customerId: move.customerId }, create: { customerId: move.customerId, statusId: move.toId, since: move.at }, update: { statusId: move.toId, since: move.at } });
  await tx.customerStatusChange.create({ data: { id, ...move } });
  const managerId = (await tx.customerManager.findUnique({ where: { customerId: move.customerId }, select: { managerId: true } }))?.managerId ?? null;
  await queueForHeadOffice(tx, statusMoveEntry(outletId, { id, ...move, managerId }));
}

/** The owner's funnel and customers' moves through it, each move kept in the customer's history. */
export class CustomerStatuses {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly visibility: CustomerVisibility,
    private readonly now: () => Date,
    private readonly chain: boolean,
  ) {}

  definition(): Promise<FunnelDefinition> {
    return funnelDefinition(this.db, this.outlet.id, this.chain);
  }

  /** The funnel, and whether head office keeps it (this outlet then only shows it). */
  async view(): Promise<FunnelView> {
    return { ...(await this.definition()), ownedByHeadOffice: this.chain };
  }

  /**
   * Makes the funnel exactly the one given: statuses added, renamed and reordered, the moves
   * replaced. A status left out is removed, unless a customer is in it or ever was (their history
   * names it): that is refused, naming it.
   */
  async define(auth: AuthContext, input: FunnelDefinition): Promise<FunnelView> {
    ownedByHeadOffice(this.chain, ['statuses', 'moves']);
    const names = input.statuses.map((s) => s.name.toLowerCase());
    const twice = names.findIndex((n, i) => names.indexOf(n) !== i);
    if (twice >= 0) throw badRequest('customer-status-name-taken', 'Two statuses have the same name', [{ path: `body.statuses.${twice}.name`, message: 'the same as another status' }], { name: input.statuses[twice].name });
    const given = new Set(input.statuses.map((s) => s.id));
    for (const [i, move] of input.moves.entries()) {
      for (const end of ['fromId', 'toId'] as const) {
        if (!given.has(move[end])) throw badRequest('customer-status-unknown', 'A move names a status that is not in the funnel', [{ path: `body.moves.${i}.${end}`, message: 'unknown status' }]);
      }
    }
    return this.db.$transaction(async (tx) => {
      const others = await tx.customerStatus.findMany({ where: { id: { in: [...given] }, outletId: { not: this.outlet.id } }, select: { id: true } });
      if (others.length) {
        const i = input.statuses.findIndex((s) => s.id === others[0].id);
        throw badRequest('customer-status-unknown', 'No such customer status at this outlet', [{ path: `body.statuses.${i}.id`, message: 'unknown status' }]);
      }
      const before = await funnelDefinition(tx, this.outlet.id, this.chain);
      const removed = before.statuses.filter((s) => !given.has(s.id));
      for (const status of removed) {
        const used = (await tx.customerStage.count({ where: { statusId: status.id } })) + (await tx.customerStatusChange.count({ where: { OR: [{ toId: status.id }, { fromId: status.id }] } }));
        if (used) throw new AppError(409, 'customer-status-in-use', `Customers are or were in ${status.name}: it stays in the funnel`, [{ path: 'body.statuses', message: `${status.name} is in use` }], { name: status.name });
      }
      const ids = [...before.statuses.map((s) => s.id), ...given];
      await tx.customerStatusMove.deleteMany({ where: { OR: [{ fromId: { in: ids } }, { toId: { in: ids } }] } });
      await tx.customerStatus.deleteMany({ where: { id: { in: removed.map((s) => s.id) } } });
      // Positions first out of the way, so that a reorder never meets itself.
      for (const [position, s] of input.statuses.entries()) {
        const data = { name: s.name, customerType: s.customerType, initial: s.initial, position: position - input.statuses.length };
        await tx.customerStatus.upsert({ where: { id: s.id }, create: { id: s.id, outletId: this.outlet.id, ...data }, update: data });
      }
      for (const [position, s] of input.statuses.entries()) await tx.customerStatus.update({ where: { id: s.id }, data: { position } });
      if (input.moves.length) await tx.customerStatusMove.createMany({ data: [...new Map(input.moves.map((m) => [`${m.fromId}>${m.toId}`, m])).values()] });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-funnel-define', details: { statuses: input.statuses.map((s) => s.name), moves: input.moves.length, removed: removed.map((s) => s.name) } });
      return { ...(await funnelDefinition(tx, this.outlet.id, this.chain)), ownedByHeadOffice: this.chain };
    });
  }

  /** A customer's status, where they may move, and every move they made (the caller sees them). */
  async ofCustomer(auth: AuthContext, customerId: string): Promise<CustomerStatusView> {
    this.visibility.assertSees(auth, customerId);
    await this.#liveCustomer(this.db, customerId);
    const [stage, rows, rules] = await Promise.all([
      this.db.customerStage.findUnique({ where: { customerId } }),
      this.db.customerStatusChange.findMany({ where: { customerId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
      this.definition().then((d) => new MoveRules(d)),
    ]);
    const users = new Map((await this.db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.userId))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    return {
      statusId: stage?.statusId ?? null,
      since: stage?.since.toISOString() ?? null,
      allowed: rules.allowedFrom(stage?.statusId ?? null),
      history: rows.map((r) => ({ id: r.id, fromId: r.fromId, toId: r.toId, userId: r.userId, userName: users.get(r.userId) ?? '', at: r.at.toISOString() })),
    };
  }

  /** Moves a customer (the caller sees) to a status, if the funnel allows the move from where they are. */
  async move(auth: AuthContext, customerId: string, toId: string): Promise<CustomerStatusView> {
    this.visibility.assertSees(auth, customerId);
    await this.db.$transaction(async (tx) => {
      await this.#liveCustomer(tx, customerId);
      const rules = new MoveRules(await funnelDefinition(tx, this.outlet.id, this.chain));
      const fromId = (await tx.customerStage.findUnique({ where: { customerId } }))?.statusId ?? null;
      const refusal = rules.refusal(fromId, toId);
      if (refusal) throw moveError(refusal, 'body.statusId');
      await recordMove(tx, this.outlet.id, { customerId, fromId, toId, userId: auth.userId, at: this.now() });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-status-move', entityType: 'customer', entityId: customerId, details: { fromId, toId } });
    });
    return this.ofCustomer(auth, customerId);
  }

  async #liveCustomer(db: Db | Tx, customerId: string): Promise<void> {
    const customer = await db.customer.findUnique({ where: { id: customerId }, select: { mergedIntoId: true } });
    if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
  }
}
