using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Recipes.Ci.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CanonicalServing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recipe_canonical_serving",
                columns: table => new
                {
                    Recipe = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SnapshotId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Commit = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ServedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipe_canonical_serving", x => x.Recipe);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recipe_canonical_serving");
        }
    }
}
