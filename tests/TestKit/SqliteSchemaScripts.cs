using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace TestKit;

/// <summary>
/// Checks of a context's SQLite schema script (<c>SqliteSchemaScript</c> in the product): that it is what EF Core
/// generates from the migrations today, and what a database created from it looks like. With
/// <c>RECIPECI_WRITE_SCHEMA_SCRIPTS=1</c> the check writes the generated script into the repository instead of failing
/// (after a new migration, or an EF Core upgrade that changes the script).
/// </summary>
public static class SqliteSchemaScripts
{
    public const string WriteVariable = "RECIPECI_WRITE_SCHEMA_SCRIPTS";

    /// <summary>
    /// The embedded script is what EF Core generates from the context's migrations now (<c>IMigrator.GenerateScript</c>,
    /// no transaction statements), and holds nothing that cannot run inside the one transaction it runs in; the
    /// migrations the product's migrator knows are the ones EF Core finds.
    /// </summary>
    /// <param name="known">The migrations the product's migrator knows (<c>IMigratableDatabase.KnownMigrations</c>).</param>
    /// <param name="embedded">What the product's assembly embeds.</param>
    /// <param name="repositoryPath">The script's file, relative to the repository root.</param>
    public static void AssertCurrent(DbContext context, IReadOnlyList<string> known, string? embedded, string repositoryPath)
    {
        Assert.Equal(context.Database.GetMigrations(), known);
        var generated = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions);
        Assert.DoesNotContain("PRAGMA", generated, StringComparison.OrdinalIgnoreCase);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            File.WriteAllText(Path.Combine(TestEnvironment.RepositoryRoot, repositoryPath), generated);
            return;
        }
        Assert.True(embedded == generated,
            $"{repositoryPath} is not what EF Core generates from the migrations now. Write it again with " +
            $"{WriteVariable}=1 tests/run --project Workflows.Persistence.Tests --project Recipes.Ci.Tests " +
            "--filter FullyQualifiedName~SqliteSchemaScriptTests (see src/Workflows.Persistence/README.md).");
    }

    /// <summary>Two new files, one through the product's migrator and one through EF Core's, have the same schema and history.</summary>
    public static async Task AssertSameSchemaAsync(Func<string, Task> productMigrator, Func<string, DbContext> context, string historyTable)
    {
        using var folder = new TempFolder("schema-script");
        var scripted = $"Data Source={Path.Combine(folder.Path, "scripted.db")}";
        var migrated = $"Data Source={Path.Combine(folder.Path, "migrated.db")}";
        try
        {
            await productMigrator(scripted);
            await using (var db = context(migrated))
                await db.Database.MigrateAsync();

            Assert.Equal(await DescribeAsync(migrated, historyTable), await DescribeAsync(scripted, historyTable));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The database's schema as SQLite stores it (every table and index with its SQL) and its history rows.</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString, string historyTable)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        await using (var schema = connection.CreateCommand())
        {
            // Not EF Core's migration lock table: its migrator makes one to keep migrators apart, the script's single
            // write transaction does that without one.
            schema.CommandText = """
                SELECT type, name, tbl_name, sql FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY type, name
                """;
            await using var reader = await schema.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                lines.Add($"{reader.GetString(0)} {reader.GetString(1)} on {reader.GetString(2)}: {(reader.IsDBNull(3) ? "" : reader.GetString(3))}");
        }
        await using (var history = connection.CreateCommand())
        {
            history.CommandText = $"SELECT \"MigrationId\", \"ProductVersion\" FROM \"{historyTable}\" ORDER BY \"MigrationId\"";
            await using var reader = await history.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                lines.Add($"applied {reader.GetString(0)} by EF Core {reader.GetString(1)}");
        }
        return lines;
    }
}
