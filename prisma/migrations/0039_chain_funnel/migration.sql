-- The funnel in a chain (issue 20): a status is this outlet's own or the chain's, pulled from head office.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CustomerStatus" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerType" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "initial" BOOLEAN NOT NULL DEFAULT false,
    "origin" TEXT NOT NULL DEFAULT 'outlet',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_CustomerStatus" ("createdAt", "customerType", "id", "initial", "name", "outletId", "position", "updatedAt") SELECT "createdAt", "customerType", "id", "initial", "name", "outletId", "position", "updatedAt" FROM "CustomerStatus";
DROP TABLE "CustomerStatus";
ALTER TABLE "new_CustomerStatus" RENAME TO "CustomerStatus";
CREATE UNIQUE INDEX "CustomerStatus_outletId_name_key" ON "CustomerStatus"("outletId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

