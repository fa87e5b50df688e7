-- A counter of changes to what the audit of the client base derives from sales (Sale, SaleLine, and
-- the customers a sale counts for); its triggers are in server/db/derived-data.ts. Not in Prisma's
-- schema (the leading underscore keeps it out of the schema checks, as "_migrations").
CREATE TABLE "_SalesChanges" ("id" INTEGER NOT NULL PRIMARY KEY, "n" INTEGER NOT NULL);
INSERT INTO "_SalesChanges" ("id", "n") VALUES (1, 0);
