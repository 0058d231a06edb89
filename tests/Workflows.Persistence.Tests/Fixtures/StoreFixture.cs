namespace Workflows.Persistence.Tests.Fixtures;

/// <summary>One migrated database per test class (xunit class fixture), removed after the class even if tests failed.</summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private ITestDatabase? _database;
    private PersistenceHost? _host;

    public ITestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");
    public PersistenceHost Host => _host ?? throw new InvalidOperationException("Fixture not initialised.");

    protected abstract Task<ITestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _host = await PersistenceHost.StartAsync(_database);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
