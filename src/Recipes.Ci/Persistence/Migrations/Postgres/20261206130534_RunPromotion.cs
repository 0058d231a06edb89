using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Recipes.Ci.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunPromotion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Promotion",
                table: "recipe_runs",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Promotion",
                table: "recipe_runs");
        }
    }
}
