import type { Unit } from '../../shared/schemas/common.ts';
import type { z } from 'zod';
import type { ChainFigures, ChainSales, ChainSalesQuerySchema } from '../../shared/schemas/headoffice.ts';
import { taxTable } from '../reports/figures.ts';
import type { HeadOfficeDb } from './db.ts';

type Sums = Omit<ChainFigures, 'grossProfit' | 'marginBp' | 'revenue' | 'deposits'> & { depositsTaken: number; depositsRefunded: number; depositsUsed: number };

const bp = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/** Revenue net of VAT, gross profit and margin on it, from summed goods and deposits. */
function figures(s: Sums): ChainFigures {
  const revenue = s.sales - s.tax;
  return {
    receipts: s.receipts, returns: s.returns, sales: s.sales, tax: s.tax, revenue, cost: s.cost, grossProfit: revenue - s.cost, marginBp: bp(revenue - s.cost, revenue), discount: s.discount,
    deposits: { taken: s.depositsTaken, refunded: s.depositsRefunded, used: s.depositsUsed },
  };
}

const ZERO: Sums = { receipts: 0, returns: 0, sales: 0, tax: 0, cost: 0, discount: 0, depositsTaken: 0, depositsRefunded: 0, depositsUsed: 0 };
const add = (a: Sums, b: Sums): Sums => Object.fromEntries(Object.keys(ZERO).map((k) => [k, a[k as keyof Sums] + b[k as keyof Sums]])) as Sums;


/**
 * The chain's sales per outlet and day, from the figures the ingest keeps. Every day is the
 * outlet's own local day (its time zone is named with it), so a period is each outlet's own days
 * and the chain is their sum; revenue is net of VAT.
 */
export async function chainSales(db: HeadOfficeDb, { from, to }: z.output<typeof ChainSalesQuerySchema>): Promise<ChainSales> {
  const { rows: days } = await db.pool.query<Sums & { outletId: string; day: string }>(
    `SELECT d."outletId", d."day", d."receipts", d."returns", d."total"::float8 AS "sales", d."taxTotal"::float8 AS "tax", d."discountTotal"::float8 AS "discount",
       d."cost"::float8 AS "cost", d."depositsTaken"::float8 AS "depositsTaken", d."depositsRefunded"::float8 AS "depositsRefunded", d."depositsUsed"::float8 AS "depositsUsed"
     FROM "ChainSalesDay" d WHERE d."day" BETWEEN $1 AND $2`,
    [from, to],
  );
  const { rows: rates } = await db.pool.query<{ outletId: string; day: string; rateBp: number; sales: number; tax: number }>(
    `SELECT "outletId", "day", "rateBp", "sales"::float8 AS "sales", "tax"::float8 AS "tax" FROM "ChainTaxDay" WHERE "day" BETWEEN $1 AND $2`,
    [from, to],
  );
  const { rows: outlets } = await db.pool.query<{ id: string; code: string; name: string; timezone: string }>(`SELECT "id", "code", "name", "timezone" FROM "Outlet" ORDER BY "code"`);
  const byId = new Map(outlets.map((o) => [o.id, o]));
  const rows = days
    .filter((d) => byId.has(d.outletId))
    .map((d) => {
      const o = byId.get(d.outletId)!;
      return { outletCode: o.code, timeZone: o.timezone, day: d.day, ...figures(d), taxes: taxTable(rates.filter((r) => r.outletId === d.outletId && r.day === d.day)) };
    })
    .sort((a, b) => a.day.localeCompare(b.day) || a.outletCode.localeCompare(b.outletCode));
  const perOutlet = outlets
    .map((o) => {
      const own = days.filter((d) => d.outletId === o.id);
      return { outletCode: o.code, name: o.name, timeZone: o.timezone, ...figures(own.reduce(add, ZERO)), taxes: taxTable(rates.filter((r) => r.outletId === o.id)) };
    })
    .filter((o) => o.receipts || o.returns || o.sales || o.deposits.taken);
  return { basis: 'net', rows, outlets: perOutlet, chain: { ...figures(days.reduce(add, ZERO)), taxes: taxTable(rates) } };
}

/** Stock on hand of the products matching `q` (SKU, barcode or part of the name) at every outlet. */
export async function chainStock(db: HeadOfficeDb, q: string) {
  const text = q.trim();
  const { rows: products } = await db.pool.query<{ id: string; sku: string; name: string; unit: Unit }>(
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

/** The quantity of a document's lines in `payload`, only where they are all of one known unit (else null). */
const linesQuantity = (payload: string) =>
  `(SELECT CASE WHEN count(DISTINCT p."unit") = 1 AND count(p."id") = count(*) THEN sum((l->>'quantityMilli')::float8) END
    FROM jsonb_array_elements(${payload}->'lines') l LEFT JOIN "Product" p ON p."id" = l->>'productId')`;

/**
 * Transfers between outlets sent in the period: what left the sender, and what the receiver posted
 * when it took them in (its receipt names the transfer), or still in transit; quantities only
 * where a transfer's goods are all of one unit.
 */
export async function chainTransfers(db: HeadOfficeDb, { from, to }: z.output<typeof ChainSalesQuerySchema>) {
  const { rows } = await db.pool.query(
    `SELECT t."documentId" AS "id", t."payload"->>'number' AS "number", o."code" AS "fromCode", t."payload"->>'counterpart' AS "toCode",
       t."createdAt" AT TIME ZONE 'UTC' AS "sentAt", coalesce((t."payload"->>'totalCost')::float8, 0) AS "cost",
       ${linesQuantity('t."payload"')} AS "sentMilli",
       (SELECT CASE WHEN count(DISTINCT p."unit") = 1 AND count(p."id") = count(*) THEN min(p."unit") END
        FROM jsonb_array_elements(t."payload"->'lines') l LEFT JOIN "Product" p ON p."id" = l->>'productId') AS "unit",
       r."createdAt" AT TIME ZONE 'UTC' AS "receivedAt",
       CASE WHEN r."documentId" IS NOT NULL THEN ${linesQuantity('r."payload"')} END AS "receivedMilli"
     FROM "SyncedDocument" t
     JOIN "Outlet" o ON o."id" = t."outletId"
     LEFT JOIN "Outlet" dest ON dest."code" = t."payload"->>'counterpart'
     LEFT JOIN "SyncedDocument" r ON r."outletId" = dest."id" AND r."type" = 'stock-transfer-in' AND r."payload"->>'transferId' = t."documentId"
     WHERE t."type" = 'stock-transfer-out'
       AND ((t."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE o."timezone")::date BETWEEN $1::date AND $2::date
     ORDER BY t."createdAt" DESC LIMIT 500`,
    [from, to],
  );
  return rows.map((r) => ({ ...r, sentAt: r.sentAt.toISOString(), receivedAt: r.receivedAt?.toISOString() ?? null }));
}
