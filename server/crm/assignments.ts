import type { AssignmentResult, BulkAssignment } from '../../shared/schemas/crm.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db, type Tx } from '../db/client.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { notFound } from '../http/errors.ts';
import { bulkCustomerIds } from './bulk-customers.ts';
import { assertOutletUser } from './outlet-users.ts';
import type { OutletInfo } from '../outlet.ts';
import type { CustomerVisibility } from './visibility.ts';

/**
 * What else moves when customers change hands: open tasks about them (tasks.ts), and whatever a
 * later part of the CRM keeps per manager. Runs inside the assignment's transaction; answers how
 * many records it moved.
 */
export interface ReassignmentFollower {
  customersReassigned(tx: Tx, moves: { customerId: string; from: string | null; to: string | null }[]): Promise<number>;
}

/** Who manages which customers: one by one or in bulk, audited, with what follows them. */
export class CustomerAssignments {
  readonly #followers: ReassignmentFollower[] = [];

  constructor(
    private readonly db: Db,
    private readonly outlet: OutletInfo,
    private readonly visibility: CustomerVisibility,
  ) {}

  /** Something that moves along with customers (their open tasks). */
  follow(follower: ReassignmentFollower): void {
    this.#followers.push(follower);
  }

  /** Gives one customer (the caller sees) a manager, or none. */
  async assignOne(auth: AuthContext, customerId: string, managerId: string | null, withOpenTasks: boolean): Promise<AssignmentResult> {
    this.visibility.assertSees(auth, customerId);
    const customer = await this.db.customer.findUnique({ where: { id: customerId }, select: { mergedIntoId: true } });
    if (!customer || customer.mergedIntoId) throw notFound('customer-not-found', 'No such customer', [{ path: 'id', message: 'unknown customer' }]);
    return this.#assign(auth, [customerId], managerId, withOpenTasks, 'body.managerId');
  }

  /** Gives the customers listed, or those a filter picks, a manager; only customers the caller sees. */
  async assignMany(auth: AuthContext, request: BulkAssignment): Promise<AssignmentResult> {
    const ids = bulkCustomerIds(this.db, this.outlet, this.visibility, this.visibility.seenBy(auth), request);
    return this.#assign(auth, ids, request.managerId, request.withOpenTasks, 'body.managerId');
  }

  async #assign(auth: AuthContext, customerIds: string[], managerId: string | null, withOpenTasks: boolean, field: string): Promise<AssignmentResult> {
    return this.db.$transaction(async (tx) => {
      if (managerId) await assertOutletUser(tx, this.outlet, managerId, 'manager', field);
      // Raw statements on the transaction's connection: a rule may move a hundred thousand customers at once.
      const sql = sqliteOf(this.db);
      const ids = JSON.stringify(customerIds);
      const before = new Map((statement(sql, `SELECT "customerId", "managerId" FROM "CustomerManager" WHERE "customerId" IN (SELECT value FROM json_each(?))`).all(ids) as { customerId: string; managerId: string }[]).map((m) => [m.customerId, m.managerId]));
      const moves = customerIds.map((customerId) => ({ customerId, from: before.get(customerId) ?? null, to: managerId })).filter((m) => m.from !== m.to);
      const moved = JSON.stringify(moves.map((m) => m.customerId));
      statement(sql, `DELETE FROM "CustomerManager" WHERE "customerId" IN (SELECT value FROM json_each(?))`).run(moved);
      if (managerId) {
        statement(sql, `INSERT INTO "CustomerManager" ("customerId", "managerId", "assignedById", "assignedAt") SELECT value, @managerId, @by, @at FROM json_each(@moved)`).run({ managerId, by: auth.userId, at: sqliteTimestamp(), moved });
      }
      let tasksMoved = 0;
      if (withOpenTasks) for (const follower of this.#followers) tasksMoved += await follower.customersReassigned(tx, moves);
      if (moves.length) {
        await writeAudit(tx, {
          outletId: this.outlet.id,
          userId: auth.userId,
          action: 'customer-assign',
          entityType: moves.length === 1 ? 'customer' : undefined,
          entityId: moves.length === 1 ? moves[0].customerId : undefined,
          details: { managerId, customers: moves.length, tasksMoved, ...(moves.length <= 50 ? { moves } : {}) },
        });
      }
      return { assigned: moves.length, tasksMoved };
    });
  }
}
