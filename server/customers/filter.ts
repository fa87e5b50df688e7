import type { CustomerFilter } from '../../shared/schemas/customers.ts';
import { localTimeIn } from '../../shared/time.ts';
import { sqliteTimestamp } from '../db/statements.ts';
import { seenCustomersSql, type SeenCustomers } from '../crm/visibility.ts';
import type { CustomFieldDefinition } from '../../shared/schemas/custom-fields.ts';
import { customFieldFilterSql } from '../custom-fields/filter.ts';

/** "MM-DD" of today and, for a week, the six days after, in the outlet's time zone. */
export function birthdayDays(timezone: string, range: 'today' | 'week', now = new Date()): string[] {
  const days = range === 'today' ? 1 : 7;
  return Array.from({ length: days }, (_, i) => localTimeIn(timezone, new Date(now.getTime() + i * 86_400_000)).slice(5, 10));
}

/**
 * SQL conditions on `"Customer" c` for a filter of the customer base, shared by the back office
 * list, its export and campaigns, so "this list" means the same customers everywhere; always within
 * the customers the caller sees. `fields` are the customers' custom fields a filter by them names (at `fieldsPath` in the request).
 */
export function customerFilterSql(filter: CustomerFilter & { customerIds?: string[] }, timezone: string, seen: SeenCustomers, fields: CustomFieldDefinition[] = [], fieldsPath = 'querystring.fields'): { where: string[]; params: Record<string, unknown> } {
  const scope = seenCustomersSql(seen);
  const where: string[] = ['c."mergedIntoId" IS NULL', scope.where];
  const params: Record<string, unknown> = { ...scope.params };
  if (filter.birthday) {
    where.push(`substr(c."birthday", 6, 5) IN (SELECT value FROM json_each(@days))`);
    params.days = JSON.stringify(birthdayDays(timezone, filter.birthday));
  }
  if (filter.categoryCode) {
    where.push(`c."categoryId" = (SELECT "id" FROM "CustomerCategory" WHERE "code" = @category)`);
    params.category = filter.categoryCode;
  }
  // The buyers (a merged customer's sales count for the one kept) as one list SQLite builds once: a
  // subquery per customer looking for those merged into them scans the whole base each time once
  // ANALYZE has seen mergedIntoId all NULL (minutes over 100,000 customers, bench/audit.ts).
  const bought = (since: string) => `c."id" IN (SELECT COALESCE(b."mergedIntoId", b."id") FROM "Sale" s JOIN "Customer" b ON b."id" = s."customerId" WHERE s."kind" = 'sale'${since})`;
  if (filter.lapsedDays) {
    where.push(`${bought('')} AND NOT ${bought(` AND s."createdAt" >= @since`)}`);
    params.since = sqliteTimestamp(new Date(Date.now() - filter.lapsedDays * 86_400_000));
  }
  if (filter.neverBought) where.push(`NOT ${bought('')}`);
  if (filter.kind) {
    where.push(`c."kind" = @kind`);
    params.kind = filter.kind;
  }
  if (filter.managerId === 'none') where.push(`NOT EXISTS (SELECT 1 FROM "CustomerManager" m WHERE m."customerId" = c."id")`);
  else if (filter.managerId) {
    where.push(`EXISTS (SELECT 1 FROM "CustomerManager" m WHERE m."customerId" = c."id" AND m."managerId" = @manager)`);
    params.manager = filter.managerId;
  }
  if (filter.address) {
    where.push(`instr(till_fold(c."address"), till_fold(@address)) > 0`);
    params.address = filter.address;
  }
  if (filter.outletId) {
    where.push(`c."outletId" = @outlet`);
    params.outlet = filter.outletId;
  }
  if (filter.customerIds) {
    where.push(`c."id" IN (SELECT value FROM json_each(@customerIds))`);
    params.customerIds = JSON.stringify(filter.customerIds);
  }
  if (filter.consent === 'email') where.push(`c."emailConsentAt" IS NOT NULL AND c."email" IS NOT NULL`);
  if (filter.consent === 'sms') where.push(`c."smsConsentAt" IS NOT NULL AND c."phone" IS NOT NULL`);
  if (filter.fields) {
    const custom = customFieldFilterSql(fields, filter.fields, 'c', fieldsPath);
    where.push(...custom.where);
    Object.assign(params, custom.params);
  }
  return { where, params };
}
