-- Whether an outlet may set its own sale prices, per outlet and optionally per category, with a bound (issue 14); an outlet's own price as it set it.
-- CreateTable
CREATE TABLE "OwnPricePermission" (
    "outletId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL DEFAULT '',
    "allowed" BOOLEAN NOT NULL,
    "bound" TEXT NOT NULL DEFAULT 'none',
    "percentBp" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnPricePermission_pkey" PRIMARY KEY ("outletId","categoryId")
);

-- AlterTable
ALTER TABLE "OutletPrice" ADD COLUMN "setByOutlet" BOOLEAN NOT NULL DEFAULT false;

-- Head office keeps the outlet's PriceChange model (one model source): whether the outlet set it itself.
ALTER TABLE "PriceChange" ADD COLUMN "ownPrice" BOOLEAN NOT NULL DEFAULT false;
