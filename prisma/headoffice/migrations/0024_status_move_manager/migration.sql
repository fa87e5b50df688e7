-- The customer's manager at the outlet when they moved through the funnel: the chain's funnel per manager counts by it (issue 20).
ALTER TABLE "ChainStatusChange" ADD COLUMN "managerId" TEXT;
