import type { CustomerFilter } from '../../shared/schemas/customers.ts';
import { customerFilterSql } from '../customers/filter.ts';
import { fieldsOf } from '../custom-fields/definitions.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import type { SeenCustomers } from './visibility.ts';
import type { CustomerVisibility } from './visibility.ts';

/** Whom a bulk act (assigning, making tasks) is for: customers listed, or every customer a filter of the customers list picks. */
export interface BulkCustomers {
  customerIds?: string[];
  filter?: Omit<CustomerFilter, 'consent'>;
}

/**
 * The customers a bulk act reaches, among those the caller sees: a listed one the caller does not
 * see (or that is merged or unknown) is refused as not found, naming its place in the list; a
 * filter picks only customers seen. More than `max` is refused rather than cut short.
 */
export function bulkCustomerIds(db: Db, outlet: OutletInfo, visibility: CustomerVisibility, seen: SeenCustomers, request: BulkCustomers, max = Infinity): string[] {
  const sql = sqliteOf(db);
  if (request.customerIds) {
    const visible = visibility.seenAmong(seen, request.customerIds);
    const live = new Set((statement(sql, `SELECT "id" FROM "Customer" WHERE "mergedIntoId" IS NULL AND "id" IN (SELECT value FROM json_each(?))`).all(JSON.stringify(request.customerIds)) as { id: string }[]).map((c) => c.id));
    const missing = request.customerIds.findIndex((id) => !visible.has(id) || !live.has(id));
    if (missing >= 0) throw notFound('customer-not-found', 'No such customer', [{ path: `body.customerIds.${missing}`, message: 'unknown customer' }]);
    return [...new Set(request.customerIds)];
  }
  const { where, params } = customerFilterSql(request.filter ?? {}, outlet.view.timezone, seen, fieldsOf(sql, 'customer'), 'body.filter.fields');
  const ids = (statement(sql, `SELECT c."id" FROM "Customer" c WHERE ${where.join(' AND ')} ORDER BY c."id"`).all(params) as { id: string }[]).map((r) => r.id);
  if (ids.length > max) {
    throw new AppError(422, 'too-many-customers', `The filter picks ${ids.length} customers, more than ${max} at once: narrow it`, [{ path: 'body.filter', message: `at most ${max} customers` }], { count: ids.length, max });
  }
  return ids;
}
