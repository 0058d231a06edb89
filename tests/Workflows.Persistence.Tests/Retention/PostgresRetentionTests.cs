using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Retention;

[Trait("Category", "Services")]
public sealed class PostgresRetentionTests(PostgresStoreFixture fixture) : RetentionTests(fixture), IClassFixture<PostgresStoreFixture>;
