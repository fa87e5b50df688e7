import type pg from 'pg';
import type { CustomerEdit, CustomerSyncedField } from '../../shared/schemas/sync.ts';

/** Head-office column for each synced field (the category travels by code). */
const COLUMN: Record<Exclude<CustomerSyncedField, 'categoryCode'>, string> = {
  name: 'name', kind: 'kind', phone: 'phone', email: 'email', personalDiscountBp: 'personalDiscountBp', birthday: 'birthday',
  address: 'address', notes: 'notes', companyCode: 'companyCode', vatCode: 'vatCode',
};

/**
 * Merges customers created or edited at outlets into head office's customers, field by field:
 * an edit of a field wins unless head office already holds a later edit of that same field (by
 * the editing tills' clocks; on a tie, the later arrival wins). Two outlets changing different
 * fields of one customer both keep their change. Cards added at outlets are added; a card another
 * customer already holds stays with them. A category code head office does not know is left out.
 * Returns the customers it changed.
 */
export async function mergeCustomerEdits(client: pg.PoolClient, edits: CustomerEdit[]): Promise<string[]> {
  const changed = new Set<string>();
  for (const edit of edits) {
    await client.query(`INSERT INTO "CustomerFieldClock" ("customerId") VALUES ($1) ON CONFLICT DO NOTHING`, [edit.customerId]);
    const { rows: [clockRow] } = await client.query<{ clocks: Record<string, string> }>(`SELECT "clocks" FROM "CustomerFieldClock" WHERE "customerId" = $1 FOR UPDATE`, [edit.customerId]);
    const clocks = clockRow.clocks;
    const values: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(edit.fields) as [CustomerSyncedField, unknown][]) {
      if (clocks[field] && clocks[field] > edit.editedAt) continue;
      if (field === 'categoryCode') {
        if (value === null) values.categoryId = null;
        else {
          const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "CustomerCategory" WHERE "code" = $1`, [value]);
          if (!rows[0]) continue;
          values.categoryId = rows[0].id;
        }
      } else values[COLUMN[field]] = value;
      clocks[field] = edit.editedAt;
    }
    if (typeof values.name === 'string') values.searchName = values.name.toLowerCase();
    const exists = (await client.query(`SELECT 1 FROM "Customer" WHERE "id" = $1 FOR UPDATE`, [edit.customerId])).rowCount;
    const columns = Object.keys(values);
    if (!exists) {
      const name = (values.name as string | undefined) ?? edit.fields.name ?? '?';
      const row = { ...values, name, searchName: name.toLowerCase() };
      const cols = Object.keys(row);
      await client.query(
        `INSERT INTO "Customer" ("id", ${cols.map((c) => `"${c}"`).join(', ')}, "updatedAt") VALUES ($1, ${cols.map((_, i) => `$${i + 2}`).join(', ')}, now())`,
        [edit.customerId, ...Object.values(row)],
      );
    } else if (columns.length) {
      await client.query(`UPDATE "Customer" SET ${columns.map((c, i) => `"${c}" = $${i + 2}`).join(', ')}, "updatedAt" = now() WHERE "id" = $1`, [edit.customerId, ...Object.values(values)]);
    }
    await client.query(`UPDATE "CustomerFieldClock" SET "clocks" = $2 WHERE "customerId" = $1`, [edit.customerId, JSON.stringify(clocks)]);
    for (const code of edit.cardsAdded) await client.query(`INSERT INTO "CustomerCard" ("code", "customerId") VALUES ($1, $2) ON CONFLICT ("code") DO NOTHING`, [code, edit.customerId]);
    if (columns.length || edit.cardsAdded.length || !exists) changed.add(edit.customerId);
  }
  return [...changed];
}
