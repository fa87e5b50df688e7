-- Custom fields (issue 20): the chain's fields of customers (head office owns them) and customers' values, one typed column each.
-- CreateTable
CREATE TABLE "CustomFieldDefinition" (
    "id" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "choices" TEXT,
    "defaultValue" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "origin" TEXT NOT NULL DEFAULT 'outlet',
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CustomFieldDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomFieldValue" (
    "fieldId" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "text" TEXT,
    "number" DOUBLE PRECISION,
    "integer" INTEGER,
    "day" TEXT,

    CONSTRAINT "CustomFieldValue_pkey" PRIMARY KEY ("fieldId","entityId")
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

