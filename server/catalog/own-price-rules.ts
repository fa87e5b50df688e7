import type Database from 'better-sqlite3';
import { categoryPath, ownPriceOutsideBound, ownPriceRuleOf, type OwnPricePermissionRow } from '../../shared/pricing/own-price.ts';
import type { OwnPriceRule } from '../../shared/schemas/own-prices.ts';
import { newId } from '../../shared/ids.ts';
import { statement } from '../db/statements.ts';

// In a chain, which products this outlet may price itself, worked out here from head office's
// permissions as the pull brought them and the outlet's own category tree: a category's permission
// covers the categories below it, whenever they were made and whenever a product moved into them.

function permissions(sql: Database.Database): OwnPricePermissionRow[] {
  return (statement(sql, `SELECT "categoryId", "allowed", "bound", "percentBp" FROM "OwnPricePermission"`).all() as (Omit<OwnPricePermissionRow, 'allowed'> & { allowed: number })[])
    .map((p) => ({ ...p, allowed: p.allowed === 1 }));
}

/** The category whose permission counts for product p: a variant's is its product's (f), as at head office. */
const PERMISSION_CATEGORY = `CASE WHEN p."parentId" IS NULL THEN p."categoryId" ELSE f."categoryId" END`;

const parentOf = (sql: Database.Database) => (id: string) => (statement(sql, `SELECT "parentId" FROM "Category" WHERE "id" = ?`).get(id) as { parentId: string | null } | undefined)?.parentId;

/** The rule of one product, from its category and the chain's price (a product head office prices itself: null). */
export function ownPriceRuleFor(sql: Database.Database, product: { categoryId: string | null; chainPrice: number }): OwnPriceRule | null {
  const all = permissions(sql);
  return all.length ? ownPriceRuleOf(all, categoryPath(product.categoryId, parentOf(sql)), product.chainPrice) : null;
}

/** The rules of some products (a product absent: head office sets its price). */
export function ownPriceRulesOf(sql: Database.Database, productIds: string[]): Map<string, OwnPriceRule> {
  const rules = new Map<string, OwnPriceRule>();
  const all = permissions(sql);
  if (!all.length || !productIds.length) return rules;
  const products = statement(sql, `SELECT p."id", ${PERMISSION_CATEGORY} AS "categoryId", coalesce(c."price", p."price") AS "chainPrice" FROM "Product" p LEFT JOIN "ChainPrice" c ON c."productId" = p."id" LEFT JOIN "Product" f ON f."id" = p."parentId" WHERE p."id" IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(productIds)) as { id: string; categoryId: string | null; chainPrice: number }[];
  const paths = new Map<string | null, string[]>();
  for (const p of products) {
    if (!paths.has(p.categoryId)) paths.set(p.categoryId, categoryPath(p.categoryId, parentOf(sql)));
    const rule = ownPriceRuleOf(all, paths.get(p.categoryId)!, p.chainPrice);
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
