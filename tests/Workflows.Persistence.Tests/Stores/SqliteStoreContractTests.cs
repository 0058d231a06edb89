using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Stores;

public sealed class SqliteStoreContractTests(SqliteStoreFixture fixture)
    : StoreContractTests(fixture), IClassFixture<SqliteStoreFixture>;
