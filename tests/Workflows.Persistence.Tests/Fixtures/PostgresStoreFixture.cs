namespace Workflows.Persistence.Tests.Fixtures;

public sealed class PostgresStoreFixture : StoreFixture
{
    protected override async Task<ITestDatabase> CreateDatabaseAsync()
    {
        var database = new PostgresTestDatabase();
        await database.CreateAsync();
        return database;
    }
}
