using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddStimuli : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Stimuli",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BookmarkName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    BookmarkHash = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    WorkflowInstanceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    InputJson = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stimuli", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Stimuli_CreatedAt",
                table: "Stimuli",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Stimuli_ExpiresAt",
                table: "Stimuli",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Stimuli");
        }
    }
}
