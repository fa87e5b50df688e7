-- Customer profile: birthday, address, marketing consent and who registered the customer.
-- Written as ADD COLUMN (what `prisma migrate diff` generates rebuilds the whole table, which
-- is slow on a large customer base and needs foreign keys switched off).
ALTER TABLE "Customer" ADD COLUMN "birthday" TEXT;
ALTER TABLE "Customer" ADD COLUMN "address" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Customer" ADD COLUMN "emailConsentAt" DATETIME;
ALTER TABLE "Customer" ADD COLUMN "smsConsentAt" DATETIME;
ALTER TABLE "Customer" ADD COLUMN "createdById" TEXT;
CREATE INDEX "Customer_email_idx" ON "Customer"("email");
CREATE INDEX "Customer_birthday_idx" ON "Customer"("birthday");
