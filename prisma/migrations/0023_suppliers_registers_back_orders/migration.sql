-- A register names its scale and customer display from the configured devices.
ALTER TABLE "Register" ADD COLUMN "displayId" TEXT;
ALTER TABLE "Register" ADD COLUMN "scaleId" TEXT;

-- A purchase order received short keeps the rest as a back-order naming it.
ALTER TABLE "PurchaseOrder" ADD COLUMN "backOrderOfId" TEXT;

-- Suppliers: minimum order, currency, where they are kept, archived.
ALTER TABLE "Supplier" ADD COLUMN "minOrderAmount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Supplier" ADD COLUMN "currency" TEXT;
ALTER TABLE "Supplier" ADD COLUMN "origin" TEXT NOT NULL DEFAULT 'outlet';
ALTER TABLE "Supplier" ADD COLUMN "archivedAt" DATETIME;
