-- The funnel: the owner's customer statuses, the moves allowed between them, each customer's status now and the history of every move.
-- CreateTable
CREATE TABLE "CustomerStatus" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerType" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "initial" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerStatusMove" (
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,

    PRIMARY KEY ("fromId", "toId")
);

-- CreateTable
CREATE TABLE "CustomerStage" (
    "customerId" TEXT NOT NULL PRIMARY KEY,
    "statusId" TEXT NOT NULL,
    "since" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomerStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "fromId" TEXT,
    "toId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomerStatus_outletId_name_key" ON "CustomerStatus"("outletId", "name");

-- CreateIndex
CREATE INDEX "CustomerStage_statusId_idx" ON "CustomerStage"("statusId");

-- CreateIndex
CREATE INDEX "CustomerStatusChange_customerId_at_idx" ON "CustomerStatusChange"("customerId", "at");

-- CreateIndex
CREATE INDEX "CustomerStatusChange_at_idx" ON "CustomerStatusChange"("at");

-- A status move, once made, stays as it was made.
CREATE TRIGGER "CustomerStatusChange_kept_update" BEFORE UPDATE ON "CustomerStatusChange" BEGIN SELECT RAISE(ABORT, 'status history is never changed'); END;
CREATE TRIGGER "CustomerStatusChange_kept_delete" BEFORE DELETE ON "CustomerStatusChange" BEGIN SELECT RAISE(ABORT, 'status history is never removed'); END;
