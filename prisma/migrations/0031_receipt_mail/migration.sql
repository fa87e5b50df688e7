-- E-mailed receipts: a campaign message may carry HTML beside its text, and may go to an address typed at the till for a sale without a customer.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CampaignMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "customerId" TEXT,
    "address" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "html" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    CONSTRAINT "CampaignMessage_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CampaignMessage" ("address", "attempts", "body", "campaignId", "createdAt", "customerId", "error", "id", "nextAttemptAt", "sentAt", "status", "subject") SELECT "address", "attempts", "body", "campaignId", "createdAt", "customerId", "error", "id", "nextAttemptAt", "sentAt", "status", "subject" FROM "CampaignMessage";
DROP TABLE "CampaignMessage";
ALTER TABLE "new_CampaignMessage" RENAME TO "CampaignMessage";
CREATE INDEX "CampaignMessage_campaignId_idx" ON "CampaignMessage"("campaignId");
CREATE INDEX "CampaignMessage_status_idx" ON "CampaignMessage"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

