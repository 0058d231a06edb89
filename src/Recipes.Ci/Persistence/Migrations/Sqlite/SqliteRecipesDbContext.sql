CREATE TABLE IF NOT EXISTS "__RecipesMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___RecipesMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "recipe_app_lock_waiters" (
    "App" TEXT NOT NULL,
    "RunId" TEXT NOT NULL,
    "InstanceId" TEXT NOT NULL,
    "WaitingSince" INTEGER NOT NULL,
    "LastPolledAt" INTEGER NOT NULL,
    CONSTRAINT "PK_recipe_app_lock_waiters" PRIMARY KEY ("App", "RunId")
);

CREATE TABLE "recipe_app_locks" (
    "App" TEXT NOT NULL CONSTRAINT "PK_recipe_app_locks" PRIMARY KEY,
    "HolderRunId" TEXT NOT NULL,
    "HolderInstanceId" TEXT NOT NULL,
    "HolderWorker" TEXT NOT NULL,
    "AcquiredAt" INTEGER NOT NULL,
    "LeaseExpiresAt" INTEGER NOT NULL
);

CREATE TABLE "recipe_canonicals" (
    "Recipe" TEXT NOT NULL CONSTRAINT "PK_recipe_canonicals" PRIMARY KEY,
    "Commit" TEXT NOT NULL,
    "Version" TEXT NULL,
    "SnapshotId" TEXT NOT NULL,
    "PromotedAt" INTEGER NOT NULL,
    "RunId" TEXT NOT NULL
);

CREATE TABLE "recipe_runs" (
    "RunId" TEXT NOT NULL CONSTRAINT "PK_recipe_runs" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "Mode" TEXT NOT NULL,
    "Recipe" TEXT NOT NULL,
    "Ref" TEXT NOT NULL,
    "Commit" TEXT NULL,
    "Pr" TEXT NULL,
    "Trigger" TEXT NOT NULL,
    "App" TEXT NULL,
    "Result" TEXT NULL,
    "DeployCount" INTEGER NOT NULL,
    "PhaseDurationsJson" TEXT NOT NULL,
    "ReportPath" TEXT NULL,
    "ReportXml" TEXT NULL,
    "ParentRunId" TEXT NULL,
    "StartedAt" INTEGER NOT NULL,
    "FinishedAt" INTEGER NULL
);

CREATE TABLE "recipe_warm_dependencies" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_recipe_warm_dependencies" PRIMARY KEY,
    "Current" TEXT NULL,
    "LastGood" TEXT NULL,
    "SnapshotId" TEXT NULL,
    "HeldReason" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE INDEX "IX_recipe_app_lock_waiters_App_WaitingSince" ON "recipe_app_lock_waiters" ("App", "WaitingSince");

CREATE INDEX "IX_recipe_runs_InstanceId" ON "recipe_runs" ("InstanceId");

CREATE INDEX "IX_recipe_runs_Recipe_StartedAt" ON "recipe_runs" ("Recipe", "StartedAt");

CREATE INDEX "IX_recipe_runs_StartedAt" ON "recipe_runs" ("StartedAt");

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127131920_InitialRecipes', '10.0.15');

ALTER TABLE "recipe_canonicals" ADD "SnapshotApp" TEXT NOT NULL DEFAULT '';

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127133257_CanonicalSnapshotApp', '10.0.15');

CREATE TABLE "recipe_webhook_deliveries" (
    "Source" TEXT NOT NULL,
    "DeliveryId" TEXT NOT NULL,
    "ReceivedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_recipe_webhook_deliveries" PRIMARY KEY ("Source", "DeliveryId")
);

CREATE INDEX "IX_recipe_webhook_deliveries_ReceivedAt" ON "recipe_webhook_deliveries" ("ReceivedAt");

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127140813_WebhookDeliveries', '10.0.15');

CREATE TABLE "recipe_canonical_serving" (
    "Recipe" TEXT NOT NULL CONSTRAINT "PK_recipe_canonical_serving" PRIMARY KEY,
    "SnapshotId" TEXT NOT NULL,
    "Commit" TEXT NOT NULL,
    "ServedAt" INTEGER NOT NULL
);

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127212841_CanonicalServing', '10.0.15');

ALTER TABLE "recipe_runs" ADD "ConvergedAt" INTEGER NULL;

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127215201_RunConvergedAt', '10.0.15');

ALTER TABLE "recipe_runs" ADD "Reason" TEXT NULL;

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206122405_RunReason', '10.0.15');

CREATE TABLE "recipe_forge_outbox" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_recipe_forge_outbox" PRIMARY KEY AUTOINCREMENT,
    "RunId" TEXT NOT NULL,
    "Step" TEXT NOT NULL,
    "Repository" TEXT NOT NULL,
    "Sha" TEXT NOT NULL,
    "Pr" TEXT NULL,
    "Context" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "TargetUrl" TEXT NULL,
    "Body" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "ClaimedUntil" INTEGER NULL,
    "DoneAt" INTEGER NULL,
    "LastError" TEXT NULL
);

CREATE INDEX "IX_recipe_forge_outbox_DoneAt_NextAttemptAt" ON "recipe_forge_outbox" ("DoneAt", "NextAttemptAt");

CREATE UNIQUE INDEX "IX_recipe_forge_outbox_RunId_Step" ON "recipe_forge_outbox" ("RunId", "Step");

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206122941_ForgeOutbox', '10.0.15');

ALTER TABLE "recipe_runs" ADD "WarningsJson" TEXT NULL;

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206123038_RunWarnings', '10.0.15');

CREATE TABLE "recipe_run_deploy_steps" (
    "RunId" TEXT NOT NULL,
    "Step" TEXT NOT NULL,
    "Before" TEXT NOT NULL,
    "Counted" INTEGER NOT NULL,
    "StartedAt" INTEGER NOT NULL,
    CONSTRAINT "PK_recipe_run_deploy_steps" PRIMARY KEY ("RunId", "Step")
);

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206123531_RunDeploySteps', '10.0.15');

ALTER TABLE "recipe_runs" ADD "Promotion" TEXT NULL;

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206130355_RunPromotion', '10.0.15');

ALTER TABLE "recipe_runs" ADD "Untrusted" TEXT NULL;

INSERT INTO "__RecipesMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206170655_RunUntrusted', '10.0.15');

