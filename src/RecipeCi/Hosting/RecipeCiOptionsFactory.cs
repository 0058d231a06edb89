using RecipeCi.Configuration;
using Recipes.Ci.Activities;
using Recipes.Ci.Locking;
using Recipes.Ci.Runs;

namespace RecipeCi.Hosting;

/// <summary>The activities' options from the validated settings, the same for serve and every command.</summary>
public static class RecipeCiOptionsFactory
{
    /// <summary>
    /// <c>Ci:AppLockLease</c> and <c>Ci:AppLockPoll</c> (seconds) tune per-app serialization; tests shorten them.
    /// </summary>
    public static RecipeCiOptions From(RecipeCiSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
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
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
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
}
