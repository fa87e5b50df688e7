import type pg from 'pg';
import type { z } from 'zod';
import { Mutex } from 'async-mutex';
import { Prisma } from '../../prisma/generated/headoffice/client.ts';
import { MASTER_DATA_SCHEMAS, OPTIONAL_PULLED_ENTITIES, type MasterChangeItem, type OptionalPulledEntity, type MasterEntity, type PulledEntity, type PullPage } from '../../shared/schemas/master-data.ts';
import { AppError, badRequest, notFound, type FieldIssue } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { hashSecret } from '../users/secrets.ts';
import { checkProductBarcode } from '../../shared/barcodes.ts';
import { newId } from '../../shared/ids.ts';
import { customFieldValueSchema, type CustomFieldType, type CustomFieldValue } from '../../shared/schemas/custom-fields.ts';
import { COLUMN, toColumns } from '../custom-fields/values.ts';
import { CUSTOMER_CONSENT_FIELDS, type CustomerConsentField } from '../../shared/schemas/sync.ts';
import { notePullsPermissions, ownPriceRules, permissionChangeId, refuseWhereOutletSetsPrice } from './own-prices.ts';

type Tx = Prisma.TransactionClient;
export type DataOf<E extends MasterEntity> = z.output<(typeof MASTER_DATA_SCHEMAS)[E]>;

/** Serialises master-data writers so change seqs commit in order (see MasterChange). */
const CHANGE_LOCK = 727002;

/**
 * Logs changes of entities head office has (ids it does not know are skipped: a sale's customer
 * that only its outlet knows), inside the caller's transaction. Takes the change lock until commit
 * (the ingest, which does not queue with the writers, holds it only from here on): call it last.
 */
export async function logMasterChanges(client: pg.PoolClient, entity: Exclude<PulledEntity, OptionalPulledEntity>, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const table = { customer: 'Customer', product: 'Product', 'tax-rate': 'TaxRate', category: 'Category', 'customer-category': 'CustomerCategory', 'discount-rule': 'DiscountRule', user: 'User', outlet: 'Outlet', supplier: 'Supplier', 'custom-field': 'CustomFieldDefinition', 'customer-status': 'ChainCustomerStatus' }[entity];
  const known = (await client.query<{ id: string }>(`SELECT "id" FROM "${table}" WHERE "id" = ANY($1::text[]) ORDER BY "id"`, [ids])).rows.map((r) => r.id);
  if (!known.length) return;
  await takeChangeLock(client);
  await client.query(`INSERT INTO "MasterChange" ("entity", "entityId") SELECT $1, unnest($2::text[])`, [entity, known]);
}

/**
 * Takes the change lock until the transaction ends, for the ingest, which logs changes but does not
 * queue with the writers: early when it writes rows a writer may also write, since a writer takes
 * the lock first and its rows after it.
 */
export async function takeChangeLock(client: pg.PoolClient): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock($1)`, [CHANGE_LOCK]);
}

/** This process's master-data writers of each head-office database, one at a time. */
const writers = new WeakMap<HeadOfficeDb, Mutex>();
function writersOf(db: HeadOfficeDb): Mutex {
  let queue = writers.get(db);
  if (!queue) writers.set(db, (queue = new Mutex()));
  return queue;
}

/**
 * Runs a master-data write in a transaction of its own that holds the change lock, so change seqs
 * commit in the order they are taken and a puller's cursor never passes one committed late.
 * Writers queue in this process before the transaction opens: a waiting writer holds no pool
 * connection and runs down no transaction timeout. The lock inside still guards against another
 * head-office process and the ingest (which logs changes too), and in one process it is then
 * contended only by them.
 */
export function withMasterChange<T>(db: HeadOfficeDb, write: (tx: Tx) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return writersOf(db).runExclusive(() =>
    db.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${CHANGE_LOCK})::text AS "locked"`;
      return write(tx);
    }, { timeout: WRITE_TIMEOUT_MS, ...options }),
  );
}
/** Longer than Prisma's 5 s: the lock may be held meanwhile by an ingest storing a batch's customer edits. */
const WRITE_TIMEOUT_MS = 30_000;

/** withMasterChange for a writer of raw SQL: its own pooled connection, in a transaction that holds the change lock. */
export function withMasterChangeClient<T>(db: HeadOfficeDb, write: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return writersOf(db).runExclusive(async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await takeChangeLock(client);
      const result = await write(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
}

/** Writes one entity's whole data and logs it, and whatever else the write changed, for outlets to pull; inside withMasterChange. */
export async function writeMaster<E extends MasterEntity>(tx: Tx, entity: E, id: string, data: DataOf<E>): Promise<void> {
  const alsoChanged = await (WRITERS[entity] as Writer<E>)(tx, id, data);
  for (const [e, changedId] of [[entity, id] as const, ...alsoChanged]) await tx.masterChange.create({ data: { entity: e, entityId: changedId } });
}

type StoredProduct = Omit<DataOf<'product'>, 'unit' | 'kind' | 'barcodes' | 'optionValues' | 'options' | 'picture' | 'priceChanges'> & {
  unit: string; kind: string; barcodes: { code: string }[]; optionValues: string | null; options: string | null;
};

/** A product's whole master data from its row as head office keeps it, its picture and its pending price changes. */
export function productMasterData(p: StoredProduct, picture: string | null, pending: { effectiveAt: Date; price: number }[]): DataOf<'product'> {
  return {
    sku: p.sku, name: p.name, unit: p.unit as DataOf<'product'>['unit'], categoryId: p.categoryId, taxRateId: p.taxRateId, price: p.price, cost: p.cost, discountable: p.discountable,
    priceLabelled: p.priceLabelled, kind: p.kind as DataOf<'product'>['kind'], active: p.active, plu: p.plu, barcodes: p.barcodes.map((b) => b.code).sort(),
    parentId: p.parentId, optionValues: p.optionValues ? JSON.parse(p.optionValues) : [], options: p.options ? JSON.parse(p.options) : [], tileColour: p.tileColour,
    picture, priceChanges: pending.map((c) => ({ from: c.effectiveAt.toISOString(), price: c.price })),
  };
}

/** A product's whole master data as stored now, for a writer that changes some of it; null for a product head office does not have. */
export async function storedProductData(tx: Tx, id: string): Promise<DataOf<'product'> | null> {
  const product = await tx.product.findUnique({ where: { id }, include: { barcodes: true } });
  if (!product) return null;
  const picture = await tx.productPicture.findUnique({ where: { productId: id } });
  const pending = await tx.priceChange.findMany({ where: { productId: id, appliedAt: null }, orderBy: { effectiveAt: 'asc' } });
  return productMasterData(product, picture?.dataUrl ?? null, pending);
}

/** Sets (or, with null, drops) an outlet's own price of a product and logs the product as changed; inside withMasterChange. */
export async function writeOutletPrice(tx: Tx, outletId: string, productId: string, price: number | null): Promise<void> {
  await refuseWhereOutletSetsPrice(tx, outletId, productId);
  if (price === null) await tx.outletPrice.deleteMany({ where: { outletId, productId } });
  else await tx.outletPrice.upsert({ where: { outletId_productId: { outletId, productId } }, create: { outletId, productId, price }, update: { price } });
  await tx.masterChange.create({ data: { entity: 'product', entityId: productId } });
}

/** A reference to a record head office does not have, as the refusal naming its field; other errors as they are. */
export function unknownReference(err: unknown): unknown {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2003') {
    // The adapter names the constraint (`Product_taxRateId_fkey`) in its message only.
    const field = /_(\w+?)_fkey/.exec(err.message)?.[1] ?? 'reference';
    return badRequest('unknown-reference', `body.${field}: no such record at head office`, [{ path: `body.${field}`, message: 'no such record' }]);
  }
  return err;
}

/**
 * Head office's master data: the administrator puts an entity's whole data, which is written and
 * logged as a change in one transaction; outlets pull changes after their cursor and get each
 * changed entity once, as it is now.
 */
export class MasterData {
  constructor(private readonly db: HeadOfficeDb) {}

  /** Validates and writes one entity; errors name the field (`body.price`). */
  async put(entity: MasterEntity, id: string, body: unknown): Promise<void> {
    const parsed = MASTER_DATA_SCHEMAS[entity].safeParse(body);
    if (!parsed.success) {
      const fields: FieldIssue[] = parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message }));
      throw badRequest('invalid-input', `${fields[0].path}: ${fields[0].message}`, fields);
    }
    try {
      await withMasterChange(this.db, (tx) => writeMaster(tx, entity, id, parsed.data as DataOf<typeof entity>));
    } catch (err) {
      throw unknownReference(err);
    }
  }

  /** Sets (or, with null, drops) an outlet's own price for a product; the product is logged as changed. */
  async setOutletPrice(outletId: string, productId: string, price: number | null): Promise<void> {
    await withMasterChange(this.db, async (tx) => {
      if (!(await tx.product.findUnique({ where: { id: productId }, select: { id: true } }))) {
        throw notFound('product-not-found', 'No such product at head office', [{ path: 'productId', message: 'unknown product' }]);
      }
      await writeOutletPrice(tx, outletId, productId, price);
    });
  }

  /** Changes after the cursor, each entity once at its latest change, with its data as it is now; entities the outlet does not accept left out. */
  async pull(outletId: string, after: number, limit: number, accepts: readonly OptionalPulledEntity[] = []): Promise<PullPage> {
    if (accepts.includes('own-price-permission')) await notePullsPermissions(this.db, outletId);
    const { rows } = await this.db.pool.query<{ seq: string; entity: PulledEntity; entityId: string }>(
      `SELECT m."seq", m."entity", m."entityId" FROM "MasterChange" m
       WHERE m."seq" > $1 AND NOT EXISTS (SELECT 1 FROM "MasterChange" n WHERE n."entity" = m."entity" AND n."entityId" = m."entityId" AND n."seq" > m."seq")
         AND (m."entity" <> ALL($3::text[]) OR m."entity" = ANY($4::text[]))
       ORDER BY m."seq" LIMIT $2`,
      [after, limit + 1, OPTIONAL_PULLED_ENTITIES, accepts],
    );
    const page = rows.slice(0, limit);
    const data = await this.#load(page, outletId);
    const changes: MasterChangeItem[] = page.map((r) => ({ seq: Number(r.seq), entity: r.entity, id: r.entityId, data: data.get(`${r.entity}:${r.entityId}`) ?? null }));
    return { changes, cursor: changes.at(-1)?.seq ?? after, more: rows.length > limit };
  }

  async #load(rows: { entity: PulledEntity; entityId: string }[], outletId: string): Promise<Map<string, Record<string, unknown>>> {
    const idsOf = (entity: PulledEntity) => rows.filter((r) => r.entity === entity).map((r) => r.entityId);
    const out = new Map<string, Record<string, unknown>>();
    const put = (entity: PulledEntity, id: string, data: object) => out.set(`${entity}:${id}`, { id, ...data });
    const { prisma } = this.db;
    for (const t of await prisma.taxRate.findMany({ where: { id: { in: idsOf('tax-rate') } } })) put('tax-rate', t.id, taxRateData(t));
    for (const c of await prisma.category.findMany({ where: { id: { in: idsOf('category') } } })) put('category', c.id, categoryData(c));
    for (const c of await prisma.customerCategory.findMany({ where: { id: { in: idsOf('customer-category') } } })) put('customer-category', c.id, customerCategoryData(c));
    const products = await prisma.product.findMany({ where: { id: { in: idsOf('product') } }, include: PRODUCT_INCLUDE });
    const parents = await prisma.product.findMany({ where: { id: { in: products.flatMap((p) => (p.parentId ? [p.parentId] : [])) } }, include: PRODUCT_INCLUDE });
    const all = [...products, ...parents];
    // The pulling outlet's own prices stand in for the chain's (and the chain's scheduled changes with them).
    const ownPrices = new Map((await prisma.outletPrice.findMany({ where: { outletId, productId: { in: all.map((p) => p.id) } } })).map((o) => [o.productId, o.price]));
    const pictures = new Map((await prisma.productPicture.findMany({ where: { productId: { in: all.map((p) => p.id) } } })).map((p) => [p.productId, p.dataUrl]));
    const pending = await prisma.priceChange.findMany({ where: { productId: { in: all.map((p) => p.id) }, appliedAt: null }, orderBy: { effectiveAt: 'asc' } });
    const rules = await ownPriceRules(prisma, outletId, products);
    const productData = (p: (typeof all)[number]) => {
      const own = ownPrices.get(p.id);
      const stored = productMasterData(p, pictures.get(p.id) ?? null, own === undefined ? pending.filter((c) => c.productId === p.id) : []);
      return {
        id: p.id, ...stored, price: own ?? p.price,
        taxRate: { id: p.taxRate.id, ...taxRateData(p.taxRate) }, category: p.category ? { id: p.category.id, ...categoryData(p.category) } : null,
      };
    };
    for (const p of products) {
      const parent = p.parentId ? parents.find((f) => f.id === p.parentId) : undefined;
      put('product', p.id, { ...productData(p), parent: parent ? productData(parent) : null, ownPrice: rules.get(p.id) ?? null, chainPrice: p.price });
    }
    // Only the pulling outlet's own permissions: another outlet's come as null (nothing to write).
    const permissionIds = idsOf('own-price-permission');
    for (const p of await prisma.ownPricePermission.findMany({ where: { outletId, categoryId: { in: permissionIds.flatMap((id) => (id.startsWith(`${outletId}:`) ? [id.slice(outletId.length + 1)] : [])) } } })) {
      put('own-price-permission', permissionChangeId(outletId, p.categoryId), { categoryId: p.categoryId || null, allowed: p.allowed, bound: p.bound, percentBp: p.percentBp });
    }
    const productPermissionIds = idsOf('own-price-product-permission').flatMap((id) => (id.startsWith(`${outletId}:`) ? [id.slice(outletId.length + 1)] : []));
    for (const p of await prisma.ownPriceProductPermission.findMany({ where: { outletId, productId: { in: productPermissionIds } } })) {
      put('own-price-product-permission', permissionChangeId(outletId, p.productId), { productId: p.productId, allowed: p.allowed, bound: p.bound, percentBp: p.percentBp });
    }
    for (const r of await prisma.discountRule.findMany({ where: { id: { in: idsOf('discount-rule') } } })) {
      put('discount-rule', r.id, { rule: { ...JSON.parse(r.params), name: r.name, kind: r.kind }, priority: r.priority, active: r.active });
    }
    const customers = await prisma.customer.findMany({ where: { id: { in: idsOf('customer') } }, include: { cards: true, category: true } });
    const elsewhere = await this.#spendElsewhere(customers.map((c) => c.id), outletId);
    const fields = (await prisma.customFieldDefinition.findMany()).map((f) => ({ ...f, type: f.type as CustomFieldType }));
    const values = await prisma.customFieldValue.findMany({ where: { entityId: { in: customers.map((c) => c.id) } } });
    const clocks = new Map((await prisma.customerFieldClock.findMany({ where: { customerId: { in: customers.map((c) => c.id) } } })).map((k) => [k.customerId, k.clocks as Record<string, string>]));
    const valuesOf = (customerId: string) =>
      Object.fromEntries(values.filter((v) => v.entityId === customerId).flatMap((v) => {
        const field = fields.find((f) => f.id === v.fieldId);
        const raw = field ? v[COLUMN[field.type]] : null;
        return field && raw !== null ? [[field.key, field.type === 'yes-no' ? raw === 1 : raw]] : [];
      }));
    for (const f of fields.filter((d) => idsOf('custom-field').includes(d.id))) {
      put('custom-field', f.id, { key: f.key, label: f.label, type: f.type, choices: f.choices ? JSON.parse(f.choices) : null, defaultValue: f.defaultValue === null ? null : JSON.parse(f.defaultValue), required: f.required, position: f.position, archived: f.archivedAt !== null });
    }
    for (const c of customers) {
      put('customer', c.id, {
        name: c.name, kind: c.kind, phone: c.phone, email: c.email, categoryId: c.categoryId, personalDiscountBp: c.personalDiscountBp, birthday: c.birthday,
        address: c.address, notes: c.notes, companyCode: c.companyCode, vatCode: c.vatCode, locale: c.locale as DataOf<'customer'>['locale'], cards: c.cards.map((k) => k.code).sort(),
        category: c.category ? { id: c.category.id, ...customerCategoryData(c.category) } : null,
        chainSpendElsewhere: elsewhere.get(c.id) ?? 0,
        mergedIntoId: c.mergedIntoId,
        customFields: valuesOf(c.id),
        ...learntConsents(c, clocks.get(c.id) ?? {}),
        fieldClocks: clocks.get(c.id) ?? {},
      });
    }
    const users = await prisma.user.findMany({ where: { id: { in: idsOf('user') } } });
    for (const u of users) {
      // Not this outlet's (another outlet's, or head office's own): nothing to send, so null.
      if (u.role === 'head_office_admin' || (u.outletId !== null && u.outletId !== outletId)) continue;
      put('user', u.id, { login: u.login, name: u.name, role: u.role, pinHash: u.pinHash, passwordHash: u.passwordHash, active: u.active, locale: u.locale });
    }
    const statusIds = idsOf('customer-status');
    const allowed = await prisma.chainStatusMove.findMany({ where: { fromId: { in: statusIds } }, orderBy: { toId: 'asc' } });
    for (const st of await prisma.chainCustomerStatus.findMany({ where: { id: { in: statusIds } } })) {
      put('customer-status', st.id, { name: st.name, customerType: st.customerType, position: st.position, initial: st.initial, moves: allowed.filter((m) => m.fromId === st.id).map((m) => m.toId) });
    }
    for (const r of await prisma.supplier.findMany({ where: { id: { in: idsOf('supplier') } } })) {
      put('supplier', r.id, { code: r.code, name: r.name, contact: r.contact, leadTimeDays: r.leadTimeDays, minOrderAmount: r.minOrderAmount, currency: r.currency, archived: r.archivedAt !== null });
    }
    const { rows: outlets } = await this.db.pool.query<{ id: string; code: string; name: string; publicKey: string }>(
      `SELECT o."id", o."code", o."name", i."publicKey" FROM "Outlet" o JOIN "OutletIdentity" i ON i."outletId" = o."id" WHERE o."id" = ANY($1::text[])`,
      [idsOf('outlet')],
    );
    for (const o of outlets) put('outlet', o.id, { code: o.code, name: o.name, publicKey: o.publicKey });
    return out;
  }

  /** Each customer's net spend at outlets other than this one, this month and the 11 before. */
  async #spendElsewhere(customerIds: string[], outletId: string): Promise<Map<string, number>> {
    if (!customerIds.length) return new Map();
    const since = new Date();
    since.setUTCDate(1);
    since.setUTCMonth(since.getUTCMonth() - 11);
    const { rows } = await this.db.pool.query<{ customerId: string; total: number }>(
      `SELECT "customerId", sum("total")::float8 AS "total" FROM "CustomerSpendMonth"
       WHERE "customerId" = ANY($1::text[]) AND "outletId" <> $2 AND "month" >= $3 GROUP BY "customerId"`,
      [customerIds, outletId, since.toISOString().slice(0, 7)],
    );
    return new Map(rows.map((r) => [r.customerId, r.total]));
  }
}

const taxRateData = (t: { code: string; name: string; rateBp: number }): DataOf<'tax-rate'> => ({ code: t.code, name: t.name, rateBp: t.rateBp });
const categoryData = (c: { code: string; name: string; parentId: string | null; active: boolean }): DataOf<'category'> => ({ code: c.code, name: c.name, parentId: c.parentId, active: c.active });
const PRODUCT_INCLUDE = { barcodes: true, taxRate: true, category: true } as const;
const customerCategoryData = (c: { code: string; name: string; discountBp: number; pointsEarnBp: number }): DataOf<'customer-category'> => ({
  code: c.code, name: c.name, discountBp: c.discountBp, pointsEarnBp: c.pointsEarnBp,
});

/**
 * A consent (or refusal) head office's administrator changes, or gives before head office knew it,
 * is dated now in the customer's field clocks, as an outlet's edit of it is by the edit's time: an
 * outlet's older edit arriving later does not undo it (customer-merge.ts), outlets pull it (see
 * learntConsents), and an outlet keeps only its own later changes on a pull.
 */
async function stampConsentClocks(tx: Tx, id: string, d: Pick<DataOf<'customer'>, CustomerConsentField>): Promise<void> {
  const before = await tx.customer.findUnique({ where: { id }, select: { emailConsentAt: true, smsConsentAt: true, serviceMessagesRefusedAt: true } });
  const held = ((await tx.customerFieldClock.findUnique({ where: { customerId: id } }))?.clocks ?? {}) as Record<string, string>;
  const time = (at: Date | string | null | undefined) => (at ? new Date(at).getTime() : null);
  const stamped = CUSTOMER_CONSENT_FIELDS.filter((f) => d[f] !== undefined && (held[f] === undefined || time(d[f]) !== time(before?.[f])));
  if (!stamped.length) return;
  const now = new Date().toISOString();
  const clocks = { ...held, ...Object.fromEntries(stamped.map((f) => [f, now])) };
  await tx.customerFieldClock.upsert({ where: { customerId: id }, create: { customerId: id, clocks }, update: { clocks } });
}

/**
 * The consents head office has learnt of a customer (from an outlet's edit or its administrator:
 * the field has a clock), as pulled. One it has not is left out, so the outlets keep their own: a
 * customer from before consents travelled holds none at head office, which would wipe theirs.
 */
function learntConsents(c: { [F in CustomerConsentField]: Date | null }, clocks: Record<string, string>): Partial<Record<CustomerConsentField, string | null>> {
  return Object.fromEntries(CUSTOMER_CONSENT_FIELDS.filter((f) => clocks[f] !== undefined).map((f) => [f, c[f]?.toISOString() ?? null]));
}

/**
 * Makes a customer's values of the chain's custom fields the ones given, each checked against its
 * field's definition (an unknown key or a value of the wrong type refused, naming it).
 */
async function writeChainFieldValues(tx: Tx, customerId: string, values: Record<string, CustomFieldValue>): Promise<void> {
  const fields = (await tx.customFieldDefinition.findMany({ where: { entity: 'customer' } })).map((f) => ({ ...f, type: f.type as CustomFieldType, choices: f.choices ? (JSON.parse(f.choices) as string[]) : null }));
  for (const [key, value] of Object.entries(values)) {
    const field = fields.find((f) => f.key === key);
    const path = `body.customFields.${key}`;
    if (!field) throw new AppError(422, 'custom-field-unknown', `${path}: there is no custom field ${key}`, [{ path, message: 'no such field' }], { field: key });
    const parsed = customFieldValueSchema(field).safeParse(value);
    if (!parsed.success) throw new AppError(422, 'custom-field-invalid', `${path}: ${parsed.error.issues[0].message}`, [{ path, message: parsed.error.issues[0].message }], { field: field.label, variant: field.type });
  }
  await tx.customFieldValue.deleteMany({ where: { entityId: customerId } });
  for (const [key, value] of Object.entries(values)) {
    const field = fields.find((f) => f.key === key)!;
    await tx.customFieldValue.create({ data: { fieldId: field.id, entityId: customerId, ...toColumns(field, value) } });
  }
}

/** Writes one entity; returns other entities the write changed (a barcode or card taken from another). */
type Writer<E extends MasterEntity> = (tx: Tx, id: string, data: DataOf<E>) => Promise<(readonly [MasterEntity, string])[]>;

const WRITERS: { [E in MasterEntity]: Writer<E> } = {
  'tax-rate': async (tx, id, d) => (await tx.taxRate.upsert({ where: { id }, create: { id, ...d }, update: d }), []),
  category: async (tx, id, d) => (await tx.category.upsert({ where: { id }, create: { id, ...d }, update: d }), []),
  'customer-category': async (tx, id, d) => (await tx.customerCategory.upsert({ where: { id }, create: { id, ...d }, update: d }), []),
  product: async (tx, id, { barcodes: typed, options, optionValues, picture, priceChanges, ...d }) => {
    // Head office knows no outlet's in-store label layouts: those are checked where the codes are scanned.
    const barcodes = typed.map((raw, i) => {
      const checked = checkProductBarcode(raw, []);
      if (!checked.ok) throw badRequest('invalid-barcode', `body.barcodes.${i}: ${checked.message}`, [{ path: `body.barcodes.${i}`, message: checked.message }], { code: raw, problem: checked.problem });
      return checked.code;
    });
    if (d.kind === 'family' && !options.length) throw badRequest('invalid-input', 'body.options: a product with variants needs options', [{ path: 'body.options', message: 'required for a product with variants' }]);
    if (d.parentId && !optionValues.length) throw badRequest('variant-without-options', 'body.optionValues: a variant needs a value of each option', [{ path: 'body.optionValues', message: 'required for a variant' }]);
    const before = await tx.product.findUnique({ where: { id }, select: { price: true, categoryId: true } });
    const now = new Date();
    const pending = [...priceChanges].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
    const fields = {
      ...d, searchName: d.name.toLowerCase(), options: options.length ? JSON.stringify(options) : null, optionValues: optionValues.length ? JSON.stringify(optionValues) : null,
      nextPriceAt: pending.length ? new Date(pending[0].from) : null, updatedAt: now,
    };
    await tx.product.upsert({ where: { id }, create: { id, ...fields }, update: fields });
    // The price history at head office: each price put, and the scheduled ones as they are now.
    if (before?.price !== d.price) await tx.priceChange.create({ data: { id: newId(), productId: id, price: d.price, previousPrice: before?.price ?? null, effectiveAt: now, appliedAt: now } });
    await tx.priceChange.deleteMany({ where: { productId: id, appliedAt: null } });
    for (const c of pending) await tx.priceChange.create({ data: { id: newId(), productId: id, price: c.price, effectiveAt: new Date(c.from) } });
    if (picture) await tx.productPicture.upsert({ where: { productId: id }, create: { productId: id, dataUrl: picture }, update: { dataUrl: picture } });
    else await tx.productPicture.deleteMany({ where: { productId: id } });
    const previous = await tx.barcode.findMany({ where: { code: { in: barcodes }, productId: { not: id } } });
    await tx.barcode.deleteMany({ where: { productId: id, code: { notIn: barcodes } } });
    for (const code of barcodes) await tx.barcode.upsert({ where: { code }, create: { code, productId: id }, update: { productId: id } });
    // A variant's own-price permission is its product's: the variants of one moved to another category change with it.
    const moved = before && d.kind === 'family' && before.categoryId !== d.categoryId ? await tx.product.findMany({ where: { parentId: id }, select: { id: true } }) : [];
    return [...previous.map((b) => b.productId), ...moved.map((v) => v.id)].map((changed) => ['product', changed] as const);
  },
  'discount-rule': async (tx, id, { rule, priority, active }) => {
    const { name, kind, ...params } = rule;
    const fields = { name, kind, params: JSON.stringify(params), priority, active };
    await tx.discountRule.upsert({ where: { id }, create: { id, ...fields }, update: fields });
    return [];
  },
  user: async (tx, id, { pin, password, outletCode, ...d }) => {
    const existing = await tx.user.findUnique({ where: { id } });
    if (existing?.role === 'head_office_admin') throw badRequest('not-a-till-user', 'A head-office user is not sent to outlets', [{ path: 'id', message: 'head-office user' }]);
    if (!existing && !pin) throw badRequest('invalid-input', 'body.pin: a new user needs a PIN', [{ path: 'body.pin', message: 'required for a new user' }]);
    let outletId: string | null = null;
    if (outletCode) {
      const outlet = await tx.outlet.findUnique({ where: { code: outletCode } });
      if (!outlet) throw badRequest('invalid-input', `body.outletCode: no outlet ${outletCode}`, [{ path: 'body.outletCode', message: 'unknown outlet' }]);
      outletId = outlet.id;
    }
    const secrets = { ...(pin ? { pinHash: await hashSecret(pin), failedAttempts: 0, lockedUntil: null } : {}), ...(password ? { passwordHash: await hashSecret(password) } : {}) };
    const fields = { ...d, outletId, ...secrets };
    await tx.user.upsert({ where: { id }, create: { id, pinHash: '', ...fields }, update: fields });
    return [];
  },
  supplier: async (tx, id, { archived, ...d }) => {
    const taken = await tx.supplier.findUnique({ where: { code: d.code }, select: { id: true } });
    if (taken && taken.id !== id) throw new AppError(409, 'supplier-exists', `body.code: supplier ${d.code} exists`, [{ path: 'body.code', message: 'already used' }]);
    const before = await tx.supplier.findUnique({ where: { id }, select: { archivedAt: true } });
    const fields = { ...d, origin: 'head-office', archivedAt: archived ? (before?.archivedAt ?? new Date()) : null };
    await tx.supplier.upsert({ where: { id }, create: { id, ...fields }, update: fields });
    return [];
  },
  'custom-field': async (tx, id, { archived, ...d }) => {
    const taken = await tx.customFieldDefinition.findUnique({ where: { entity_key: { entity: 'customer', key: d.key } }, select: { id: true } });
    if (taken && taken.id !== id) throw new AppError(409, 'custom-field-exists', `body.key: there is a field ${d.key} already`, [{ path: 'body.key', message: 'already used' }], { field: d.key });
    const before = await tx.customFieldDefinition.findUnique({ where: { id } });
    if (before && before.key !== d.key) throw new AppError(409, 'custom-field-key-fixed', 'body.key: a field keeps its key', [{ path: 'body.key', message: 'cannot change' }], { field: before.key });
    const held = before && before.type !== d.type ? await tx.customFieldValue.count({ where: { fieldId: id } }) : 0;
    if (held) throw new AppError(409, 'custom-field-type-in-use', `body.type: ${held} customers hold a ${before!.type} value of ${d.key}`, [{ path: 'body.type', message: `values of type ${before!.type} exist` }], { field: d.key, count: held });
    const fields = {
      ...d, entity: 'customer', origin: 'head-office', choices: d.choices ? JSON.stringify(d.choices) : null, defaultValue: d.defaultValue === null ? null : JSON.stringify(d.defaultValue),
      archivedAt: archived ? (before?.archivedAt ?? new Date()) : null,
    };
    await tx.customFieldDefinition.upsert({ where: { id }, create: { id, ...fields }, update: fields });
    return [];
  },
  'customer-status': async (tx, id, { moves, ...d }) => {
    const taken = await tx.chainCustomerStatus.findUnique({ where: { name: d.name }, select: { id: true } });
    if (taken && taken.id !== id) throw new AppError(409, 'customer-status-name-taken', `body.name: there is a status ${d.name} already`, [{ path: 'body.name', message: 'the same as another status' }], { name: d.name });
    const known = new Set((await tx.chainCustomerStatus.findMany({ where: { id: { in: moves } }, select: { id: true } })).map((st) => st.id));
    moves.forEach((toId, i) => {
      if (toId === id) throw badRequest('invalid-input', `body.moves.${i}: a status does not move to itself`, [{ path: `body.moves.${i}`, message: 'the status itself' }]);
      if (!known.has(toId)) throw badRequest('customer-status-unknown', `body.moves.${i}: no such status at head office`, [{ path: `body.moves.${i}`, message: 'unknown status' }]);
    });
    await tx.chainCustomerStatus.upsert({ where: { id }, create: { id, ...d }, update: d });
    await tx.chainStatusMove.deleteMany({ where: { fromId: id } });
    await tx.chainStatusMove.createMany({ data: [...new Set(moves)].map((toId) => ({ fromId: id, toId })) });
    return [];
  },
  customer: async (tx, id, { cards, customFields, ...d }) => {
    const fields = { ...d, searchName: d.name.toLowerCase() };
    await stampConsentClocks(tx, id, d);
    await tx.customer.upsert({ where: { id }, create: { id, ...fields }, update: fields });
    await writeChainFieldValues(tx, id, customFields);
    const previous = await tx.customerCard.findMany({ where: { code: { in: cards }, customerId: { not: id } } });
    await tx.customerCard.deleteMany({ where: { customerId: id, code: { notIn: cards } } });
    for (const code of cards) await tx.customerCard.upsert({ where: { code }, create: { code, customerId: id }, update: { customerId: id } });
    return previous.map((c) => ['customer', c.customerId] as const);
  },
};
