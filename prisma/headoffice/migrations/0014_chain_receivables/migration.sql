-- CreateTable: outlets' invoices, credit notes and payments as head office verified them, for the chain's receivables (issue 19).
CREATE TABLE "ChainInvoice" (
    "id" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "series" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "displayNumber" TEXT NOT NULL,
    "issueDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "gross" BIGINT NOT NULL,
    "paidAtTill" BIGINT NOT NULL DEFAULT 0,
    "correctsId" TEXT,

    CONSTRAINT "ChainInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainInvoiceLine" (
    "invoiceId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "quantityMilli" BIGINT NOT NULL,
    "gross" BIGINT NOT NULL,
    "correctsPosition" INTEGER,

    CONSTRAINT "ChainInvoiceLine_pkey" PRIMARY KEY ("invoiceId","position")
);

-- CreateTable
CREATE TABLE "ChainInvoicePayment" (
    "id" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "day" TEXT NOT NULL,
    "currency" TEXT NOT NULL,

    CONSTRAINT "ChainInvoicePayment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainPaymentAllocation" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "invoiceId" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "ChainPaymentAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChainInvoice_customerId_idx" ON "ChainInvoice"("customerId");

-- CreateIndex
CREATE INDEX "ChainInvoice_correctsId_idx" ON "ChainInvoice"("correctsId");

-- CreateIndex
CREATE UNIQUE INDEX "ChainInvoice_outletId_series_number_key" ON "ChainInvoice"("outletId", "series", "number");

-- CreateIndex
CREATE INDEX "ChainInvoicePayment_customerId_idx" ON "ChainInvoicePayment"("customerId");

-- CreateIndex
CREATE INDEX "ChainPaymentAllocation_paymentId_idx" ON "ChainPaymentAllocation"("paymentId");

-- CreateIndex
CREATE INDEX "ChainPaymentAllocation_invoiceId_idx" ON "ChainPaymentAllocation"("invoiceId");
