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
