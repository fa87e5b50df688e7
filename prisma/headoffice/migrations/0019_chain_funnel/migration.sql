-- The chain's funnel (issue 20): head office's stages and allowed moves (master data customer-status), and the moves outlets pushed.
-- CreateTable
CREATE TABLE "ChainCustomerStatus" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "customerType" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "initial" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChainCustomerStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChainStatusMove" (
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,

    CONSTRAINT "ChainStatusMove_pkey" PRIMARY KEY ("fromId","toId")
);

-- CreateTable
CREATE TABLE "ChainStatusChange" (
    "id" TEXT NOT NULL,
    "outletId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "fromId" TEXT,
    "toId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChainStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChainCustomerStatus_name_key" ON "ChainCustomerStatus"("name");

-- CreateIndex
CREATE INDEX "ChainStatusChange_customerId_at_idx" ON "ChainStatusChange"("customerId", "at");

-- CreateIndex
CREATE INDEX "ChainStatusChange_at_idx" ON "ChainStatusChange"("at");


-- A pushed move, once held, stays as the outlet made it.
CREATE FUNCTION "chain_status_change_kept"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'status history is never changed or removed'; END $$;
CREATE TRIGGER "ChainStatusChange_kept" BEFORE UPDATE OR DELETE ON "ChainStatusChange" FOR EACH ROW EXECUTE FUNCTION "chain_status_change_kept"();
