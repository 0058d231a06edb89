using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Retention;

public sealed class SqliteRetentionTests(SqliteStoreFixture fixture) : RetentionTests(fixture), IClassFixture<SqliteStoreFixture>;
