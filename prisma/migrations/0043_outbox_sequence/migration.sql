-- The outbox is sent in the order the outlet queued it (a sequence), not by the wall clock: a clock set back put invoice 3 before invoice 2 and head office refused the batch for ever (issue 19).
-- Entries queued before keep the order they were sent in until now (createdAt, then id).
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sequence" INTEGER NOT NULL,
    "outletId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ackedAt" DATETIME
);
INSERT INTO "new_OutboxEntry" ("ackedAt", "createdAt", "documentId", "id", "sequence", "outletId", "payload", "type")
  SELECT "ackedAt", "createdAt", "documentId", "id", row_number() OVER (ORDER BY "createdAt", "id"), "outletId", "payload", "type" FROM "OutboxEntry";
DROP TABLE "OutboxEntry";
ALTER TABLE "new_OutboxEntry" RENAME TO "OutboxEntry";
CREATE UNIQUE INDEX "OutboxEntry_sequence_key" ON "OutboxEntry"("sequence");
CREATE INDEX "OutboxEntry_ackedAt_idx" ON "OutboxEntry"("ackedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
