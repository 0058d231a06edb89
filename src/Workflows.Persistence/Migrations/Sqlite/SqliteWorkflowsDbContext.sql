CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "ActivityExecutionRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ActivityExecutionRecords" PRIMARY KEY,
    "WorkflowInstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "ActivityNodeId" TEXT NOT NULL,
    "ActivityType" TEXT NOT NULL,
    "ActivityTypeVersion" INTEGER NOT NULL,
    "ActivityName" TEXT NULL,
    "Status" TEXT NOT NULL,
    "OutcomesJson" TEXT NULL,
    "InputsJson" TEXT NULL,
    "OutputsJson" TEXT NULL,
    "Exception" TEXT NULL,
    "HasBookmarks" INTEGER NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    "CompletedAt" INTEGER NULL
);

CREATE TABLE "Bookmarks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Bookmarks" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "PayloadJson" TEXT NULL,
    "WorkflowInstanceId" TEXT NOT NULL,
    "ActivityInstanceId" TEXT NOT NULL,
    "ActivityId" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ResumeAt" INTEGER NULL
);

CREATE TABLE "ExecutionLogRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ExecutionLogRecords" PRIMARY KEY,
    "WorkflowInstanceId" TEXT NOT NULL,
    "ActivityInstanceId" TEXT NULL,
    "ParentActivityInstanceId" TEXT NULL,
    "ActivityId" TEXT NULL,
    "ActivityNodeId" TEXT NULL,
    "ActivityType" TEXT NULL,
    "Timestamp" INTEGER NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "EventName" TEXT NOT NULL,
    "Message" TEXT NULL,
    "PayloadJson" TEXT NULL
);

CREATE TABLE "Triggers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Triggers" PRIMARY KEY,
    "WorkflowDefinitionId" TEXT NOT NULL,
    "WorkflowDefinitionVersionId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Hash" TEXT NOT NULL,
    "PayloadJson" TEXT NOT NULL
);

CREATE TABLE "WorkflowDefinitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "IsLatest" INTEGER NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Json" TEXT NOT NULL,
    "ContentHash" TEXT NULL
);

CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "DefinitionVersionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NULL,
    "Status" TEXT NOT NULL,
    "SubStatus" TEXT NOT NULL,
    "CorrelationId" TEXT NULL,
    "ParentInstanceId" TEXT NULL,
    "InputJson" TEXT NOT NULL,
    "OutputJson" TEXT NOT NULL,
    "VariablesJson" TEXT NOT NULL,
    "ExecutionStateJson" TEXT NOT NULL,
    "IncidentsJson" TEXT NOT NULL,
    "IncidentCount" INTEGER NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseExpiresAt" INTEGER NULL
);

CREATE INDEX "IX_ActivityExecutionRecords_WorkflowInstanceId_StartedAt" ON "ActivityExecutionRecords" ("WorkflowInstanceId", "StartedAt");

CREATE INDEX "IX_Bookmarks_Hash" ON "Bookmarks" ("Hash");

CREATE INDEX "IX_Bookmarks_ResumeAt" ON "Bookmarks" ("ResumeAt");

CREATE INDEX "IX_Bookmarks_WorkflowInstanceId" ON "Bookmarks" ("WorkflowInstanceId");

CREATE INDEX "IX_ExecutionLogRecords_WorkflowInstanceId_Sequence" ON "ExecutionLogRecords" ("WorkflowInstanceId", "Sequence");

CREATE INDEX "IX_Triggers_Hash" ON "Triggers" ("Hash");

CREATE INDEX "IX_Triggers_Name" ON "Triggers" ("Name");

CREATE INDEX "IX_Triggers_WorkflowDefinitionId" ON "Triggers" ("WorkflowDefinitionId");

CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");

CREATE INDEX "IX_WorkflowDefinitions_IsLatest_Name" ON "WorkflowDefinitions" ("IsLatest", "Name");

CREATE INDEX "IX_WorkflowDefinitions_IsPublished_Name" ON "WorkflowDefinitions" ("IsPublished", "Name");

CREATE INDEX "IX_WorkflowInstances_CorrelationId" ON "WorkflowInstances" ("CorrelationId");

CREATE INDEX "IX_WorkflowInstances_CreatedAt" ON "WorkflowInstances" ("CreatedAt");

CREATE INDEX "IX_WorkflowInstances_DefinitionId_UpdatedAt" ON "WorkflowInstances" ("DefinitionId", "UpdatedAt");

CREATE INDEX "IX_WorkflowInstances_DefinitionVersionId" ON "WorkflowInstances" ("DefinitionVersionId");

CREATE INDEX "IX_WorkflowInstances_ParentInstanceId" ON "WorkflowInstances" ("ParentInstanceId");

CREATE INDEX "IX_WorkflowInstances_Status_FinishedAt" ON "WorkflowInstances" ("Status", "FinishedAt");

CREATE INDEX "IX_WorkflowInstances_Status_LeaseExpiresAt" ON "WorkflowInstances" ("Status", "LeaseExpiresAt");

CREATE INDEX "IX_WorkflowInstances_Status_UpdatedAt" ON "WorkflowInstances" ("Status", "UpdatedAt");

CREATE INDEX "IX_WorkflowInstances_SubStatus_UpdatedAt" ON "WorkflowInstances" ("SubStatus", "UpdatedAt");

CREATE INDEX "IX_WorkflowInstances_UpdatedAt" ON "WorkflowInstances" ("UpdatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127123512_InitialCreate', '10.0.15');

CREATE TABLE "Stimuli" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Stimuli" PRIMARY KEY,
    "BookmarkName" TEXT NOT NULL,
    "BookmarkHash" TEXT NOT NULL,
    "WorkflowInstanceId" TEXT NULL,
    "CorrelationId" TEXT NULL,
    "InputJson" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);

CREATE INDEX "IX_Stimuli_CreatedAt" ON "Stimuli" ("CreatedAt");

CREATE INDEX "IX_Stimuli_ExpiresAt" ON "Stimuli" ("ExpiresAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127140748_AddStimuli', '10.0.15');

DROP INDEX "IX_WorkflowInstances_DefinitionId_UpdatedAt";

DROP INDEX "IX_WorkflowInstances_Status_UpdatedAt";

DROP INDEX "IX_WorkflowInstances_SubStatus_UpdatedAt";

DROP INDEX "IX_WorkflowInstances_UpdatedAt";

CREATE INDEX "IX_WorkflowInstances_DefinitionId" ON "WorkflowInstances" ("DefinitionId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127154929_HotInstanceUpdates', '10.0.15');

CREATE TABLE "Sessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Sessions" PRIMARY KEY,
    "KeyFingerprint" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL
);

CREATE INDEX "IX_Sessions_ExpiresAt" ON "Sessions" ("ExpiresAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206122056_StudioSessions', '10.0.15');

