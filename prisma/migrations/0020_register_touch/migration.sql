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


-- Product names found by their words in any order, fast with a million products: an FTS5 trigram
-- index over Product.searchName kept in step by triggers, as CustomerNameSearch is (0008). Not in
-- Prisma's schema (the migrations test leaves "*NameSearch*" out of its comparison). After a VACUUM
-- run INSERT INTO "ProductNameSearch"("ProductNameSearch") VALUES ('rebuild').
CREATE VIRTUAL TABLE "ProductNameSearch" USING fts5("searchName", content='Product', content_rowid='rowid', tokenize='trigram');
INSERT INTO "ProductNameSearch"("ProductNameSearch") VALUES ('rebuild');

CREATE TRIGGER "Product_search_insert" AFTER INSERT ON "Product" BEGIN
  INSERT INTO "ProductNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
END;
CREATE TRIGGER "Product_search_delete" AFTER DELETE ON "Product" BEGIN
  INSERT INTO "ProductNameSearch"("ProductNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
END;
CREATE TRIGGER "Product_search_update" AFTER UPDATE OF "searchName" ON "Product" BEGIN
  INSERT INTO "ProductNameSearch"("ProductNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
  INSERT INTO "ProductNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
END;
