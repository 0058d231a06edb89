using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workflows.Persistence.Configuration;
using Workflows.Persistence.Data;

namespace Workflows.Persistence.Schema;

/// <summary>Brings the engine's tables to the latest migration at start (see <see cref="SchemaMigrator{TDatabase}"/>).</summary>
public sealed class DatabaseMigrator(
    IDbContextFactory<WorkflowsDbContext> contextFactory,
    PersistenceOptions options,
    ILogger<DatabaseMigrator> logger)
    : SchemaMigrator<WorkflowsDbContext>(contextFactory.CreateDbContextAsync, options, logger, "database", AdvisoryLockKey)
{
    /// <summary>Advisory lock key: "rcmigrat" in ASCII, unlikely to collide with anyone else's key.</summary>
    private const long AdvisoryLockKey = 0x72636D6967726174;
}
