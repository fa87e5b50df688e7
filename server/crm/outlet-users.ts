import type { Tx } from '../db/client.ts';
import { badRequest } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

/**
 * Refuses anyone but an active user of this outlet for a job (managing customers, doing a task):
 * a chain's users of other outlets come down from head office too. Codes say the job:
 * unknown-manager, manager-at-another-outlet, manager-inactive (or assignee-…).
 */
export async function assertOutletUser(tx: Tx, outlet: OutletInfo, userId: string, job: 'manager' | 'assignee', field: string): Promise<{ name: string }> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { outletId: true, active: true, name: true } });
  if (!user) throw badRequest(`unknown-${job}`, `No such user to be the ${job}`, [{ path: field, message: 'unknown user' }]);
  if (user.outletId !== null && user.outletId !== outlet.id) {
    throw badRequest(`${job}-at-another-outlet`, `${user.name} works at another outlet: only this outlet's users can be the ${job}`, [{ path: field, message: 'a user of another outlet' }]);
  }
  if (!user.active) throw badRequest(`${job}-inactive`, `${user.name} is no longer active`, [{ path: field, message: 'an inactive user' }]);
  return user;
}
