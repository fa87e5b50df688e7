-- A document id is unique across the chain. A transfer's receipt used to keep its transfer's id:
-- such receipts get an id of their own (derived from the transfer's) and name the transfer.
UPDATE "SyncedDocument"
SET "documentId" = md5('transfer-in:' || "documentId")::uuid::text,
    "payload" = "payload" || jsonb_build_object('id', md5('transfer-in:' || "documentId")::uuid::text, 'transferId', "documentId")
WHERE "type" = 'stock-transfer-in' AND NOT ("payload" ? 'transferId');

-- AlterTable
ALTER TABLE "SyncedDocument" DROP CONSTRAINT "SyncedDocument_pkey",
ADD CONSTRAINT "SyncedDocument_pkey" PRIMARY KEY ("documentId");

-- Customer edits dated ahead of now by an outlet's clock won over every later edit: none is later than now.
UPDATE "CustomerFieldClock" c
SET "clocks" = (
  SELECT coalesce(jsonb_object_agg(f.key, least(f.value, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))), '{}'::jsonb)
  FROM jsonb_each_text(c."clocks") AS f
);

-- CreateTable
CREATE TABLE "OutletIdentity" (
    "outletId" TEXT NOT NULL,
    "localId" TEXT NOT NULL,
    "publicKey" TEXT NOT NULL,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutletIdentity_pkey" PRIMARY KEY ("outletId")
);

-- CreateTable
CREATE TABLE "CustomerEditProposal" (
    "id" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "editedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decision" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedBy" TEXT,

    CONSTRAINT "CustomerEditProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutletIdentity_localId_key" ON "OutletIdentity"("localId");

-- CreateIndex
CREATE INDEX "CustomerEditProposal_decision_receivedAt_idx" ON "CustomerEditProposal"("decision", "receivedAt");
