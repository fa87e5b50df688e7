-- Head office keeps the outlet's Customer model (one model source): its credit limit for buying on account (issue 19).
ALTER TABLE "Customer" ADD COLUMN "creditLimit" INTEGER;
