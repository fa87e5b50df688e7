-- The product list's supplier filter (issue 14): each list row (a product, or a product with
-- variants for the variants it supplies) a supplier supplies, with the row's sort keys, so that a
-- page of one supplier's products is read in order from an index of that supplier's rows alone
-- (the walk along the catalogue's sort index probed most of a million products for a supplier
-- whose products sit together in name order). Its triggers and first filling are in
-- server/db/derived-data.ts. Not in Prisma's schema (the leading underscore keeps it out of the
-- schema checks, as "_migrations"): no code but the product list reads it.
CREATE TABLE "_SupplierListing" (
    "listedId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "searchName" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    PRIMARY KEY ("listedId", "supplierId")
);
CREATE INDEX "_SupplierListing_searchName_idx" ON "_SupplierListing"("supplierId", "searchName", "listedId");
CREATE INDEX "_SupplierListing_sku_idx" ON "_SupplierListing"("supplierId", "sku", "listedId");
CREATE INDEX "_SupplierListing_price_idx" ON "_SupplierListing"("supplierId", "price", "listedId");
CREATE INDEX "_SupplierListing_updatedAt_idx" ON "_SupplierListing"("supplierId", "updatedAt", "listedId");
