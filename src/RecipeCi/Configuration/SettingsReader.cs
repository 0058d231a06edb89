using Microsoft.Extensions.Configuration;
using Recipes.Ci.Configuration;
using Recipes.Swarm.Docker;
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

        var ci = new CiOptions(
            Domain("Ci:Domain", "ci.localhost"),
            Integer("Ci:MaxTests", 10, 0, 10_000),
            Optional("Ci:WebhookSecret"),
            Optional("Ci:ApiKey"));

        var runtime = new RuntimeSettingsReader(configuration, _problems).Read(provider, transport);

        if (_problems.Count > 0) throw new ConfigurationException(_problems);
        return new RecipeCiSettings(dataDir, new PersistenceOptions(provider, connectionString), new BusOptions(transport, rabbit), docker, paths, ci) { Runtime = runtime };
    }

    private string Text(string key, string fallback)
    {
        var value = configuration[key];
        if (value is null) return fallback;
        if (string.IsNullOrWhiteSpace(value)) _problems.Add($"{key} is empty; remove it to use the default '{fallback}' or give a value.");
        return value;
    }

    private string? Optional(string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key];

    private TEnum Choice<TEnum>(string key, TEnum fallback) where TEnum : struct, Enum
    {
        var value = configuration[key];
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
        if (System.Text.RegularExpressions.Regex.IsMatch(value, @"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"))
            return value;
        _problems.Add($"{key} = '{value}' is not allowed; use a lower-case DNS name such as ci.example.org.");
        return fallback;
    }
}
