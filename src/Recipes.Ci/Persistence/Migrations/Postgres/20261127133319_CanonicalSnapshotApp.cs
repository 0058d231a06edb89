using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Recipes.Ci.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CanonicalSnapshotApp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SnapshotApp",
                table: "recipe_canonicals",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SnapshotApp",
                table: "recipe_canonicals");
        }
    }
}
