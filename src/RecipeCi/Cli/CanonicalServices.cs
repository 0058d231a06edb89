using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecipeCi.Configuration;
using RecipeCi.Logging;
using Serilog;
using Recipes.Ci.Activities;
using Recipes.Ci.Locking;
using Recipes.Ci.Persistence;
using Recipes.Ci.Runs;
using Recipes.Ci.Warm;
using Workflows.Core.Activities;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.DependencyInjection;
using Workflows.Persistence.Schema;

namespace RecipeCi.Cli;

/// <summary>
/// Composition of the recipe-CI domain for the CLI (<c>run</c>, <c>canonical</c>, <c>runs labels</c>, <c>bench
/// quick-vs-cold</c>): settings read like <c>serve</c> reads them (environment <c>RECIPECI_*</c>, then configuration
/// flags), the domain database migrated, and the app-lock lease heartbeat running while the command runs.
/// </summary>
public sealed class CanonicalServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IReadOnlyList<IHostedService> _hosted;

    private CanonicalServices(ServiceProvider provider, IReadOnlyList<IHostedService> hosted)
    {
        _provider = provider;
        _hosted = hosted;
    }

    public IServiceProvider Services => _provider;

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>A registry with the built-ins and the Recipes.* activities.</summary>
    public static ActivityRegistry CreateRegistry() => RecipeActivities.Register(ActivityRegistry.CreateWithBuiltIns());

    /// <summary>
    /// Throws <see cref="ConfigurationException"/> on bad configuration. <paramref name="withInstances"/> adds the
    /// engine's instance store of the configured database (what <c>serve</c> writes), so run liveness asks it first,
    /// as it does in the server: a cancelled or finished instance is not running whatever its run record says.
    /// </summary>
    public static async Task<CanonicalServices> StartAsync(IReadOnlyList<string> configurationArgs, CancellationToken cancellationToken, bool withInstances = false,
        bool readOnly = false)
    {
        var configuration = CliConfiguration.Build(configurationArgs);
        var settings = new SettingsReader(configuration).Read();
        if (readOnly && SqliteFile(settings.Persistence) is { } file && !File.Exists(file))
            throw new NoDatabaseException(file, settings.DataDir);
        var services = new ServiceCollection();
        // serve's log format (Serilog, same template and levels), on stderr: stdout is the command's result.
        var serilog = SerilogSetup.Configure(new Serilog.LoggerConfiguration(), configuration, "text", standardError: true).CreateLogger();
        services.AddLogging(b => b.ClearProviders().AddSerilog(serilog, dispose: true));
        services.AddRecipeCi(OptionsFrom(settings, configuration));
        services.AddWarmDependencies(settings.Warm, settings.Tenants, settings.Alerts);
        if (withInstances)
            services.AddWorkflowPersistence(settings.Persistence);
        var provider = services.BuildServiceProvider();
        try
        {
            await provider.GetRequiredService<RecipesDatabaseMigrator>().MigrateAsync(cancellationToken);
            if (withInstances)
                await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var hosted = provider.GetServices<IHostedService>().Where(h => h is AppLockHeartbeat).ToList();
            foreach (var service in hosted)
                await service.StartAsync(cancellationToken);
            return new CanonicalServices(provider, hosted);
        }
        catch
        {
            await provider.DisposeAsync();
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

    /// <summary>
    /// The activities' options from the validated settings. <c>Ci:AppLockLease</c> and <c>Ci:AppLockPoll</c> (seconds)
    /// tune per-app serialization; tests shorten them.
    /// </summary>
    public static RecipeCiOptions OptionsFrom(RecipeCiSettings settings, IConfiguration configuration)
    {
        var locks = new AppLockOptions(
            Seconds(configuration["Ci:AppLockLease"]) ?? AppLockOptions.Default.Lease,
            Seconds(configuration["Ci:AppLockPoll"]) ?? AppLockOptions.Default.PollInterval);
        return new RecipeCiOptions(settings.DataDir, settings.Ci.Domain, settings.Ci.MaxTests, settings.Paths, settings.Persistence,
            settings.Docker, locks, Seconds(configuration["Ci:UndeployTimeout"]) ?? TimeSpan.FromMinutes(2))
        {
            SnapshotTransport = settings.SnapshotTransport,
            WarmCanonicals = settings.Ci.WarmCanonicals,
            SnapshotsKeepPerRecipe = settings.SnapshotsKeepPerRecipe,
            PruneHostWide = settings.PruneHostWide,
            Tests = settings.Tests,
            Swarm = settings.Swarm,
            RunPages = RunPagesFrom(settings, configuration),
            PromoteFrom = settings.Ci.PromoteFrom,
        };
    }

    /// <summary>
    /// Run page links: based on <c>Forge:PublicUrl</c>, else the server's first URL (<c>--urls</c>); tokens from
    /// <c>Ci:RunPageKey</c> (else derived from the webhook secret or API key); <c>Ci:PublicRunPages=true</c> opens all.
    /// </summary>
    public static RunPageOptions RunPagesFrom(RecipeCiSettings settings, IConfiguration configuration)
    {
        var configured = configuration["Forge:PublicUrl"] ?? configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (configured is not null && !(Uri.TryCreate(configured.TrimEnd('/') + "/", UriKind.Absolute, out _) && configured.StartsWith("http", StringComparison.OrdinalIgnoreCase)))
            throw new ConfigurationException([$"Forge:PublicUrl '{configured}' is not an http(s) URL; set it to the address people reach recipeci at, e.g. https://ci.example.org."]);
        var baseUrl = new Uri((configured ?? RunPageOptions.DefaultBaseUrl).TrimEnd('/') + "/");
        var key = RunPageLinks.ResolveKey(configuration["Ci:RunPageKey"], settings.Ci.WebhookSecret, settings.Ci.ApiKey, settings.DataDir);
        var isPublic = bool.TryParse(configuration["Ci:PublicRunPages"], out var open) && open;
        return new RunPageOptions(baseUrl, key, isPublic);

    }

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
            await service.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}
