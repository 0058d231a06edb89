using Workflows.Persistence.Tests.Fixtures;

namespace Workflows.Persistence.Tests.Engine;

[Trait("Category", "Services")]
public sealed class PostgresCommitPerActivityTests(PostgresStoreFixture fixture)
    : CommitPerActivityTests(fixture), IClassFixture<PostgresStoreFixture>;
