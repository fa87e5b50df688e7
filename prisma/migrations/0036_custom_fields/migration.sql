-- Custom fields (issue 20): the owner's fields on customers, products and invoices, and their values in a column per type with an index each (filtering by a field at 100,000+ customers).
-- CreateTable
CREATE TABLE "CustomFieldDefinition" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "entity" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "choices" TEXT,
    "defaultValue" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "origin" TEXT NOT NULL DEFAULT 'outlet',
    "archivedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CustomFieldValue" (
    "fieldId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "text" TEXT,
    "number" REAL,
    "integer" INTEGER,
    "day" TEXT,

    PRIMARY KEY ("fieldId", "entityId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CustomFieldDefinition_entity_key_key" ON "CustomFieldDefinition"("entity", "key");

-- CreateIndex
CREATE INDEX "CustomFieldValue_entityId_idx" ON "CustomFieldValue"("entityId");

-- CreateIndex
CREATE INDEX "CustomFieldValue_fieldId_text_entityId_idx" ON "CustomFieldValue"("fieldId", "text", "entityId");

-- CreateIndex
CREATE INDEX "CustomFieldValue_fieldId_number_entityId_idx" ON "CustomFieldValue"("fieldId", "number", "entityId");

-- CreateIndex
CREATE INDEX "CustomFieldValue_fieldId_integer_entityId_idx" ON "CustomFieldValue"("fieldId", "integer", "entityId");

-- CreateIndex
CREATE INDEX "CustomFieldValue_fieldId_day_entityId_idx" ON "CustomFieldValue"("fieldId", "day", "entityId");

