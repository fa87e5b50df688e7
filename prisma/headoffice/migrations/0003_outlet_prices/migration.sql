-- CreateTable
CREATE TABLE "OutletPrice" (
    "outletId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "price" INTEGER NOT NULL,

    CONSTRAINT "OutletPrice_pkey" PRIMARY KEY ("outletId","productId")
);

