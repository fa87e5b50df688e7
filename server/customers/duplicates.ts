import { newId } from '../../shared/ids.ts';
import type { AuthContext } from '../auth/context.ts';
import { writeAudit } from '../audit/service.ts';
import { sqliteOf, type Db } from '../db/client.ts';
import { statement } from '../db/statements.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { OutletInfo } from '../outlet.ts';
import { queueCustomerMerge } from './sync-edits.ts';

export interface DuplicatePair {
  a: string;
  b: string;
  reason: 'same-phone' | 'same-email' | 'same-name-and-birthday';
}

/** "Ona  Kazlauskienė" and "kazlauskiene ona" compare equal: no case, accents, order or punctuation. */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/** Likely duplicates in the customer base: the same phone, the same email, or the same name and birthday. */
export async function findDuplicates(db: Db): Promise<DuplicatePair[]> {
  // The whole base, read straight (through Prisma it took longer than the audit's every other step).
  const customers = statement(sqliteOf(db), `SELECT "id", "name", "phone", "email", "birthday" FROM "Customer" WHERE "mergedIntoId" IS NULL ORDER BY "createdAt"`).all() as {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    birthday: string | null;
  }[];
  const pairs: DuplicatePair[] = [];
  const seen = new Set<string>();
  const group = (key: (c: (typeof customers)[number]) => string | null, reason: DuplicatePair['reason']) => {
    const first = new Map<string, string>();
    for (const c of customers) {
      const k = key(c);
      if (!k) continue;
      const other = first.get(k);
      if (!other) first.set(k, c.id);
      else if (!seen.has(`${other}|${c.id}`)) {
        seen.add(`${other}|${c.id}`);
        pairs.push({ a: other, b: c.id, reason });
      }
    }
  };
  group((c) => c.phone, 'same-phone');
  group((c) => c.email?.toLowerCase() ?? null, 'same-email');
  group((c) => (c.birthday ? `${nameKey(c.name)}|${c.birthday}` : null), 'same-name-and-birthday');
  return pairs;
}

/**
 * Merges one customer into another: cards move, empty fields of the kept record are filled from
 * the merged one, and the merged record points at the kept one. Sales stay as they were sold
 * (documents are never edited); history and spend of the kept customer include them. Head office
 * gets the merge as a document of its own, and every outlet the merged customer from it.
 */
export async function mergeCustomers(db: Db, outlet: OutletInfo, auth: AuthContext, keepId: string, mergeId: string): Promise<void> {
  if (keepId === mergeId) throw badRequest('same-customer', 'Choose two different customers', [{ path: 'body.mergeId', message: 'same as keepId' }]);
  await db.$transaction(async (tx) => {
    const [keep, merge] = await Promise.all([tx.customer.findUnique({ where: { id: keepId } }), tx.customer.findUnique({ where: { id: mergeId } })]);
    if (!keep || keep.mergedIntoId) throw notFound('customer-not-found', 'The customer to keep does not exist', [{ path: 'body.keepId', message: 'unknown customer' }]);
    if (!merge || merge.mergedIntoId) throw notFound('customer-not-found', 'The customer to merge does not exist', [{ path: 'body.mergeId', message: 'unknown customer' }]);
    const fill = <T>(kept: T | null, other: T | null) => (kept === null || kept === '' ? other : kept);
    await tx.customer.update({
      where: { id: keep.id },
      data: {
        phone: fill(keep.phone, merge.phone),
        email: fill(keep.email, merge.email),
        birthday: fill(keep.birthday, merge.birthday),
        address: fill(keep.address, merge.address) ?? '',
        categoryId: fill(keep.categoryId, merge.categoryId),
        notes: [keep.notes, merge.notes].filter(Boolean).join('\n'),
        emailConsentAt: fill(keep.emailConsentAt, merge.emailConsentAt),
        smsConsentAt: fill(keep.smsConsentAt, merge.smsConsentAt),
        // A refusal of service messages by either record is the person's: it stays.
        serviceMessagesRefusedAt: fill(keep.serviceMessagesRefusedAt, merge.serviceMessagesRefusedAt),
        companyCode: fill(keep.companyCode, merge.companyCode),
        vatCode: fill(keep.vatCode, merge.vatCode),
      },
    });
    await tx.customerCard.updateMany({ where: { customerId: merge.id }, data: { customerId: keep.id } });
    await tx.customerPhone.updateMany({ where: { customerId: merge.id }, data: { customerId: keep.id } });
    await tx.customerContact.updateMany({ where: { customerId: merge.id }, data: { customerId: keep.id } });
    // The merged record's own main phone stays reachable as one of the kept customer's phones.
    if (merge.phone && keep.phone && merge.phone !== keep.phone) {
      await tx.customerPhone.create({ data: { id: newId(), customerId: keep.id, phone: merge.phone, label: merge.name } });
    }
    // Customers merged into the merged one before now count for the kept one as well.
    await tx.customer.updateMany({ where: { mergedIntoId: merge.id }, data: { mergedIntoId: keep.id } });
    await tx.customer.update({ where: { id: merge.id }, data: { mergedIntoId: keep.id } });
    await queueCustomerMerge(tx, outlet.id, { keepId: keep.id, mergeId: merge.id, mergedAt: new Date().toISOString() });
    await writeAudit(tx, { outletId: outlet.id, userId: auth.userId, action: 'customer-merge', entityType: 'customer', entityId: keep.id, details: { merged: merge.id, mergedName: merge.name } });
  });
}
