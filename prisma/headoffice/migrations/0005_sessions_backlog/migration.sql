-- AlterTable
ALTER TABLE "OutletSyncState" ADD COLUMN     "backlog" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "HeadOfficeSession" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HeadOfficeSession_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "HeadOfficeSession_userId_idx" ON "HeadOfficeSession"("userId");

