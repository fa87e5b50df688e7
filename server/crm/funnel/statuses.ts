import { newId } from '../../../shared/ids.ts';
import type { CustomerStatusView, FunnelDefinition } from '../../../shared/schemas/funnel.ts';
import type { AuthContext } from '../../auth/context.ts';
import { writeAudit } from '../../audit/service.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, badRequest, notFound } from '../../http/errors.ts';
import type { OutletInfo } from '../../outlet.ts';
import type { CustomerVisibility } from '../visibility.ts';

/** This outlet's statuses in the funnel's order, and the moves allowed between them. */
export async function funnelDefinition(db: Db | Tx, outletId: string): Promise<FunnelDefinition> {
  const statuses = await db.customerStatus.findMany({ where: { outletId }, orderBy: { position: 'asc' } });
  const ids = statuses.map((s) => s.id);
  const moves = await db.customerStatusMove.findMany({ where: { fromId: { in: ids }, toId: { in: ids } } });
  // In the funnel's order: by the stage a move leaves, then by the one it reaches.
  moves.sort((a, b) => ids.indexOf(a.fromId) - ids.indexOf(b.fromId) || ids.indexOf(a.toId) - ids.indexOf(b.toId));
  return { statuses: statuses.map((s) => ({ id: s.id, name: s.name, customerType: s.customerType, initial: s.initial })), moves: moves.map((m) => ({ fromId: m.fromId, toId: m.toId })) };
}

/** Why a status cannot be taken from a user or a file: unknown here (or another outlet's), or not a move allowed from where the customer is. */
export type MoveRefusal = { code: 'customer-status-unknown' } | { code: 'customer-status-not-initial'; to: string } | { code: 'customer-status-move-not-allowed'; from: string; to: string };

/** Decides moves against one reading of the funnel (an import reads it once for all its rows). */
export class MoveRules {
  readonly #byId: Map<string, FunnelDefinition['statuses'][number]>;
  readonly #allowed: Set<string>;

  constructor(readonly definition: FunnelDefinition) {
    this.#byId = new Map(definition.statuses.map((s) => [s.id, s]));
    this.#allowed = new Set(definition.moves.map((m) => `${m.fromId}>${m.toId}`));
  }

  /** A status by its name (any case), as a file writes it. */
  byName(name: string): string | undefined {
    const wanted = name.trim().toLowerCase();
    return this.definition.statuses.find((s) => s.name.toLowerCase() === wanted)?.id;
  }

  allowedFrom(fromId: string | null): string[] {
    return this.definition.statuses.filter((s) => (fromId === null ? s.initial : this.#allowed.has(`${fromId}>${s.id}`))).map((s) => s.id);
  }

  refusal(fromId: string | null, toId: string): MoveRefusal | null {
    const to = this.#byId.get(toId);
    if (!to) return { code: 'customer-status-unknown' };
    if (fromId === null) return to.initial ? null : { code: 'customer-status-not-initial', to: to.name };
    if (this.#allowed.has(`${fromId}>${toId}`)) return null;
    return { code: 'customer-status-move-not-allowed', from: this.#byId.get(fromId)?.name ?? '?', to: to.name };
  }
}

/** A refusal as the error the API answers, naming the field. */
export function moveError(refusal: MoveRefusal, field: string): AppError {
  if (refusal.code === 'customer-status-unknown') return badRequest('customer-status-unknown', 'No such customer status at this outlet', [{ path: field, message: 'unknown status' }]);
  if (refusal.code === 'customer-status-not-initial') {
    return badRequest('customer-status-not-initial', `A customer without a status starts at an initial status: ${refusal.to} is not one`, [{ path: field, message: 'not an initial status' }], { to: refusal.to });
  }
  return badRequest('customer-status-move-not-allowed', `A customer is not moved from ${refusal.from} to ${refusal.to}: the funnel does not allow that move`, [{ path: field, message: 'move not allowed' }], { from: refusal.from, to: refusal.to });
}

/** Records a move of a customer: their status now, and a new row of their history. Runs in the caller's transaction. */
export async function recordMove(tx: Tx, move: { customerId: string; fromId: string | null; toId: string; userId: string; at: Date }): Promise<void> {
  await tx.customerStage.upsert({ where: { customerId: move.customerId }, create: { customerId: move.customerId, statusId: move.toId, since: move.at }, update: { statusId: move.toId, since: move.at } });
  await tx.customerStatusChange.create({ data: { id: newId(), customerId: move.customerId, fromId: move.fromId, toId: move.toId, userId: move.userId, at: move.at } });
}

/** The owner's funnel and customers' moves through it, each move kept in the customer's history. */
export class CustomerStatuses {
  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly visibility: CustomerVisibility,
    private readonly now: () => Date,
  ) {}

  definition(): Promise<FunnelDefinition> {
    return funnelDefinition(this.db, this.outlet.id);
  }

  /**
   * Makes the funnel exactly the one given: statuses added, renamed and reordered, the moves
   * replaced. A status left out is removed, unless a customer is in it or ever was (their history
   * names it): that is refused, naming it.
   */
  async define(auth: AuthContext, input: FunnelDefinition): Promise<FunnelDefinition> {
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
      const before = await funnelDefinition(tx, this.outlet.id);
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
      return funnelDefinition(tx, this.outlet.id);
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
      const rules = new MoveRules(await funnelDefinition(tx, this.outlet.id));
      const fromId = (await tx.customerStage.findUnique({ where: { customerId } }))?.statusId ?? null;
      const refusal = rules.refusal(fromId, toId);
      if (refusal) throw moveError(refusal, 'body.statusId');
      await recordMove(tx, { customerId, fromId, toId, userId: auth.userId, at: this.now() });
      await writeAudit(tx, { outletId: this.outlet.id, userId: auth.userId, action: 'customer-status-move', entityType: 'customer', entityId: customerId, details: { fromId, toId } });
    });
    return this.ofCustomer(auth, customerId);
  }

  async #liveCustomer(db: Db | Tx, customerId: string): Promise<void> {
    const customer = await db.customer.findUnique({ where: { id: customerId }, select: { mergedIntoId: true } });
    if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
  }
}
