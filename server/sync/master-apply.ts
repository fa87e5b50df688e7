import type Database from 'better-sqlite3';
import { PULLED_SCHEMAS, type MasterChangeItem, type Pulled, type PulledEntity } from '../../shared/schemas/master-data.ts';
import { sqliteTimestamp, statement } from '../db/statements.ts';
import { normaliseBarcode } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import type { CustomFieldType, CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import { toColumns } from '../custom-fields/values.ts';
import { CUSTOMER_CONSENT_FIELDS, isHeadOfficeField, type CustomerEdit, type CustomerSyncedField } from '../../shared/schemas/sync.ts';
import { dropDisallowedOwnPrices, ownPriceRuleReader } from '../catalog/own-price-rules.ts';
import { ownPriceOutsideBound } from '../../shared/pricing/own-price.ts';

/**
 * Applies pulled master-data changes to the outlet's tables: each entity is written whole (insert
 * or update by id), so applying a change twice changes nothing. A product or customer brings its
 * tax rate and categories along, so changes apply in any order. Runs inside the caller's
 * transaction, with the cursor move.
 */
export function applyMasterChanges(sql: Database.Database, changes: MasterChangeItem[]): { touched: Set<PulledEntity>; signOut: string[] } {
  const touched = new Set<PulledEntity>();
  const signOut: string[] = [];
  const now = sqliteTimestamp();
  let edits: Map<string, CustomerEdit[]> | undefined;
  // Read once for the page: the unsent customer edits, and the own-price permissions (again after the page changes one).
  const page: Page = { unsent: () => (edits ??= unsentCustomerEdits(sql)), rules: ownPriceRuleReader(sql) };
  changes.forEach((change, i) => {
    if (change.entity === 'user') {
      // A user whose role, PIN or state changed (or who is no longer this outlet's) starts again at sign-in.
      const before = statement(sql, `SELECT "role","pinHash","active" FROM "User" WHERE "id" = ?`).get(change.id) as { role: string; pinHash: string; active: number } | undefined;
      const after = change.data as { role?: string; pinHash?: string; active?: boolean } | null;
      if (before && (!after || after.role !== before.role || after.pinHash !== before.pinHash || !after.active)) signOut.push(change.id);
      if (!after) statement(sql, `UPDATE "User" SET "active" = 0, "updatedAt" = ? WHERE "id" = ?`).run(now, change.id);
    }
    if (!change.data) return; // nothing to write: not (or no longer) this outlet's
    const parsed = PULLED_SCHEMAS[change.entity].safeParse(change.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`pulled change ${i} (${change.entity} ${change.id}): ${issue.path.join('.')}: ${issue.message}`);
    }
    if (parsed.data.id !== change.id) throw new Error(`pulled change ${i}: data.id differs from the change's id`);
    (APPLIERS[change.entity] as (sql: Database.Database, data: unknown, now: string, page: Page) => void)(sql, parsed.data, now, page);
    touched.add(change.entity);
  });
  return { touched, signOut };
}

const upsert = (table: string, columns: string[], keep: string[] = []) =>
  `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES (${columns.map((c) => `@${c}`).join(',')})
   ON CONFLICT ("id") DO UPDATE SET ${columns.filter((c) => c !== 'id' && !keep.includes(c)).map((c) => `"${c}" = excluded."${c}"`).join(', ')}`;

/** What a page of changes reads once: the unsent customer edits, and the own-price rules' permissions and category tree. */
type Page = { unsent: () => Map<string, CustomerEdit[]>; rules: ReturnType<typeof ownPriceRuleReader> };

const taxRate = (sql: Database.Database, t: Pulled<'tax-rate'>) => statement(sql, upsert('TaxRate', ['id', 'code', 'name', 'rateBp'])).run(t);
function category(sql: Database.Database, c: Pulled<'category'>, page: Page): void {
  statement(sql, upsert('Category', ['id', 'parentId', 'code', 'name', 'active'])).run({ ...c, active: c.active ? 1 : 0 });
  page.rules.categoryChanged(c.id);
}
const customerCategory = (sql: Database.Database, c: Pulled<'customer-category'>) =>
  statement(sql, upsert('CustomerCategory', ['id', 'code', 'name', 'discountBp', 'pointsEarnBp'])).run(c);

/** Makes `codes` exactly the owner's rows in a code table, taking a code over from another owner. */
function ownExactly(sql: Database.Database, table: 'Barcode' | 'CustomerCard', owner: 'productId' | 'customerId', id: string, codes: string[]) {
  statement(sql, `DELETE FROM "${table}" WHERE "${owner}" = ? AND "code" NOT IN (SELECT value FROM json_each(?))`).run(id, JSON.stringify(codes));
  const take = statement(sql, `INSERT INTO "${table}" ("code","${owner}") VALUES (?, ?) ON CONFLICT ("code") DO UPDATE SET "${owner}" = excluded."${owner}"`);
  for (const code of codes) take.run(code, id);
}

/**
 * Makes a customer's values of the chain's fields the ones head office sent (a key this outlet has
 * no field for yet is left for the field's own change), but for the keys in `keep`.
 */
function chainFieldValues(sql: Database.Database, customerId: string, values: Record<string, CustomFieldValue>, keep: Set<string>): void {
  const fields = statement(sql, `SELECT "id", "key", "type" FROM "CustomFieldDefinition" WHERE "entity" = 'customer' AND "origin" = 'head-office'`).all() as { id: string; key: string; type: CustomFieldType }[];
  const clear = statement(sql, `DELETE FROM "CustomFieldValue" WHERE "fieldId" = ? AND "entityId" = ?`);
  const put = statement(sql, `INSERT INTO "CustomFieldValue" ("fieldId","entityId","text","number","integer","day") VALUES (@fieldId, @entityId, @text, @number, @integer, @day)`);
  for (const field of fields) {
    if (keep.has(field.key)) continue;
    clear.run(field.id, customerId);
    const value = values[field.key];
    if (value !== undefined) put.run({ fieldId: field.id, entityId: customerId, text: null, number: null, integer: null, day: null, ...toColumns(field, value) });
  }
}

/** The pulled customer's columns, as the outlet keeps them (and its consents, when head office sends them). */
const CUSTOMER_COLUMNS = ['id', 'name', 'searchName', 'kind', 'phone', 'email', 'categoryId', 'personalDiscountBp', 'birthday', 'address', 'notes', 'companyCode', 'vatCode', 'locale', 'chainSpendElsewhere', 'mergedIntoId', 'createdAt', 'updatedAt'];

/**
 * What of a customer this outlet changed later than head office's value and has not sent yet (its
 * customer-edit documents still in the outbox, an import's held ones too): fields by the outlet's
 * column, custom fields by key, and cards added. Head office will take these when they arrive
 * (customer-merge.ts), so a pull in between must not put its older values back. Head office's own
 * fields (personal discount, category) are left to head office, which only takes proposals of them.
 */
function keptOfUnsent(edits: CustomerEdit[], clocks: Record<string, string>) {
  const kept = { columns: new Set<string>(), customFields: new Set<string>(), cards: new Set<string>() };
  for (const edit of edits) {
    const later = (clock: string) => clocks[clock] === undefined || edit.editedAt > clocks[clock];
    for (const field of Object.keys(edit.fields) as CustomerSyncedField[]) if (!isHeadOfficeField(field) && later(field)) kept.columns.add(field);
    for (const key of Object.keys(edit.customFields ?? {})) if (later(`cf:${key}`)) kept.customFields.add(key);
    for (const code of edit.cardsAdded) kept.cards.add(code);
  }
  return kept;
}

/** The customer-edit documents still in the outbox, by customer (read once per page applied). */
function unsentCustomerEdits(sql: Database.Database): Map<string, CustomerEdit[]> {
  const byCustomer = new Map<string, CustomerEdit[]>();
  for (const { payload } of statement(sql, `SELECT "payload" FROM "OutboxEntry" WHERE "ackedAt" IS NULL AND "type" = 'customer-edit' ORDER BY "sequence"`).all() as { payload: string }[]) {
    const edit = JSON.parse(payload) as CustomerEdit;
    byCustomer.set(edit.customerId, [...(byCustomer.get(edit.customerId) ?? []), edit]);
  }
  return byCustomer;
}

type PulledProduct = Omit<Pulled<'product'>, 'parent' | 'ownPrice' | 'chainPrice'>;

/**
 * Writes a pulled product whole: its fields, its barcodes (in the form scanning looks them up in),
 * its picture, and its scheduled prices in place of the ones it had; a price that differs from the
 * one here enters the price history (so its labels are among those due today).
 *
 * Where head office lets this outlet set its own price (its permissions, as pulled), the outlet's
 * own price within their bound wins: one in force stays (with the outlet's own scheduled ones)
 * whatever price the pull brings, since head office may not have received it yet. Without the
 * permission the pull's price holds and the outlet's own scheduled prices go. `chainPrice` (the
 * chain's price, from a head office that sends it) is kept for the bound.
 */
function product(sql: Database.Database, p: PulledProduct, now: string, chainPrice: number | null, page: Page): void {
  taxRate(sql, p.taxRate);
  if (p.category) category(sql, p.category, page);
  const before = statement(sql, `SELECT "price" FROM "Product" WHERE "id" = ?`).get(p.id) as { price: number } | undefined;
  const latest = statement(sql, `SELECT "ownPrice" FROM "PriceChange" WHERE "productId" = ? AND "appliedAt" IS NOT NULL ORDER BY "effectiveAt" DESC, "createdAt" DESC LIMIT 1`).get(p.id) as { ownPrice: number } | undefined;
  if (chainPrice !== null) statement(sql, `INSERT INTO "ChainPrice" ("productId","price") VALUES (?,?) ON CONFLICT ("productId") DO UPDATE SET "price" = excluded."price"`).run(p.id, chainPrice);
  // A variant's permission is its product's (written before it): the category that counts is the product's.
  const family = p.parentId ? (statement(sql, `SELECT "categoryId" FROM "Product" WHERE "id" = ?`).get(p.parentId) as { categoryId: string | null } | undefined) : undefined;
  const ownPrice = page.rules.ruleFor({ permissionProductId: p.parentId ?? p.id, categoryId: family ? family.categoryId : p.categoryId, chainPrice: chainPrice ?? p.price });
  const keepOwn = ownPrice !== null && before !== undefined && latest?.ownPrice === 1 && ownPriceOutsideBound(ownPrice, before.price, { cost: p.cost, taxRateBp: p.taxRate.rateBp }) === null;
  const price = keepOwn ? before.price : p.price;
  const pending = keepOwn ? [] : [...p.priceChanges].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const columns = ['id', 'sku', 'name', 'searchName', 'unit', 'categoryId', 'taxRateId', 'price', 'cost', 'discountable', 'priceLabelled', 'kind', 'active', 'plu', 'parentId', 'options', 'optionValues', 'tileColour', 'nextPriceAt', 'createdAt', 'updatedAt'];
  statement(sql, upsert('Product', columns, ['createdAt'])).run({
    id: p.id, sku: p.sku, name: p.name, searchName: p.name.toLowerCase(), unit: p.unit, categoryId: p.categoryId, taxRateId: p.taxRateId, price, cost: p.cost,
    discountable: p.discountable ? 1 : 0, priceLabelled: p.priceLabelled ? 1 : 0, kind: p.kind, active: p.active ? 1 : 0, plu: p.plu, parentId: p.parentId,
    options: p.options.length ? JSON.stringify(p.options) : null, optionValues: p.optionValues.length ? JSON.stringify(p.optionValues) : null, tileColour: p.tileColour,
    nextPriceAt: null, createdAt: now, updatedAt: now,
  });
  ownExactly(sql, 'Barcode', 'productId', p.id, [...new Set(p.barcodes.map((code) => normaliseBarcode(code).code))]);
  if (before?.price !== price) {
    statement(sql, `INSERT INTO "PriceChange" ("id","productId","price","previousPrice","effectiveAt","appliedAt","createdById","createdAt") VALUES (?,?,?,?,?,?,NULL,?)`).run(newId(), p.id, p.price, before?.price ?? null, now, now, now);
  }
  statement(sql, `DELETE FROM "PriceChange" WHERE "productId" = ? AND "appliedAt" IS NULL AND ("ownPrice" = 0 OR ?)`).run(p.id, ownPrice === null ? 1 : 0);
  for (const c of pending) statement(sql, `INSERT INTO "PriceChange" ("id","productId","price","effectiveAt","createdAt") VALUES (?,?,?,?,?)`).run(newId(), p.id, c.price, sqliteTimestamp(new Date(c.from)), now);
  statement(sql, `UPDATE "Product" SET "nextPriceAt" = (SELECT min("effectiveAt") FROM "PriceChange" WHERE "productId" = @id AND "appliedAt" IS NULL) WHERE "id" = @id`).run({ id: p.id });
  if (p.picture) statement(sql, `INSERT INTO "ProductPicture" ("productId","dataUrl","updatedAt") VALUES (?,?,?) ON CONFLICT ("productId") DO UPDATE SET "dataUrl" = excluded."dataUrl", "updatedAt" = excluded."updatedAt"`).run(p.id, p.picture, now);
  else statement(sql, `DELETE FROM "ProductPicture" WHERE "productId" = ?`).run(p.id);
}

const APPLIERS: { [E in PulledEntity]: (sql: Database.Database, data: Pulled<E>, now: string, page: Page) => void } = {
  'tax-rate': taxRate,
  category: (sql, c, _now, page) => category(sql, c, page),
  'customer-category': customerCategory,
  product: (sql, p, now, page) => {
    // A variant's product first: the variant refers to it.
    if (p.parent) product(sql, p.parent, now, null, page);
    const { ownPrice: _sentForOlderOutlets, chainPrice, ...own } = p;
    product(sql, own, now, chainPrice, page);
  },
  'own-price-permission': (sql, { categoryId, allowed, bound, percentBp }, now, page) => {
    statement(sql, `INSERT INTO "OwnPricePermission" ("categoryId","allowed","bound","percentBp") VALUES (?,?,?,?)
      ON CONFLICT ("categoryId") DO UPDATE SET "allowed" = excluded."allowed", "bound" = excluded."bound", "percentBp" = excluded."percentBp"`).run(categoryId ?? '', allowed ? 1 : 0, bound, percentBp);
    page.rules.forget();
    dropDisallowedOwnPrices(sql, now);
  },
  'own-price-product-permission': (sql, { productId, allowed, bound, percentBp }, now, page) => {
    if (allowed === null) statement(sql, `DELETE FROM "OwnPriceProductPermission" WHERE "productId" = ?`).run(productId);
    else statement(sql, `INSERT INTO "OwnPriceProductPermission" ("productId","allowed","bound","percentBp") VALUES (?,?,?,?)
      ON CONFLICT ("productId") DO UPDATE SET "allowed" = excluded."allowed", "bound" = excluded."bound", "percentBp" = excluded."percentBp"`).run(productId, allowed ? 1 : 0, bound, percentBp);
    page.rules.forget();
    dropDisallowedOwnPrices(sql, now);
  },
  'discount-rule': (sql, r, now) => {
    const { name, kind, ...params } = r.rule;
    const columns = ['id', 'name', 'kind', 'params', 'priority', 'active', 'createdAt', 'updatedAt'];
    statement(sql, upsert('DiscountRule', columns, ['createdAt'])).run({ id: r.id, name, kind, params: JSON.stringify(params), priority: r.priority, active: r.active ? 1 : 0, createdAt: now, updatedAt: now });
  },
  user: (sql, u, now) => {
    const outletId = (statement(sql, `SELECT "id" FROM "Outlet" LIMIT 1`).get() as { id: string }).id;
    const columns = ['id', 'outletId', 'login', 'name', 'role', 'pinHash', 'passwordHash', 'active', 'locale', 'createdAt', 'updatedAt'];
    statement(sql, upsert('User', columns, ['createdAt', 'locale'])).run({ ...u, outletId, active: u.active ? 1 : 0, createdAt: now, updatedAt: now });
  },
  customer: (sql, c, now, { unsent }) => {
    if (c.category) customerCategory(sql, c.category);
    const { cards, category: _category, customFields, fieldClocks, ...pulled } = c;
    const kept = keptOfUnsent(unsent().get(c.id) ?? [], fieldClocks);
    const own = kept.columns.size ? (statement(sql, `SELECT * FROM "Customer" WHERE "id" = ?`).get(c.id) as Record<string, unknown> | undefined) : undefined;
    const fields: Record<string, unknown> = { ...pulled };
    // Consents in the form Prisma keeps times in here; a head office that does not send them leaves this outlet's.
    const consents = CUSTOMER_CONSENT_FIELDS.filter((f) => pulled[f] !== undefined);
    for (const f of consents) fields[f] = pulled[f] ? sqliteTimestamp(new Date(pulled[f])) : null;
    if (own) for (const column of kept.columns) fields[column] = own[column];
    statement(sql, upsert('Customer', [...CUSTOMER_COLUMNS, ...consents], ['createdAt'])).run({ ...fields, searchName: String(fields.name).toLowerCase(), createdAt: now, updatedAt: now });
    const ownCards = statement(sql, `SELECT "code" FROM "CustomerCard" WHERE "customerId" = ? AND "code" IN (SELECT value FROM json_each(?))`).all(c.id, JSON.stringify([...kept.cards])) as { code: string }[];
    ownExactly(sql, 'CustomerCard', 'customerId', c.id, [...new Set([...cards, ...ownCards.map((k) => k.code)])]);
    chainFieldValues(sql, c.id, customFields, kept.customFields);
  },
  'custom-field': (sql, f, now) => {
    // A field this outlet kept under the same key makes way, keeping its values under a key of its own.
    const clash = statement(sql, `SELECT "id" FROM "CustomFieldDefinition" WHERE "entity" = 'customer' AND "key" = ? AND "id" <> ?`).get(f.key, f.id) as { id: string } | undefined;
    if (clash) statement(sql, `UPDATE "CustomFieldDefinition" SET "key" = ? WHERE "id" = ?`).run(`${f.key.slice(0, 32)}_${clash.id.slice(-6).toLowerCase()}`, clash.id);
    statement(
      sql,
      `INSERT INTO "CustomFieldDefinition" ("id","entity","key","label","type","choices","defaultValue","required","position","origin","archivedAt","createdAt","updatedAt")
       VALUES (@id, 'customer', @key, @label, @type, @choices, @defaultValue, @required, @position, 'head-office', CASE WHEN @archived THEN @now END, @now, @now)
       ON CONFLICT ("id") DO UPDATE SET "key" = excluded."key", "label" = excluded."label", "type" = excluded."type", "choices" = excluded."choices", "defaultValue" = excluded."defaultValue",
         "required" = excluded."required", "position" = excluded."position", "origin" = 'head-office', "updatedAt" = excluded."updatedAt",
         "archivedAt" = CASE WHEN @archived THEN COALESCE("CustomFieldDefinition"."archivedAt", @now) END`,
    ).run({ ...f, choices: f.choices ? JSON.stringify(f.choices) : null, defaultValue: f.defaultValue === null ? null : JSON.stringify(f.defaultValue), required: f.required ? 1 : 0, archived: f.archived ? 1 : 0, now });
  },
  'customer-status': (sql, st, now) => {
    const outletId = (statement(sql, `SELECT "id" FROM "Outlet" LIMIT 1`).get() as { id: string }).id;
    // A status here under the same name makes way (its own change renames it back, if it is the chain's too).
    const clash = statement(sql, `SELECT "id" FROM "CustomerStatus" WHERE "outletId" = ? AND "name" = ? AND "id" <> ?`).get(outletId, st.name, st.id) as { id: string } | undefined;
    if (clash) statement(sql, `UPDATE "CustomerStatus" SET "name" = ? WHERE "id" = ?`).run(`${st.name.slice(0, 53)}~${clash.id.slice(-6)}`, clash.id);
    statement(
      sql,
      `INSERT INTO "CustomerStatus" ("id","outletId","name","customerType","position","initial","origin","createdAt","updatedAt")
       VALUES (@id, @outletId, @name, @customerType, @position, @initial, 'head-office', @now, @now)
       ON CONFLICT ("id") DO UPDATE SET "name" = excluded."name", "customerType" = excluded."customerType", "position" = excluded."position", "initial" = excluded."initial",
         "origin" = 'head-office', "updatedAt" = excluded."updatedAt"`,
    ).run({ id: st.id, outletId, name: st.name, customerType: st.customerType, position: st.position, initial: st.initial ? 1 : 0, now });
    statement(sql, `DELETE FROM "CustomerStatusMove" WHERE "fromId" = ?`).run(st.id);
    const allow = statement(sql, `INSERT INTO "CustomerStatusMove" ("fromId","toId") VALUES (?, ?) ON CONFLICT DO NOTHING`);
    for (const toId of st.moves) allow.run(st.id, toId);
  },
  supplier: (sql, r, now) => {
    // A supplier this outlet kept under the same code makes way, keeping its history under a code of its own.
    const clash = statement(sql, `SELECT "id" FROM "Supplier" WHERE "code" = ? AND "id" <> ?`).get(r.code, r.id) as { id: string } | undefined;
    if (clash) statement(sql, `UPDATE "Supplier" SET "code" = ? WHERE "id" = ?`).run(`${r.code}~${clash.id.slice(-6)}`, clash.id);
    statement(
      sql,
      `INSERT INTO "Supplier" ("id","code","name","contact","leadTimeDays","minOrderAmount","currency","origin","archivedAt","createdAt")
       VALUES (@id, @code, @name, @contact, @leadTimeDays, @minOrderAmount, @currency, 'head-office', CASE WHEN @archived THEN @now END, @now)
       ON CONFLICT ("id") DO UPDATE SET "code" = excluded."code", "name" = excluded."name", "contact" = excluded."contact", "leadTimeDays" = excluded."leadTimeDays",
         "minOrderAmount" = excluded."minOrderAmount", "currency" = excluded."currency", "origin" = 'head-office',
         "archivedAt" = CASE WHEN @archived THEN COALESCE("Supplier"."archivedAt", @now) END`,
    ).run({ ...r, archived: r.archived ? 1 : 0, now });
  },
  outlet: (sql, o, now) => {
    // This outlet's own entry is nothing to trust: it signs its notes itself.
    if (statement(sql, `SELECT 1 FROM "Outlet" WHERE "code" = ?`).get(o.code)) return;
    statement(sql, `INSERT INTO "PeerOutlet" ("code","name","publicKey","source","updatedAt") VALUES (@code, @name, @publicKey, 'head-office', @now)
      ON CONFLICT ("code") DO UPDATE SET "name" = excluded."name", "publicKey" = excluded."publicKey", "source" = excluded."source", "updatedAt" = excluded."updatedAt"`).run({ code: o.code, name: o.name, publicKey: o.publicKey, now });
  },
};
