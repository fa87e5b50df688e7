-- CRM: customers' managers, departments, how far each user sees the customer base, the interactions logged on customers, tasks with their reminders; campaign messages retried with back-off.
-- CreateTable
CREATE TABLE "CustomerManager" (
    "customerId" TEXT NOT NULL PRIMARY KEY,
    "managerId" TEXT NOT NULL,
    "assignedById" TEXT,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "headId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CrmUser" (
    "userId" TEXT NOT NULL PRIMARY KEY,
    "departmentId" TEXT,
    "customerScope" TEXT,
    "email" TEXT
);

-- CreateTable
CREATE TABLE "Interaction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "direction" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "userId" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "correctsId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "InteractionAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "interactionId" TEXT,
    "uploadedById" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CrmTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "customerId" TEXT,
    "assigneeId" TEXT NOT NULL,
    "createdById" TEXT,
    "dueAt" DATETIME NOT NULL,
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "recurrence" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "origin" TEXT NOT NULL DEFAULT 'manual',
    "originKey" TEXT,
    "interactionId" TEXT,
    "remindedAt" DATETIME,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CrmTaskEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "taskId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "userId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "fromDueAt" DATETIME,
    "toDueAt" DATETIME,
    "fromUserId" TEXT,
    "toUserId" TEXT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Campaign messages: tries and when the next one is due (a failed try is retried with back-off).
ALTER TABLE "CampaignMessage" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "CampaignMessage" ADD COLUMN "nextAttemptAt" DATETIME;

-- CreateIndex
CREATE INDEX "CustomerManager_managerId_idx" ON "CustomerManager"("managerId");

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE INDEX "CrmUser_departmentId_idx" ON "CrmUser"("departmentId");

-- CreateIndex
CREATE INDEX "Interaction_customerId_occurredAt_idx" ON "Interaction"("customerId", "occurredAt");

-- CreateIndex
CREATE INDEX "InteractionAttachment_interactionId_idx" ON "InteractionAttachment"("interactionId");

-- CreateIndex
CREATE UNIQUE INDEX "CrmTask_originKey_key" ON "CrmTask"("originKey");

-- CreateIndex
CREATE INDEX "CrmTask_assigneeId_status_dueAt_idx" ON "CrmTask"("assigneeId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "CrmTask_customerId_idx" ON "CrmTask"("customerId");

-- CreateIndex
CREATE INDEX "CrmTask_status_dueAt_idx" ON "CrmTask"("status", "dueAt");

-- CreateIndex
CREATE INDEX "CrmTaskEvent_taskId_idx" ON "CrmTaskEvent"("taskId");

