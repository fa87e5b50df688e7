-- AlterTable
ALTER TABLE "Register" ADD COLUMN     "displayId" TEXT,
ADD COLUMN     "scaleId" TEXT;

-- CreateTable: suppliers are master data of the chain, pulled by its outlets.
CREATE TABLE "Supplier" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT NOT NULL DEFAULT '',
    "leadTimeDays" INTEGER NOT NULL DEFAULT 0,
    "minOrderAmount" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'outlet',
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_code_key" ON "Supplier"("code");
