-- CreateTable
CREATE TABLE "RegisterPairing" (
    "registerId" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT,
    "pairedAt" DATETIME,
    "codeHash" TEXT,
    "codeExpiresAt" DATETIME,
    "pinAlone" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "RegisterPairing_registerId_fkey" FOREIGN KEY ("registerId") REFERENCES "Register" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RegisterTile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "registerId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "productId" TEXT,
    "categoryId" TEXT,
    "colour" TEXT,
    CONSTRAINT "RegisterTile_registerId_fkey" FOREIGN KEY ("registerId") REFERENCES "Register" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "RegisterPairing_tokenHash_key" ON "RegisterPairing"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterPairing_codeHash_key" ON "RegisterPairing"("codeHash");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterTile_registerId_position_key" ON "RegisterTile"("registerId", "position");
