using TestKit;

namespace Workflows.Hosting.Tests.Server;

/// <summary>
/// The configuration shared by the nodes of one test server: a unique PostgreSQL database and RabbitMQ work
/// queue (or SQLite and the in-memory bus), a short lease so recovery is quick, the test-only activities, and a
/// workflows folder the nodes import at start.
/// </summary>
public sealed class ServerCluster : IAsyncDisposable
{
    public const string ApiKey = "server-test-key-0123456789";
    public const int LeaseSeconds = 3;

    private readonly PostgresDatabase? _database;
    private readonly List<ServerNode> _nodes = [];

    private readonly Uri _rabbitMq;

    private ServerCluster(PostgresDatabase? database, TempFolder folder, IReadOnlyList<string> configuration, Uri? rabbitMq = null)
    {
        _database = database;
        _rabbitMq = rabbitMq ?? TestEnvironment.RabbitMqUri;
        QueueName = database is null ? null : "test-" + database.Name;
        Folder = folder;
        Configuration = configuration;
    }

    public TempFolder Folder { get; }

    /// <summary>The PostgreSQL database of this cluster; null on SQLite.</summary>
    public string? ConnectionString => _database?.ConnectionString;

    /// <summary>The RabbitMQ work queue of this cluster (deleted on dispose); null with the in-memory bus.</summary>
    public string? QueueName { get; }
    public string WorkflowsFolder => Path.Combine(Folder.Path, "workflows");
    public IReadOnlyList<string> Configuration { get; }

    /// <summary>PostgreSQL + RabbitMQ (the shared broker unless <paramref name="rabbitMq"/> names another): any number of nodes.</summary>
    public static async Task<ServerCluster> CreatePostgresAsync(string purpose, IEnumerable<string>? extra = null, Uri? rabbitMq = null)
    {
        var database = await PostgresDatabase.CreateAsync(purpose);
        var folder = new TempFolder();
        var rabbit = rabbitMq ?? TestEnvironment.RabbitMqUri;
        var credentials = rabbit.UserInfo.Split(':');
        IReadOnlyList<string> configuration =
        [
            "--Persistence:Provider", "PostgreSql",
            "--Persistence:ConnectionString", database.ConnectionString,
            "--Bus:Transport", "RabbitMq",
            "--Bus:RabbitMq:Host", rabbit.Host,
            "--Bus:RabbitMq:Port", rabbit.Port.ToString(),
            "--Bus:RabbitMq:Username", Uri.UnescapeDataString(credentials[0]),
            "--Bus:RabbitMq:Password", Uri.UnescapeDataString(credentials.ElementAtOrDefault(1) ?? ""),
            "--Runtime:Nodes", "2",
            "--Runtime:QueueName", "test-" + database.Name,
            .. Common(folder),
            .. extra ?? [],
        ];
        return new ServerCluster(database, folder, configuration, rabbit);
    }

    /// <summary>SQLite + in-memory bus: the embedded single-node default, with <paramref name="extra"/> settings.</summary>
    public static ServerCluster CreateSqlite(IEnumerable<string>? extra = null)
    {
        var folder = new TempFolder();
        return new ServerCluster(null, folder, [.. Common(folder), .. extra ?? []]);
    }

    private static IEnumerable<string> Common(TempFolder folder) =>
    [
        "--DataDir", Path.Combine(folder.Path, "data"),
        "--Workflows:Folder", Path.Combine(folder.Path, "workflows"),
        "--Runtime:LeaseSeconds", LeaseSeconds.ToString(),
        "--Runtime:ShutdownDeadlineSeconds", "5",
        "--Runtime:WorkerConcurrency", "16",
        "--Runtime:TestActivities", "true",
        "--Ci:ApiKey", ApiKey,
        "--Docker:Endpoint", "unix:///nonexistent/docker.sock",
    ];

    /// <summary>Writes a definition file for the nodes to import at start.</summary>
    public void AddWorkflow(string definitionId, string json)
    {
        Directory.CreateDirectory(WorkflowsFolder);
        File.WriteAllText(Path.Combine(WorkflowsFolder, definitionId + ".json"), json);
    }

    public async Task<ServerNode> StartNodeAsync(string nodeId)
    {
        var node = await ServerNode.StartAsync(Configuration, nodeId, Folder.Path);
        lock (_nodes)
            _nodes.Add(node);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
        if (QueueName is not null)
        {
            var factory = new RabbitMQ.Client.ConnectionFactory { Uri = _rabbitMq };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            await channel.QueueDeleteAsync(QueueName, ifUnused: false, ifEmpty: false);
        }
        Folder.Dispose();
    }
}
