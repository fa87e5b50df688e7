-- Loyalty: points per customer category, points and gift-card ledgers, gift-card products.
ALTER TABLE "Product" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'goods';
ALTER TABLE "CustomerCategory" ADD COLUMN "pointsEarnBp" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "PointsMovement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "saleId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "GiftCard" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "initialAmount" INTEGER NOT NULL,
    "soldInSaleId" TEXT,
    "issuedById" TEXT NOT NULL,
    "customerId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "GiftCardMovement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "saleId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "GiftCardMovement_code_fkey" FOREIGN KEY ("code") REFERENCES "GiftCard" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE INDEX "PointsMovement_customerId_idx" ON "PointsMovement"("customerId");
CREATE INDEX "PointsMovement_saleId_idx" ON "PointsMovement"("saleId");
CREATE INDEX "GiftCardMovement_code_idx" ON "GiftCardMovement"("code");
CREATE INDEX "GiftCardMovement_saleId_idx" ON "GiftCardMovement"("saleId");
