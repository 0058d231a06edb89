namespace Recipes.Ci.Configuration;

/// <summary>How a warm dependency picks the version it should run.</summary>
public enum VersionPolicy
{
    /// <summary>The newest version tag of the recipe.</summary>
    Latest,

    /// <summary>Exactly <see cref="WarmDependencySettings.Version"/>.</summary>
    Pinned,
}

/// <summary>The health gate run after every upgrade of a warm dependency.</summary>
/// <param name="Path">HTTP path probed on the app's domain, e.g. <c>/health/ready</c>.</param>
/// <param name="Timeout">How long the app has to answer 2xx before the upgrade is rolled back.</param>
/// <param name="Url">Probe this http(s) URL on 127.0.0.1 instead (<c>${VAR}</c> from the app's env), for apps
/// published on the host rather than behind the proxy.</param>
public sealed record HealthGateSettings(string Path, TimeSpan Timeout, string? Url = null)
{
    public static HealthGateSettings Default { get; } = new("/", TimeSpan.FromMinutes(5));
}

/// <summary>One entry of <c>Warm:Dependencies</c>: a long-lived shared app that runs reuse.</summary>
/// <param name="Name">The dependency's name; its app is <c>warm-&lt;Name&gt;</c> and recipes name it in <c>needs</c>.</param>
/// <param name="Recipe">The recipe it is deployed from.</param>
/// <param name="Version">The pinned version tag; required when <paramref name="VersionPolicy"/> is Pinned.</param>
/// <param name="HoldMajorBumps">Safety gate: do not move to a new major version on its own; alert instead.</param>
/// <param name="HoldWhileTenantsLive">Safety gate: do not upgrade while runs hold tenants in it.</param>
/// <param name="Hold">Safety gate: the operator holds it by setting.</param>
/// <param name="HoldFlagFile">Safety gate: the operator holds it while this file exists.</param>
public sealed record WarmDependencySettings(
    string Name,
    string Recipe,
    VersionPolicy VersionPolicy,
    string? Version,
    bool HoldMajorBumps,
    bool HoldWhileTenantsLive,
    bool Hold,
    string? HoldFlagFile,
    HealthGateSettings HealthGate,
    TenantProviderSettings Tenants);

/// <summary>Configuration section <c>Warm</c>.</summary>
public sealed record WarmOptions(IReadOnlyList<WarmDependencySettings> Dependencies)
{
    public static WarmOptions None { get; } = new([]);
}
