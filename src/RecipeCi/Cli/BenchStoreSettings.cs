using Spectre.Console;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Cli;

/// <summary>The store options of the engine benchmarks (<c>bench engine</c>, <c>bench http</c>): which database, and where.</summary>
public class BenchStoreSettings : BenchSettings
{
    [CommandOption("--store <STORE>"), Description("sqlite (default) or postgres."), DefaultValue("sqlite")]
    public string Store { get; init; } = "sqlite";

    [CommandOption("--connection <STR>"), Description("Connection string; default: a throw-away database (temporary SQLite file, or a recipeci_bench_* PostgreSQL database on 127.0.0.1, dropped afterwards).")]
    public string? Connection { get; init; }

    public DatabaseProvider Provider => Store == "postgres" ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite;

    public override ValidationResult Validate() =>
        Store is "sqlite" or "postgres"
            ? ValidationResult.Success()
            : ValidationResult.Error($"--store '{Store}' is not allowed; use sqlite or postgres.");
}
