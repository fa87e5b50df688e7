import type { Tx } from '../db/client.ts';
import type { ErrorCode } from '../../shared/error-codes.ts';
import { badRequest } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';

/**
 * Refuses anyone but an active user of this outlet for a job (managing customers, doing a task):
 * a chain's users of other outlets come down from head office too. Codes say the job.
 */
export async function assertOutletUser(tx: Tx, outlet: OutletInfo, userId: string, job: 'manager' | 'assignee', field: string): Promise<{ name: string }> {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { outletId: true, active: true, name: true } });
  const refuse = (code: ErrorCode, message: string, why: string) => badRequest(code, message, [{ path: field, message: why }], { name: user?.name });
  const manager = job === 'manager';
  if (!user) throw refuse(manager ? 'unknown-manager' : 'unknown-assignee', `No such user to be the ${job}`, 'unknown user');
  if (user.outletId !== null && user.outletId !== outlet.id) {
    throw refuse(manager ? 'manager-at-another-outlet' : 'assignee-at-another-outlet', `${user.name} works at another outlet: only this outlet's users can be the ${job}`, 'a user of another outlet');
  }
  if (!user.active) throw refuse(manager ? 'manager-inactive' : 'assignee-inactive', `${user.name} is no longer active`, 'an inactive user');
  return user;
}
