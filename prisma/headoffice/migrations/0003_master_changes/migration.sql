-- CreateTable
CREATE TABLE "MasterChange" (
    "seq" BIGSERIAL NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MasterChange_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE INDEX "MasterChange_entity_entityId_seq_idx" ON "MasterChange"("entity", "entityId", "seq");

