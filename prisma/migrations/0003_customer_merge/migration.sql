-- Merging duplicate customers: the merged record points at the one kept; completed sales keep
-- the customer they were sold to (documents are never edited) and count for the kept one.
ALTER TABLE "Customer" ADD COLUMN "mergedIntoId" TEXT;
CREATE INDEX "Customer_mergedIntoId_idx" ON "Customer"("mergedIntoId");
