-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "priceLabelled" BOOLEAN NOT NULL DEFAULT false;
