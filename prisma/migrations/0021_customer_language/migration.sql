-- Written by hand, like 0015: Prisma's diff rebuilds the Customer table for a new column, which
-- would drop the name-search triggers of 0008; adding the column keeps them.
ALTER TABLE "Customer" ADD COLUMN "locale" TEXT;
ALTER TABLE "CampaignMessage" ADD COLUMN "subject" TEXT;
