using TestKit;
using Workflows.Persistence.Configuration;

namespace Workflows.Hosting.Tests.Triggers;

/// <summary>One PostgreSQL database and one server node on it, shared by a test class; dropped afterwards.</summary>
public sealed class PostgresTriggerServerFixture : IAsyncLifetime
{
    public const long MaxRequestBytes = 4096;

    private PostgresDatabase? _database;
    private TriggerTestServer? _server;

    public PostgresDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public TriggerTestServer Server => _server ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync("http-triggers");
        _server = await TriggerTestServer.StartAsync(
            new PersistenceOptions(DatabaseProvider.PostgreSql, _database.ConnectionString), "http-node", MaxRequestBytes);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
