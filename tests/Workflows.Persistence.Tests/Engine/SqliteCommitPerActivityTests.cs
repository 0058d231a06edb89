using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Engine;

public sealed class SqliteCommitPerActivityTests(SqliteStoreFixture fixture)
    : CommitPerActivityTests(fixture), IClassFixture<SqliteStoreFixture>;
