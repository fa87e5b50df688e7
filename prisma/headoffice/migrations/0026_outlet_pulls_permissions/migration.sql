-- Own prices (issue 14): outlets that take a permission change as one change (they work out its products themselves).
CREATE TABLE "OutletPullsPermissions" (
    "outletId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutletPullsPermissions_pkey" PRIMARY KEY ("outletId")
);
