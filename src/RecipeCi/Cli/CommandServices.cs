using Microsoft.Extensions.Hosting;
using RecipeCi.Configuration;
using RecipeCi.Hosting;
using RecipeCi.Logging;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Serilog;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Schema;

namespace RecipeCi.Cli;

/// <summary>
/// The services of a CLI command (<c>run</c>, <c>canonical</c>, <c>runs labels</c>, <c>tenants reap</c>, <c>prune</c>,
/// <c>bench quick-vs-cold</c>, <c>workflows export|import</c>), composed by <see cref="RecipeCiHost"/> as serve's
/// are, in a host that starts only the hosted services the command needs: the database migrations and the app-lock
/// lease heartbeat, which runs while the command runs.
/// </summary>
public sealed class CommandServices : IAsyncDisposable
{
    private readonly IHost _host;

    private CommandServices(IHost host, ValidatedSettings settings)
    {
        _host = host;
        Settings = settings.RecipeCi;
    }

    public IServiceProvider Services => _host.Services;

    public RecipeCiSettings Settings { get; }

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>
    /// The recipe-CI domain, its database migrated. Throws <see cref="ConfigurationException"/> on bad configuration.
    /// <paramref name="withInstances"/> adds the engine's instance store of the configured database (what <c>serve</c>
    /// writes), so run liveness asks it first, as it does in the server: a cancelled or finished instance is not running
    /// whatever its run record says. <paramref name="readOnly"/> refuses to create a SQLite database that is not there.
    /// </summary>
    public static Task<CommandServices> StartAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken, bool withInstances = false,
        bool readOnly = false)
    {
        var builder = RecipeCiHost.CreateCommandBuilder(configurationArgs);
        var settings = builder.AddRecipeCiSettings();
        if (readOnly && SqliteFile(settings.RecipeCi.Persistence) is { } file && !File.Exists(file))
            throw new NoDatabaseException(file, settings.RecipeCi.DataDir);
        // serve's log format (Serilog, same template and levels), on stderr: stdout is the command's result.
        var serilog = SerilogSetup.Configure(new LoggerConfiguration(), builder.Configuration, "text", standardError: true).CreateLogger();
        builder.Logging.ClearProviders().AddSerilog(serilog, dispose: true);
        builder.AddRecipeCiDomain(settings.RecipeCi, withInstances);
        return StartAsync(builder, settings, [typeof(DatabaseMigrationHostedService), typeof(RecipesMigrationHostedService), typeof(AppLockHeartbeat)],
            cancellationToken);
    }

    /// <summary>Builds the host and starts it with only the hosted services of <paramref name="hostedServices"/> (in their registration order).</summary>
    public static async Task<CommandServices> StartAsync(HostApplicationBuilder builder, ValidatedSettings settings, IReadOnlyCollection<Type> hostedServices,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(hostedServices);
        var services = builder.Services;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) && !services[i].IsKeyedService && !hostedServices.Contains(services[i].ImplementationType))
                services.RemoveAt(i);
        }
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new CommandServices(host, settings);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    // The database file of a SQLite connection string; null for PostgreSQL (a server, not a file to create by accident).
    private static string? SqliteFile(PersistenceOptions persistence) =>
        persistence.Provider == DatabaseProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(persistence.ConnectionString).DataSource is { Length: > 0 } source && source != ":memory:"
                ? Path.GetFullPath(source)
                : null
            : null;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        if (_host is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else
            _host.Dispose();
    }
}
