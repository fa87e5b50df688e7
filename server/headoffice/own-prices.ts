import type pg from 'pg';
import type { Prisma } from '../../prisma/generated/headoffice/client.ts';
import type { OwnPriceBound, OwnPricePermission, OwnPricePermissionInput, OwnPriceProductPermission, OwnPriceProductPermissionInput, OwnPriceRule } from '../../shared/schemas/own-prices.ts';
import { categoryPath, ownPriceOutsideBound, ownPriceRuleOf, type OwnPricePermissionRow, type OwnPriceSetting } from '../../shared/pricing/own-price.ts';
import { AppError, notFound, type FieldIssue } from '../http/errors.ts';
import type { VerifiedDocument } from './verify.ts';
import type { HeadOfficeDb } from './db.ts';
import { withMasterChange } from './master-data.ts';

type Tx = Prisma.TransactionClient;
/** A product as its own price is decided: by its own permission (a variant: its product's, `permissionProductId`), else by its category's. */
type Priced = { permissionProductId: string; categoryId: string | null; price: number };
/** A product as stored: a variant's permission is its product's, and so is its category's. */
type PricedProduct = { id: string; parentId: string | null; categoryId: string | null; price: number };
/** Whether an outlet may set its own price of a product, as head office's permissions and category tree stand now. */
type RuleFor = (product: Priced) => OwnPriceRule | null;

/** Head office's categories as a tree: each one's parent. */
async function categoryParents(query: (sql: string) => Promise<{ id: string; parentId: string | null }[]>): Promise<Map<string, string | null>> {
  return new Map((await query(`SELECT "id", "parentId" FROM "Category"`)).map((c) => [c.id, c.parentId]));
}
const viaPrisma = (tx: Tx) => (sql: string) => tx.$queryRawUnsafe<{ id: string; parentId: string | null }[]>(sql);

/** Products' own permissions by product; one taken away (allowed null) says nothing: its category's counts. */
function settingsByProduct(rows: (Omit<OwnPriceSetting, 'allowed'> & { productId: string; allowed: boolean | null })[]): Map<string, OwnPriceSetting> {
  return new Map(rows.flatMap(({ productId, allowed, bound, percentBp }) => (allowed === null ? [] : [[productId, { allowed, bound, percentBp }]])));
}

function rulesUnder(permissions: OwnPricePermissionRow[], products: Map<string, OwnPriceSetting>, parents: Map<string, string | null>): RuleFor {
  return (product) => ownPriceRuleOf(permissions, () => categoryPath(product.categoryId, (id) => parents.get(id)), product.price, products.get(product.permissionProductId));
}

/** The outlet's own-price rules of some products, for the pull (a product the outlet may not price is absent). */
export async function ownPriceRules(tx: Tx, outletId: string, products: PricedProduct[]): Promise<Map<string, OwnPriceRule>> {
  const rules = new Map<string, OwnPriceRule>();
  const permissionProductId = (p: PricedProduct) => p.parentId ?? p.id;
  const [permissions, productPermissions] = await Promise.all([
    tx.ownPricePermission.findMany({ where: { outletId } }),
    tx.ownPriceProductPermission.findMany({ where: { outletId, productId: { in: [...new Set(products.map(permissionProductId))] }, allowed: { not: null } } }),
  ]);
  if (!permissions.length && !productPermissions.length) return rules;
  const ruleFor = rulesUnder(permissions, settingsByProduct(productPermissions), await categoryParents(viaPrisma(tx)));
  const families = new Map((await tx.product.findMany({ where: { id: { in: products.flatMap((p) => (p.parentId ? [p.parentId] : [])) } }, select: { id: true, categoryId: true } })).map((f) => [f.id, f.categoryId]));
  for (const p of products) {
    const rule = ruleFor({ permissionProductId: permissionProductId(p), price: p.price, categoryId: p.parentId ? families.get(p.parentId) ?? null : p.categoryId });
    if (rule) rules.set(p.id, rule);
  }
  return rules;
}

/**
 * Refuses head office's own write of a per-outlet price the outlet sets itself: the outlet keeps
 * its own price while it may (head office revokes the permission first, which reverts it).
 */
export async function refuseWhereOutletSetsPrice(tx: Tx, outletId: string, productId: string): Promise<void> {
  const product = await tx.product.findUnique({ where: { id: productId }, select: { categoryId: true, parentId: true, price: true } });
  if (product && (await ownPriceRules(tx, outletId, [{ id: productId, ...product }])).size) {
    throw new AppError(409, 'outlet-sets-own-price', 'This outlet sets its own price of this product: withdraw its permission first', [{ path: 'price', message: 'the outlet sets it' }], { productId });
  }
}

/** The pulled change of one of an outlet's permissions: `outletId:categoryId` ('' for all its products), or `outletId:productId` of a product's. */
export const permissionChangeId = (outletId: string, categoryId: string) => `${outletId}:${categoryId}`;

/**
 * An outlet that says its pulls accept own-price permissions is recorded as one (at its first such
 * pull), with its permissions logged for it to pull: it works out their products itself from then on.
 */
export async function notePullsPermissions(db: HeadOfficeDb, outletId: string): Promise<void> {
  if (await db.prisma.outletPullsPermissions.findUnique({ where: { outletId } })) return;
  await withMasterChange(db, async (tx) => {
    if (await tx.outletPullsPermissions.findUnique({ where: { outletId } })) return;
    await tx.outletPullsPermissions.create({ data: { outletId } });
    const permissions = await tx.ownPricePermission.findMany({ where: { outletId }, orderBy: { categoryId: 'asc' } });
    await tx.masterChange.createMany({ data: permissions.map((p) => ({ entity: 'own-price-permission', entityId: permissionChangeId(outletId, p.categoryId) })) });
    const products = await tx.ownPriceProductPermission.findMany({ where: { outletId, allowed: { not: null } }, orderBy: { productId: 'asc' } });
    await tx.masterChange.createMany({ data: products.map((p) => ({ entity: 'own-price-product-permission', entityId: permissionChangeId(outletId, p.productId) })) });
  });
}

/**
 * Head office's setting of which outlets may set their own sale prices. A change is one change to
 * pull for an outlet that works out its products itself; for an older outlet it logs every product
 * it covers (the rule travels with the product in its pull). It drops the outlet's own prices it no
 * longer allows (revoked, or outside the new bound), and logs those products: the outlet's next
 * pull brings the chain's price back.
 */
export class OwnPricePermissions {
  constructor(private readonly db: HeadOfficeDb) {}

  async list(outletId: string): Promise<OwnPricePermission[]> {
    const rows = await this.db.prisma.ownPricePermission.findMany({ where: { outletId }, orderBy: { categoryId: 'asc' } });
    const names = new Map((await this.db.prisma.category.findMany({ where: { id: { in: rows.map((r) => r.categoryId) } }, select: { id: true, name: true } })).map((c) => [c.id, c.name]));
    return rows.map((r) => ({ categoryId: r.categoryId || null, categoryName: names.get(r.categoryId) ?? null, allowed: r.allowed, bound: r.bound as OwnPriceBound, percentBp: r.percentBp }));
  }

  async set(outletId: string, input: OwnPricePermissionInput): Promise<void> {
    await this.#change(outletId, input.categoryId, async (tx, categoryId) => {
      const data = { allowed: input.allowed, bound: input.bound, percentBp: input.percentBp, updatedAt: new Date() };
      await tx.ownPricePermission.upsert({ where: { outletId_categoryId: { outletId, categoryId } }, create: { outletId, categoryId, ...data }, update: data });
    });
  }

  /** The outlet's permissions of single products (each deciding for its product whatever its category's says). */
  async listProducts(outletId: string): Promise<OwnPriceProductPermission[]> {
    const rows = await this.db.prisma.ownPriceProductPermission.findMany({ where: { outletId, allowed: { not: null } }, orderBy: { productId: 'asc' } });
    const products = new Map((await this.db.prisma.product.findMany({ where: { id: { in: rows.map((r) => r.productId) } }, select: { id: true, name: true, sku: true } })).map((p) => [p.id, p]));
    return rows.map((r) => ({ productId: r.productId, productName: products.get(r.productId)?.name ?? '', sku: products.get(r.productId)?.sku ?? '', allowed: r.allowed!, bound: r.bound as OwnPriceBound, percentBp: r.percentBp }));
  }

  /** Grants (allowed) or withdraws the outlet's own price of one product and its variants, whatever its category's permission says. */
  async setProduct(outletId: string, productId: string, input: OwnPriceProductPermissionInput): Promise<void> {
    await this.#productChange(outletId, productId, async (tx) => {
      const data = { allowed: input.allowed, bound: input.bound, percentBp: input.percentBp, updatedAt: new Date() };
      await tx.ownPriceProductPermission.upsert({ where: { outletId_productId: { outletId, productId } }, create: { outletId, productId, ...data }, update: data });
    });
  }

  /** Takes a product's own permission away: the product follows its category's permission again. */
  async removeProduct(outletId: string, productId: string): Promise<void> {
    await this.#productChange(outletId, productId, async (tx) => {
      // Kept with allowed null: the pull sends that, and the moment counts as a change of the setting (checkOutletPrices).
      await tx.ownPriceProductPermission.updateMany({ where: { outletId, productId }, data: { allowed: null, bound: 'none', percentBp: null, updatedAt: new Date() } });
    });
  }

  async #productChange(outletId: string, productId: string, write: (tx: Tx) => Promise<void>): Promise<void> {
    await withMasterChange(this.db, async (tx) => {
      const product = await tx.product.findUnique({ where: { id: productId }, select: { parentId: true } });
      if (!product) throw notFound('product-not-found', 'No such product at head office', [{ path: 'productId', message: 'unknown product' }]);
      if (product.parentId) {
        throw new AppError(409, 'edit-the-product', "A variant's own price follows its product's permission: set it for the product", [{ path: 'productId', message: 'a variant' }], { parentId: product.parentId });
      }
      await write(tx);
      await this.#dropDisallowed(tx, outletId);
      if (await tx.outletPullsPermissions.findUnique({ where: { outletId } })) {
        await tx.masterChange.create({ data: { entity: 'own-price-product-permission', entityId: permissionChangeId(outletId, productId) } });
      } else {
        await tx.$executeRaw`INSERT INTO "MasterChange" ("entity", "entityId") SELECT 'product', "id" FROM "Product" WHERE "id" = ${productId} OR "parentId" = ${productId} ORDER BY "id"`;
      }
    });
  }

  async #change(outletId: string, categoryId: string | null, write: (tx: Tx, categoryId: string) => Promise<void>): Promise<void> {
    await withMasterChange(this.db, async (tx) => {
      if (categoryId && !(await tx.category.findUnique({ where: { id: categoryId }, select: { id: true } }))) {
        throw notFound('category-not-found', 'No such category at head office', [{ path: 'categoryId', message: 'unknown category' }]);
      }
      await write(tx, categoryId ?? '');
      await this.#dropDisallowed(tx, outletId);
      if (await tx.outletPullsPermissions.findUnique({ where: { outletId } })) {
        await tx.masterChange.create({ data: { entity: 'own-price-permission', entityId: permissionChangeId(outletId, categoryId ?? '') } });
      } else if (categoryId) {
        await tx.$executeRaw`WITH RECURSIVE "Below" ("id") AS (SELECT ${categoryId}::text UNION SELECT c."id" FROM "Category" c JOIN "Below" b ON c."parentId" = b."id")
          INSERT INTO "MasterChange" ("entity", "entityId") SELECT 'product', p."id" FROM "Product" p LEFT JOIN "Product" f ON f."id" = p."parentId"
          WHERE p."categoryId" IN (SELECT "id" FROM "Below") OR f."categoryId" IN (SELECT "id" FROM "Below") ORDER BY p."id"`;
      }
      else await tx.$executeRaw`INSERT INTO "MasterChange" ("entity", "entityId") SELECT 'product', "id" FROM "Product" ORDER BY "id"`;
    });
  }

  /** The outlet's own prices the setting no longer allows, dropped. */
  async #dropDisallowed(tx: Tx, outletId: string): Promise<void> {
    const own = await tx.outletPrice.findMany({ where: { outletId, setByOutlet: true } });
    const products = await tx.product.findMany({ where: { id: { in: own.map((o) => o.productId) } }, select: { id: true, categoryId: true, parentId: true, price: true, cost: true, taxRate: { select: { rateBp: true } } } });
    const rules = await ownPriceRules(tx, outletId, products);
    const dropped = own.filter((o) => {
      const product = products.find((p) => p.id === o.productId);
      const rule = product ? rules.get(product.id) : undefined;
      return !rule || ownPriceOutsideBound(rule, o.price, { cost: product!.cost, taxRateBp: product!.taxRate.rateBp }) !== null;
    });
    await tx.outletPrice.deleteMany({ where: { outletId, productId: { in: dropped.map((o) => o.productId) } } });
    // The outlet gets the chain's price of these again, with the chain's scheduled prices.
    await tx.masterChange.createMany({ data: dropped.map((o) => ({ entity: 'product', entityId: o.productId })) });
  }
}

/**
 * The outlet-price documents of a batch, checked against head office's own setting before anything
 * is stored: a product head office does not have, one the outlet may not price, or a price outside
 * the bound refuses the batch, naming the document's field. A price set before head office last
 * changed the outlet's setting (the outlet had not pulled it yet) is held but not taken: the pull
 * brings the chain's price back there. Returns the documents whose price head office takes.
 */
export async function checkOutletPrices(client: pg.PoolClient, outletId: string, fresh: VerifiedDocument[]): Promise<Set<string>> {
  const docs = fresh.flatMap((f) => ('outletPrice' in f.read ? [{ position: f.position, price: f.read.outletPrice }] : []));
  const taken = new Set<string>();
  if (!docs.length) return taken;
  const { rows: permissions } = await client.query<OwnPricePermissionRow & { updatedAt: Date }>(`SELECT "categoryId", "allowed", "bound", "percentBp", "updatedAt" FROM "OwnPricePermission" WHERE "outletId" = $1`, [outletId]);
  const { rows: products } = await client.query<{ id: string; kind: string; permissionProductId: string; categoryId: string | null; price: number; cost: number; rateBp: number }>(
    // A variant is priced under its product's permission: the product's own, else its product's category's.
    `SELECT p."id", p."kind", coalesce(p."parentId", p."id") AS "permissionProductId", CASE WHEN p."parentId" IS NULL THEN p."categoryId" ELSE f."categoryId" END AS "categoryId", p."price", p."cost", t."rateBp"
     FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId" LEFT JOIN "Product" f ON f."id" = p."parentId" WHERE p."id" = ANY($1::text[])`,
    [docs.map((d) => d.price.productId)],
  );
  const { rows: productPermissions } = await client.query<Omit<OwnPriceSetting, 'allowed'> & { allowed: boolean | null; productId: string; updatedAt: Date }>(
    `SELECT "productId", "allowed", "bound", "percentBp", "updatedAt" FROM "OwnPriceProductPermission" WHERE "outletId" = $1 AND "productId" = ANY($2::text[])`,
    [outletId, products.map((p) => p.permissionProductId)],
  );
  const settingChangedAt = Math.max(0, ...[...permissions, ...productPermissions].map((p) => p.updatedAt.getTime()));
  const ruleFor = rulesUnder(permissions, settingsByProduct(productPermissions), await categoryParents(async (sql) => (await client.query<{ id: string; parentId: string | null }>(sql)).rows));
  for (const { position, price } of docs) {
    const at = `documents.${position}.payload`;
    const issue = (field: string, message: string) => ({ message: `${at}.${field}: ${message}`, fields: [{ path: `${at}.${field}`, message }] satisfies FieldIssue[] });
    const product = products.find((p) => p.id === price.productId);
    if (!product || product.kind === 'family') {
      const { message, fields } = issue('productId', 'no product head office sells by this id');
      throw new AppError(422, 'product-not-found', message, fields);
    }
    const rule = ruleFor(product);
    const outside = rule ? ownPriceOutsideBound(rule, price.price, { cost: product.cost, taxRateBp: product.rateBp }) : null;
    if (rule && !outside) taken.add(price.id);
    else if (Date.parse(price.effectiveAt) < settingChangedAt) continue;
    else if (!rule) {
      const { message, fields } = issue('price', 'head office does not let this outlet set its own price of this product');
      throw new AppError(403, 'own-price-not-allowed', message, fields);
    } else {
      const { message, fields } = issue('price', outside!);
      throw new AppError(422, 'own-price-outside-bound', message, fields);
    }
  }
  return taken;
}

/** Records the stored outlet-price documents head office takes, in the outlet's order, as that outlet's own prices. */
export async function storeOutletPrices(client: pg.PoolClient, outletId: string, stored: VerifiedDocument[], taken: Set<string>): Promise<void> {
  for (const f of stored) {
    if (!('outletPrice' in f.read) || !taken.has(f.read.outletPrice.id)) continue;
    const { productId, price } = f.read.outletPrice;
    await client.query(
      `INSERT INTO "OutletPrice" ("outletId", "productId", "price", "setByOutlet") VALUES ($1, $2, $3, true)
       ON CONFLICT ("outletId", "productId") DO UPDATE SET "price" = excluded."price", "setByOutlet" = true`,
      [outletId, productId, price],
    );
  }
}
