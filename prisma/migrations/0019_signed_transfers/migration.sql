-- A received transfer gets an id of its own and names the transfer it receives (received once).
-- Receipts posted before kept the transfer's id: that id is the transfer they received.
ALTER TABLE "StockDocument" ADD COLUMN "transferId" TEXT;
UPDATE "StockDocument" SET "transferId" = "id" WHERE "kind" = 'transfer-in';

-- CreateTable
CREATE TABLE "PeerOutlet" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "StockDocument_transferId_key" ON "StockDocument"("transferId");
