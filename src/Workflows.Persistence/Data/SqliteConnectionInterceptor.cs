using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Persistence.Data;

/// <summary>
/// Applies the per-connection SQLite settings every time EF opens a connection (the settings do not survive in the
/// pooled connection reliably across providers, and they cost microseconds). WAL itself is persistent in the file and
/// is switched on once by the migrator.
/// </summary>
internal sealed class SqliteConnectionInterceptor(int busyTimeoutMilliseconds) : DbConnectionInterceptor
{
    // synchronous=NORMAL in WAL mode: every commit survives a process crash (what the lease/recovery design needs);
    // only an OS crash or power loss can drop the last commits, and the file stays consistent.
    private string Pragmas => $"PRAGMA busy_timeout={busyTimeoutMilliseconds}; PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
