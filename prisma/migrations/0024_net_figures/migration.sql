-- Figures a shop can sign: sold lines say what they sold (goods, a gift card, a deposit), every
-- discount says where it came from, and the daily sums keep the VAT and rate of what was sold.

-- A line keeps what it sold as it was sold; lines sold before take their product's kind (kinds
-- never change: a deposit or a gift card is made as one).
ALTER TABLE "SaleLine" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'goods';
UPDATE "SaleLine" SET "kind" = (SELECT p."kind" FROM "Product" p WHERE p."id" = "SaleLine"."productId")
  WHERE EXISTS (SELECT 1 FROM "Product" p WHERE p."id" = "SaleLine"."productId" AND p."kind" <> 'goods');

-- Discounts were stored as rule | customer | manual: the rule's kind, or the reason the pricing
-- function wrote for a customer's own discount ("Personal −5%"), tells which source each was.
-- Rules are never deleted, only switched off; one unknown here could only be a promotion.
UPDATE "SaleDiscount" SET "source" = CASE
    WHEN "source" = 'customer' AND "reason" LIKE 'Personal %' THEN 'personal'
    WHEN "source" = 'customer' THEN 'category'
    ELSE COALESCE((SELECT CASE r."kind" WHEN 'customer-category' THEN 'category' WHEN 'spend-tier' THEN 'card-tier' WHEN 'receipt-total' THEN 'receipt-total' ELSE 'promotion' END
                   FROM "DiscountRule" r WHERE r."id" = "SaleDiscount"."ruleId"), 'promotion')
  END
  WHERE "source" IN ('rule', 'customer');

-- The daily sums get the rate the lines were sold at and the VAT inside their revenue. Days kept
-- before this migration take the rate of the product's last line sold, and their VAT from their
-- revenue at that rate, rounded half-up once per day (lines round theirs one by one, so a day of
-- many lines may differ from them by a cent or so); from now on each line's own VAT is added.
CREATE TABLE "new_ProductSalesDay" (
    "outletId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "taxRateBp" INTEGER NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,
    "tax" INTEGER NOT NULL,
    "cost" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "lines" INTEGER NOT NULL,

    PRIMARY KEY ("outletId", "day", "productId", "taxRateBp")
);
INSERT INTO "new_ProductSalesDay" ("outletId", "day", "productId", "taxRateBp", "quantityMilli", "revenue", "tax", "cost", "discount", "lines")
SELECT d."outletId", d."day", d."productId", d."rate", d."quantityMilli", d."revenue",
       CASE WHEN d."revenue" >= 0 THEN (2 * d."revenue" * d."rate" + 10000 + d."rate") / (2 * (10000 + d."rate"))
            ELSE -((2 * -d."revenue" * d."rate" + 10000 + d."rate") / (2 * (10000 + d."rate"))) END,
       d."cost", d."discount", d."lines"
FROM (SELECT s.*, COALESCE(
        (SELECT l."taxRateBp" FROM "SaleLine" l JOIN "Sale" x ON x."id" = l."saleId" WHERE l."productId" = s."productId" ORDER BY x."createdAt" DESC LIMIT 1),
        (SELECT t."rateBp" FROM "Product" p JOIN "TaxRate" t ON t."id" = p."taxRateId" WHERE p."id" = s."productId"), 0) AS "rate"
      FROM "ProductSalesDay" s) d;
DROP TABLE "ProductSalesDay";
ALTER TABLE "new_ProductSalesDay" RENAME TO "ProductSalesDay";
