-- Own prices (issue 14): head office sends its permissions, and the outlet works out which of its
-- products they cover (a category's covers the categories below it), in place of a rule per product.
CREATE TABLE "OwnPricePermission" (
    "categoryId" TEXT NOT NULL PRIMARY KEY,
    "allowed" BOOLEAN NOT NULL,
    "bound" TEXT NOT NULL,
    "percentBp" INTEGER
);

CREATE TABLE "ChainPrice" (
    "productId" TEXT NOT NULL PRIMARY KEY,
    "price" INTEGER NOT NULL
);

-- The chain prices the per-product rules held; head office sends this outlet's permissions at its first pull after the upgrade.
INSERT INTO "ChainPrice" ("productId", "price") SELECT "productId", "chainPrice" FROM "OwnPriceRule";
DROP TABLE "OwnPriceRule";
