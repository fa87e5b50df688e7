import type pg from 'pg';
import type { FunnelDefinition } from '../../shared/schemas/funnel.ts';
import type { ChainFunnelQuery, ChainFunnelReport } from '../../shared/schemas/headoffice.ts';
import { addDays, startOfLocalDay } from '../../shared/time.ts';
import { funnelFigures, type CustomerSales, type Move } from '../crm/funnel/figures.ts';
import { funnelOf, moveError, MoveRules } from '../crm/funnel/rules.ts';
import { AppError } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import type { VerifiedDocument } from './verify.ts';

/** The chain's funnel as head office keeps it (master data customer-status). */
export async function chainFunnel(client: pg.Pool | pg.PoolClient): Promise<FunnelDefinition> {
  const { rows: statuses } = await client.query<FunnelDefinition['statuses'][number]>(`SELECT "id", "name", "customerType", "initial" FROM "ChainCustomerStatus" ORDER BY "position", "name"`);
  const { rows: moves } = await client.query<FunnelDefinition['moves'][number]>(`SELECT "fromId", "toId" FROM "ChainStatusMove"`);
  return funnelOf(statuses, moves);
}

/**
 * Keeps the newly stored moves through the funnel, each checked against the chain's funnel (a
 * customer without a status starts at an initial one; otherwise only a move head office allows)
 * and of a customer head office knows (a new one arrives with its creation, earlier in the outbox).
 * One that fails refuses the batch, naming its field; the caller's transaction then keeps nothing.
 */
export async function storeStatusMoves(client: pg.PoolClient, outletId: string, stored: VerifiedDocument[]): Promise<void> {
  const moves = stored.flatMap((f) => ('move' in f.read ? [{ move: f.read.move, position: f.position }] : []));
  if (!moves.length) return;
  const rules = new MoveRules(await chainFunnel(client));
  const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "Customer" WHERE "id" = ANY($1::text[])`, [moves.map((m) => m.move.customerId)]);
  const known = new Set(rows.map((r) => r.id));
  for (const { move, position } of moves) {
    const where = `documents.${position}.payload`;
    if (!known.has(move.customerId)) throw new AppError(422, 'customer-not-found', `${where}.customerId: head office knows no such customer`, [{ path: `${where}.customerId`, message: 'unknown customer' }]);
    const refusal = rules.refusal(move.fromId, move.toId);
    if (refusal) throw moveError(refusal, `${where}.toId`);
  }
  await client.query(
    `INSERT INTO "ChainStatusChange" ("id", "outletId", "customerId", "fromId", "toId", "userId", "managerId", "at")
     SELECT m."id", $1, m."customerId", m."fromId", m."toId", m."userId", m."managerId", m."at" AT TIME ZONE 'UTC'
     FROM jsonb_to_recordset($2::jsonb) AS m("id" text, "customerId" text, "fromId" text, "toId" text, "userId" text, "managerId" text, "at" timestamptz)`,
    [outletId, JSON.stringify(moves.map((m) => m.move))],
  );
}

type Attributed = Move & { outletCode: string; managerId: string | null };

/**
 * The chain's funnel report, with the same figures as an outlet's, over the moves every outlet
 * pushed and the sales head office holds (revenue net of VAT), for days in the time zone asked;
 * and the same per outlet and per manager, a customer counted where their last move by the
 * period's end was made and under the manager they had then (docs/head-office.md: a later
 * reassignment does not rewrite a period's figures); customers without one under a null manager.
 */
export async function chainFunnelReport(db: HeadOfficeDb, query: ChainFunnelQuery): Promise<ChainFunnelReport> {
  const from = startOfLocalDay(query.timeZone, query.from);
  const to = startOfLocalDay(query.timeZone, addDays(query.to, 1));
  const definition = await chainFunnel(db.pool);
  const { rows: moveRows } = await db.pool.query<{ customerId: string; toId: string; at: Date; outletCode: string; managerId: string | null }>(
    `SELECT m."customerId", m."toId", m."at", o."code" AS "outletCode", m."managerId"
     FROM "ChainStatusChange" m JOIN "Outlet" o ON o."id" = m."outletId" JOIN "Customer" c ON c."id" = m."customerId"
     WHERE m."at" < $1 AND c."mergedIntoId" IS NULL ORDER BY m."customerId", m."at", m."id"`,
    [to],
  );
  const moves: Attributed[] = moveRows.map((m) => ({ ...m, at: m.at.getTime() }));
  const { rows: sales } = await db.pool.query<CustomerSales>(
    `SELECT d."payload"->>'customerId' AS "customerId",
       sum(CASE WHEN d."type" = 'sale' THEN 1 ELSE -1 END * (l->>'amount')::bigint)::float8 AS "sales",
       sum(CASE WHEN d."type" = 'sale' THEN 1 ELSE -1 END * (l->>'taxAmount')::bigint)::float8 AS "tax",
       sum(CASE WHEN d."type" = 'sale' THEN 1 ELSE -1 END * (l->>'costAmount')::bigint)::float8 AS "cost"
     FROM "SyncedDocument" d CROSS JOIN jsonb_array_elements(d."payload"->'lines') AS l LEFT JOIN "Product" p ON p."id" = l->>'productId'
     WHERE d."type" IN ('sale', 'return') AND d."createdAt" >= $1 AND d."createdAt" < $2 AND d."payload"->>'customerId' = ANY($3::text[])
       AND coalesce(l->>'kind', p."kind", 'goods') = 'goods'
     GROUP BY 1`,
    [from, to, [...new Set(moves.map((m) => m.customerId))]],
  );
  const period = { from: from.getTime(), to: to.getTime() };
  const figures = (of: Attributed[]) => funnelFigures(definition, of, sales, period, 'net');
  const last = new Map<string, Attributed>();
  for (const m of moves) last.set(m.customerId, m);
  const customersBy = <K extends string | null>(key: (m: Attributed) => K) => {
    const groups = new Map<K, Set<string>>();
    for (const m of last.values()) (groups.get(key(m)) ?? groups.set(key(m), new Set()).get(key(m))!).add(m.customerId);
    // Those without a manager last.
    return [...groups.entries()].sort(([a], [b]) => (a ?? '\uffff').localeCompare(b ?? '\uffff')).map(([k, customers]) => [k, figures(moves.filter((m) => customers.has(m.customerId)))] as const);
  };
  const managerIds = [...new Set([...last.values()].flatMap((m) => (m.managerId ? [m.managerId] : [])))];
  const { rows: users } = await db.pool.query<{ id: string; name: string }>(`SELECT "id", "name" FROM "User" WHERE "id" = ANY($1::text[])`, [managerIds]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    ...figures(moves),
    outlets: customersBy((m) => m.outletCode).map(([outletCode, f]) => ({ outletCode, ...f })),
    managers: customersBy((m) => m.managerId).map(([userId, f]) => ({ userId, name: userId ? (names.get(userId) ?? null) : null, ...f })),
  };
}
