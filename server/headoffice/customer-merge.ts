import type pg from 'pg';
import { newId } from '../../shared/ids.ts';
import { isHeadOfficeField, type CustomerEdit, type CustomerMerge, type CustomerSyncedField, type HeadOfficeField } from '../../shared/schemas/sync.ts';
import { AppError } from '../http/errors.ts';
import { customFieldValueSchema, type CustomFieldType } from '../../shared/schemas/custom-fields.ts';
import { toColumns } from '../custom-fields/values.ts';

/** Head-office column for each field an outlet sets (the category travels by code and is head office's). */
const COLUMN: Record<Exclude<CustomerSyncedField, HeadOfficeField>, string> = {
  name: 'name', kind: 'kind', phone: 'phone', email: 'email', birthday: 'birthday',
  address: 'address', notes: 'notes', companyCode: 'companyCode', vatCode: 'vatCode', locale: 'locale',
  emailConsentAt: 'emailConsentAt', smsConsentAt: 'smsConsentAt', serviceMessagesRefusedAt: 'serviceMessagesRefusedAt',
};

/** How far ahead of head office's clock an outlet's edit may be dated (clocks differ a little). */
const EDIT_SKEW_MS = 2 * 60_000;

/**
 * Merges customers created or edited at outlets into head office's customers, field by field:
 * an edit of a field wins unless head office already holds a later edit of that same field (by
 * the editing tills' clocks, but never later than head office received the edit plus a small skew,
 * so an edit dated ahead cannot win over every later one; on a tie, the later arrival wins). Two
 * outlets changing different fields of one customer both keep their change.
 *
 * A personal discount or a category from an outlet is not applied: it is held for head office's
 * administration to approve (customer-proposals.ts), and the customer is logged as changed so the
 * outlet gets head office's value back. A card another customer holds refuses the batch. A category
 * code head office does not know is left out. Returns the customers it changed.
 */
export async function mergeCustomerEdits(client: pg.PoolClient, outletId: string, edits: { edit: CustomerEdit; position: number }[], receivedAt: Date): Promise<string[]> {
  const changed = new Set<string>();
  const latest = receivedAt.getTime() + EDIT_SKEW_MS;
  for (const { edit, position } of edits) {
    const editedAt = new Date(Math.min(Date.parse(edit.editedAt), latest)).toISOString();
    await refuseCardsOfOthers(client, edit, position);
    await client.query(`INSERT INTO "CustomerFieldClock" ("customerId") VALUES ($1) ON CONFLICT DO NOTHING`, [edit.customerId]);
    const { rows: [clockRow] } = await client.query<{ clocks: Record<string, string> }>(`SELECT "clocks" FROM "CustomerFieldClock" WHERE "customerId" = $1 FOR UPDATE`, [edit.customerId]);
    const clocks = clockRow.clocks;
    const { rows: [current] } = await client.query<{ personalDiscountBp: number; categoryCode: string | null }>(
      `SELECT c."personalDiscountBp", k."code" AS "categoryCode" FROM "Customer" c LEFT JOIN "CustomerCategory" k ON k."id" = c."categoryId" WHERE c."id" = $1 FOR UPDATE OF c`,
      [edit.customerId],
    );
    const values: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(edit.fields) as [CustomerSyncedField, unknown][]) {
      if (isHeadOfficeField(field)) {
        if (await propose(client, outletId, edit.customerId, field, value, (current ?? { personalDiscountBp: 0, categoryCode: null })[field], editedAt)) changed.add(edit.customerId);
        continue;
      }
      if (clocks[field] && clocks[field] > editedAt) continue;
      values[COLUMN[field]] = value;
      clocks[field] = editedAt;
    }
    if (typeof values.name === 'string') values.searchName = values.name.toLowerCase();
    const columns = Object.keys(values);
    if (!current) {
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
    if (await mergeFieldValues(client, edit, clocks, editedAt)) changed.add(edit.customerId);
    await client.query(`UPDATE "CustomerFieldClock" SET "clocks" = $2 WHERE "customerId" = $1`, [edit.customerId, JSON.stringify(clocks)]);
    for (const code of edit.cardsAdded) await client.query(`INSERT INTO "CustomerCard" ("code", "customerId") VALUES ($1, $2) ON CONFLICT ("code") DO NOTHING`, [code, edit.customerId]);
    if (columns.length || edit.cardsAdded.length || !current) changed.add(edit.customerId);
  }
  return [...changed];
}

/**
 * An edit's custom field values, each by its own clock (`cf:key`) like the other fields: a value of
 * a field head office does not have, or not of its field's type, is left out. Returns whether any changed.
 */
async function mergeFieldValues(client: pg.PoolClient, edit: CustomerEdit, clocks: Record<string, string>, editedAt: string): Promise<boolean> {
  const keys = Object.keys(edit.customFields);
  if (!keys.length) return false;
  const { rows: fields } = await client.query<{ id: string; key: string; type: CustomFieldType; choices: string | null }>(
    `SELECT "id", "key", "type", "choices" FROM "CustomFieldDefinition" WHERE "entity" = 'customer' AND "key" = ANY($1::text[])`,
    [keys],
  );
  let changed = false;
  for (const [key, value] of Object.entries(edit.customFields)) {
    const field = fields.find((f) => f.key === key);
    const clock = `cf:${key}`;
    if (!field || (clocks[clock] && clocks[clock] > editedAt)) continue;
    if (value === null) {
      await client.query(`DELETE FROM "CustomFieldValue" WHERE "fieldId" = $1 AND "entityId" = $2`, [field.id, edit.customerId]);
    } else {
      if (!customFieldValueSchema({ type: field.type, choices: field.choices ? JSON.parse(field.choices) : null }).safeParse(value).success) continue;
      const row = { text: null, number: null, integer: null, day: null, ...toColumns(field, value) };
      await client.query(
        `INSERT INTO "CustomFieldValue" ("fieldId", "entityId", "text", "number", "integer", "day") VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ("fieldId", "entityId") DO UPDATE SET "text" = excluded."text", "number" = excluded."number", "integer" = excluded."integer", "day" = excluded."day"`,
        [field.id, edit.customerId, row.text, row.number, row.integer, row.day],
      );
    }
    clocks[clock] = editedAt;
    changed = true;
  }
  return changed;
}

/** A card is one customer's: an edit giving another customer's card to this one is refused. */
async function refuseCardsOfOthers(client: pg.PoolClient, edit: CustomerEdit, position: number): Promise<void> {
  if (!edit.cardsAdded.length) return;
  const { rows } = await client.query<{ code: string }>(`SELECT "code" FROM "CustomerCard" WHERE "code" = ANY($1::text[]) AND "customerId" <> $2`, [edit.cardsAdded, edit.customerId]);
  if (!rows.length) return;
  const path = `documents.${position}.payload.cardsAdded.${edit.cardsAdded.indexOf(rows[0].code)}`;
  throw new AppError(422, 'card-of-another-customer', `${path}: head office holds this card for another customer`, [{ path, message: 'another customer’s card' }]);
}

/**
 * Holds an outlet's value of a head-office field for approval, unless head office has it already
 * (a new customer's defaults) or does not know the category. Older proposals of the same field by
 * the same outlet give way to it. Returns whether one was held.
 */
async function propose(client: pg.PoolClient, outletId: string, customerId: string, field: HeadOfficeField, value: unknown, current: unknown, editedAt: string): Promise<boolean> {
  if (value === current) return false;
  if (field === 'categoryCode' && value !== null && !(await client.query(`SELECT 1 FROM "CustomerCategory" WHERE "code" = $1`, [value])).rowCount) return false;
  await client.query(
    `UPDATE "CustomerEditProposal" SET "decision" = 'superseded', "decidedAt" = now() WHERE "customerId" = $1 AND "outletId" = $2 AND "field" = $3 AND "decision" IS NULL`,
    [customerId, outletId, field],
  );
  await client.query(`INSERT INTO "CustomerEditProposal" ("id", "customerId", "outletId", "field", "value", "editedAt") VALUES ($1, $2, $3, $4, $5, $6)`, [
    newId(), customerId, outletId, field, JSON.stringify(value), editedAt,
  ]);
  return true;
}

/**
 * Applies customers merged at outlets as the outlet did (customers/duplicates.ts): the merged
 * customer's cards, phones and contacts go to the kept one, the kept one's empty fields (consents
 * and a refusal of service messages among them) are filled from it, its spend counts for the kept one, and it (with any merged into it before) points at the
 * kept one. A merge head office cannot apply (a customer it does not hold, one merged already) is
 * stored and changes nothing. Returns the customers it changed, for every outlet to pull.
 */
export async function applyCustomerMerges(client: pg.PoolClient, merges: CustomerMerge[]): Promise<string[]> {
  const changed: string[] = [];
  for (const { keepId, mergeId } of merges) {
    const { rows } = await client.query<{ id: string; mergedIntoId: string | null }>(`SELECT "id", "mergedIntoId" FROM "Customer" WHERE "id" = ANY($1::text[]) FOR UPDATE`, [[keepId, mergeId]]);
    if (rows.length !== 2 || rows.some((r) => r.mergedIntoId !== null)) continue;
    await client.query(
      `UPDATE "Customer" k SET
         "phone" = COALESCE(k."phone", m."phone"), "email" = COALESCE(k."email", m."email"), "birthday" = COALESCE(k."birthday", m."birthday"),
         "address" = CASE WHEN k."address" = '' THEN m."address" ELSE k."address" END, "categoryId" = COALESCE(k."categoryId", m."categoryId"),
         "notes" = concat_ws(E'\n', NULLIF(k."notes", ''), NULLIF(m."notes", '')), "companyCode" = COALESCE(k."companyCode", m."companyCode"),
         "vatCode" = COALESCE(k."vatCode", m."vatCode"), "emailConsentAt" = COALESCE(k."emailConsentAt", m."emailConsentAt"),
         "smsConsentAt" = COALESCE(k."smsConsentAt", m."smsConsentAt"), "serviceMessagesRefusedAt" = COALESCE(k."serviceMessagesRefusedAt", m."serviceMessagesRefusedAt"), "updatedAt" = now()
       FROM "Customer" m WHERE k."id" = $1 AND m."id" = $2`,
      [keepId, mergeId],
    );
    for (const table of ['CustomerCard', 'CustomerPhone', 'CustomerContact']) await client.query(`UPDATE "${table}" SET "customerId" = $1 WHERE "customerId" = $2`, [keepId, mergeId]);
    await client.query(
      `INSERT INTO "CustomerSpendMonth" ("customerId", "outletId", "month", "total")
       SELECT $1, "outletId", "month", "total" FROM "CustomerSpendMonth" WHERE "customerId" = $2
       ON CONFLICT ("customerId", "outletId", "month") DO UPDATE SET "total" = "CustomerSpendMonth"."total" + excluded."total"`,
      [keepId, mergeId],
    );
    await client.query(`DELETE FROM "CustomerSpendMonth" WHERE "customerId" = $1`, [mergeId]);
    const { rows: earlier } = await client.query<{ id: string }>(`UPDATE "Customer" SET "mergedIntoId" = $1, "updatedAt" = now() WHERE "mergedIntoId" = $2 RETURNING "id"`, [keepId, mergeId]);
    await client.query(`UPDATE "Customer" SET "mergedIntoId" = $1, "updatedAt" = now() WHERE "id" = $2`, [keepId, mergeId]);
    changed.push(keepId, mergeId, ...earlier.map((r) => r.id));
  }
  return changed;
}
