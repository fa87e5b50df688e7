-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "locale" TEXT;
