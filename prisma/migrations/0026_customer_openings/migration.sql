-- Opening entries a customer import brings from the shop's earlier system (spend, registration day).
-- CreateTable
CREATE TABLE "CustomerOpening" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" INTEGER NOT NULL DEFAULT 0,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CustomerOpening_customerId_idx" ON "CustomerOpening"("customerId");

