-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "chainSpendElsewhere" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CustomerFieldClock" (
    "customerId" TEXT NOT NULL,
    "clocks" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "CustomerFieldClock_pkey" PRIMARY KEY ("customerId")
);

-- CreateTable
CREATE TABLE "CustomerSpendMonth" (
    "customerId" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "total" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CustomerSpendMonth_pkey" PRIMARY KEY ("customerId","outletId","month")
);

