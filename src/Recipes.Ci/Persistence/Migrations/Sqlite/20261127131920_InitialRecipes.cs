using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Recipes.Ci.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialRecipes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recipe_app_lock_waiters",
                columns: table => new
                {
                    App = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WaitingSince = table.Column<long>(type: "INTEGER", nullable: false),
                    LastPolledAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_app_lock_waiters", x => new { x.App, x.RunId });
                });

            migrationBuilder.CreateTable(
                name: "recipe_app_locks",
                columns: table => new
                {
                    App = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HolderRunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HolderInstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HolderWorker = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AcquiredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaseExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_app_locks", x => x.App);
                });

            migrationBuilder.CreateTable(
                name: "recipe_canonicals",
                columns: table => new
                {
                    Recipe = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SnapshotId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PromotedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_canonicals", x => x.Recipe);
                });

            migrationBuilder.CreateTable(
                name: "recipe_runs",
                columns: table => new
                {
                    RunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Recipe = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Ref = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Pr = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    App = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DeployCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PhaseDurationsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReportPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReportXml = table.Column<string>(type: "TEXT", nullable: true),
                    ParentRunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_runs", x => x.RunId);
                });

            migrationBuilder.CreateTable(
                name: "recipe_warm_dependencies",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Current = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastGood = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SnapshotId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HeldReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_warm_dependencies", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recipe_app_lock_waiters_App_WaitingSince",
                table: "recipe_app_lock_waiters",
                columns: new[] { "App", "WaitingSince" });

            migrationBuilder.CreateIndex(
                name: "IX_recipe_runs_InstanceId",
                table: "recipe_runs",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_recipe_runs_Recipe_StartedAt",
                table: "recipe_runs",
                columns: new[] { "Recipe", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recipe_runs_StartedAt",
                table: "recipe_runs",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recipe_app_lock_waiters");

            migrationBuilder.DropTable(
                name: "recipe_app_locks");

            migrationBuilder.DropTable(
                name: "recipe_canonicals");

            migrationBuilder.DropTable(
                name: "recipe_runs");

            migrationBuilder.DropTable(
                name: "recipe_warm_dependencies");
        }
    }
}
