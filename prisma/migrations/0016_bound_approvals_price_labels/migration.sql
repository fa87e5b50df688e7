-- Approvals name what they approve: the document, its line, and the amount or basis points.
ALTER TABLE "Approval" ADD COLUMN "amount" INTEGER;
ALTER TABLE "Approval" ADD COLUMN "documentId" TEXT;
ALTER TABLE "Approval" ADD COLUMN "lineId" TEXT;
ALTER TABLE "Approval" ADD COLUMN "valueBp" INTEGER;

-- Written by hand: Prisma's diff rebuilds the Product table for the new column; adding it is enough.
ALTER TABLE "Product" ADD COLUMN "priceLabelled" BOOLEAN NOT NULL DEFAULT false;
