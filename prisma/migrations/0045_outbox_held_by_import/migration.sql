-- A customer import queues its customers for head office batch by batch, held back until the import is done: one that fails half-way is taken out again, and so are the documents it queued, before head office has seen any (issue 19/20).
ALTER TABLE "OutboxEntry" ADD COLUMN "heldByImportId" TEXT;
CREATE INDEX "OutboxEntry_heldByImportId_idx" ON "OutboxEntry"("heldByImportId");
