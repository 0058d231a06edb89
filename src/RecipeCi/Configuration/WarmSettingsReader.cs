using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Recipes.Ci.Catalog;
using Recipes.Ci.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads the list sections of <see cref="RecipeCiSettings"/>: <c>Alerts:Sinks</c> and <c>Warm:Dependencies</c> (with
/// each dependency's tenant provider), adding problems to the section's list. Tokens, passwords and connection strings
/// are secrets: no message repeats them.
/// </summary>
public sealed class WarmSettingsReader(ConfigurationValues values)
{
    public (AlertsOptions Alerts, WarmOptions Warm) Read()
    {
        foreach (var list in new[] { "Alerts:Sinks", "Warm:Dependencies" }.Where(k => values[k] is not null))
            values.Problems.Add($"{list} must be a list of sections ({list}:0:..., {list}:1:...), not a single value.");
        var alerts = new AlertsOptions(values.Configuration.GetSection("Alerts:Sinks").GetChildren().Select(AlertSink).ToList());
        var warm = new WarmOptions(values.Configuration.GetSection("Warm:Dependencies").GetChildren().Select(WarmDependency).ToList());
        foreach (var duplicate in warm.Dependencies.GroupBy(d => d.Name).Where(g => g.Count() > 1))
            values.Problems.Add($"Warm:Dependencies names '{duplicate.Key}' {duplicate.Count()} times; each dependency needs its own Name.");
        return (alerts, warm);
    }

    // One entry of Alerts:Sinks, e.g. Alerts:Sinks:0:Type.
    private AlertSinkSettings AlertSink(IConfigurationSection entry)
    {
        var at = entry.Path;
        var type = values.Choice($"{at}:Type", AlertSinkKind.Webhook, required: true);
        var url = values.Url($"{at}:Url", "https://ntfy.sh");
        var topic = values.Optional($"{at}:Topic");
        if (type == AlertSinkKind.Ntfy && (topic is null || !Regex.IsMatch(topic, "^[A-Za-z0-9_-]{1,64}\\z")))
            values.Problems.Add($"{at}:Topic = '{topic}' is not allowed; an Ntfy sink needs a topic of 1-64 letters, digits, _ and -.");
        if (type != AlertSinkKind.Ntfy && topic is not null)
            values.Problems.Add($"{at}:Topic is only used by Ntfy sinks; remove it or set {at}:Type to Ntfy.");
        return new AlertSinkSettings(type, url, topic, values.Optional($"{at}:Token"));
    }

    // One entry of Warm:Dependencies, e.g. Warm:Dependencies:0:VersionPolicy.
    private WarmDependencySettings WarmDependency(IConfigurationSection entry)
    {
        var at = entry.Path;
        var problems = values.Problems;
        var name = values[$"{at}:Name"];
        if (name is null || !Regex.IsMatch(name, "^[a-z][a-z0-9-]{0,39}\\z"))
            problems.Add($"{at}:Name = '{name}' is not allowed; use 1-40 lower-case letters, digits and dashes, starting with a letter (e.g. keycloak).");
        var recipe = values[$"{at}:Recipe"];
        if (!RecipeName.TryParse(recipe, out _))
            problems.Add($"{at}:Recipe = '{recipe}' is not allowed; use a recipe name under Recipes:Root (lower-case letters, digits and dashes).");
        var policy = values.Choice($"{at}:VersionPolicy", VersionPolicy.Latest);
        var version = values.Optional($"{at}:Version");
        if (policy == VersionPolicy.Pinned && (version is null || !Semver.SemVersion.TryParse(version, Semver.SemVersionStyles.Strict, out _)))
            problems.Add($"{at}:Version = '{version}' is not allowed; VersionPolicy Pinned needs a version tag such as 26.1.0+26.1.0.");
        if (policy == VersionPolicy.Latest && version is not null)
            problems.Add($"{at}:Version is only used with VersionPolicy Pinned; remove it or set {at}:VersionPolicy to Pinned.");
        var health = HealthGate(at);
        var flag = values[$"{at}:HoldFlagFile"] is null ? null : values.Folder($"{at}:HoldFlagFile", "");
        return new WarmDependencySettings(name ?? "", recipe ?? "", policy, version,
            values.Boolean($"{at}:HoldMajorBumps", true), values.Boolean($"{at}:HoldWhileTenantsLive", true), values.Boolean($"{at}:Hold", false), flag,
            health, TenantProvider($"{at}:Tenants"));
    }

    private HealthGateSettings HealthGate(string at)
    {
        var healthPath = values.Text($"{at}:HealthGate:Path", HealthGateSettings.Default.Path);
        if (!healthPath.StartsWith('/') || healthPath.Any(char.IsWhiteSpace))
            values.Problems.Add($"{at}:HealthGate:Path = '{healthPath}' is not allowed; use an HTTP path starting with / (e.g. /health/ready).");
        var healthUrl = values.Optional($"{at}:HealthGate:Url");
        if (healthUrl is not null && (!Uri.TryCreate(Regex.Replace(healthUrl, @"\$\{[A-Za-z_][A-Za-z0-9_]*\}", "1"), UriKind.Absolute, out var probe)
                                      || probe.Scheme is not ("http" or "https") || !probe.IsLoopback))
            values.Problems.Add($"{at}:HealthGate:Url = '{healthUrl}' is not allowed; use an http(s) URL on 127.0.0.1, ${{VAR}} taken from the app's env (e.g. http://127.0.0.1:${{PORT}}/health).");
        return new HealthGateSettings(healthPath,
            TimeSpan.FromSeconds(values.Integer($"{at}:HealthGate:TimeoutSeconds", (int)HealthGateSettings.Default.Timeout.TotalSeconds, 1, 3600)), healthUrl);
    }

    // Passwords and connection strings are secrets: a problem names the key, never the value.
    private TenantProviderSettings TenantProvider(string at)
    {
        var kind = values.Choice($"{at}:Provider", TenantProviderKind.None);
        switch (kind)
        {
            case TenantProviderKind.Keycloak:
                var url = values.Url($"{at}:Keycloak:Url", "https://keycloak.example.org");
                var user = values.Optional($"{at}:Keycloak:AdminUser");
                var password = values.Optional($"{at}:Keycloak:AdminPassword");
                if (user is null) values.Problems.Add($"{at}:Keycloak:AdminUser is required when {at}:Provider is Keycloak (an admin of realm master).");
                if (password is null) values.Problems.Add($"{at}:Keycloak:AdminPassword is required when {at}:Provider is Keycloak.");
                return new TenantProviderSettings(kind, url, user, password, null);
            case TenantProviderKind.Postgres:
                var connection = values.Optional($"{at}:Postgres:ConnectionString");
                if (connection is null)
                    values.Problems.Add($"{at}:Postgres:ConnectionString is required when {at}:Provider is Postgres (e.g. \"Host=127.0.0.1;Username=postgres;Password=...\").");
                else if (!IsConnectionString(connection))
                    values.Problems.Add($"{at}:Postgres:ConnectionString is not a valid PostgreSQL connection string (value not shown: it may hold a password).");
                return new TenantProviderSettings(kind, null, null, null, connection);
            default:
                return TenantProviderSettings.None;
        }
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
