-- Invoices, credit notes, their numbering series, payments against them and their allocations (issue 19).
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "creditLimit" INTEGER;

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "number" INTEGER,
    "displayNumber" TEXT,
    "customerId" TEXT NOT NULL,
    "contractId" TEXT,
    "correctsId" TEXT,
    "preOrderId" TEXT,
    "issueDate" TEXT,
    "supplyDate" TEXT,
    "dueDate" TEXT,
    "paymentTermsDays" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "net" INTEGER NOT NULL DEFAULT 0,
    "vat" INTEGER NOT NULL DEFAULT 0,
    "gross" INTEGER NOT NULL DEFAULT 0,
    "paidAtTill" INTEGER NOT NULL DEFAULT 0,
    "draft" TEXT NOT NULL DEFAULT '{}',
    "document" TEXT,
    "createdById" TEXT NOT NULL,
    "issuedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "issuedAt" DATETIME
);

-- CreateTable
CREATE TABLE "InvoiceLine" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "productId" TEXT,
    "sku" TEXT,
    "description" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "quantityMilli" INTEGER NOT NULL,
    "unitPriceGross" INTEGER NOT NULL,
    "taxRateBp" INTEGER NOT NULL,
    "discount" INTEGER NOT NULL,
    "net" INTEGER NOT NULL,
    "vat" INTEGER NOT NULL,
    "gross" INTEGER NOT NULL,
    "saleLineId" TEXT,
    "correctsLineId" TEXT,
    CONSTRAINT "InvoiceLine_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceSale" (
    "saleId" TEXT NOT NULL PRIMARY KEY,
    "invoiceId" TEXT NOT NULL,
    CONSTRAINT "InvoiceSale_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InvoiceSeries" (
    "outletId" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    PRIMARY KEY ("outletId", "series")
);

-- CreateTable
CREATE TABLE "InvoicePayment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "reference" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "PaymentAllocation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "paymentId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    CONSTRAINT "PaymentAllocation_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "InvoicePayment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "PaymentAllocation_invoiceId_fkey" FOREIGN KEY ("invoiceId") REFERENCES "Invoice" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contract" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outletId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "terms" TEXT NOT NULL DEFAULT '',
    "paymentTermsDays" INTEGER,
    "reminderDays" INTEGER NOT NULL DEFAULT 30,
    "renewsId" TEXT,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ContractPrice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contractId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "unitPrice" INTEGER NOT NULL,
    CONSTRAINT "ContractPrice_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Invoice_customerId_idx" ON "Invoice"("customerId");

-- CreateIndex
CREATE INDEX "Invoice_status_kind_idx" ON "Invoice"("status", "kind");

-- CreateIndex
CREATE INDEX "Invoice_correctsId_idx" ON "Invoice"("correctsId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_outletId_series_number_key" ON "Invoice"("outletId", "series", "number");

-- CreateIndex
CREATE INDEX "InvoiceLine_invoiceId_idx" ON "InvoiceLine"("invoiceId");

-- CreateIndex
CREATE INDEX "InvoiceLine_correctsLineId_idx" ON "InvoiceLine"("correctsLineId");

-- CreateIndex
CREATE INDEX "InvoiceSale_invoiceId_idx" ON "InvoiceSale"("invoiceId");

-- CreateIndex
CREATE INDEX "InvoicePayment_customerId_idx" ON "InvoicePayment"("customerId");

-- CreateIndex
CREATE INDEX "PaymentAllocation_paymentId_idx" ON "PaymentAllocation"("paymentId");

-- CreateIndex
CREATE INDEX "PaymentAllocation_invoiceId_idx" ON "PaymentAllocation"("invoiceId");

-- CreateIndex
CREATE INDEX "Contract_customerId_startDate_idx" ON "Contract"("customerId", "startDate");

-- CreateIndex
CREATE INDEX "Contract_renewsId_idx" ON "Contract"("renewsId");

-- CreateIndex
CREATE UNIQUE INDEX "Contract_outletId_number_key" ON "Contract"("outletId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ContractPrice_contractId_productId_key" ON "ContractPrice"("contractId", "productId");

