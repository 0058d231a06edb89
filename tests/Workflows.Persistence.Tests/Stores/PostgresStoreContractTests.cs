using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Stores;

[Trait("Category", "Services")]
public sealed class PostgresStoreContractTests(PostgresStoreFixture fixture)
    : StoreContractTests(fixture), IClassFixture<PostgresStoreFixture>;
