-- Every day-based figure is the outlet's own local day (its time zone), not the UTC date: a sale
-- at 00:30 in Vilnius belongs to that day there. The day figures keep the goods apart from
-- pre-order deposits and gift cards (money held for customers, not sales), with VAT by rate.
ALTER TABLE "ChainSalesDay" ADD COLUMN "depositsTaken" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN "depositsRefunded" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN "depositsUsed" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ChainTaxDay" (
    "outletId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "rateBp" INTEGER NOT NULL,
    "sales" BIGINT NOT NULL DEFAULT 0,
    "tax" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "ChainTaxDay_pkey" PRIMARY KEY ("outletId","day","rateBp")
);

-- A zone PostgreSQL does not know cannot date anything: such an outlet is on UTC until it says its own.
UPDATE "Outlet" SET "timezone" = 'UTC' WHERE "timezone" NOT IN (SELECT "name" FROM pg_timezone_names);

-- The figures again from the documents held, by each outlet's time zone. A line that does not say
-- what it sold (documents from before lines did) is what its product is.
CREATE TEMPORARY TABLE "_line" ON COMMIT DROP AS
SELECT d."documentId", d."outletId", d."type", d."payload"->>'customerId' AS "customerId",
       to_char((d."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE o."timezone", 'YYYY-MM-DD') AS "day",
       COALESCE(l->>'kind', p."kind", 'goods') AS "kind", (l->>'taxRateBp')::int AS "rateBp",
       (l->>'amount')::bigint AS "amount", (l->>'taxAmount')::bigint AS "tax", (l->>'costAmount')::bigint AS "cost", (l->>'discountAmount')::bigint AS "discount",
       CASE d."type" WHEN 'sale' THEN 1 ELSE -1 END AS "sign"
FROM "SyncedDocument" d
JOIN "Outlet" o ON o."id" = d."outletId"
CROSS JOIN LATERAL jsonb_array_elements(d."payload"->'lines') l
LEFT JOIN "Product" p ON p."id" = l->>'productId'
WHERE d."type" IN ('sale', 'return');

DELETE FROM "ChainSalesDay";
INSERT INTO "ChainSalesDay" ("outletId", "day", "receipts", "returns", "total", "taxTotal", "discountTotal", "cost", "depositsTaken", "depositsRefunded", "depositsUsed")
SELECT x."outletId", x."day",
       COUNT(*) FILTER (WHERE x."type" = 'sale' AND x."goods"), COUNT(*) FILTER (WHERE x."type" = 'return' AND x."goods"),
       SUM(x."sign" * x."sales"), SUM(x."sign" * x."tax"), SUM(x."sign" * x."discount"), SUM(x."sign" * x."cost"),
       SUM(CASE x."type" WHEN 'sale' THEN x."deposits" ELSE 0 END), SUM(CASE x."type" WHEN 'return' THEN x."deposits" ELSE 0 END),
       SUM(x."sign" * COALESCE(u."used", 0))
FROM (
  SELECT "documentId", "outletId", "type", "day", MAX("sign") AS "sign", bool_or("kind" = 'goods') AS "goods",
         SUM(CASE WHEN "kind" = 'goods' THEN "amount" ELSE 0 END) AS "sales", SUM(CASE WHEN "kind" = 'goods' THEN "tax" ELSE 0 END) AS "tax",
         SUM(CASE WHEN "kind" = 'goods' THEN "cost" ELSE 0 END) AS "cost", SUM(CASE WHEN "kind" = 'goods' THEN "discount" ELSE 0 END) AS "discount",
         SUM(CASE WHEN "kind" = 'deposit' THEN "amount" ELSE 0 END) AS "deposits"
  FROM "_line" GROUP BY "documentId", "outletId", "type", "day"
) x
LEFT JOIN (
  SELECT d."documentId", SUM((y->>'amount')::bigint) AS "used"
  FROM "SyncedDocument" d CROSS JOIN LATERAL jsonb_array_elements(d."payload"->'payments') y
  WHERE d."type" IN ('sale', 'return') AND y->>'method' = 'deposit' GROUP BY d."documentId"
) u ON u."documentId" = x."documentId"
GROUP BY x."outletId", x."day";

INSERT INTO "ChainTaxDay" ("outletId", "day", "rateBp", "sales", "tax")
SELECT "outletId", "day", "rateBp", SUM("sign" * "amount"), SUM("sign" * "tax") FROM "_line" WHERE "kind" = 'goods' GROUP BY "outletId", "day", "rateBp";

-- A customer's spend per month, by the outlet's local month: the goods bought net of returns (a
-- pre-order's deposit counts once, in the collected sale; a gift card when it buys goods).
DELETE FROM "CustomerSpendMonth";
INSERT INTO "CustomerSpendMonth" ("customerId", "outletId", "month", "total")
SELECT "customerId", "outletId", left("day", 7), SUM("sign" * "amount")
FROM "_line" WHERE "customerId" IS NOT NULL AND "kind" = 'goods'
GROUP BY 1, 2, 3;
