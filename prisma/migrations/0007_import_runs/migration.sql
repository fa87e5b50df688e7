-- Import runs with a journal of changes (undo), rejected rows (download) and saved templates.
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL,
    "status" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "report" TEXT NOT NULL DEFAULT '{}',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
);

CREATE TABLE "ImportChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "importId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT NOT NULL DEFAULT '{}',
    "after" TEXT NOT NULL DEFAULT '{}',
    "card" TEXT
);

CREATE TABLE "ImportRejectedRow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "importId" TEXT NOT NULL,
    "row" INTEGER NOT NULL,
    "cells" TEXT NOT NULL,
    "reasons" TEXT NOT NULL
);

CREATE TABLE "ImportTemplate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "options" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX "ImportRun_createdAt_idx" ON "ImportRun"("createdAt");
CREATE INDEX "ImportChange_importId_idx" ON "ImportChange"("importId");
CREATE INDEX "ImportRejectedRow_importId_row_idx" ON "ImportRejectedRow"("importId", "row");
CREATE UNIQUE INDEX "ImportTemplate_name_key" ON "ImportTemplate"("name");
