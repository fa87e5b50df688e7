-- The audit of the client base and the manager's report (issue 20): monthly targets per manager; customers refuse service messages apart from marketing.
-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "serviceMessagesRefusedAt" DATETIME;

-- CreateTable
CREATE TABLE "ManagerTarget" (
    "managerId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "sales" INTEGER,
    "grossProfit" INTEGER,
    "setById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("managerId", "month")
);

-- CreateIndex
CREATE INDEX "ManagerTarget_month_idx" ON "ManagerTarget"("month");

