using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Recipes.Ci.Canonicals;
using Recipes.Ci.Configuration;
using Recipes.Swarm.Docker;
using Recipes.Swarm.Snapshots;
using Workflows.Hosting.Bus;
using Workflows.Persistence.Configuration;

namespace RecipeCi.Configuration;

/// <summary>
/// Reads the <see cref="RecipeCiSettings"/> section (DESIGN.md section 6) into its record, adding every problem to the
/// list it is given; <see cref="RecipeCiSettingsValidator"/> reports them. It reads strings and checks them itself (see
/// <see cref="ConfigurationValues"/>) so each message says what is allowed.
/// </summary>
public sealed partial class RecipeCiSettingsReader(IConfiguration configuration, List<string> problems)
{
    /// <summary>Shortest API key accepted: the key is the Studio password and the API credential, and guessable keys are brute-forced.</summary>
    public const int MinimumApiKeyLength = 24;

    private readonly ConfigurationValues _values = new(configuration, problems);

    public RecipeCiSettings Read()
    {
        var dataDir = Path.GetFullPath(_values.Text("DataDir", "./data"));
        var provider = _values.Choice("Persistence:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration["Persistence:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.PostgreSql)
                problems.Add("Persistence:ConnectionString is required when Persistence:Provider is PostgreSql " +
                             "(e.g. \"Host=127.0.0.1;Database=recipeci;Username=recipeci;Password=...\").");
            connectionString = PersistenceOptions.DefaultSqliteConnectionString(dataDir);
        }

        var transport = _values.Choice("Bus:Transport", BusTransport.InMemory);
        var rabbit = new RabbitMqOptions(
            _values.Text("Bus:RabbitMq:Host", "127.0.0.1"),
            _values.Integer("Bus:RabbitMq:Port", 5672, 1, 65535),
            _values.Text("Bus:RabbitMq:VirtualHost", "/"),
            _values.Text("Bus:RabbitMq:Username", "guest"),
            _values.Text("Bus:RabbitMq:Password", "guest"));

        var docker = new DockerOptions(_values.Endpoint("Docker:Endpoint", DockerOptions.DefaultEndpoint, "unix", "tcp", "http", "https"));

        var paths = new RecipePaths(
            _values.Folder("Recipes:Root", Path.Combine(dataDir, "recipes")),
            _values.Folder("Recipes:TestsRoot", Path.Combine(dataDir, "recipe-tests")),
            _values.Folder("Snapshots:Root", Path.Combine(dataDir, "snapshots")),
            _values.Folder("Alerts:Root", Path.Combine(dataDir, "alerts")));
        var snapshotTransport = _values.Choice("Snapshots:Transport", SnapshotTransport.Auto);

        var ci = new CiOptions(
            _values.Domain("Ci:Domain", "ci.localhost"),
            _values.Integer("Ci:MaxTests", 10, 0, 10_000),
            _values.Optional("Ci:WebhookSecret"),
            ApiKey("Ci:ApiKey")) { WarmCanonicals = _values.Boolean("Ci:WarmCanonicals", true), PromoteFrom = PromoteFromRules() };

        var (alerts, warm) = new WarmSettingsReader(_values).Read();
        var tenants = new TenantsOptions(
            _values.Integer("Tenants:MaxLive", TenantsOptions.Default.MaxLive, 1, 100_000),
            TimeSpan.FromMinutes(_values.Integer("Tenants:GracePeriodMinutes", (int)TenantsOptions.Default.GracePeriod.TotalMinutes, 0, 10_080)));

        var runtime = new RuntimeSettingsReader(configuration, problems).Read(provider, transport);
        var tests = TestSandbox();
        var swarm = new Recipes.Swarm.Stacks.SwarmOptions(NetworkNames(Recipes.Swarm.Stacks.SwarmOptions.ExternalNetworksKey, Recipes.Swarm.Stacks.SwarmOptions.Default.ExternalNetworks));

        var keepPerRecipe = _values.Integer("Snapshots:KeepPerRecipe", 3, 1, 1000);
        var pruneHostWide = _values.Boolean("Prune:HostWide", false);

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
        var image = _values.Text("Ci:Tests:Image", TestSandboxOptions.DefaultImage);
        if (!ImagePattern().IsMatch(image))
            problems.Add($"Ci:Tests:Image = '{image}' is not an image reference; use e.g. {TestSandboxOptions.DefaultImage}.");
        var user = _values.Optional("Ci:Tests:User");
        if (user is "root" or "0")
            problems.Add("Ci:Tests:User = 'root' is not allowed; tests never run as root. Use an unprivileged user, or leave it unset and build the test image.");
        var defaults = Recipes.Swarm.Sandbox.SandboxLimits.Default;
        var limits = defaults with
        {
            MemoryBytes = (long)_values.Integer("Ci:Tests:MemoryMb", (int)(defaults.MemoryBytes >> 20), 16, 1_048_576) << 20,
            Cpus = _values.Integer("Ci:Tests:CpuPercent", (int)(defaults.Cpus * 100), 1, 100_000) / 100.0,
        };
        return new TestSandboxOptions(image, user, _values.Choice("Ci:Tests:Trust", TestTrust.Recipe), limits);
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
            problems.Add($"Ci:PromoteFrom is not allowed: {e.Message}");
            return PromoteFrom.Default;
        }
    }

    // Docker network names: a comma-separated value (handy in an environment variable) or a list (Key:0, Key:1).
    private IReadOnlyList<string> NetworkNames(string key, IReadOnlyList<string> fallback)
    {
        var value = configuration[key];
        var children = configuration.GetSection(key).GetChildren().Select(c => c.Value).ToList();
        if (value is null && children.Count == 0) return fallback;
        var names = (value is null ? children : [.. value.Split(',')])
            .Select(n => n?.Trim() ?? "").Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var bad in names.Where(n => !NetworkNamePattern().IsMatch(n)))
            problems.Add($"{key} names '{bad}', which is not a Docker network name; use letters, digits, '_', '.' and '-' (e.g. proxy).");
        return names;
    }

    private string? ApiKey(string key)
    {
        var value = _values.Optional(key);
        if (value is not null && value.Trim().Length < MinimumApiKeyLength)
            problems.Add($"{key} is {value.Trim().Length} characters long; use at least {MinimumApiKeyLength} random characters " +
                         "(e.g. the output of 'openssl rand -hex 32'), set through RECIPECI_Ci__ApiKey or a secret file.");
        return value;
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9._-]{1,128})?(@sha256:[0-9a-f]{64})?\z")]
    private static partial Regex ImagePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}\\z")]
    private static partial Regex NetworkNamePattern();
}
