-- Own prices (issue 14): an outlet's permission for one product (and its variants), which decides
-- for that product whatever its category's permission says. allowed null: taken away, the product
-- follows its category again (kept so the pull sends that, and for when the setting last changed).
CREATE TABLE "OwnPriceProductPermission" (
    "outletId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "allowed" BOOLEAN,
    "bound" TEXT NOT NULL DEFAULT 'none',
    "percentBp" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OwnPriceProductPermission_pkey" PRIMARY KEY ("outletId","productId")
);
