import type pg from 'pg';
import type { ReadDocument } from '../../shared/document-checks.ts';
import type { PushBatch, SyncDocument, SyncedSale } from '../../shared/schemas/sync.ts';
import { localTimeIn } from '../../shared/time.ts';
import { AppError, badRequest } from '../http/errors.ts';
import type { HeadOfficeDb } from './db.ts';
import { applyCustomerMerges, mergeCustomerEdits } from './customer-merge.ts';
import { storeStatusMoves } from './funnel.ts';
import { logMasterChanges, takeChangeLock } from './master-data.ts';
import { checkReceivables, storeReceivables } from './receivables-checks.ts';
import { checkOutletPrices, storeOutletPrices } from './own-prices.ts';
import { checkIdentity, refuseImplausibleClock, refuseOthersDocuments, verifiedDocuments, type VerifiedDocument } from './verify.ts';

/** What the ingest adds up per document: signed (a return subtracts), minor units. */
interface Figures {
  /** The goods: VAT included, their VAT, discounts and cost. */
  total: number;
  taxTotal: number;
  discountTotal: number;
  cost: number;
  depositsTaken: number;
  depositsRefunded: number;
  depositsUsed: number;
}
type SaleFigures = Figures & {
  /** The outlet's local day and month of the document. */
  day: string;
  month: string;
  kind: string;
  /** Whether it sold (or returned) goods: a deposit-only receipt is no receipt. */
  goods: boolean;
  customerId: string | null;
  byRate: Map<number, { sales: number; tax: number }>;
};

/**
 * Stores pushed documents exactly once and keeps the chain's sales figures in the same transaction.
 *
 * Head office believes no outlet: the credential's outlet must be the one that pushed with it
 * before (its own id and key), and every document not held yet is verified (verify.ts) before
 * anything is stored; one that fails refuses the whole batch, naming its field. One statement then
 * inserts the new documents in the outlet's order with ON CONFLICT DO NOTHING on the document id
 * (unique across the chain); only the documents it actually inserted are added to the day figures,
 * in the same transaction: a batch sent twice, in parallel or a week apart, adds nothing the
 * second time. The sums commute, so batches arriving out of order (a return before its sale) give
 * the same totals. The answer names every document of the batch head office now holds for this
 * outlet. Stock on hand per outlet and product moves with the stored documents too, and invoices,
 * credit notes and payments, checked against what head office holds (receivables-checks.ts), fill
 * the chain's receivables. An outlet's own prices (outlet-price documents) are checked against head
 * office's setting for the outlet and recorded as its prices (own-prices.ts).
 *
 * Customers created or edited at the outlet are merged field by field (customer-merge.ts), and
 * sales with a customer add to the customer's chain spend; customers changed either way are logged
 * as master-data changes, so every outlet pulls them back with the spend at the others.
 */
export class DocumentIngest {
  constructor(private readonly db: HeadOfficeDb) {}

  async ingest(outlet: { id: string; code: string }, batch: PushBatch): Promise<string[]> {
    refuseRepeatedIds(batch);
    refuseImplausibleClock(batch);
    const client = await this.db.pool.connect();
    try {
      await client.query('BEGIN');
      const identityBound = await checkIdentity(client, outlet.id, batch);
      const zone = await outletTimeZone(client, outlet.id, batch.timeZone);
      const fresh = await verifiedDocuments(client, outlet, batch);
      await checkReceivables(client, outlet.id, batch, fresh);
      const pricesTaken = await checkOutletPrices(client, outlet.id, fresh);
      const stored = await client.query<{ documentId: string }>(STORE_SQL, [outlet.id, JSON.stringify(fresh.map((f) => f.doc))]);
      const storedIds = new Set(stored.rows.map((r) => r.documentId));
      await refuseStoredElsewhere(client, outlet.id, batch, fresh.filter((f) => !storedIds.has(f.doc.documentId)));
      const storedDocs = fresh.filter((f) => storedIds.has(f.doc.documentId));
      const kinds = await productKinds(client, storedDocs.flatMap((f) => ('sale' in f.read ? f.read.sale.lines.filter((l) => !l.kind).map((l) => l.productId) : [])));
      const storedSales = storedDocs.flatMap((f) => ('sale' in f.read ? [figuresOf(f.doc, f.read.sale, zone, kinds)] : []));
      await addToChainSales(client, outlet.id, storedSales);
      const spenders = await addToCustomerSpend(client, outlet.id, storedSales);
      // Customers and own prices are master data too: a writer holding the change lock may be
      // about to write the same rows, so take the lock before them (after them, each would wait on
      // the other until PostgreSQL ends one of the two for a deadlock).
      if (storedDocs.some((f) => 'edit' in f.read || 'merge' in f.read || 'outletPrice' in f.read)) await takeChangeLock(client);
      const edits = storedDocs.flatMap((f) => ('edit' in f.read ? [{ edit: f.read.edit, position: f.position }] : []));
      const edited = await mergeCustomerEdits(client, outlet.id, edits, new Date());
      const merged = await applyCustomerMerges(client, storedDocs.flatMap((f) => ('merge' in f.read ? [f.read.merge] : [])));
      await storeStatusMoves(client, outlet.id, storedDocs);
      await addToChainStock(client, outlet.id, storedDocs.flatMap((f) => stockMoves(f.read)));
      await storeReceivables(client, outlet.id, storedDocs);
      await storeOutletPrices(client, outlet.id, storedDocs, pricesTaken);
      if (identityBound) await logMasterChanges(client, 'outlet', [outlet.id]);
      await logMasterChanges(client, 'customer', [...new Set([...edited, ...spenders, ...merged])]);
      await client.query(
        `INSERT INTO "OutletSyncState" ("outletId","lastContactAt","clockSkewMs","documentsHeld","lastBatchSize","lastError","lastErrorAt","backlog")
         VALUES ($1, now(), $2, $3, $4, NULL, NULL, $5)
         ON CONFLICT ("outletId") DO UPDATE SET "lastContactAt" = excluded."lastContactAt", "clockSkewMs" = excluded."clockSkewMs",
           "documentsHeld" = "OutletSyncState"."documentsHeld" + excluded."documentsHeld", "lastBatchSize" = excluded."lastBatchSize",
           "lastError" = excluded."lastError", "lastErrorAt" = excluded."lastErrorAt", "backlog" = excluded."backlog"`,
        [
          outlet.id,
          clampedSkew(batch.sentAt),
          stored.rowCount ?? 0,
          batch.documents.length,
          // What is left after this batch, by the outlet's count when it sent it.
          Math.max(0, (batch.backlog ?? batch.documents.length) - batch.documents.length),
        ],
      );
      await client.query('COMMIT');
      // Stored now or before: head office holds every document of the batch.
      return batch.documents.map((d) => d.documentId);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Notes a refused batch on the outlet's sync state (outside the batch's rolled-back transaction). */
  async recordRefusal(outletId: string, err: unknown): Promise<void> {
    const message = err instanceof AppError ? `${err.code}: ${err.message}` : (err as Error).message;
    await this.db.pool.query(
      `INSERT INTO "OutletSyncState" ("outletId","lastContactAt","lastError","lastErrorAt") VALUES ($1, now(), $2, now())
       ON CONFLICT ("outletId") DO UPDATE SET "lastContactAt" = now(), "lastError" = excluded."lastError", "lastErrorAt" = now()`,
      [outletId, message.slice(0, 500)],
    );
  }
}

/** A document twice in one batch would be stored once but added up twice: such a batch is malformed. */
function refuseRepeatedIds(batch: PushBatch): void {
  const seen = new Set<string>();
  batch.documents.forEach((doc, i) => {
    if (seen.has(doc.documentId)) throw badRequest('invalid-batch', `documents.${i}.documentId appears twice in the batch`, [{ path: `documents.${i}.documentId`, message: 'repeated' }]);
    seen.add(doc.documentId);
  });
}

/**
 * Documents verified as new that the insert did not store were stored meanwhile by a batch running
 * at the same time: by this outlet (a batch delivered twice) they are held; by another, refused.
 */
async function refuseStoredElsewhere(client: pg.PoolClient, outletId: string, batch: PushBatch, unstored: VerifiedDocument[]): Promise<void> {
  if (!unstored.length) return;
  const { rows } = await client.query<{ documentId: string; outletId: string }>(`SELECT "documentId", "outletId" FROM "SyncedDocument" WHERE "documentId" = ANY($1::text[])`, [unstored.map((u) => u.doc.documentId)]);
  refuseOthersDocuments(batch, new Map(rows.map((r) => [r.documentId, r.outletId])), outletId);
}

/**
 * The outlet's time zone: as its batch says (recorded on the outlet, so the chain view shows it),
 * or as head office last knew it. Its documents are filed under its own local days.
 */
async function outletTimeZone(client: pg.PoolClient, outletId: string, told: string | undefined): Promise<string> {
  if (told) {
    await client.query(`UPDATE "Outlet" SET "timezone" = $2 WHERE "id" = $1 AND "timezone" <> $2`, [outletId, told]);
    return told;
  }
  const { rows: [row] } = await client.query<{ timezone: string }>(`SELECT "timezone" FROM "Outlet" WHERE "id" = $1`, [outletId]);
  return row?.timezone ?? 'UTC';
}

/** What head office's catalogue says the products are, for lines that do not say what they sold. */
async function productKinds(client: pg.PoolClient, productIds: string[]): Promise<Map<string, string>> {
  if (!productIds.length) return new Map();
  const { rows } = await client.query<{ id: string; kind: string }>(`SELECT "id", "kind" FROM "Product" WHERE "id" = ANY($1::text[])`, [[...new Set(productIds)]]);
  return new Map(rows.map((r) => [r.id, r.kind]));
}

function figuresOf(doc: SyncDocument, sale: SyncedSale, zone: string, kinds: Map<string, string>): SaleFigures {
  const sign = sale.kind === 'sale' ? 1 : -1;
  const kindOf = (l: SyncedSale['lines'][number]) => l.kind ?? kinds.get(l.productId) ?? 'goods';
  const goods = sale.lines.filter((l) => kindOf(l) === 'goods');
  const deposited = sale.lines.filter((l) => kindOf(l) === 'deposit').reduce((sum, l) => sum + l.amount, 0);
  const sum = (k: 'amount' | 'taxAmount' | 'discountAmount' | 'costAmount') => sign * goods.reduce((total, l) => total + l[k], 0);
  const byRate = new Map<number, { sales: number; tax: number }>();
  for (const l of goods) {
    const row = byRate.get(l.taxRateBp) ?? { sales: 0, tax: 0 };
    row.sales += sign * l.amount;
    row.tax += sign * l.taxAmount;
    byRate.set(l.taxRateBp, row);
  }
  const local = localTimeIn(zone, new Date(doc.createdAt));
  return {
    day: local.slice(0, 10),
    month: local.slice(0, 7),
    kind: sale.kind,
    goods: goods.length > 0,
    customerId: sale.customerId,
    total: sum('amount'),
    taxTotal: sum('taxAmount'),
    discountTotal: sum('discountAmount'),
    cost: sum('costAmount'),
    depositsTaken: sale.kind === 'sale' ? deposited : 0,
    depositsRefunded: sale.kind === 'return' ? deposited : 0,
    depositsUsed: sign * sale.payments.filter((p) => p.method === 'deposit').reduce((total, p) => total + p.amount, 0),
    byRate,
  };
}

/** The outlet's clock minus ours, in ms, held within an int column (a clock years off still shows). */
function clampedSkew(sentAt: string): number {
  return Math.max(-2_000_000_000, Math.min(2_000_000_000, Date.parse(sentAt) - Date.now()));
}

/** Inserts the documents in the outlet's order; only documents not held before come back. */
const STORE_SQL = `
INSERT INTO "SyncedDocument" ("documentId", "outletId", "type", "createdAt", "payload")
SELECT d."documentId", $1, d."type", d."createdAt" AT TIME ZONE 'UTC', d."payload"
FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(doc, position),
  jsonb_to_record(e.doc) AS d("documentId" text, "type" text, "createdAt" timestamptz, "payload" jsonb)
ORDER BY e.position
ON CONFLICT ("documentId") DO NOTHING
RETURNING "documentId"`;

const DAY_SUMS = ['total', 'taxTotal', 'discountTotal', 'cost', 'depositsTaken', 'depositsRefunded', 'depositsUsed'] as const;

/** Adds the newly stored sales and returns to the outlet's day figures and VAT by rate (a statement each). */
async function addToChainSales(client: pg.PoolClient, outletId: string, stored: SaleFigures[]): Promise<void> {
  const days = new Map<string, { receipts: number; returns: number } & Figures>();
  const rates = new Map<string, { day: string; rateBp: number; sales: number; tax: number }>();
  for (const f of stored) {
    const day = days.get(f.day) ?? { receipts: 0, returns: 0, total: 0, taxTotal: 0, discountTotal: 0, cost: 0, depositsTaken: 0, depositsRefunded: 0, depositsUsed: 0 };
    if (f.goods && f.kind === 'sale') day.receipts++;
    if (f.goods && f.kind === 'return') day.returns++;
    for (const k of DAY_SUMS) day[k] += f[k];
    days.set(f.day, day);
    for (const [rateBp, r] of f.byRate) {
      const key = `${f.day}|${rateBp}`;
      const row = rates.get(key) ?? { day: f.day, rateBp, sales: 0, tax: 0 };
      row.sales += r.sales;
      row.tax += r.tax;
      rates.set(key, row);
    }
  }
  if (!days.size) return;
  const rows = [...days.entries()];
  await client.query(
    `INSERT INTO "ChainSalesDay" ("outletId", "day", "receipts", "returns", ${DAY_SUMS.map((k) => `"${k}"`).join(', ')})
     SELECT $1, * FROM unnest($2::text[], $3::int[], $4::int[], ${DAY_SUMS.map((_, i) => `$${i + 5}::bigint[]`).join(', ')})
     ON CONFLICT ("outletId", "day") DO UPDATE SET
       "receipts" = "ChainSalesDay"."receipts" + excluded."receipts", "returns" = "ChainSalesDay"."returns" + excluded."returns",
       ${DAY_SUMS.map((k) => `"${k}" = "ChainSalesDay"."${k}" + excluded."${k}"`).join(', ')}`,
    [outletId, rows.map(([day]) => day), rows.map(([, f]) => f.receipts), rows.map(([, f]) => f.returns), ...DAY_SUMS.map((k) => rows.map(([, f]) => f[k]))],
  );
  if (!rates.size) return;
  const byRate = [...rates.values()];
  await client.query(
    `INSERT INTO "ChainTaxDay" ("outletId", "day", "rateBp", "sales", "tax") SELECT $1, * FROM unnest($2::text[], $3::int[], $4::bigint[], $5::bigint[])
     ON CONFLICT ("outletId", "day", "rateBp") DO UPDATE SET "sales" = "ChainTaxDay"."sales" + excluded."sales", "tax" = "ChainTaxDay"."tax" + excluded."tax"`,
    [outletId, byRate.map((r) => r.day), byRate.map((r) => r.rateBp), byRate.map((r) => r.sales), byRate.map((r) => r.tax)],
  );
}

/**
 * Adds the goods of newly stored sales and returns with a customer to the customer's month at this
 * outlet (deposits and gift cards are money held, counted when they buy goods); returns those customers.
 */
async function addToCustomerSpend(client: pg.PoolClient, outletId: string, stored: SaleFigures[]): Promise<string[]> {
  const sums = new Map<string, number>();
  for (const f of stored) {
    if (!f.customerId) continue;
    const key = `${f.customerId}|${f.month}`;
    sums.set(key, (sums.get(key) ?? 0) + f.total);
  }
  if (!sums.size) return [];
  const keys = [...sums.keys()].map((k) => k.split('|'));
  await client.query(
    `INSERT INTO "CustomerSpendMonth" ("customerId", "outletId", "month", "total")
     SELECT c, $1, m, t FROM unnest($2::text[], $3::text[], $4::bigint[]) AS u(c, m, t)
     ON CONFLICT ("customerId", "outletId", "month") DO UPDATE SET "total" = "CustomerSpendMonth"."total" + excluded."total"`,
    [outletId, keys.map((k) => k[0]), keys.map((k) => k[1]), [...sums.values()]],
  );
  return [...new Set(keys.map((k) => k[0]))];
}

/**
 * How a stored document moves stock: sales take their lines out, returns bring them back;
 * deliveries and received transfers bring goods in, write-offs and sent transfers take them out,
 * a count posts its differences. (Verified: each quantity has the sign its type allows.)
 */
function stockMoves(read: ReadDocument): { productId: string; quantityMilli: number }[] {
  if ('sale' in read) return read.sale.lines.map((l) => ({ productId: l.productId, quantityMilli: (read.sale.kind === 'sale' ? -1 : 1) * l.quantityMilli }));
  if (!('stock' in read)) return [];
  const { kind, lines } = read.stock;
  if (kind === 'count') return lines.map((l) => ({ productId: l.productId, quantityMilli: l.differenceMilli ?? 0 }));
  const sign = kind === 'delivery' || kind === 'transfer-in' ? 1 : -1;
  return lines.map((l) => ({ productId: l.productId, quantityMilli: sign * l.quantityMilli }));
}

async function addToChainStock(client: pg.PoolClient, outletId: string, moves: { productId: string; quantityMilli: number }[]): Promise<void> {
  const sums = new Map<string, number>();
  for (const m of moves) sums.set(m.productId, (sums.get(m.productId) ?? 0) + m.quantityMilli);
  if (!sums.size) return;
  await client.query(
    `INSERT INTO "ChainStock" ("outletId", "productId", "quantityMilli") SELECT $1, p, q FROM unnest($2::text[], $3::bigint[]) AS u(p, q)
     ON CONFLICT ("outletId", "productId") DO UPDATE SET "quantityMilli" = "ChainStock"."quantityMilli" + excluded."quantityMilli"`,
    [outletId, [...sums.keys()], [...sums.values()]],
  );
}
