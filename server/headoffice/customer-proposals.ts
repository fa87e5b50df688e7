import type { z } from 'zod';
import type { CustomerProposalSchema } from '../../shared/schemas/headoffice.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { logMasterChanges, withMasterChangeClient } from './master-data.ts';

type CustomerProposal = z.output<typeof CustomerProposalSchema>;

/**
 * Personal discounts and categories set at outlets, held until head office's administration
 * decides (customer-merge.ts holds them): approved, the value becomes the customer's at head office
 * and goes to every outlet; rejected, it stays as it is.
 */
export class CustomerProposals {
  constructor(private readonly db: HeadOfficeDb) {}

  /** The proposals waiting for a decision, oldest first. */
  async pending(): Promise<CustomerProposal[]> {
    const { rows } = await this.db.pool.query(
      `SELECT p."id", p."customerId", c."name" AS "customerName", o."code" AS "outletCode", p."field", p."value",
         p."editedAt" AT TIME ZONE 'UTC' AS "editedAt", p."receivedAt" AT TIME ZONE 'UTC' AS "receivedAt"
       FROM "CustomerEditProposal" p JOIN "Customer" c ON c."id" = p."customerId" JOIN "Outlet" o ON o."id" = p."outletId"
       WHERE p."decision" IS NULL ORDER BY p."receivedAt", p."id" LIMIT 500`,
    );
    return rows.map((r) => ({ ...r, editedAt: r.editedAt.toISOString(), receivedAt: r.receivedAt.toISOString() }));
  }

  /** Approves (applies) or rejects a waiting proposal; `by` is the deciding user's login, null for the administrator token. */
  async decide(id: string, decision: 'approved' | 'rejected', by: string | null): Promise<void> {
    await withMasterChangeClient(this.db, async (client) => {
      const { rows: [proposal] } = await client.query<{ customerId: string; field: string; value: unknown; decision: string | null }>(
        `SELECT "customerId", "field", "value", "decision" FROM "CustomerEditProposal" WHERE "id" = $1 FOR UPDATE`,
        [id],
      );
      if (!proposal) throw notFound('proposal-not-found', 'No such proposal', [{ path: 'id', message: 'unknown proposal' }]);
      if (proposal.decision) throw new AppError(409, 'proposal-decided', `This proposal was ${proposal.decision}`, [{ path: 'id', message: proposal.decision }]);
      if (decision === 'approved') {
        if (proposal.field === 'personalDiscountBp') {
          await client.query(`UPDATE "Customer" SET "personalDiscountBp" = $2, "updatedAt" = now() WHERE "id" = $1`, [proposal.customerId, proposal.value]);
        } else {
          const { rows: [category] } = await client.query<{ id: string }>(`SELECT "id" FROM "CustomerCategory" WHERE "code" = $1`, [proposal.value]);
          if (proposal.value !== null && !category) throw new AppError(409, 'unknown-category', `Head office has no customer category ${String(proposal.value)} now`, [{ path: 'id', message: 'category gone' }]);
          await client.query(`UPDATE "Customer" SET "categoryId" = $2, "updatedAt" = now() WHERE "id" = $1`, [proposal.customerId, category?.id ?? null]);
        }
      }
      await client.query(`UPDATE "CustomerEditProposal" SET "decision" = $2, "decidedAt" = now(), "decidedBy" = $3 WHERE "id" = $1`, [id, decision, by]);
      if (decision === 'approved') await logMasterChanges(client, 'customer', [proposal.customerId]);
    });
  }
}
