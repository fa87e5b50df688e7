import type Database from 'better-sqlite3';
import { categoryPath, ownPriceOutsideBound, ownPriceRuleOf, type OwnPricePermissionRow, type OwnPriceSetting } from '../../shared/pricing/own-price.ts';
import type { OwnPriceRule } from '../../shared/schemas/own-prices.ts';
import { newId } from '../../shared/ids.ts';
import { statement } from '../db/statements.ts';

// In a chain, which products this outlet may price itself, worked out here from head office's
// permissions as the pull brought them and the outlet's own category tree: a product's own
// permission decides for it (and its variants); else a category's permission covers the categories
// below it, whenever they were made and whenever a product moved into them.

function permissions(sql: Database.Database): OwnPricePermissionRow[] {
  return (statement(sql, `SELECT "categoryId", "allowed", "bound", "percentBp" FROM "OwnPricePermission"`).all() as (Omit<OwnPricePermissionRow, 'allowed'> & { allowed: number })[])
    .map((p) => ({ ...p, allowed: p.allowed === 1 }));
}

/** Head office's permissions of single products, by product (a variant's is its product's). */
function productPermissions(sql: Database.Database): Map<string, OwnPriceSetting> {
  const rows = statement(sql, `SELECT "productId", "allowed", "bound", "percentBp" FROM "OwnPriceProductPermission"`).all() as { productId: string; allowed: number; bound: string; percentBp: number | null }[];
  return new Map(rows.map(({ productId, allowed, ...p }) => [productId, { ...p, allowed: allowed === 1 }]));
}

/** The category whose permission counts for product p: a variant's is its product's (f), as at head office. */
const PERMISSION_CATEGORY = `CASE WHEN p."parentId" IS NULL THEN p."categoryId" ELSE f."categoryId" END`;

const parentOf = (sql: Database.Database) => (id: string) => (statement(sql, `SELECT "parentId" FROM "Category" WHERE "id" = ?`).get(id) as { parentId: string | null } | undefined)?.parentId;

/** A product as its own-price rule is decided: by its own permission (a variant: its product's, `permissionProductId`), else its category's. */
export type RuledProduct = { permissionProductId: string; categoryId: string | null; chainPrice: number };

/**
 * Works out products' rules from the permissions read once (for a pull's page: `forget` after the
 * page changes a permission, `categoryChanged` after it writes a category, so nothing read is stale).
 */
export function ownPriceRuleReader(sql: Database.Database) {
  let read: { categories: OwnPricePermissionRow[]; products: Map<string, OwnPriceSetting> } | undefined;
  const parents = new Map<string, string | null | undefined>();
  const lookUp = parentOf(sql);
  const parent = (id: string) => {
    if (!parents.has(id)) parents.set(id, lookUp(id));
    return parents.get(id);
  };
  return {
    ruleFor(product: RuledProduct): OwnPriceRule | null {
      read ??= { categories: permissions(sql), products: productPermissions(sql) };
      const own = read.products.get(product.permissionProductId);
      if (!own && !read.categories.length) return null;
      return ownPriceRuleOf(read.categories, () => categoryPath(product.categoryId, parent), product.chainPrice, own);
    },
    forget() {
      read = undefined;
    },
    categoryChanged(id: string) {
      parents.delete(id);
    },
  };
}

/** The rules of some products (a product absent: head office sets its price). */
export function ownPriceRulesOf(sql: Database.Database, productIds: string[]): Map<string, OwnPriceRule> {
  const rules = new Map<string, OwnPriceRule>();
  if (!productIds.length) return rules;
  const reader = ownPriceRuleReader(sql);
  const products = statement(sql, `SELECT p."id", coalesce(p."parentId", p."id") AS "permissionProductId", ${PERMISSION_CATEGORY} AS "categoryId", coalesce(c."price", p."price") AS "chainPrice" FROM "Product" p LEFT JOIN "ChainPrice" c ON c."productId" = p."id" LEFT JOIN "Product" f ON f."id" = p."parentId" WHERE p."id" IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(productIds)) as ({ id: string } & RuledProduct)[];
  for (const p of products) {
    const rule = reader.ruleFor(p);
    if (rule) rules.set(p.id, rule);
  }
  return rules;
}

/**
 * After a permission change: the outlet's own prices it no longer allows (withdrawn, or outside a
 * narrower bound) go, as head office drops them too. One in force gives way to the chain's price;
 * scheduled ones are dropped (head office would refuse them when they take effect).
 */
export function dropDisallowedOwnPrices(sql: Database.Database, now: string): void {
  const priced = statement(sql, `SELECT p."id", ${PERMISSION_CATEGORY} AS "categoryId", p."price", p."cost", t."rateBp", c."price" AS "chainPrice" FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId" LEFT JOIN "ChainPrice" c ON c."productId" = p."id"
    LEFT JOIN "Product" f ON f."id" = p."parentId" WHERE p."id" IN (SELECT DISTINCT "productId" FROM "PriceChange" WHERE "ownPrice" = 1)`).all() as { id: string; categoryId: string | null; price: number; cost: number; rateBp: number; chainPrice: number | null }[];
  const rules = ownPriceRulesOf(sql, priced.map((p) => p.id));
  for (const p of priced) {
    const rule = rules.get(p.id) ?? null;
    const allows = (price: number) => rule !== null && ownPriceOutsideBound(rule, price, { cost: p.cost, taxRateBp: p.rateBp }) === null;
    const pending = statement(sql, `SELECT "id", "price" FROM "PriceChange" WHERE "productId" = ? AND "appliedAt" IS NULL AND "ownPrice" = 1`).all(p.id) as { id: string; price: number }[];
    for (const c of pending.filter((c) => !allows(c.price))) statement(sql, `DELETE FROM "PriceChange" WHERE "id" = ?`).run(c.id);
    const latest = statement(sql, `SELECT "ownPrice" FROM "PriceChange" WHERE "productId" = ? AND "appliedAt" IS NOT NULL ORDER BY "effectiveAt" DESC, "createdAt" DESC LIMIT 1`).get(p.id) as { ownPrice: number } | undefined;
    if (latest?.ownPrice === 1 && !allows(p.price) && p.chainPrice !== null) {
      statement(sql, `INSERT INTO "PriceChange" ("id","productId","price","previousPrice","effectiveAt","appliedAt","createdById","createdAt") VALUES (?,?,?,?,?,?,NULL,?)`).run(newId(), p.id, p.chainPrice, p.price, now, now, now);
      statement(sql, `UPDATE "Product" SET "price" = ?, "updatedAt" = ? WHERE "id" = ?`).run(p.chainPrice, now, p.id);
    }
    statement(sql, `UPDATE "Product" SET "nextPriceAt" = (SELECT min("effectiveAt") FROM "PriceChange" WHERE "productId" = @id AND "appliedAt" IS NULL) WHERE "id" = @id`).run({ id: p.id });
  }
}
