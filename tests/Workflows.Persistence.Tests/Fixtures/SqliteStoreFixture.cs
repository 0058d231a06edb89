namespace Workflows.Persistence.Tests.Fixtures;

public sealed class SqliteStoreFixture : StoreFixture
{
    protected override Task<ITestDatabase> CreateDatabaseAsync() => Task.FromResult<ITestDatabase>(new SqliteTestDatabase());
}
