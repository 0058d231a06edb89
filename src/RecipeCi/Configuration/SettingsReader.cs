using Microsoft.Extensions.Configuration;
using Npgsql;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Catalog;
using Recipes.Ci.Configuration;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Workflows.Hosting.Bus;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads and validates configuration. Every problem is collected, so one start names them all; values are
/// read as strings and checked here rather than by the binder, whose errors do not say what is allowed.
/// </summary>
public sealed class SettingsReader(IConfiguration configuration)
{
    private readonly List<string> _problems = [];

    public RecipeCiSettings Read()
    {
        var dataDir = Path.GetFullPath(Text("DataDir", "./data"));
        var provider = Choice("Persistence:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration["Persistence:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.PostgreSql)
                _problems.Add("Persistence:ConnectionString is required when Persistence:Provider is PostgreSql " +
                              "(e.g. \"Host=127.0.0.1;Database=recipeci;Username=recipeci;Password=...\").");
            connectionString = PersistenceOptions.DefaultSqliteConnectionString(dataDir);
        }

        var transport = Choice("Bus:Transport", BusTransport.InMemory);
        var rabbit = new RabbitMqOptions(
            Text("Bus:RabbitMq:Host", "127.0.0.1"),
            Integer("Bus:RabbitMq:Port", 5672, 1, 65535),
            Text("Bus:RabbitMq:VirtualHost", "/"),
            Text("Bus:RabbitMq:Username", "guest"),
            Text("Bus:RabbitMq:Password", "guest"));

        var docker = new DockerOptions(Endpoint("Docker:Endpoint", DockerOptions.DefaultEndpoint, "unix", "tcp", "http", "https"));

        var paths = new RecipePaths(
            Folder("Recipes:Root", Path.Combine(dataDir, "recipes")),
            Folder("Recipes:TestsRoot", Path.Combine(dataDir, "recipe-tests")),
            Folder("Snapshots:Root", Path.Combine(dataDir, "snapshots")),
            Folder("Alerts:Root", Path.Combine(dataDir, "alerts")));
        var snapshotTransport = Choice("Snapshots:Transport", SnapshotTransport.Auto);

        var ci = new CiOptions(
            Domain("Ci:Domain", "ci.localhost"),
            Integer("Ci:MaxTests", 10, 0, 10_000),
            Optional("Ci:WebhookSecret"),
            ApiKey("Ci:ApiKey")) { WarmCanonicals = Boolean("Ci:WarmCanonicals", true), PromoteFrom = PromoteFromRules() };

        foreach (var list in new[] { "Alerts:Sinks", "Warm:Dependencies" }.Where(k => configuration[k] is not null))
            _problems.Add($"{list} must be a list of sections ({list}:0:..., {list}:1:...), not a single value.");
        var alerts = new AlertsOptions(configuration.GetSection("Alerts:Sinks").GetChildren().Select(AlertSink).ToList());
        var warm = new WarmOptions(configuration.GetSection("Warm:Dependencies").GetChildren().Select(WarmDependency).ToList());
        foreach (var duplicate in warm.Dependencies.GroupBy(d => d.Name).Where(g => g.Count() > 1))
            _problems.Add($"Warm:Dependencies names '{duplicate.Key}' {duplicate.Count()} times; each dependency needs its own Name.");
        var tenants = new TenantsOptions(
            Integer("Tenants:MaxLive", TenantsOptions.Default.MaxLive, 1, 100_000),
            TimeSpan.FromMinutes(Integer("Tenants:GracePeriodMinutes", (int)TenantsOptions.Default.GracePeriod.TotalMinutes, 0, 10_080)));

        var runtime = new RuntimeSettingsReader(configuration, _problems).Read(provider, transport);
        var tests = TestSandbox();
        var swarm = new Recipes.Swarm.Stacks.SwarmOptions(NetworkNames(Recipes.Swarm.Stacks.SwarmOptions.ExternalNetworksKey, Recipes.Swarm.Stacks.SwarmOptions.Default.ExternalNetworks));

        var keepPerRecipe = Integer("Snapshots:KeepPerRecipe", 3, 1, 1000);
        var pruneHostWide = Boolean("Prune:HostWide", false);

        if (_problems.Count > 0) throw new ConfigurationException(_problems);
        return new RecipeCiSettings(dataDir, new PersistenceOptions(provider, connectionString), new BusOptions(transport, rabbit), docker, paths, ci,
            alerts, warm, tenants)
        {
            Runtime = runtime,
            SnapshotTransport = snapshotTransport,
            SnapshotsKeepPerRecipe = keepPerRecipe,
            PruneHostWide = pruneHostWide,
            Tests = tests,
            Swarm = swarm,
        };
    }

    // Ci:Tests: the test sandbox. An image name is checked only for shape; whether it exists is checked per run.
    private TestSandboxOptions TestSandbox()
    {
        var image = Text("Ci:Tests:Image", TestSandboxOptions.DefaultImage);
        if (!System.Text.RegularExpressions.Regex.IsMatch(image, @"^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]{1,128})?(@sha256:[0-9a-f]{64})?\z"))
            _problems.Add($"Ci:Tests:Image = '{image}' is not an image reference; use e.g. {TestSandboxOptions.DefaultImage}.");
        var user = Optional("Ci:Tests:User");
        if (user is "root" or "0")
            _problems.Add("Ci:Tests:User = 'root' is not allowed; tests never run as root. Use an unprivileged user, or leave it unset and build the test image.");
        var defaults = Recipes.Swarm.Sandbox.SandboxLimits.Default;
        var limits = defaults with
        {
            MemoryBytes = (long)Integer("Ci:Tests:MemoryMb", (int)(defaults.MemoryBytes >> 20), 16, 1_048_576) << 20,
            Cpus = Integer("Ci:Tests:CpuPercent", (int)(defaults.Cpus * 100), 1, 100_000) / 100.0,
        };
        return new TestSandboxOptions(image, user, Choice("Ci:Tests:Trust", TestTrust.Recipe), limits);
    }

    // Ci:PromoteFrom as "default-branch,tags" or as an array Ci:PromoteFrom:0, Ci:PromoteFrom:1, ...
    private PromoteFrom PromoteFromRules()
    {
        var entries = configuration.GetSection("Ci:PromoteFrom").GetChildren().Select(c => c.Value ?? "").ToList();
        if (configuration["Ci:PromoteFrom"] is { } text)
            entries.AddRange(text.Split(','));
        if (entries.Count == 0)
            return PromoteFrom.Default;
        try
        {
            return PromoteFrom.Parse(entries);
        }
        catch (FormatException e)
        {
            _problems.Add($"Ci:PromoteFrom is not allowed: {e.Message}");
            return PromoteFrom.Default;
        }
    }

    // One entry of Alerts:Sinks, e.g. Alerts:Sinks:0:Type. Tokens are secrets: no message repeats them.
    private AlertSinkSettings AlertSink(IConfigurationSection entry)
    {
        var at = entry.Path;
        var type = Choice($"{at}:Type", AlertSinkKind.Webhook, required: true);
        var url = Url($"{at}:Url", "https://ntfy.sh");
        var topic = Optional($"{at}:Topic");
        if (type == AlertSinkKind.Ntfy && (topic is null || !System.Text.RegularExpressions.Regex.IsMatch(topic, "^[A-Za-z0-9_-]{1,64}\\z")))
            _problems.Add($"{at}:Topic = '{topic}' is not allowed; an Ntfy sink needs a topic of 1-64 letters, digits, _ and -.");
        if (type != AlertSinkKind.Ntfy && topic is not null)
            _problems.Add($"{at}:Topic is only used by Ntfy sinks; remove it or set {at}:Type to Ntfy.");
        return new AlertSinkSettings(type, url, topic, Optional($"{at}:Token"));
    }

    // One entry of Warm:Dependencies, e.g. Warm:Dependencies:0:VersionPolicy.
    private WarmDependencySettings WarmDependency(IConfigurationSection entry)
    {
        var at = entry.Path;
        var name = configuration[$"{at}:Name"];
        if (name is null || !System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z][a-z0-9-]{0,39}\\z"))
            _problems.Add($"{at}:Name = '{name}' is not allowed; use 1-40 lower-case letters, digits and dashes, starting with a letter (e.g. keycloak).");
        var recipe = configuration[$"{at}:Recipe"];
        if (!RecipeName.TryParse(recipe, out _))
            _problems.Add($"{at}:Recipe = '{recipe}' is not allowed; use a recipe name under Recipes:Root (lower-case letters, digits and dashes).");
        var policy = Choice($"{at}:VersionPolicy", VersionPolicy.Latest);
        var version = Optional($"{at}:Version");
        if (policy == VersionPolicy.Pinned && (version is null || !Semver.SemVersion.TryParse(version, Semver.SemVersionStyles.Strict, out _)))
            _problems.Add($"{at}:Version = '{version}' is not allowed; VersionPolicy Pinned needs a version tag such as 26.1.0+26.1.0.");
        if (policy == VersionPolicy.Latest && version is not null)
            _problems.Add($"{at}:Version is only used with VersionPolicy Pinned; remove it or set {at}:VersionPolicy to Pinned.");
        var healthPath = Text($"{at}:HealthGate:Path", HealthGateSettings.Default.Path);
        if (!healthPath.StartsWith('/') || healthPath.Any(char.IsWhiteSpace))
            _problems.Add($"{at}:HealthGate:Path = '{healthPath}' is not allowed; use an HTTP path starting with / (e.g. /health/ready).");
        var healthUrl = Optional($"{at}:HealthGate:Url");
        if (healthUrl is not null && (!Uri.TryCreate(System.Text.RegularExpressions.Regex.Replace(healthUrl, @"\$\{[A-Za-z_][A-Za-z0-9_]*\}", "1"), UriKind.Absolute, out var probe)
                                      || probe.Scheme is not ("http" or "https") || !probe.IsLoopback))
            _problems.Add($"{at}:HealthGate:Url = '{healthUrl}' is not allowed; use an http(s) URL on 127.0.0.1, ${{VAR}} taken from the app's env (e.g. http://127.0.0.1:${{PORT}}/health).");
        var health = new HealthGateSettings(healthPath,
            TimeSpan.FromSeconds(Integer($"{at}:HealthGate:TimeoutSeconds", (int)HealthGateSettings.Default.Timeout.TotalSeconds, 1, 3600)), healthUrl);
        var flag = configuration[$"{at}:HoldFlagFile"] is null ? null : Folder($"{at}:HoldFlagFile", "");
        return new WarmDependencySettings(name ?? "", recipe ?? "", policy, version,
            Boolean($"{at}:HoldMajorBumps", true), Boolean($"{at}:HoldWhileTenantsLive", true), Boolean($"{at}:Hold", false), flag,
            health, TenantProvider($"{at}:Tenants"));
    }

    // Passwords and connection strings are secrets: a problem names the key, never the value.
    private TenantProviderSettings TenantProvider(string at)
    {
        var kind = Choice($"{at}:Provider", TenantProviderKind.None);
        switch (kind)
        {
            case TenantProviderKind.Keycloak:
                var url = Url($"{at}:Keycloak:Url", "https://keycloak.example.org");
                var user = Optional($"{at}:Keycloak:AdminUser");
                var password = Optional($"{at}:Keycloak:AdminPassword");
                if (user is null) _problems.Add($"{at}:Keycloak:AdminUser is required when {at}:Provider is Keycloak (an admin of realm master).");
                if (password is null) _problems.Add($"{at}:Keycloak:AdminPassword is required when {at}:Provider is Keycloak.");
                return new TenantProviderSettings(kind, url, user, password, null);
            case TenantProviderKind.Postgres:
                var connection = Optional($"{at}:Postgres:ConnectionString");
                if (connection is null)
                    _problems.Add($"{at}:Postgres:ConnectionString is required when {at}:Provider is Postgres (e.g. \"Host=127.0.0.1;Username=postgres;Password=...\").");
                else if (!IsConnectionString(connection))
                    _problems.Add($"{at}:Postgres:ConnectionString is not a valid PostgreSQL connection string (value not shown: it may hold a password).");
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

    private Uri Url(string key, string example)
    {
        var value = configuration[key];
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        // The value is not repeated: webhook URLs (Slack's, for one) carry their secret in the path.
        _problems.Add(value is null
            ? $"{key} is required; use an absolute http or https URL (e.g. {example})."
            : $"{key} is not allowed (value not shown); use an absolute http or https URL (e.g. {example}).");
        return new Uri(example);
    }

    private bool Boolean(string key, bool fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (bool.TryParse(value, out var parsed)) return parsed;
        _problems.Add($"{key} = '{value}' is not allowed; use true or false.");
        return fallback;
    }

    private string Text(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (string.IsNullOrWhiteSpace(value)) _problems.Add($"{key} is empty; remove it to use the default '{fallback}' or give a value.");
        return value;
    }

    // Docker network names: a comma-separated value (handy in an environment variable) or a list (Key:0, Key:1).
    private IReadOnlyList<string> NetworkNames(string key, IReadOnlyList<string> fallback)
    {
        var value = configuration[key];
        var children = configuration.GetSection(key).GetChildren().Select(c => c.Value).ToList();
        if (value is null && children.Count == 0) return fallback;
        var names = (value is null ? children : [.. value.Split(',')])
            .Select(n => n?.Trim() ?? "").Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var bad in names.Where(n => !System.Text.RegularExpressions.Regex.IsMatch(n, "^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}\\z")))
            _problems.Add($"{key} names '{bad}', which is not a Docker network name; use letters, digits, '_', '.' and '-' (e.g. proxy).");
        return names;
    }

    /// <summary>Shortest API key accepted: the key is the Studio password and the API credential, and guessable keys are brute-forced.</summary>
    public const int MinimumApiKeyLength = 24;

    private string? ApiKey(string key)
    {
        var value = Optional(key);
        if (value is not null && value.Trim().Length < MinimumApiKeyLength)
            _problems.Add($"{key} is {value.Trim().Length} characters long; use at least {MinimumApiKeyLength} random characters " +
                          "(e.g. the output of 'openssl rand -hex 32'), set through RECIPECI_Ci__ApiKey or a secret file.");
        return value;
    }

    private string? Optional(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

    private TEnum Choice<TEnum>(string key, TEnum fallback, bool required = false) where TEnum : struct, Enum
    {
        var value = configuration[key];
        if (value is null && required) _problems.Add($"{key} is required; use one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        if (value is null) return fallback;
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            return parsed;
        _problems.Add($"{key} = '{value}' is not allowed; use one of: {string.Join(", ", Enum.GetNames<TEnum>())}.");
        return fallback;
    }

    private int Integer(string key, int fallback, int min, int max)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (int.TryParse(value, out var parsed) && parsed >= min && parsed <= max) return parsed;
        _problems.Add($"{key} = '{value}' is not allowed; use a whole number from {min} to {max}.");
        return fallback;
    }

    private Uri Endpoint(string key, Uri fallback, params string[] schemes)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)) return uri;
        _problems.Add($"{key} = '{value}' is not allowed; use an absolute URL with scheme {string.Join(", ", schemes)} (e.g. unix:///var/run/docker.sock).");
        return fallback;
    }

    private string Folder(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (string.IsNullOrWhiteSpace(value) || value.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            _problems.Add($"{key} = '{value}' is not allowed; use a folder path.");
            return fallback;
        }
        return Path.GetFullPath(value);
    }

    private string Domain(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (System.Text.RegularExpressions.Regex.IsMatch(value, @"^(?=.{1,253}\z)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\z"))
            return value;
        _problems.Add($"{key} = '{value}' is not allowed; use a lower-case DNS name such as ci.example.org.");
        return fallback;
    }
}
