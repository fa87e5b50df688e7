-- Legal entities with company codes and contact persons; several phones per customer.
ALTER TABLE "Customer" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'person';
ALTER TABLE "Customer" ADD COLUMN "companyCode" TEXT;
ALTER TABLE "Customer" ADD COLUMN "vatCode" TEXT;

CREATE TABLE "CustomerPhone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "CustomerPhone_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE "CustomerContact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT '',
    "phone" TEXT,
    "email" TEXT,
    CONSTRAINT "CustomerContact_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE INDEX "Customer_companyCode_idx" ON "Customer"("companyCode");
CREATE INDEX "CustomerPhone_phone_idx" ON "CustomerPhone"("phone");
CREATE INDEX "CustomerPhone_customerId_idx" ON "CustomerPhone"("customerId");
CREATE INDEX "CustomerContact_customerId_idx" ON "CustomerContact"("customerId");
CREATE INDEX "CustomerContact_phone_idx" ON "CustomerContact"("phone");
