using Npgsql;

namespace Workflows.Persistence.Configuration;

/// <summary>The PostgreSQL connection string as the stores and the instance locks open it.</summary>
public static class PostgresConnectionStrings
{
    /// <summary>
    /// The connection string as the stores and the instance locks open it, with three defaults a connection string may
    /// override:
    /// <list type="bullet">
    /// <item>Pooled connections are handed out again without Npgsql's session reset (No Reset On Close). The stores keep
    /// no session state (no SET outside a transaction, no LISTEN, temporary tables or session locks), and the locks
    /// release their own (<c>PostgresWorkflowLocks</c>); the reset, statements the server parses and runs at the next use
    /// of the connection, came with every store call and every lock.</item>
    /// <item>Automatic preparation: the engine sends the same few statements (instance upsert, journal inserts) for
    /// every step, and a prepared statement skips parsing and planning.</item>
    /// <item>No TLS to a server on this machine (loopback or Unix socket).</item>
    /// </list>
    /// </summary>
    public static string Normalize(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!IsSet(builder, "No Reset On Close"))
            builder.NoResetOnClose = true;
        if (!IsSet(builder, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 32;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!IsSet(builder, "SSL Mode") && IsLocal(builder.Host))
        {
            // Npgsql prefers TLS when the server offers it; over loopback or a Unix socket it protects nothing and costs
            // CPU on both ends at every round trip (a large share of a step's cost). Set SSL Mode to keep it.
            builder.SslMode = SslMode.Disable;
        }
        return builder.ToString();
    }

    // Keys lists the keywords the string sets, by their canonical names ("sslmode" reads as "SSL Mode"); ContainsKey
    // answers true for every keyword Npgsql knows, set or not.
    private static bool IsSet(NpgsqlConnectionStringBuilder builder, string keyword) =>
        builder.Keys.Cast<string>().Contains(keyword, StringComparer.OrdinalIgnoreCase);

    private static bool IsLocal(string? host) =>
        host is "localhost" or "127.0.0.1" or "::1" or "[::1]"
        || (host is { Length: > 0 } && host.StartsWith('/'));
}
