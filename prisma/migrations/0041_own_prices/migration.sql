-- An outlet's own price, where head office allows it (issue 14): the rule the pull brings per product; price changes the outlet set itself.
-- CreateTable
CREATE TABLE "OwnPriceRule" (
    "productId" TEXT NOT NULL PRIMARY KEY,
    "bound" TEXT NOT NULL,
    "percentBp" INTEGER,
    "chainPrice" INTEGER NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PriceChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "previousPrice" INTEGER,
    "effectiveAt" DATETIME NOT NULL,
    "appliedAt" DATETIME,
    "createdById" TEXT,
    "ownPrice" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_PriceChange" ("appliedAt", "createdAt", "createdById", "effectiveAt", "id", "previousPrice", "price", "productId") SELECT "appliedAt", "createdAt", "createdById", "effectiveAt", "id", "previousPrice", "price", "productId" FROM "PriceChange";
DROP TABLE "PriceChange";
ALTER TABLE "new_PriceChange" RENAME TO "PriceChange";
CREATE INDEX "PriceChange_productId_effectiveAt_idx" ON "PriceChange"("productId", "effectiveAt");
CREATE INDEX "PriceChange_effectiveAt_idx" ON "PriceChange"("effectiveAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

