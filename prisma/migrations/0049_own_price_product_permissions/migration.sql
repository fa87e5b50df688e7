-- Own prices (issue 14): head office's permission for one product (and its variants), which
-- decides for that product whatever its category's permission says.
CREATE TABLE "OwnPriceProductPermission" (
    "productId" TEXT NOT NULL PRIMARY KEY,
    "allowed" BOOLEAN NOT NULL,
    "bound" TEXT NOT NULL,
    "percentBp" INTEGER
);
