import type { CreateSaleRequest } from '../../shared/schemas/sales.ts';
import type { AuthContext } from '../auth/context.ts';
import { authorise } from '../auth/service.ts';
import { writeAudit } from '../audit/service.ts';
import type { Tx } from '../db/client.ts';
import { badRequest } from '../http/errors.ts';
import { customerExposure } from './balances.ts';

/**
 * A sale's tenders "on account", inside the sale's transaction: only a company customer with a
 * credit limit buys on account, and beyond the limit only with a supervisor's approval of the
 * amount (bound to the sale). The sale is invoiced later (server/invoicing).
 */
export async function authoriseOnAccount(tx: Tx, auth: AuthContext, outletId: string, req: CreateSaleRequest, settled: { method: string; amount: number }[]): Promise<void> {
  const index = req.tenders.findIndex((t) => t.method === 'on-account');
  if (index < 0) return;
  const field = `tenders.${index}`;
  const customer = req.customerId ? await tx.customer.findUnique({ where: { id: req.customerId }, select: { id: true, name: true, kind: true, creditLimit: true } }) : null;
  if (!customer || customer.kind !== 'company' || customer.creditLimit === null) {
    throw badRequest('on-account-not-allowed', 'Only a company customer with a credit limit buys on account', [{ path: `${field}.method`, message: customer ? 'the customer has no credit limit' : 'no customer on the sale' }]);
  }
  const amount = settled.filter((p) => p.method === 'on-account').reduce((s, p) => s + p.amount, 0);
  const owed = await customerExposure(tx, customer.id);
  if (owed + amount <= customer.creditLimit) return;
  const approvedById = await authorise(tx, auth, { action: 'on-account-over-limit', documentId: req.id, amount }, req.tenders[index].approvalId, `${field}.approvalId`);
  await writeAudit(tx, { outletId, userId: auth.userId, approvedById, action: 'on-account-over-limit', entityType: 'sale', entityId: req.id, details: { customerId: customer.id, limit: customer.creditLimit, owed, amount } });
}
