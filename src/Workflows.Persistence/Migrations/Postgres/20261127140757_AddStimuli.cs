using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflows.Persistence.Migrations.Postgres
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
                    Id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    BookmarkName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    BookmarkHash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    WorkflowInstanceId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    CorrelationId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    InputJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
