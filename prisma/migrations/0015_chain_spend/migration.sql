-- Written by hand: Prisma's diff rebuilds the Customer table for a new column, which would drop
-- the name-search triggers of 0008; adding the column keeps them.
ALTER TABLE "Customer" ADD COLUMN "chainSpendElsewhere" INTEGER NOT NULL DEFAULT 0;
