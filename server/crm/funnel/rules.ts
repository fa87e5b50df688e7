import type { FunnelDefinition } from '../../../shared/schemas/funnel.ts';
import { AppError, badRequest } from '../../http/errors.ts';

/** A funnel from its statuses in order and the moves between them, the moves in the funnel's order too: by the stage a move leaves, then by the one it reaches. */
export function funnelOf(statuses: FunnelDefinition['statuses'], moves: FunnelDefinition['moves']): FunnelDefinition {
  const ids = statuses.map((s) => s.id);
  const known = moves.filter((m) => ids.includes(m.fromId) && ids.includes(m.toId));
  known.sort((a, b) => ids.indexOf(a.fromId) - ids.indexOf(b.fromId) || ids.indexOf(a.toId) - ids.indexOf(b.toId));
  return { statuses: statuses.map((s) => ({ id: s.id, name: s.name, customerType: s.customerType, initial: s.initial })), moves: known.map((m) => ({ fromId: m.fromId, toId: m.toId })) };
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
