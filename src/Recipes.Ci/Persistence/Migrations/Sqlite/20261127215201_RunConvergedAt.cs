using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Recipes.Ci.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunConvergedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConvergedAt",
                table: "recipe_runs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConvergedAt",
                table: "recipe_runs");
        }
    }
}
