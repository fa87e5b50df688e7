import type { z } from 'zod';
import type { ChainSalesQuerySchema } from '../../shared/schemas/headoffice.ts';
import type { HeadOfficeDb } from './db.ts';

/** The whole chain's sales per outlet and day, from the figures the ingest keeps. */
export async function chainSales(db: HeadOfficeDb, { from, to }: z.output<typeof ChainSalesQuerySchema>) {
  const { rows } = await db.pool.query(
    `SELECT o."code" AS "outletCode", d."day", d."receipts", d."returns", d."total"::float8 AS "total", d."taxTotal"::float8 AS "taxTotal",
       d."discountTotal"::float8 AS "discountTotal", d."cost"::float8 AS "cost"
     FROM "ChainSalesDay" d JOIN "Outlet" o ON o."id" = d."outletId"
     WHERE d."day" BETWEEN $1 AND $2 ORDER BY d."day", o."code"`,
    [from, to],
  );
  return {
    rows,
    total: rows.reduce((sum, r) => sum + r.total, 0),
    receipts: rows.reduce((sum, r) => sum + r.receipts, 0),
  };
}

/** Stock on hand of the products matching `q` (SKU, barcode or part of the name) at every outlet. */
export async function chainStock(db: HeadOfficeDb, q: string) {
  const text = q.trim();
  const { rows: products } = await db.pool.query<{ id: string; sku: string; name: string; unit: string }>(
    `SELECT p."id", p."sku", p."name", p."unit" FROM "Product" p
     WHERE p."kind" = 'goods' AND (p."sku" = $1 OR p."id" IN (SELECT "productId" FROM "Barcode" WHERE "code" = $1) OR p."searchName" LIKE '%' || lower($1) || '%')
     ORDER BY p."sku" LIMIT 20`,
    [text],
  );
  const { rows: outlets } = await db.pool.query<{ id: string; code: string }>(`SELECT "id", "code" FROM "Outlet" ORDER BY "code"`);
  const { rows: stock } = await db.pool.query<{ outletId: string; productId: string; quantityMilli: number }>(
    `SELECT "outletId", "productId", "quantityMilli"::float8 AS "quantityMilli" FROM "ChainStock" WHERE "productId" = ANY($1::text[])`,
    [products.map((p) => p.id)],
  );
  const codeOf = new Map(outlets.map((o) => [o.id, o.code]));
  return {
    outlets: outlets.map((o) => o.code),
    rows: products.map((p) => {
      const byOutlet: Record<string, number> = {};
      for (const s of stock) if (s.productId === p.id) byOutlet[codeOf.get(s.outletId) ?? s.outletId] = s.quantityMilli;
      return { ...p, byOutlet, totalMilli: Object.values(byOutlet).reduce((a, b) => a + b, 0) };
    }),
  };
}

/**
 * Transfers between outlets sent in the period: what left the sender, and what the receiver posted
 * when it took them in (its receipt names the transfer), or still in transit.
 */
export async function chainTransfers(db: HeadOfficeDb, { from, to }: z.output<typeof ChainSalesQuerySchema>) {
  const { rows } = await db.pool.query(
    `SELECT t."documentId" AS "id", t."payload"->>'number' AS "number", o."code" AS "fromCode", t."payload"->>'counterpart' AS "toCode",
       t."createdAt" AT TIME ZONE 'UTC' AS "sentAt", coalesce((t."payload"->>'totalCost')::float8, 0) AS "cost",
       (SELECT coalesce(sum((l->>'quantityMilli')::float8), 0) FROM jsonb_array_elements(t."payload"->'lines') l) AS "sentMilli",
       r."createdAt" AT TIME ZONE 'UTC' AS "receivedAt",
       (SELECT sum((l->>'quantityMilli')::float8) FROM jsonb_array_elements(r."payload"->'lines') l) AS "receivedMilli"
     FROM "SyncedDocument" t
     JOIN "Outlet" o ON o."id" = t."outletId"
     LEFT JOIN "Outlet" dest ON dest."code" = t."payload"->>'counterpart'
     LEFT JOIN "SyncedDocument" r ON r."outletId" = dest."id" AND r."type" = 'stock-transfer-in' AND r."payload"->>'transferId' = t."documentId"
     WHERE t."type" = 'stock-transfer-out' AND t."createdAt" >= $1::date AND t."createdAt" < $2::date + 1
     ORDER BY t."createdAt" DESC LIMIT 500`,
    [from, to],
  );
  return rows.map((r) => ({ ...r, sentAt: r.sentAt.toISOString(), receivedAt: r.receivedAt?.toISOString() ?? null }));
}
