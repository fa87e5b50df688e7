import type Database from 'better-sqlite3';
import { customerScopeOf, type CustomerScope } from '../../shared/permissions.ts';
import type { CustomerView } from '../../shared/schemas/customers.ts';
import type { AuthContext } from '../auth/context.ts';
import { registerView, seesWholeCustomers } from '../customers/register-view.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { forbidden, notFound } from '../http/errors.ts';

/**
 * The customers a caller sees whole: every one, or those managed by the users listed (themselves,
 * their department). Anyone without the back-office right sees no customer whole (the register's view).
 */
export type SeenCustomers = { all: true } | { all: false; managerIds: string[] };

export const EVERY_CUSTOMER: SeenCustomers = { all: true };

/** A SQL condition on a customer id column (`c."id"` by default) that holds for the customers seen, with its parameters. */
export function seenCustomersSql(seen: SeenCustomers, idColumn = 'c."id"'): { where: string; params: Record<string, unknown> } {
  if (seen.all) return { where: '1 = 1', params: {} };
  return {
    where: `${idColumn} IN (SELECT "customerId" FROM "CustomerManager" WHERE "managerId" IN (SELECT value FROM json_each(@seenManagers)))`,
    params: { seenManagers: JSON.stringify(seen.managerIds) },
  };
}

/**
 * The one place that decides which customers a caller may see: every route that reads customers
 * asks it (lists, search, the card, history, points, exports, campaigns, reports, pre-orders), and
 * every customer query takes its condition (seenCustomersSql; customerFilterSql requires it). Outside the scope a
 * customer is shown as the register shows them where selling needs it, and not at all elsewhere.
 */
export class CustomerVisibility {
  readonly #sql: Database.Database;

  constructor(db: Db) {
    this.#sql = sqliteOf(db);
  }

  /** The caller's scope: their own choice as the owner set it, or their role's. */
  scopeOf(auth: AuthContext): CustomerScope {
    const row = statement(this.#sql, `SELECT "customerScope" FROM "CrmUser" WHERE "userId" = ?`).get(auth.userId) as { customerScope: CustomerScope | null } | undefined;
    return customerScopeOf(auth.role, row?.customerScope ?? null);
  }

  /** Whose customers the caller sees whole. */
  seenBy(auth: AuthContext): SeenCustomers {
    if (!seesWholeCustomers(auth)) return { all: false, managerIds: [] };
    const scope = this.scopeOf(auth);
    if (scope === 'all') return EVERY_CUSTOMER;
    if (scope === 'own') return { all: false, managerIds: [auth.userId] };
    // Their own department's members, and the members of the departments they head.
    const rows = statement(
      this.#sql,
      `SELECT m."userId" FROM "CrmUser" m WHERE m."departmentId" IN (
         SELECT "departmentId" FROM "CrmUser" WHERE "userId" = @user AND "departmentId" IS NOT NULL
         UNION SELECT "id" FROM "Department" WHERE "headId" = @user)`,
    ).all({ user: auth.userId }) as { userId: string }[];
    return { all: false, managerIds: [...new Set([auth.userId, ...rows.map((r) => r.userId)])] };
  }

  /** Which of these customers the caller sees whole. */
  seenAmong(seen: SeenCustomers, customerIds: string[]): Set<string> {
    if (seen.all) return new Set(customerIds);
    const rows = statement(
      this.#sql,
      `SELECT "customerId" FROM "CustomerManager" WHERE "customerId" IN (SELECT value FROM json_each(@ids)) AND "managerId" IN (SELECT value FROM json_each(@managers))`,
    ).all({ ids: JSON.stringify(customerIds), managers: JSON.stringify(seen.managerIds) }) as { customerId: string }[];
    return new Set(rows.map((r) => r.customerId));
  }

  /** The customers seen, as a condition on a customer id column of a Prisma query (undefined: every customer). */
  customerIdFilter(auth: AuthContext): { in: string[] } | undefined {
    const seen = this.seenBy(auth);
    if (seen.all) return undefined;
    const rows = statement(this.#sql, `SELECT "customerId" FROM "CustomerManager" WHERE "managerId" IN (SELECT value FROM json_each(?))`).all(JSON.stringify(seen.managerIds)) as { customerId: string }[];
    return { in: rows.map((r) => r.customerId) };
  }

  sees(auth: AuthContext, customerId: string): boolean {
    return this.seenAmong(this.seenBy(auth), [customerId]).has(customerId);
  }

  /**
   * Refuses a customer the caller may not see as if it did not exist (404 customer-not-found,
   * naming the field), so that a back-office route does not tell whose customers are whose.
   */
  assertSees(auth: AuthContext, customerId: string, field = 'id'): void {
    if (!this.sees(auth, customerId)) throw notFound('customer-not-found', 'No such customer', [{ path: field, message: 'unknown customer' }]);
  }

  /** Refuses work on the customer base as a whole (imports, their undoing) to a caller who does not see all of it. */
  assertSeesAll(auth: AuthContext): void {
    if (!this.seenBy(auth).all) throw forbidden('customer-scope-too-narrow', 'This needs a view of every customer: you see only some of them');
  }

  /** The customer as this caller may see them: whole within their scope, as the register shows them outside it. */
  shown<T extends Pick<CustomerView, 'id' | 'phone' | 'email'> & { cards?: string[] }>(auth: AuthContext, customer: T): T {
    return this.sees(auth, customer.id) ? customer : registerView(customer);
  }

  /** Many customers as this caller may see them (one look-up for all). */
  shownAll<T extends Pick<CustomerView, 'id' | 'phone' | 'email'> & { cards?: string[] }>(auth: AuthContext, customers: T[]): T[] {
    const seen = this.seenAmong(this.seenBy(auth), customers.map((c) => c.id));
    return customers.map((c) => (seen.has(c.id) ? c : registerView(c)));
  }
}
