import type Database from 'better-sqlite3';

/**
 * What the outlet's database keeps beside Prisma's schema: data derived from its tables (search
 * indexes, the product list's filter rows) with the triggers and views that keep it in step, the
 * partial indexes it is read through and how to compute it afresh; and triggers that guard history.
 *
 * They live here, not in migrations, because SQLite's table rebuild (Prisma's way to alter a
 * table: CREATE "new_X", copy, DROP "X", RENAME "new_X" TO "X") drops every trigger and index ON
 * "X" and fails on a trigger or view elsewhere that names "X" ("error in trigger …: no such
 * table: main.X"). The migration runner (migrate.ts) drops these triggers and views before each
 * migration, and after the last makes them and the indexes again and recomputes what a migration
 * of the run may have changed: a migration rebuilding a table needs nothing of its author.
 * A new trigger or view belongs here, not in a migration (test/integration/upgrades.test.ts
 * rebuilds every table and fails otherwise).
 *
 * A trigger or index changed here keeps its name only if its meaning stays; otherwise give it a
 * new one (indexes are made IF NOT EXISTS).
 */
export interface DerivedData {
  /** The migration that made its tables and columns: before it, there is nothing to keep. */
  since: string;
  /** The tables it is computed from: a migration naming one of them has it recomputed. */
  from: string[];
  /** Its triggers and indexes. */
  create: string;
  /** Computes it afresh from the tables it is derived from. */
  refresh: string;
}

/** A customer's card, phone or contact row added, moved or removed writes that customer's search entries anew. */
const refreshesCustomerSearch = (table: string) => `      CREATE TRIGGER "${table}_search_insert" AFTER INSERT ON "${table}" BEGIN
        INSERT INTO "CustomerSearchRefresh" VALUES (new."customerId");
      END;
      CREATE TRIGGER "${table}_search_update" AFTER UPDATE ON "${table}" BEGIN
        INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
        INSERT INTO "CustomerSearchRefresh" SELECT new."customerId" WHERE new."customerId" <> old."customerId";
      END;
      CREATE TRIGGER "${table}_search_delete" AFTER DELETE ON "${table}" BEGIN
        INSERT INTO "CustomerSearchRefresh" VALUES (old."customerId");
      END;`;

/** A table's inserts, updates (those `update` names) and deletes counted in "_SalesChanges" (crm/audit.ts keeps figures while it stays). */
const countsSalesChanges = (table: string, update = `AFTER UPDATE ON "${table}"`) =>
  [`AFTER INSERT ON "${table}"`, update, `AFTER DELETE ON "${table}"`]
    .map((when, i) => `      CREATE TRIGGER "${table}_sales_change_${['insert', 'update', 'delete'][i]}" ${when} BEGIN UPDATE "_SalesChanges" SET "n" = "n" + 1 WHERE "id" = 1; END;`)
    .join('\n');

export const DERIVED_DATA: DerivedData[] = [
  {
    // Product names searched by words in any order (migration 0022). It refers to products by
    // rowid, which a rebuild of Product may renumber.
    since: '0022_catalogue',
    from: ['Product'],
    create: `
      CREATE TRIGGER "Product_search_insert" AFTER INSERT ON "Product" BEGIN
        INSERT INTO "ProductNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
      END;
      CREATE TRIGGER "Product_search_delete" AFTER DELETE ON "Product" BEGIN
        INSERT INTO "ProductNameSearch"("ProductNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
      END;
      CREATE TRIGGER "Product_search_update" AFTER UPDATE OF "searchName" ON "Product" BEGIN
        INSERT INTO "ProductNameSearch"("ProductNameSearch", rowid, "searchName") VALUES ('delete', old.rowid, old."searchName");
        INSERT INTO "ProductNameSearch"(rowid, "searchName") VALUES (new.rowid, new."searchName");
      END;`,
    refresh: `INSERT INTO "ProductNameSearch"("ProductNameSearch") VALUES ('rebuild');`,
  },
  {
    // Customer search (migrations 0025, 0027): two FTS5 indexes, contentless, that refer to
    // customers by rowid; inserting a customer's id into the view writes their entries anew.
    since: '0027_customer_search_words',
    from: ['Customer', 'CustomerPhone', 'CustomerCard', 'CustomerContact'],
    create: `
      CREATE VIEW "CustomerSearchRefresh" AS SELECT "id" AS "customerId" FROM "Customer" WHERE 0;
      CREATE TRIGGER "CustomerSearchRefresh_insert" INSTEAD OF INSERT ON "CustomerSearchRefresh" BEGIN
        DELETE FROM "CustomerSearch" WHERE rowid = (SELECT rowid FROM "Customer" WHERE "id" = new."customerId");
        DELETE FROM "CustomerSearchWords" WHERE rowid = (SELECT rowid FROM "Customer" WHERE "id" = new."customerId");
        INSERT INTO "CustomerSearch" (rowid, "name", "phone", "email", "code")
        SELECT c.rowid,
          till_search_name(c."name"),
          trim(COALESCE(replace(c."phone", '+', ''), '')
            || ' ' || COALESCE((SELECT group_concat(replace(p."phone", '+', ''), ' ') FROM "CustomerPhone" p WHERE p."customerId" = c."id"), '')
            || ' ' || COALESCE((SELECT group_concat(replace(k."phone", '+', ''), ' ') FROM "CustomerContact" k WHERE k."customerId" = c."id" AND k."phone" IS NOT NULL), '')),
          COALESCE(substr(c."email", 1, instr(c."email", '@') - 1), ''),
          lower(trim(COALESCE((SELECT group_concat(k."code", ' ') FROM "CustomerCard" k WHERE k."customerId" = c."id"), '') || ' ' || COALESCE(c."companyCode", '') || ' ' || COALESCE(c."vatCode", '')))
        FROM "Customer" c WHERE c."id" = new."customerId" AND c."mergedIntoId" IS NULL;
        INSERT INTO "CustomerSearchWords" (rowid, "name", "email")
        SELECT c.rowid, till_search_name(c."name"), replace(replace(replace(replace(COALESCE(substr(c."email", 1, instr(c."email", '@') - 1), ''), '.', ''), '-', ''), '_', ''), '+', '')
        FROM "Customer" c WHERE c."id" = new."customerId" AND c."mergedIntoId" IS NULL;
      END;
      CREATE TRIGGER "Customer_search_insert" AFTER INSERT ON "Customer" BEGIN
        INSERT INTO "CustomerSearchRefresh" VALUES (new."id");
      END;
      CREATE TRIGGER "Customer_search_update" AFTER UPDATE OF "name", "phone", "email", "companyCode", "vatCode", "mergedIntoId" ON "Customer" BEGIN
        INSERT INTO "CustomerSearchRefresh" VALUES (new."id");
      END;
      CREATE TRIGGER "Customer_search_delete" AFTER DELETE ON "Customer" BEGIN
        DELETE FROM "CustomerSearch" WHERE rowid = old.rowid;
        DELETE FROM "CustomerSearchWords" WHERE rowid = old.rowid;
      END;
${['CustomerCard', 'CustomerPhone', 'CustomerContact'].map(refreshesCustomerSearch).join('\n')}`,
    refresh: `
      DELETE FROM "CustomerSearch";
      DELETE FROM "CustomerSearchWords";
      INSERT INTO "CustomerSearchRefresh" SELECT "id" FROM "Customer";`,
  },
  {
    // A status move, once made, stays as it was made (migration 0035).
    since: '0035_customer_funnel',
    from: [],
    create: `
      CREATE TRIGGER "CustomerStatusChange_kept_update" BEFORE UPDATE ON "CustomerStatusChange" BEGIN SELECT RAISE(ABORT, 'status history is never changed'); END;
      CREATE TRIGGER "CustomerStatusChange_kept_delete" BEFORE DELETE ON "CustomerStatusChange" BEGIN SELECT RAISE(ABORT, 'status history is never removed'); END;`,
    refresh: '',
  },
  {
    // The product list's "no barcode" filter (migration 0044): goods and services (variants or
    // products without variants) that have no barcode, under the list's row they show in.
    // A product's barcodes may be written before it (foreign keys deferred, as the bench seed does).
    since: '0044_product_list_filter_indexes',
    from: ['Product', 'Barcode'],
    create: `
      CREATE TRIGGER "Product_without_barcode_insert" AFTER INSERT ON "Product"
      WHEN new."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = new."id") BEGIN
        INSERT INTO "ProductWithoutBarcode" ("productId", "listedId") VALUES (new."id", COALESCE(new."parentId", new."id"));
      END;
      CREATE TRIGGER "Product_without_barcode_update" AFTER UPDATE OF "kind", "parentId" ON "Product" BEGIN
        DELETE FROM "ProductWithoutBarcode" WHERE "productId" = old."id";
        INSERT INTO "ProductWithoutBarcode" ("productId", "listedId")
          SELECT new."id", COALESCE(new."parentId", new."id")
          WHERE new."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = new."id");
      END;
      CREATE TRIGGER "Product_without_barcode_delete" AFTER DELETE ON "Product" BEGIN
        DELETE FROM "ProductWithoutBarcode" WHERE "productId" = old."id";
      END;
      CREATE TRIGGER "Barcode_without_barcode_insert" AFTER INSERT ON "Barcode" BEGIN
        DELETE FROM "ProductWithoutBarcode" WHERE "productId" = new."productId";
      END;
      CREATE TRIGGER "Barcode_without_barcode_delete" AFTER DELETE ON "Barcode" BEGIN
        INSERT OR IGNORE INTO "ProductWithoutBarcode" ("productId", "listedId")
          SELECT p."id", COALESCE(p."parentId", p."id") FROM "Product" p
          WHERE p."id" = old."productId" AND p."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = old."productId");
      END;
      CREATE TRIGGER "Barcode_without_barcode_update" AFTER UPDATE OF "productId" ON "Barcode" BEGIN
        DELETE FROM "ProductWithoutBarcode" WHERE "productId" = new."productId";
        INSERT OR IGNORE INTO "ProductWithoutBarcode" ("productId", "listedId")
          SELECT p."id", COALESCE(p."parentId", p."id") FROM "Product" p
          WHERE p."id" = old."productId" AND p."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = old."productId");
      END;`,
    refresh: `
      DELETE FROM "ProductWithoutBarcode";
      INSERT INTO "ProductWithoutBarcode" ("productId", "listedId")
        SELECT p."id", COALESCE(p."parentId", p."id") FROM "Product" p
        WHERE p."kind" IN ('goods', 'service') AND NOT EXISTS (SELECT 1 FROM "Barcode" b WHERE b."productId" = p."id");`,
  },
  {
    // The product list's "below minimum" filter (migration 0044): on hand under the minimum level,
    // which every sale, delivery and count moves.
    since: '0044_product_list_filter_indexes',
    from: ['StockLevel', 'StockBalance'],
    create: `
      CREATE INDEX IF NOT EXISTS "StockLevel_belowMinimum_idx" ON "StockLevel"("outletId", "productId") WHERE "belowMinimum" = 1;
      CREATE TRIGGER "StockLevel_below_minimum_insert" AFTER INSERT ON "StockLevel" BEGIN
        UPDATE "StockLevel" SET "belowMinimum" = (COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = new."outletId" AND b."productId" = new."productId"), 0) < new."minMilli")
        WHERE "outletId" = new."outletId" AND "productId" = new."productId";
      END;
      CREATE TRIGGER "StockLevel_below_minimum_update" AFTER UPDATE OF "minMilli" ON "StockLevel" BEGIN
        UPDATE "StockLevel" SET "belowMinimum" = (COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = new."outletId" AND b."productId" = new."productId"), 0) < new."minMilli")
        WHERE "outletId" = new."outletId" AND "productId" = new."productId";
      END;
      CREATE TRIGGER "StockBalance_below_minimum_insert" AFTER INSERT ON "StockBalance" BEGIN
        UPDATE "StockLevel" SET "belowMinimum" = (new."quantityMilli" < "minMilli") WHERE "outletId" = new."outletId" AND "productId" = new."productId";
      END;
      CREATE TRIGGER "StockBalance_below_minimum_update" AFTER UPDATE OF "quantityMilli" ON "StockBalance" BEGIN
        UPDATE "StockLevel" SET "belowMinimum" = (new."quantityMilli" < "minMilli") WHERE "outletId" = new."outletId" AND "productId" = new."productId";
      END;
      CREATE TRIGGER "StockBalance_below_minimum_delete" AFTER DELETE ON "StockBalance" BEGIN
        UPDATE "StockLevel" SET "belowMinimum" = (0 < "minMilli") WHERE "outletId" = old."outletId" AND "productId" = old."productId";
      END;`,
    refresh: `
      UPDATE "StockLevel" SET "belowMinimum" = (COALESCE((SELECT b."quantityMilli" FROM "StockBalance" b WHERE b."outletId" = "StockLevel"."outletId" AND b."productId" = "StockLevel"."productId"), 0) < "minMilli");`,
  },
  {
    // The product list's archived, no-cost and kind filters (migration 0044), each read in an
    // index of its rows alone. Prisma's schema has no partial indexes; a rebuild of Product drops them.
    since: '0044_product_list_filter_indexes',
    from: [],
    create: `
      CREATE INDEX IF NOT EXISTS "Product_archived_idx" ON "Product"("parentId", "id") WHERE "active" = 0;
      CREATE INDEX IF NOT EXISTS "Product_noCost_idx" ON "Product"("parentId", "id") WHERE "cost" = 0 AND "kind" IN ('goods', 'service');
      CREATE INDEX IF NOT EXISTS "Product_specialKind_idx" ON "Product"("kind", "unit", "parentId", "id") WHERE "kind" <> 'goods' OR "unit" = 'kg';`,
    refresh: '',
  },
  {
    // The product list's supplier filter (migration 0050): the list rows a supplier supplies, with
    // their sort keys. A product without variants is listed for its own supplier rows, a product
    // with variants for those of its variants, as the filter's condition on the catalogue reads.
    // A new supplier row adds its list row; a product's sort keys changed change them here; what
    // may take a list row away (a supplier row removed or moved, a variant moved or deleted, a kind
    // changed) has the list row's supplier rows read again through "SupplierListingRefresh".
    since: '0050_supplier_listing',
    from: ['Product', 'SupplierProduct'],
    create: `
      CREATE VIEW "SupplierListingRefresh" AS SELECT "id" AS "listedId" FROM "Product" WHERE 0;
      CREATE TRIGGER "SupplierListingRefresh_insert" INSTEAD OF INSERT ON "SupplierListingRefresh" BEGIN
        DELETE FROM "_SupplierListing" WHERE "listedId" = new."listedId";
        INSERT OR IGNORE INTO "_SupplierListing" ("listedId", "supplierId", "searchName", "sku", "price", "updatedAt")
          SELECT l."id", sp."supplierId", l."searchName", l."sku", l."price", l."updatedAt" FROM "Product" l JOIN "SupplierProduct" sp ON sp."productId" = l."id"
          WHERE l."id" = new."listedId" AND l."parentId" IS NULL AND l."kind" <> 'family';
        INSERT OR IGNORE INTO "_SupplierListing" ("listedId", "supplierId", "searchName", "sku", "price", "updatedAt")
          SELECT l."id", sp."supplierId", l."searchName", l."sku", l."price", l."updatedAt" FROM "Product" l JOIN "Product" v ON v."parentId" = l."id" JOIN "SupplierProduct" sp ON sp."productId" = v."id"
          WHERE l."id" = new."listedId" AND l."parentId" IS NULL AND l."kind" = 'family';
      END;
      CREATE TRIGGER "SupplierProduct_listing_insert" AFTER INSERT ON "SupplierProduct" BEGIN
        INSERT OR IGNORE INTO "_SupplierListing" ("listedId", "supplierId", "searchName", "sku", "price", "updatedAt")
          SELECT l."id", new."supplierId", l."searchName", l."sku", l."price", l."updatedAt" FROM "Product" v JOIN "Product" l ON l."id" = COALESCE(v."parentId", v."id")
          WHERE v."id" = new."productId" AND l."parentId" IS NULL AND (v."parentId" IS NULL AND l."kind" <> 'family' OR v."parentId" IS NOT NULL AND l."kind" = 'family');
      END;
      CREATE TRIGGER "SupplierProduct_listing_delete" AFTER DELETE ON "SupplierProduct" BEGIN
        INSERT INTO "SupplierListingRefresh" SELECT COALESCE(v."parentId", v."id") FROM "Product" v WHERE v."id" = old."productId";
      END;
      CREATE TRIGGER "SupplierProduct_listing_update" AFTER UPDATE OF "supplierId", "productId" ON "SupplierProduct" BEGIN
        INSERT INTO "SupplierListingRefresh" SELECT COALESCE(v."parentId", v."id") FROM "Product" v WHERE v."id" IN (old."productId", new."productId");
      END;
      CREATE TRIGGER "Product_listing_update" AFTER UPDATE OF "searchName", "sku", "price", "updatedAt" ON "Product" WHEN new."parentId" IS NULL BEGIN
        UPDATE "_SupplierListing" SET "searchName" = new."searchName", "sku" = new."sku", "price" = new."price", "updatedAt" = new."updatedAt" WHERE "listedId" = new."id";
      END;
      CREATE TRIGGER "Product_listing_move" AFTER UPDATE OF "id", "parentId", "kind" ON "Product"
      WHEN old."id" IS NOT new."id" OR old."parentId" IS NOT new."parentId" OR old."kind" IS NOT new."kind" BEGIN
        INSERT INTO "SupplierListingRefresh" SELECT "value" FROM json_each(json_array(old."id", new."id", old."parentId", new."parentId")) WHERE "value" IS NOT NULL;
      END;
      CREATE TRIGGER "Product_listing_delete" AFTER DELETE ON "Product" BEGIN
        DELETE FROM "_SupplierListing" WHERE "listedId" = old."id";
        INSERT INTO "SupplierListingRefresh" SELECT old."parentId" WHERE old."parentId" IS NOT NULL;
      END;`,
    refresh: `
      DELETE FROM "_SupplierListing";
      INSERT OR IGNORE INTO "_SupplierListing" ("listedId", "supplierId", "searchName", "sku", "price", "updatedAt")
        SELECT l."id", sp."supplierId", l."searchName", l."sku", l."price", l."updatedAt"
        FROM "SupplierProduct" sp JOIN "Product" v ON v."id" = sp."productId" JOIN "Product" l ON l."id" = COALESCE(v."parentId", v."id")
        WHERE l."parentId" IS NULL AND (v."parentId" IS NULL AND l."kind" <> 'family' OR v."parentId" IS NOT NULL AND l."kind" = 'family');`,
  },
  {
    // The product list's archived rows (issue 14) in each sort's order, read along one of these
    // indexes of the archived products alone: a million products have ten thousand archived, too
    // many to sort for a page, too few for a walk along the whole catalogue's index to meet soon.
    since: '0050_supplier_listing',
    from: [],
    create: `
      CREATE INDEX IF NOT EXISTS "Product_archived_searchName_idx" ON "Product"("searchName", "id") WHERE "active" = 0;
      CREATE INDEX IF NOT EXISTS "Product_archived_sku_idx" ON "Product"("sku", "id") WHERE "active" = 0;
      CREATE INDEX IF NOT EXISTS "Product_archived_price_idx" ON "Product"("price", "id") WHERE "active" = 0;
      CREATE INDEX IF NOT EXISTS "Product_archived_updatedAt_idx" ON "Product"("updatedAt", "id") WHERE "active" = 0;`,
    refresh: '',
  },
  {
    // Every change to sales, their lines, and who a sale counts for (a merge, a customer's name that
    // orders the lists), counted (migration 0051): the audit of the client base keeps its sales
    // figures while the count stays (crm/audit.ts). Updates count too: max rowid would miss a back-dated sale.
    since: '0051_sales_change_counter',
    from: [],
    create: `
${['Sale', 'SaleLine'].map((table) => countsSalesChanges(table)).join('\n')}
${countsSalesChanges('Customer', `AFTER UPDATE OF "name", "mergedIntoId" ON "Customer" WHEN old."name" IS NOT new."name" OR old."mergedIntoId" IS NOT new."mergedIntoId"`)}`,
    refresh: '',
  },
];

/** The triggers and views a piece of derived data makes (a view's INSTEAD OF triggers go with it). */
function objectsOf(data: DerivedData): { type: 'TRIGGER' | 'VIEW'; name: string }[] {
  return [...data.create.matchAll(/CREATE (TRIGGER|VIEW) "([^"]+)"/g)].map((m) => ({ type: m[1] as 'TRIGGER' | 'VIEW', name: m[2] }));
}

function dropObjects(db: Database.Database, data: DerivedData): void {
  for (const { type, name } of objectsOf(data)) db.exec(`DROP ${type} IF EXISTS "${name}"`);
}

/**
 * Drops the triggers and views of the derived data made by the migrations `applied`, so that the
 * next migration may rebuild the tables they name (run before each migration: on a new database,
 * those the early migrations made are gone before a later one rebuilds a table).
 */
export function dropDerivedObjects(db: Database.Database, applied: string[]): void {
  for (const data of DERIVED_DATA) if (applied.includes(data.since)) dropObjects(db, data);
}

/**
 * Makes the derived data's triggers, views and indexes again once migrations have run (those of a
 * database at `applied`), and recomputes what is new or derived from a table that one of the
 * migrations `ran` names.
 */
export function restoreDerivedData(db: Database.Database, applied: string[], ran: { name: string; sql: string }[]): void {
  for (const data of DERIVED_DATA) {
    if (!applied.includes(data.since)) continue;
    dropObjects(db, data);
    db.exec(data.create);
    const touched = ran.some((m) => m.name === data.since || data.from.some((table) => new RegExp(`\\b${table}\\b`).test(m.sql)));
    if (touched && data.refresh) db.exec(data.refresh);
  }
}
